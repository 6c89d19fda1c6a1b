using StandaloneConnect.Sdk;
using StandaloneConnect.Sdk.Config;
using StandaloneConnect.Sdk.Transforms;

namespace StandaloneConnect.Transforms;

/// <summary>
/// Kafka's <c>Filter</c>: drops every record it is applied to. Use it with a predicate to drop only the records
/// the predicate selects (or, with <c>negate=true</c>, those it does not).
/// </summary>
[PluginAlias("org.apache.kafka.connect.transforms.Filter")]
public sealed class Filter : ITransformation, IVersioned
{
    public const string OverviewDoc = "Drops all records, filtering them from subsequent transformations in the chain. " +
        "This is intended to be used conditionally to filter out records matching (or not matching) a particular Predicate.";

    public ConfigDef Config => new();

    public string Version => PluginVersion.Of(typeof(Filter));

    public void Configure(IReadOnlyDictionary<string, string> configs) => Config.Parse(configs);

    public ConnectRecord? Apply(ConnectRecord record) => null;

    public void Dispose()
    {
    }
}
