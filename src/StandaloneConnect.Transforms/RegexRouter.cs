using StandaloneConnect.Sdk;
using StandaloneConnect.Sdk.Config;
using StandaloneConnect.Sdk.Transforms;

namespace StandaloneConnect.Transforms;

/// <summary>
/// Kafka's <c>RegexRouter</c>: when the Java regex matches the whole topic name, the topic becomes
/// <c>replaceFirst(replacement)</c> (<c>$1</c>, <c>${name}</c> groups); otherwise the record passes unchanged.
/// </summary>
[PluginAlias("org.apache.kafka.connect.transforms.RegexRouter")]
public sealed class RegexRouter : ITransformation, IVersioned
{
    public const string RegexConfig = "regex";
    public const string ReplacementConfig = "replacement";
    public const string OverviewDoc = "Update the record topic using the configured regular expression and replacement string." +
        "<p/>Under the hood, the regex is compiled to a <code>java.util.regex.Pattern</code>. " +
        "If the pattern matches the input topic, <code>java.util.regex.Matcher#replaceFirst()</code> is used with the replacement string to obtain the new topic.";

    private JavaRegex? _regex;
    private string _replacement = "";

    // Records of one task mostly share a topic: the last topic's outcome is kept (null = no match).
    private volatile Routed? _last;

    public ConfigDef Config => CreateConfigDef();

    public string Version => PluginVersion.Of(typeof(RegexRouter));

    public static ConfigDef CreateConfigDef() => new ConfigDef()
        .Define(RegexConfig, ConfigType.String, ConfigDef.NoDefault, JavaRegex.Validator, Importance.High,
            "Regular expression to use for matching.")
        .Define(ReplacementConfig, ConfigType.String, ConfigDef.NoDefault, null, Importance.High, "Replacement string.");

    /// <summary>Parses the config; unlike Kafka, a replacement naming a group the regex lacks fails here, not per record.</summary>
    public void Configure(IReadOnlyDictionary<string, string> configs)
    {
        var parsed = CreateConfigDef().Parse(configs);
        var pattern = parsed.GetString(RegexConfig) ?? "";
        var regex = JavaRegex.Compile(RegexConfig, pattern);
        var replacement = parsed.GetString(ReplacementConfig) ?? "";
        try
        {
            _replacement = regex.ConvertReplacement(replacement);
        }
        catch (ArgumentException e)
        {
            throw new ConfigException(ReplacementConfig, replacement, e.Message);
        }

        _regex = regex;
        _last = null;
    }

    public ConnectRecord? Apply(ConnectRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        var last = _last;
        if (last is null || !string.Equals(last.Topic, record.Topic, StringComparison.Ordinal))
        {
            var regex = _regex ?? throw new InvalidOperationException("RegexRouter is not configured.");
            last = new Routed(record.Topic, regex.Matches(record.Topic) ? regex.ReplaceFirst(record.Topic, _replacement) : null);
            _last = last;
        }

        if (last.NewTopic is not { } topic)
        {
            return record;
        }

        return record.NewRecord(topic, record.KafkaPartition, record.KeySchema, record.Key, record.ValueSchema, record.Value,
            record.Timestamp);
    }

    public void Dispose()
    {
    }

    private sealed record Routed(string Topic, string? NewTopic);
}
