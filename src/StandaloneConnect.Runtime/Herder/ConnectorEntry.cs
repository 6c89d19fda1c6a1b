using StandaloneConnect.Runtime.Configuration;
using StandaloneConnect.Runtime.Workers;
using StandaloneConnect.Sdk.Connectors;

namespace StandaloneConnect.Runtime.Herder;

/// <summary>The herder's record of one connector: config, target state, running instance, tasks and statuses.</summary>
internal sealed class ConnectorEntry(string name, IReadOnlyDictionary<string, string> config, Type connectorType, bool isSink, TargetState target)
{
    public string Name { get; } = name;
    public IReadOnlyDictionary<string, string> Config { get; set; } = config;
    public Type ConnectorType { get; set; } = connectorType;
    public bool IsSink { get; set; } = isSink;
    public string TypeName => IsSink ? "sink" : "source";
    public TargetState Target { get; set; } = target;
    public Connector? Instance { get; set; }
    public bool InstanceStarted { get; set; }
    public StatusSnapshot Status { get; set; } = new(ConnectState.Unassigned, null);
    public List<IReadOnlyDictionary<string, string>> TaskConfigs { get; set; } = [];
    /// <summary>Running task runners; read by task threads reporting status, so concurrent.</summary>
    public System.Collections.Concurrent.ConcurrentDictionary<int, WorkerTask> Tasks { get; } = new();
    public Dictionary<int, StatusSnapshot> TaskStatus { get; } = [];
}
