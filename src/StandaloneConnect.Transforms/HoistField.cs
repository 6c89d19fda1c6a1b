using StandaloneConnect.Sdk;
using StandaloneConnect.Sdk.Config;
using StandaloneConnect.Sdk.Data;
using StandaloneConnect.Sdk.Transforms;
using StandaloneConnect.Transforms.Support;
using static StandaloneConnect.Transforms.Support.FieldTransformSupport;

namespace StandaloneConnect.Transforms;

/// <summary>
/// Kafka's <c>HoistField</c>: wraps the key or value in a Struct (schema'd: a new struct schema with one field of
/// the original schema) or a Map (schemaless) under the configured field name. A null becomes <c>{field: null}</c>.
/// </summary>
public abstract class HoistField : ITransformation, IVersioned
{
    public const string FieldConfig = "field";

    private readonly Part _part;
    private readonly SchemaUpdateCache<Schema> _updatedSchemas;
    private string _fieldName = "";

    private protected HoistField(Part part)
    {
        _part = part;
        _updatedSchemas = new SchemaUpdateCache<Schema>(schema => SchemaBuilder.Struct().Field(_fieldName, schema).Build());
    }

    public static ConfigDef ConfigDef { get; } = new ConfigDef()
        .Define(FieldConfig, ConfigType.String, ConfigDef.NoDefault, null, Importance.Medium,
            "Field name for the single field that will be created in the resulting Struct or Map.");

    public ConfigDef Config => ConfigDef;

    public string Version => PluginVersion.Of(GetType());

    public void Configure(IReadOnlyDictionary<string, string> configs)
    {
        _fieldName = ConfigDef.Parse(configs).GetString(FieldConfig) ?? "";
        _updatedSchemas.Clear();
    }

    public ConnectRecord? Apply(ConnectRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        var value = _part.OperatingValue(record);
        if (_part.OperatingSchema(record) is not { } schema)
        {
            return _part.NewRecord(record, null, new Dictionary<object, object?> { [_fieldName] = value });
        }

        var updatedSchema = _updatedSchemas.Get(schema);
        return _part.NewRecord(record, updatedSchema, new Struct(updatedSchema).Put(_fieldName, value));
    }

    public void Dispose() => GC.SuppressFinalize(this);

    /// <summary>Wraps the record key (Kafka's <c>HoistField$Key</c>).</summary>
    [PluginAlias("org.apache.kafka.connect.transforms.HoistField$Key")]
    public sealed class Key() : HoistField(Part.Key);

    /// <summary>Wraps the record value (Kafka's <c>HoistField$Value</c>).</summary>
    [PluginAlias("org.apache.kafka.connect.transforms.HoistField$Value")]
    public sealed class Value() : HoistField(Part.Value);
}
