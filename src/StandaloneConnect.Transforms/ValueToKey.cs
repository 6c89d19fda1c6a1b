using StandaloneConnect.Transforms.Support;
using StandaloneConnect.Sdk;
using StandaloneConnect.Sdk.Config;
using StandaloneConnect.Sdk.Data;
using StandaloneConnect.Sdk.Transforms;

namespace StandaloneConnect.Transforms;

/// <summary>
/// Kafka's <c>ValueToKey</c>: replaces the record key with a new key made of the listed fields of the value
/// (a Struct with those fields' schemas, or a map when the value is schemaless).
/// </summary>
[PluginAlias("org.apache.kafka.connect.transforms.ValueToKey")]
public sealed class ValueToKey : ITransformation, IVersioned
{
    public const string FieldsConfig = "fields";
    public const string ReplaceNullWithDefaultConfig = FieldTransformSupport.ReplaceNullWithDefaultConfig;
    private const string Purpose = "copying fields from value to key";

    private readonly SchemaUpdateCache<Schema> _keySchemas;
    private IReadOnlyList<string> _fields = [];
    private bool _replaceNullWithDefault = true;

    public ValueToKey() => _keySchemas = new SchemaUpdateCache<Schema>(MakeKeySchema);

    public ConfigDef Config => CreateConfigDef();

    public string Version => PluginVersion.Of(typeof(ValueToKey));

    public static ConfigDef CreateConfigDef() => new ConfigDef()
        .Define(FieldsConfig, ConfigType.List, ConfigDef.NoDefault, FieldTransformSupport.NonEmptyList, Importance.High,
            "Field names on the record value to extract as the record key.")
        .DefineReplaceNullWithDefault();

    public void Configure(IReadOnlyDictionary<string, string> configs)
    {
        var parsed = CreateConfigDef().Parse(configs);
        _fields = parsed.GetList(FieldsConfig);
        _replaceNullWithDefault = parsed.GetBoolean(ReplaceNullWithDefaultConfig);
        _keySchemas.Clear();
    }

    public ConnectRecord? Apply(ConnectRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        return record.ValueSchema is null ? ApplySchemaless(record) : ApplyWithSchema(record);
    }

    public void Dispose()
    {
    }

    private ConnectRecord ApplySchemaless(ConnectRecord record)
    {
        var value = FieldTransformSupport.RequireMap(record.Value, Purpose);

        var key = new Dictionary<object, object?>(_fields.Count);
        foreach (var field in _fields)
        {
            key[field] = value[field];
        }

        return record.NewRecord(record.Topic, record.KafkaPartition, null, key, record.ValueSchema, record.Value, record.Timestamp);
    }

    private ConnectRecord ApplyWithSchema(ConnectRecord record)
    {
        var value = FieldTransformSupport.RequireStruct(record.Value, Purpose);
        var keySchema = _keySchemas.Get(value.Schema);
        var key = new Struct(keySchema);
        var keyFields = keySchema.Fields;
        for (var i = 0; i < keyFields.Count; i++)
        {
            var name = keyFields[i].Name;
            key.Put(keyFields[i], _replaceNullWithDefault ? value.Get(name) : value.GetWithoutDefault(name));
        }

        return record.NewRecord(record.Topic, record.KafkaPartition, keySchema, key, value.Schema, value, record.Timestamp);
    }

    private Schema MakeKeySchema(Schema valueSchema)
    {
        var builder = SchemaBuilder.Struct();
        foreach (var name in _fields)
        {
            var field = valueSchema.Field(name) ?? throw new DataException("Field does not exist: " + name);
            builder.Field(name, field.Schema);
        }

        return builder.Build();
    }

}
