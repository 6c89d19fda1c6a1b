using StandaloneConnect.Sdk;
using StandaloneConnect.Sdk.Config;
using StandaloneConnect.Sdk.Transforms;

namespace StandaloneConnect.Transforms.Predicates;

/// <summary>Kafka's <c>TopicNameMatches</c>: true when the Java regex <c>pattern</c> matches the whole topic name.</summary>
[PluginAlias("org.apache.kafka.connect.transforms.predicates.TopicNameMatches")]
public sealed class TopicNameMatches : IPredicate, IVersioned
{
    public const string PatternConfig = "pattern";
    public const string OverviewDoc = "A predicate which is true for records with a topic name that matches the configured regular expression.";

    private JavaRegex? _pattern;

    // Records of one task mostly share a topic: the last topic's outcome is kept.
    private volatile Outcome? _last;

    public ConfigDef Config => CreateConfigDef();

    public string Version => PluginVersion.Of(typeof(TopicNameMatches));

    public static ConfigDef CreateConfigDef() => new ConfigDef().Define(PatternConfig, ConfigType.String, ConfigDef.NoDefault,
        Validators.Composite(Validators.NonEmptyString, JavaRegex.Validator), Importance.Medium,
        "A Java regular expression for matching against the name of a record's topic.");

    public void Configure(IReadOnlyDictionary<string, string> configs)
    {
        _pattern = JavaRegex.Compile(PatternConfig, CreateConfigDef().Parse(configs).GetString(PatternConfig) ?? "");
        _last = null;
    }

    public bool Test(ConnectRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        var last = _last;
        if (last is null || !string.Equals(last.Topic, record.Topic, StringComparison.Ordinal))
        {
            var pattern = _pattern ?? throw new InvalidOperationException("TopicNameMatches is not configured.");
            last = new Outcome(record.Topic, pattern.Matches(record.Topic));
            _last = last;
        }

        return last.Matches;
    }

    public void Dispose()
    {
    }

    private sealed record Outcome(string Topic, bool Matches);
}
