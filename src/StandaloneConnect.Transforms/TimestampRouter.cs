using StandaloneConnect.Sdk;
using StandaloneConnect.Sdk.Config;
using StandaloneConnect.Sdk.Transforms;

namespace StandaloneConnect.Transforms;

/// <summary>
/// Kafka's <c>TimestampRouter</c>: rewrites the topic from <c>topic.format</c>, replacing <c>${topic}</c> with the
/// record's topic and then <c>${timestamp}</c> with the record timestamp formatted in UTC by <c>timestamp.format</c>.
/// </summary>
[PluginAlias("org.apache.kafka.connect.transforms.TimestampRouter")]
public sealed class TimestampRouter : ITransformation, IVersioned
{
    public const string TopicFormatConfig = "topic.format";
    public const string TimestampFormatConfig = "timestamp.format";

    private const string TopicPlaceholder = "${topic}";
    private const string TimestampPlaceholder = "${timestamp}";

    public static ConfigDef ConfigDef { get; } = new ConfigDef()
        .Define(TopicFormatConfig, ConfigType.String, "${topic}-${timestamp}", Importance.High,
            "Format string which can contain <code>${topic}</code> and <code>${timestamp}</code> as placeholders for the topic and timestamp, respectively.")
        .Define(TimestampFormatConfig, ConfigType.String, "yyyyMMdd", Validators.Lambda(ValidatePattern, "SimpleDateFormat pattern"),
            Importance.High, "Format string for the timestamp that is compatible with <code>java.text.SimpleDateFormat</code>.");

    private string _topicFormat = "${topic}-${timestamp}";
    private JavaDateFormat _timestampFormat = JavaDateFormat.Parse("yyyyMMdd");

    public ConfigDef Config => ConfigDef;

    public string Version => PluginVersion.Of(typeof(TimestampRouter));

    public void Configure(IReadOnlyDictionary<string, string> configs)
    {
        var parsed = ConfigDef.Parse(configs);
        _topicFormat = parsed.GetString(TopicFormatConfig) ?? "";
        _timestampFormat = JavaDateFormat.Parse(parsed.GetString(TimestampFormatConfig) ?? "");
    }

    public ConnectRecord? Apply(ConnectRecord record)
    {
        var timestamp = record.Timestamp ?? throw new DataException("Timestamp missing on record: " + record);
        var formatted = _timestampFormat.Format(timestamp);
        var topic = _topicFormat.Replace(TopicPlaceholder, record.Topic, StringComparison.Ordinal)
            .Replace(TimestampPlaceholder, formatted, StringComparison.Ordinal);
        return record.NewRecord(topic, record.KafkaPartition, record.KeySchema, record.Key, record.ValueSchema,
            record.Value, record.Timestamp);
    }

    public void Dispose()
    {
    }

    private static void ValidatePattern(string name, object? value)
    {
        try
        {
            JavaDateFormat.Parse(value as string ?? "");
        }
        catch (ConfigException e)
        {
            throw new ConfigException(name, value, e.Message);
        }
    }
}
