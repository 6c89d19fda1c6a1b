using StandaloneConnect.Sdk;
using StandaloneConnect.Sdk.Config;
using StandaloneConnect.Sdk.Connectors;

namespace StandaloneConnect.Connectors.File;

/// <summary>
/// Writes each record's value as a line to a file (or standard output) (Kafka's <c>FileStreamSinkConnector</c>).
/// Meant for demos and tests.
/// </summary>
[PluginAlias("org.apache.kafka.connect.file.FileStreamSinkConnector")]
public sealed class FileStreamSinkConnector : SinkConnector
{
    public const string FileConfig = "file";

    private Dictionary<string, string>? _props;

    /// <summary>A new definition of this connector's keys (a fresh instance each call; definitions are mutable).</summary>
    public static ConfigDef CreateConfigDef() => new ConfigDef()
        .Define(FileConfig, ConfigType.String, null, Importance.High,
            "Destination filename. If not specified, the standard output will be used");

    public override ConfigDef Config { get; } = CreateConfigDef();

    public override Type TaskType => typeof(FileStreamSinkTask);

    public override void Start(IReadOnlyDictionary<string, string> props)
    {
        Config.Parse(props);
        _props = new Dictionary<string, string>(props, StringComparer.Ordinal);
    }

    /// <summary><paramref name="maxTasks"/> identical task configs.</summary>
    public override IReadOnlyList<IReadOnlyDictionary<string, string>> TaskConfigs(int maxTasks)
    {
        var props = _props ?? throw new InvalidOperationException("The connector was not started");
        var configs = new List<IReadOnlyDictionary<string, string>>(Math.Max(maxTasks, 0));
        for (var i = 0; i < maxTasks; i++)
        {
            configs.Add(new Dictionary<string, string>(props, StringComparer.Ordinal));
        }

        return configs;
    }

    public override void Stop()
    {
    }

    /// <summary>Nothing to validate or apply: the connector keeps no offsets outside Kafka.</summary>
    public override bool AlterOffsets(IReadOnlyDictionary<string, string> connectorConfig,
        IReadOnlyDictionary<TopicPartition, long?> offsets) => true;
}
