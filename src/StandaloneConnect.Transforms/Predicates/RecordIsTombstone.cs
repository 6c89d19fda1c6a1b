using StandaloneConnect.Sdk;
using StandaloneConnect.Sdk.Config;
using StandaloneConnect.Sdk.Transforms;

namespace StandaloneConnect.Transforms.Predicates;

/// <summary>Kafka's <c>RecordIsTombstone</c>: true when the record's value is null (whatever its value schema).</summary>
[PluginAlias("org.apache.kafka.connect.transforms.predicates.RecordIsTombstone")]
public sealed class RecordIsTombstone : IPredicate, IVersioned
{
    public const string OverviewDoc = "A predicate which is true for records which are tombstones (i.e. have null value).";

    public ConfigDef Config => new();

    public string Version => PluginVersion.Of(typeof(RecordIsTombstone));

    public void Configure(IReadOnlyDictionary<string, string> configs) => Config.Parse(configs);

    public bool Test(ConnectRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        return record.Value is null;
    }

    public void Dispose()
    {
    }
}
