using StandaloneConnect.Sdk;
using StandaloneConnect.Sdk.Config;
using StandaloneConnect.Sdk.Data;
using StandaloneConnect.Sdk.Transforms;

namespace StandaloneConnect.Transforms;

/// <summary>
/// Kafka's <c>InsertHeader</c>: adds a header with a literal value to every record (after any existing headers
/// with the same key). The literal is typed by <see cref="Values.ParseString"/>: <c>42</c> is an INT8,
/// <c>true</c> a BOOLEAN, <c>2024-01-15</c> a Date, anything unparseable a STRING.
/// </summary>
[PluginAlias("org.apache.kafka.connect.transforms.InsertHeader")]
public sealed class InsertHeader : ITransformation, IVersioned
{
    public const string HeaderConfig = "header";
    public const string ValueLiteralConfig = "value.literal";
    public const string OverviewDoc = "Add a header to each record.";

    private string _header = "";
    private SchemaAndValue _literal;

    public ConfigDef Config => CreateConfigDef();

    public string Version => PluginVersion.Of(typeof(InsertHeader));

    public static ConfigDef CreateConfigDef() => new ConfigDef()
        .Define(HeaderConfig, ConfigType.String, ConfigDef.NoDefault, Validators.NonNull, Importance.High, "The name of the header.")
        .Define(ValueLiteralConfig, ConfigType.String, ConfigDef.NoDefault, Validators.NonNull, Importance.High,
            "The literal value that is to be set as the header value on all records.");

    public void Configure(IReadOnlyDictionary<string, string> configs)
    {
        var parsed = CreateConfigDef().Parse(configs);
        _header = parsed.GetString(HeaderConfig) ?? "";
        _literal = Values.ParseString(parsed.GetString(ValueLiteralConfig));
    }

    public ConnectRecord? Apply(ConnectRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        var headers = record.HasHeaders ? record.Headers.Duplicate() : new ConnectHeaders();
        headers.Add(new Header(_header, _literal.Schema, _literal.Value));
        return record.NewRecord(record.Topic, record.KafkaPartition, record.KeySchema, record.Key, record.ValueSchema,
            record.Value, record.Timestamp, headers);
    }

    public void Dispose()
    {
    }
}
