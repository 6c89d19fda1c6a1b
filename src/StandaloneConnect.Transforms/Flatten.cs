using StandaloneConnect.Transforms.Support;
using System.Collections;
using StandaloneConnect.Sdk;
using StandaloneConnect.Sdk.Config;
using StandaloneConnect.Sdk.Data;
using StandaloneConnect.Sdk.Transforms;

namespace StandaloneConnect.Transforms;

/// <summary>
/// Kafka's <c>Flatten</c>: turns nested structs (with a schema) or nested maps (schemaless) into one level, naming
/// each field by joining the names on the path with <c>delimiter</c>. A field below an optional struct becomes
/// optional; defaults of parent structs carry down. Arrays pass through; maps inside a struct schema are rejected.
/// Tombstones (null key or value) pass through unchanged.
/// </summary>
public abstract class Flatten : ITransformation, IVersioned
{
    public const string DelimiterConfig = "delimiter";
    private const string Purpose = "flattening";

    public static ConfigDef ConfigDef { get; } = new ConfigDef()
        .Define(DelimiterConfig, ConfigType.String, ".", Importance.Medium,
            "Delimiter to insert between field names from the input record when generating field names for the output record");

    private readonly SchemaUpdateCache<Schema> _schemaCache;
    private string _delimiter = ".";

    private readonly FieldTransformSupport.Part _part;

    private protected Flatten(FieldTransformSupport.Part part)
    {
        _part = part;
        _schemaCache = new SchemaUpdateCache<Schema>(BuildSchema);
    }

    public ConfigDef Config => ConfigDef;

    public string Version => PluginVersion.Of(typeof(Flatten));

    public void Configure(IReadOnlyDictionary<string, string> configs)
    {
        _delimiter = ConfigDef.Parse(configs).GetString(DelimiterConfig) ?? ".";
        _schemaCache.Clear();
    }

    public ConnectRecord? Apply(ConnectRecord record)
    {
        var value = OperatingValue(record);
        if (value is null)
        {
            return record;
        }

        var schema = OperatingSchema(record);
        if (schema is null)
        {
            var map = value as IDictionary ?? throw new DataException(
                $"Only Map objects supported in absence of schema for [{Purpose}], found: {FieldTransformSupport.JavaClassName(value)}");
            var flat = new Dictionary<string, object?>(StringComparer.Ordinal);
            FlattenMap(map, "", flat);
            return NewRecord(record, null, flat);
        }

        var st = value as Struct ?? throw new DataException(
            $"Only Struct objects supported for [{Purpose}], found: {FieldTransformSupport.JavaClassName(value)}");
        var updated = _schemaCache.Get(st.Schema);
        var result = new Struct(updated);
        CopyValues(st, "", result);
        return NewRecord(record, updated, result);
    }

    public void Dispose() => GC.SuppressFinalize(this);

    private Schema BuildSchema(Schema schema)
    {
        var builder = FieldTransformSupport.CopySchemaBasics(schema, SchemaBuilder.Struct());
        AddFlatFields(schema, "", builder, schema.IsOptional, schema.DefaultValue as Struct);
        return builder.Build();
    }

    private Schema? OperatingSchema(ConnectRecord record) => _part.OperatingSchema(record);

    private object? OperatingValue(ConnectRecord record) => _part.OperatingValue(record);

    private ConnectRecord NewRecord(ConnectRecord record, Schema? schema, object? value) => _part.NewRecord(record, schema, value);

    private void FlattenMap(IDictionary source, string prefix, Dictionary<string, object?> target)
    {
        foreach (DictionaryEntry entry in source)
        {
            var name = FieldName(prefix, entry.Key as string ?? Convert.ToString(entry.Key, System.Globalization.CultureInfo.InvariantCulture) ?? "");
            var fieldValue = entry.Value;
            if (fieldValue is null)
            {
                target[name] = null;
                continue;
            }

            switch (SchemaTypes.Infer(fieldValue))
            {
                case null:
                    throw new DataException($"Flatten transformation was passed a value of type class {FieldTransformSupport.JavaClassName(fieldValue)} which is not supported by Connect's data API");
                case SchemaType.Map:
                    FlattenMap((IDictionary)fieldValue, name, target);
                    break;
                case SchemaType.Struct:
                    throw new DataException($"Flatten transformation does not support class {FieldTransformSupport.JavaClassName(fieldValue)} for record without schemas (for field {name}).");
                default:
                    target[name] = fieldValue;
                    break;
            }
        }
    }

    private void AddFlatFields(Schema schema, string prefix, SchemaBuilder target, bool optional, Struct? parentDefault)
    {
        foreach (var field in schema.Fields)
        {
            var name = FieldName(prefix, field.Name);
            var fieldOptional = optional || field.Schema.IsOptional;
            var fieldDefault = field.Schema.DefaultValue ?? parentDefault?.Get(field);
            switch (field.Schema.Type)
            {
                case SchemaType.Struct:
                    AddFlatFields(field.Schema, name, target, fieldOptional, fieldDefault as Struct);
                    break;
                case SchemaType.Map:
                    throw new DataException($"Flatten transformation does not support MAP for record with schemas (for field {name}).");
                default:
                    var builder = FieldTransformSupport.CopySchemaBasics(field.Schema, CreateBuilder(field.Schema));
                    if (fieldOptional)
                    {
                        builder.Optional();
                    }

                    if (fieldDefault is not null)
                    {
                        builder.Default(fieldDefault);
                    }

                    target.Field(name, builder.Build());
                    break;
            }
        }
    }

    private void CopyValues(Struct? source, string prefix, Struct target)
    {
        if (source is null)
        {
            return;
        }

        foreach (var field in source.Schema.Fields)
        {
            var name = FieldName(prefix, field.Name);
            if (field.Schema.Type == SchemaType.Struct)
            {
                CopyValues((Struct?)source.Get(field), name, target);
            }
            else
            {
                target.Put(name, source.Get(field));
            }
        }
    }

    private string FieldName(string prefix, string name) => prefix.Length == 0 ? name : prefix + _delimiter + name;

    private static SchemaBuilder CreateBuilder(Schema schema) => schema.Type switch
    {
        SchemaType.Array => SchemaBuilder.Array(schema.ValueSchema),
        _ => new SchemaBuilder(schema.Type),
    };

    /// <summary>Flattens the record key.</summary>
    [PluginAlias("org.apache.kafka.connect.transforms.Flatten$Key")]
    public sealed class Key() : Flatten(FieldTransformSupport.Part.Key);

    /// <summary>Flattens the record value.</summary>
    [PluginAlias("org.apache.kafka.connect.transforms.Flatten$Value")]
    public sealed class Value() : Flatten(FieldTransformSupport.Part.Value);
}
