using StandaloneConnect.Sdk;
using StandaloneConnect.Sdk.Config;
using StandaloneConnect.Sdk.Connectors;

namespace StandaloneConnect.Connectors.File;

/// <summary>
/// Reads lines from a file (or standard input) and publishes each one as a record (Kafka's
/// <c>FileStreamSourceConnector</c>). Meant for demos and tests: it runs exactly one task whatever <c>tasks.max</c> is.
/// </summary>
[PluginAlias("org.apache.kafka.connect.file.FileStreamSourceConnector")]
public sealed class FileStreamSourceConnector : SourceConnector
{
    public const string FileConfig = "file";
    public const string TopicConfig = "topic";
    public const string TaskBatchSizeConfig = "batch.size";
    public const int DefaultTaskBatchSize = 2000;

    /// <summary>The source partition key: <c>{"filename": file}</c>.</summary>
    public const string FilenameField = "filename";

    /// <summary>The source offset key: <c>{"position": byte position after the line}</c>.</summary>
    public const string PositionField = "position";

    private Dictionary<string, string>? _props;

    /// <summary>A new definition of this connector's keys (a fresh instance each call; definitions are mutable).</summary>
    public static ConfigDef CreateConfigDef() => new ConfigDef()
        .Define(FileConfig, ConfigType.String, null, Importance.High,
            "Source filename. If not specified, the standard input will be used")
        .Define(TopicConfig, ConfigType.String, ConfigDef.NoDefault, Validators.NonEmptyString, Importance.High,
            "The topic to publish data to")
        .Define(TaskBatchSizeConfig, ConfigType.Int, DefaultTaskBatchSize, Importance.Low,
            "The maximum number of records the source task can read from the file each time it is polled");

    public override ConfigDef Config { get; } = CreateConfigDef();

    public override Type TaskType => typeof(FileStreamSourceTask);

    public override void Start(IReadOnlyDictionary<string, string> props)
    {
        Config.Parse(props);
        _props = new Dictionary<string, string>(props, StringComparer.Ordinal);
    }

    /// <summary>Exactly one task config: only one reader of a stream makes sense.</summary>
    public override IReadOnlyList<IReadOnlyDictionary<string, string>> TaskConfigs(int maxTasks)
    {
        var props = _props ?? throw new InvalidOperationException("The connector was not started");
        return [new Dictionary<string, string>(props, StringComparer.Ordinal)];
    }

    public override void Stop()
    {
    }

    /// <summary>Supported when reading a file (offsets are byte positions), unsupported for standard input.</summary>
    public override ExactlyOnceSupport? ExactlyOnceSupport(IReadOnlyDictionary<string, string> connectorConfig) =>
        FileOf(connectorConfig) is null ? Sdk.Connectors.ExactlyOnceSupport.Unsupported : Sdk.Connectors.ExactlyOnceSupport.Supported;

    /// <summary>
    /// Accepts tombstones for any partition; other offsets must hold a non-negative <c>position</c> and belong to a
    /// partition with a <c>filename</c>. Rejects everything when reading standard input (no offsets are tracked).
    /// </summary>
    public override bool AlterOffsets(IReadOnlyDictionary<string, string> connectorConfig,
        IReadOnlyList<KeyValuePair<IReadOnlyDictionary<string, object?>, IReadOnlyDictionary<string, object?>?>> offsets)
    {
        if (FileOf(connectorConfig) is null)
        {
            throw new ConnectException($"Offsets cannot be modified if the '{FileConfig}' configuration is unspecified. " +
                "This is because stdin is used for input and offsets are not tracked.");
        }

        foreach (var (partition, offset) in offsets)
        {
            if (offset is null)
            {
                // Tombstones are always allowed, so that stale offsets can be cleaned up.
                continue;
            }

            if (!offset.TryGetValue(PositionField, out var position))
            {
                throw new ConnectException($"Offset objects should either be null or contain the key '{PositionField}'");
            }

            var value = position switch
            {
                long l => l,
                int i => i,
                _ => throw new ConnectException(
                    $"The value for the '{PositionField}' key in the offset is expected to be a Long value"),
            };
            if (value < 0)
            {
                throw new ConnectException($"The value for the '{PositionField}' key in the offset should be a non-negative value");
            }

            if (partition is null)
            {
                throw new ConnectException("Partition objects cannot be null");
            }

            if (!partition.ContainsKey(FilenameField))
            {
                throw new ConnectException($"Partition objects should contain the key '{FilenameField}'");
            }
        }

        // The task checks on start-up whether the position suits the file.
        return true;
    }

    /// <summary>The configured file name, or null when standard input is used (unset, empty or blank).</summary>
    internal static string? FileOf(IReadOnlyDictionary<string, string> props) =>
        props.TryGetValue(FileConfig, out var file) && !string.IsNullOrWhiteSpace(file) ? file.Trim() : null;
}
