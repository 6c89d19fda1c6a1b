using StandaloneConnect.Sdk;
using StandaloneConnect.Sdk.Config;
using StandaloneConnect.Sdk.Data;
using StandaloneConnect.Sdk.Transforms;
using StandaloneConnect.Transforms.Support;
using static StandaloneConnect.Transforms.Support.FieldTransformSupport;

namespace StandaloneConnect.Transforms;

/// <summary>
/// Kafka's <c>HeaderFrom</c>: moves or copies fields of the key or value into headers (the n-th field goes to the
/// n-th header, with the field's schema when the record has one). Use <see cref="Key"/> or <see cref="Value"/>.
/// </summary>
public abstract class HeaderFrom : ITransformation, IVersioned
{
    public const string FieldsConfig = "fields";
    public const string HeadersConfig = "headers";
    public const string OperationConfig = "operation";
    public const string ReplaceNullWithDefaultConfig = FieldTransformSupport.ReplaceNullWithDefaultConfig;
    private const string MoveOperation = "move";
    private const string CopyOperation = "copy";

    private readonly Part _part;
    private readonly SchemaUpdateCache<Schema> _moveSchemas;
    private IReadOnlyList<string> _fields = [];
    private HashSet<string> _fieldSet = [];
    private IReadOnlyList<string> _headers = [];
    private bool _move;
    private string _purpose = "header " + CopyOperation;
    private bool _replaceNullWithDefault = true;

    private protected HeaderFrom(Part part)
    {
        _part = part;
        _moveSchemas = new SchemaUpdateCache<Schema>(MoveSchema);
    }

    public ConfigDef Config => CreateConfigDef();

    public string Version => PluginVersion.Of(typeof(HeaderFrom));

    public static ConfigDef CreateConfigDef() => new ConfigDef()
        .Define(FieldsConfig, ConfigType.List, ConfigDef.NoDefault, FieldTransformSupport.NonEmptyList, Importance.High,
            "Field names in the record whose values are to be copied or moved to headers.")
        .Define(HeadersConfig, ConfigType.List, ConfigDef.NoDefault, FieldTransformSupport.NonEmptyList, Importance.High,
            "Header names, in the same order as the field names listed in the fields configuration property.")
        .Define(OperationConfig, ConfigType.String, ConfigDef.NoDefault, Validators.In(MoveOperation, CopyOperation),
            Importance.High,
            "Either <code>move</code> if the fields are to be moved to the headers (removed from the key/value), " +
            "or <code>copy</code> if the fields are to be copied to the headers (retained in the key/value).")
        .DefineReplaceNullWithDefault();

    public void Configure(IReadOnlyDictionary<string, string> configs)
    {
        var parsed = CreateConfigDef().Parse(configs);
        _fields = parsed.GetList(FieldsConfig);
        _headers = parsed.GetList(HeadersConfig);
        if (_fields.Count != _headers.Count)
        {
            throw new ConfigException(
                $"'{FieldsConfig}' config must have the same number of elements as '{HeadersConfig}' config.");
        }

        _fieldSet = new HashSet<string>(_fields, StringComparer.Ordinal);
        _move = parsed.GetString(OperationConfig) == MoveOperation;
        _purpose = "header " + (_move ? MoveOperation : CopyOperation);
        _replaceNullWithDefault = parsed.GetBoolean(ReplaceNullWithDefaultConfig);
        _moveSchemas.Clear();
    }

    public ConnectRecord? Apply(ConnectRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        var schema = _part.OperatingSchema(record);
        return schema is null ? ApplySchemaless(record) : ApplyWithSchema(record, schema);
    }

    public void Dispose() => GC.SuppressFinalize(this);

    private ConnectRecord ApplyWithSchema(ConnectRecord record, Schema schema)
    {
        var headers = record.Headers.Duplicate();
        var value = RequireStruct(_part.OperatingValue(record), _purpose);

        var updatedSchema = schema;
        var updatedValue = value;
        if (_move)
        {
            updatedSchema = _moveSchemas.Get(schema);
            updatedValue = new Struct(updatedSchema);
            foreach (var field in updatedSchema.Fields)
            {
                updatedValue.Put(field, FieldValue(value, field.Name));
            }
        }

        for (var i = 0; i < _fields.Count; i++)
        {
            var field = schema.Field(_fields[i]) ?? throw new DataException("Field does not exist: " + _fields[i]);
            headers.Add(_headers[i], field.Schema, FieldValue(value, field.Name));
        }

        return _part.NewRecord(record, updatedSchema, updatedValue, headers);
    }

    private Schema MoveSchema(Schema schema)
    {
        var builder = CopySchemaBasics(schema, SchemaBuilder.Struct());
        foreach (var field in schema.Fields)
        {
            if (!_fieldSet.Contains(field.Name))
            {
                builder.Field(field.Name, field.Schema);
            }
        }

        return builder.Build();
    }

    private ConnectRecord ApplySchemaless(ConnectRecord record)
    {
        var headers = record.Headers.Duplicate();
        var value = RequireMap(_part.OperatingValue(record), _purpose);
        var updated = CopyMap(value);

        for (var i = 0; i < _fields.Count; i++)
        {
            if (_move)
            {
                updated.Remove(_fields[i]);
            }

            headers.Add(_headers[i], null, value[_fields[i]]);
        }

        return _part.NewRecord(record, null, updated, headers);
    }

    private object? FieldValue(Struct value, string name) =>
        _replaceNullWithDefault ? value.Get(name) : value.GetWithoutDefault(name);

    /// <summary>Moves or copies fields of the record key into headers.</summary>
    [PluginAlias("org.apache.kafka.connect.transforms.HeaderFrom$Key")]
    public sealed class Key() : HeaderFrom(Part.Key);

    /// <summary>Moves or copies fields of the record value into headers.</summary>
    [PluginAlias("org.apache.kafka.connect.transforms.HeaderFrom$Value")]
    public sealed class Value() : HeaderFrom(Part.Value);
}
