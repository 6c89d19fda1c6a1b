using StandaloneConnect.Transforms.Support;
using System.Collections;
using System.Globalization;
using System.Text.RegularExpressions;
using StandaloneConnect.Sdk;
using StandaloneConnect.Sdk.Config;
using StandaloneConnect.Sdk.Data;
using StandaloneConnect.Sdk.Transforms;

namespace StandaloneConnect.Transforms;

/// <summary>
/// Kafka's <c>Cast</c>: casts fields of a Struct or Map (<c>spec=field:type,...</c>) or the whole key/value
/// (<c>spec=type</c>) to int8..int64, float32, float64, boolean or string, with Java's conversions: narrowing wraps,
/// floats truncate, strings parse as Java does, numbers print as Java prints them, bytes become base64.
/// </summary>
public abstract partial class Cast : ITransformation, IVersioned
{
    public const string SpecConfig = "spec";
    public const string ReplaceNullWithDefaultConfig = FieldTransformSupport.ReplaceNullWithDefaultConfig;

    private const string Purpose = "cast types";

    private static readonly SchemaType[] InputTypes =
    [
        SchemaType.Int8, SchemaType.Int16, SchemaType.Int32, SchemaType.Int64, SchemaType.Float32, SchemaType.Float64,
        SchemaType.Boolean, SchemaType.String, SchemaType.Bytes,
    ];

    private static readonly SchemaType[] OutputTypes = InputTypes[..^1];

    public static ConfigDef ConfigDef { get; } = new ConfigDef()
        .Define(SpecConfig, ConfigType.List, ConfigDef.NoDefault,
            Validators.Lambda(ValidateSpec, "list of colon-delimited pairs, e.g. <code>foo:bar,abc:xyz</code>"), Importance.High,
            "List of fields and the type to cast them to of the form field1:type,field2:type to cast fields of Maps or Structs. " +
            "A single type to cast the entire value. Valid types are int8, int16, int32, int64, float32, float64, boolean, and string. " +
            "Note that binary fields can only be cast to string.")
        .DefineReplaceNullWithDefault();

    private readonly SchemaUpdateCache<Schema> _schemaCache;
    private IReadOnlyList<(string Field, SchemaType Type)> _casts = [];
    private SchemaType? _wholeValueType;
    private bool _replaceNullWithDefault = true;

    private readonly FieldTransformSupport.Part _part;

    private protected Cast(FieldTransformSupport.Part part)
    {
        _part = part;
        _schemaCache = new SchemaUpdateCache<Schema>(BuildSchema);
    }

    public ConfigDef Config => ConfigDef;

    public string Version => PluginVersion.Of(typeof(Cast));

    public void Configure(IReadOnlyDictionary<string, string> configs)
    {
        var parsed = ConfigDef.Parse(configs);
        var spec = ParseSpec(parsed.GetList(SpecConfig));
        _wholeValueType = spec.WholeValueType;
        _casts = spec.Fields;
        _replaceNullWithDefault = parsed.GetBoolean(ReplaceNullWithDefaultConfig);
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
        return schema is null ? ApplySchemaless(record, value) : ApplyWithSchema(record, schema, value);
    }

    public void Dispose() => GC.SuppressFinalize(this);

    private Schema? OperatingSchema(ConnectRecord record) => _part.OperatingSchema(record);

    private object? OperatingValue(ConnectRecord record) => _part.OperatingValue(record);

    private ConnectRecord NewRecord(ConnectRecord record, Schema? schema, object? value) => _part.NewRecord(record, schema, value);

    private ConnectRecord ApplySchemaless(ConnectRecord record, object value)
    {
        if (_wholeValueType is { } whole)
        {
            return NewRecord(record, null, CastValue(null, value, whole));
        }

        var map = value as IDictionary ?? throw new DataException(
            $"Only Map objects supported in absence of schema for [{Purpose}], found: {FieldTransformSupport.JavaClassName(value)}");
        var updated = new Dictionary<string, object?>(StringComparer.Ordinal);
        foreach (DictionaryEntry entry in map)
        {
            updated[Convert.ToString(entry.Key, CultureInfo.InvariantCulture) ?? ""] = entry.Value;
        }

        foreach (var (field, type) in _casts)
        {
            updated[field] = CastValue(null, map.Contains(field) ? map[field] : null, type);
        }

        return NewRecord(record, null, updated);
    }

    private ConnectRecord ApplyWithSchema(ConnectRecord record, Schema schema, object value)
    {
        var updatedSchema = _schemaCache.Get(schema);
        if (_wholeValueType is { } whole)
        {
            return NewRecord(record, updatedSchema, CastValue(schema, value, whole));
        }

        var st = value as Struct ?? throw new DataException(
            $"Only Struct objects supported for [{Purpose}], found: {FieldTransformSupport.JavaClassName(value)}");
        var updated = new Struct(updatedSchema);
        foreach (var field in st.Schema.Fields)
        {
            var original = _replaceNullWithDefault ? st.Get(field) : st.GetWithoutDefault(field.Name);
            var target = TargetType(field.Name);
            updated.Put(field.Name, target is { } type ? CastValue(field.Schema, original, type) : original);
        }

        return NewRecord(record, updatedSchema, updated);
    }

    private SchemaType? TargetType(string field)
    {
        foreach (var (name, type) in _casts)
        {
            if (name == field)
            {
                return type;
            }
        }

        return null;
    }

    private Schema BuildSchema(Schema schema)
    {
        SchemaBuilder builder;
        if (_wholeValueType is { } whole)
        {
            builder = FieldTransformSupport.CopySchemaBasics(schema, new SchemaBuilder(whole));
        }
        else
        {
            builder = FieldTransformSupport.CopySchemaBasics(schema, SchemaBuilder.Struct());
            foreach (var field in schema.Fields)
            {
                if (TargetType(field.Name) is not { } type)
                {
                    builder.Field(field.Name, field.Schema);
                    continue;
                }

                var fieldBuilder = new SchemaBuilder(type);
                if (field.Schema.IsOptional)
                {
                    fieldBuilder.Optional();
                }

                if (field.Schema.DefaultValue is { } fieldDefault)
                {
                    fieldBuilder.Default(CastValue(field.Schema, fieldDefault, type));
                }

                builder.Field(field.Name, fieldBuilder.Build());
            }
        }

        if (schema.IsOptional)
        {
            builder.Optional();
        }

        if (schema.DefaultValue is { } schemaDefault)
        {
            builder.Default(CastValue(schema, schemaDefault, builder.Type));
        }

        return builder.Build();
    }

    private static object? CastValue(Schema? schema, object? value, SchemaType target)
    {
        if (value is null)
        {
            return null;
        }

        var sourceType = schema?.Type ?? SchemaTypes.Infer(value) ?? throw new DataException(
            $"Cast transformation was passed a value of type class {FieldTransformSupport.JavaClassName(value)} which is not supported by Connect's data API");
        if (Array.IndexOf(InputTypes, sourceType) < 0)
        {
            throw new DataException($"Cast transformation does not support casting from {sourceType.KafkaName()}; supported types are {TypeList(InputTypes)}");
        }

        if (schema?.Name is { } logicalName && target != SchemaType.String && value is DateTime date)
        {
            value = logicalName switch
            {
                ConnectDate.LogicalName => ConnectDate.FromLogical(date),
                ConnectTime.LogicalName => ConnectTime.FromLogical(date),
                ConnectTimestamp.LogicalName => ConnectTimestamp.FromLogical(date),
                _ => value,
            };
        }

        try
        {
            return CastConversions.To(value, target);
        }
        catch (Exception e) when (e is FormatException or OverflowException)
        {
            throw new DataException($"Value ({JavaStringValue.Of(value)}) was out of range for requested data type", e);
        }
    }

    private static (SchemaType? WholeValueType, IReadOnlyList<(string Field, SchemaType Type)> Fields) ParseSpec(IReadOnlyList<string> mappings)
    {
        SchemaType? whole = null;
        var fields = new List<(string, SchemaType)>();
        foreach (var mapping in mappings)
        {
            var parts = JavaSplit(mapping);
            if (parts.Count is 0 or > 2)
            {
                // Kafka reuses ReplaceField's key here, and prints the list as java.util.List#toString does.
                throw new ConfigException("renames", "[" + string.Join(", ", mappings) + "]", "Invalid rename mapping: " + mapping);
            }

            if (parts.Count == 1)
            {
                whole = WholeValueType(parts[0].Trim());
            }
            else
            {
                var field = parts[0].Trim();
                fields.RemoveAll(f => f.Item1 == field);
                fields.Add((field, OutputType(parts[1].Trim())));
            }
        }

        if (whole is not null && mappings.Count > 1)
        {
            throw new ConfigException("Cast transformations that specify a type to cast the entire value to may ony specify a single cast in their spec");
        }

        return (whole, fields);
    }

    private static void ValidateSpec(string name, object? value)
    {
        if (value is not IReadOnlyList<string> { Count: > 0 } list)
        {
            throw new ConfigException("Must specify at least one field to cast.");
        }

        ParseSpec(list);
    }

    /// <summary>Kafka calls <c>Schema.Type.valueOf</c> unguarded here, so its IllegalArgumentException text shows.</summary>
    private static SchemaType WholeValueType(string name)
    {
        var upper = name.ToUpperInvariant();
        foreach (var type in Enum.GetValues<SchemaType>())
        {
            if (type.KafkaName() == upper)
            {
                return OutputType(name);
            }
        }

        throw new ConfigException("No enum constant org.apache.kafka.connect.data.Schema.Type." + upper);
    }

    private static SchemaType OutputType(string name)
    {
        var type = Enum.GetValues<SchemaType>().Cast<SchemaType?>()
            .FirstOrDefault(t => t!.Value.KafkaName() == name.ToUpperInvariant())
            ?? throw new ConfigException("Invalid type found in casting spec: " + name);
        if (Array.IndexOf(OutputTypes, type) < 0)
        {
            throw new ConfigException($"Cast transformation does not support casting to {type.KafkaName()}; supported types are {TypeList(OutputTypes)}");
        }

        return type;
    }

    /// <summary>Java's <c>String.split(":")</c>: trailing empty strings are dropped.</summary>
    private static List<string> JavaSplit(string mapping)
    {
        var parts = mapping.Split(':').ToList();
        while (parts.Count > 0 && parts[^1].Length == 0)
        {
            parts.RemoveAt(parts.Count - 1);
        }

        return parts;
    }

    private static string TypeList(SchemaType[] types) => "[" + string.Join(", ", types.Select(t => t.KafkaName())) + "]";

    /// <summary>Casts the record key.</summary>
    [PluginAlias("org.apache.kafka.connect.transforms.Cast$Key")]
    public sealed class Key() : Cast(FieldTransformSupport.Part.Key);

    /// <summary>Casts the record value.</summary>
    [PluginAlias("org.apache.kafka.connect.transforms.Cast$Value")]
    public sealed class Value() : Cast(FieldTransformSupport.Part.Value);
}
