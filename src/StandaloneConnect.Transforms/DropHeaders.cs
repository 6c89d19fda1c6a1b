using StandaloneConnect.Transforms.Support;
using StandaloneConnect.Sdk;
using StandaloneConnect.Sdk.Config;
using StandaloneConnect.Sdk.Transforms;

namespace StandaloneConnect.Transforms;

/// <summary>Kafka's <c>DropHeaders</c>: removes every header whose key is in <c>headers</c>.</summary>
[PluginAlias("org.apache.kafka.connect.transforms.DropHeaders")]
public sealed class DropHeaders : ITransformation, IVersioned
{
    public const string HeadersConfig = "headers";
    public const string OverviewDoc = "Removes one or more headers from each record.";

    private HashSet<string> _headers = [];

    public ConfigDef Config => CreateConfigDef();

    public string Version => PluginVersion.Of(typeof(DropHeaders));

    public static ConfigDef CreateConfigDef() => new ConfigDef().Define(HeadersConfig, ConfigType.List, ConfigDef.NoDefault,
        FieldTransformSupport.NonEmptyList, Importance.High, "The name of the headers to be removed.");

    public void Configure(IReadOnlyDictionary<string, string> configs) =>
        _headers = new HashSet<string>(CreateConfigDef().Parse(configs).GetList(HeadersConfig), StringComparer.Ordinal);

    public ConnectRecord? Apply(ConnectRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        var kept = new ConnectHeaders();
        if (record.HasHeaders)
        {
            foreach (var header in record.Headers)
            {
                if (!_headers.Contains(header.Key))
                {
                    kept.Add(header);
                }
            }
        }

        return record.NewRecord(record.Topic, record.KafkaPartition, record.KeySchema, record.Key, record.ValueSchema,
            record.Value, record.Timestamp, kept);
    }

    public void Dispose()
    {
    }
}
