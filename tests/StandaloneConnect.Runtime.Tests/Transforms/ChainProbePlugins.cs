using StandaloneConnect.Sdk;
using StandaloneConnect.Sdk.Config;
using StandaloneConnect.Sdk.Transforms;

namespace StandaloneConnect.Runtime.Tests.Transforms;

// Small SMTs and a predicate the TransformationChain tests resolve through a PluginRegistry over this assembly. The
// "ChainProbe" prefix keeps their short names clear of plugins other test fixtures define in the same assembly.

/// <summary>Appends <c>suffix</c> (<c>times</c> times) to a string value.</summary>
public sealed class ChainProbeAppendTransformation : ITransformation
{
    private string _suffix = "";
    private int _times = 1;

    public ConfigDef Config { get; } = new ConfigDef()
        .Define("suffix", ConfigType.String, ConfigDef.NoDefault, Validators.NonEmptyString, Importance.High, "What to append.")
        .Define("times", ConfigType.Int, 1, Validators.AtLeast(1), Importance.Low, "How often to append it.");

    public int Calls { get; private set; }

    public IReadOnlyDictionary<string, string> Configured { get; private set; } = new Dictionary<string, string>();

    public bool Disposed { get; private set; }

    public void Configure(IReadOnlyDictionary<string, string> configs)
    {
        var parsed = Config.Parse(configs);
        _suffix = parsed.GetString("suffix") ?? "";
        _times = parsed.GetInt("times");
        Configured = configs;
    }

    public ConnectRecord? Apply(ConnectRecord record)
    {
        Calls++;
        var value = (string?)record.Value + string.Concat(Enumerable.Repeat(_suffix, _times));
        return record.NewRecord(record.Topic, record.KafkaPartition, record.KeySchema, record.Key, record.ValueSchema, value, record.Timestamp);
    }

    public void Dispose() => Disposed = true;
}

/// <summary>Drops every record (like Kafka's <c>Filter</c>).</summary>
public sealed class ChainProbeDropTransformation : ITransformation
{
    public ConfigDef Config { get; } = new();

    public void Configure(IReadOnlyDictionary<string, string> configs)
    {
    }

    public ConnectRecord? Apply(ConnectRecord record) => null;

    public void Dispose()
    {
    }
}

/// <summary>Fails on values starting with "bad" with a DataException, as an SMT does on a record it cannot handle.</summary>
[PluginAlias("com.example.ChainProbeFail")]
public sealed class ChainProbeFailTransformation : ITransformation
{
    public ConfigDef Config { get; } = new();

    public void Configure(IReadOnlyDictionary<string, string> configs)
    {
    }

    public ConnectRecord? Apply(ConnectRecord record) =>
        record.Value is string s && s.StartsWith("bad", StringComparison.Ordinal) ? throw new DataException("probe cannot handle " + s) : record;

    public void Dispose()
    {
    }
}

/// <summary>True when the record value equals <c>value</c>.</summary>
public sealed class ChainProbeValueIsPredicate : IPredicate
{
    private string? _expected;

    public ConfigDef Config { get; } = new ConfigDef()
        .Define("value", ConfigType.String, ConfigDef.NoDefault, Importance.High, "The value that makes the predicate true.");

    public bool Disposed { get; private set; }

    public void Configure(IReadOnlyDictionary<string, string> configs) => _expected = Config.Parse(configs).GetString("value");

    public bool Test(ConnectRecord record) => Equals(record.Value, _expected);

    public void Dispose() => Disposed = true;
}
