using StandaloneConnect.Sdk.Config;

namespace StandaloneConnect.Sdk.Connectors;

/// <summary>
/// The root of every connector (Kafka's <c>Connector</c>): it validates configuration and splits the work into task
/// configurations; it does no data I/O itself. Lifecycle: <see cref="Initialize"/>, <see cref="Start"/>,
/// <see cref="TaskConfigs"/> (any number of times), <see cref="Stop"/>.
/// </summary>
public abstract class Connector : IVersioned
{
    private IConnectorContext? _context;

    /// <summary>The context, available from <see cref="Initialize"/> on.</summary>
    protected IConnectorContext Context => _context ?? throw new InvalidOperationException("The connector was not initialized");

    public virtual string Version => PluginVersion.Of(GetType());

    /// <summary>The connector's own settings (the framework adds its common keys).</summary>
    public abstract ConfigDef Config { get; }

    /// <summary>The task class this connector runs; it must derive from <see cref="SourceTask"/> or <see cref="SinkTask"/>.</summary>
    public abstract Type TaskType { get; }

    public virtual void Initialize(IConnectorContext context) => _context = context;

    public abstract void Start(IReadOnlyDictionary<string, string> props);

    /// <summary>Up to <paramref name="maxTasks"/> task configurations.</summary>
    public abstract IReadOnlyList<IReadOnlyDictionary<string, string>> TaskConfigs(int maxTasks);

    public abstract void Stop();

    /// <summary>Called when the configuration changes; the default stops and starts again.</summary>
    public virtual void Reconfigure(IReadOnlyDictionary<string, string> props)
    {
        Stop();
        Start(props);
    }

    /// <summary>Validates the connector's own settings; the default runs <see cref="Config"/>'s validation.</summary>
    public virtual IReadOnlyList<ConfigValue> Validate(IReadOnlyDictionary<string, string?> connectorConfigs) =>
        Config.Validate(connectorConfigs);
}

/// <summary>Whether a source connector can deliver exactly once (Kafka's <c>ExactlyOnceSupport</c>).</summary>
public enum ExactlyOnceSupport
{
    Supported,
    Unsupported,
}

/// <summary>A connector that reads from an external system and writes to Kafka.</summary>
public abstract class SourceConnector : Connector
{
    protected new ISourceConnectorContext Context => (ISourceConnectorContext)base.Context;

    /// <summary>The default is null: unknown.</summary>
    public virtual ExactlyOnceSupport? ExactlyOnceSupport(IReadOnlyDictionary<string, string> connectorConfig) => null;

    /// <summary>
    /// Validates (and optionally applies) an offsets change requested over REST. Return true if the connector manages
    /// nothing outside the framework; throw to reject. The default returns false.
    /// </summary>
    public virtual bool AlterOffsets(IReadOnlyDictionary<string, string> connectorConfig,
        IReadOnlyList<KeyValuePair<IReadOnlyDictionary<string, object?>, IReadOnlyDictionary<string, object?>?>> offsets) => false;
}

/// <summary>A connector that reads from Kafka and writes to an external system.</summary>
public abstract class SinkConnector : Connector
{
    public const string TopicsConfig = "topics";
    public const string TopicsRegexConfig = "topics.regex";

    /// <summary>Like <see cref="SourceConnector.AlterOffsets"/> for consumer offsets; a null offset resets the partition.</summary>
    public virtual bool AlterOffsets(IReadOnlyDictionary<string, string> connectorConfig,
        IReadOnlyDictionary<TopicPartition, long?> offsets) => false;
}
