namespace StandaloneConnect.Runtime.Configuration;

/// <summary>
/// The state a connector should be in, as requested by the user (Kafka's <c>TargetState</c>). A connector file's
/// <c>initial_state</c> of <c>RUNNING</c>, <c>PAUSED</c> or <c>STOPPED</c> maps onto these.
/// </summary>
public enum TargetState
{
    Started,
    Paused,
    Stopped,
}
