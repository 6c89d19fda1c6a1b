namespace StandaloneConnect.Runtime.Workers;

/// <summary>A task's identity: connector name and task number; prints as <c>name-0</c>.</summary>
public readonly record struct ConnectorTaskId(string Connector, int Task)
{
    public override string ToString() => $"{Connector}-{Task}";
}

/// <summary>Reported states (Kafka's <c>AbstractStatus.State</c>).</summary>
public enum ConnectState
{
    Unassigned,
    Running,
    Paused,
    Failed,
    Restarting,
    Stopped,
    Destroyed,
}

/// <summary>A state with the failure trace when FAILED.</summary>
public sealed record StatusSnapshot(ConnectState State, string? Trace)
{
    public static string Name(ConnectState state) => state.ToString().ToUpperInvariant();
}
