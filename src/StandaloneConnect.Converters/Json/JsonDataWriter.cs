using System.Collections;
using StandaloneConnect.Sdk;
using StandaloneConnect.Sdk.Data;

namespace StandaloneConnect.Converters.Json;

/// <summary>
/// Kafka's <c>JsonConverter.convertToJson</c> and <c>asJsonSchema</c>: writes Connect values and schemas with
/// Kafka's attribute order. Schema JSON is cached per instance (bounded by <c>schemas.cache.size</c>).
/// </summary>
internal sealed class JsonDataWriter(JsonConverterSettings settings)
{
    private readonly LruCache<Schema, byte[]> _schemaCache = new(settings.SchemaCacheSize);
    private readonly JacksonJsonWriter _schemaScratch = new();
    private Schema? _lastSchema;
    private byte[] _lastSchemaJson = [];

    /// <summary>The compact JSON of a schema, from the cache when possible.</summary>
    public ReadOnlySpan<byte> SchemaJson(Schema schema)
    {
        if (ReferenceEquals(schema, _lastSchema))
        {
            return _lastSchemaJson;
        }

        if (!_schemaCache.TryGetValue(schema, out var json))
        {
            _schemaScratch.Reset();
            WriteSchema(_schemaScratch, schema, null);
            json = _schemaScratch.Written.ToArray();
            _schemaCache.Add(schema, json);
        }

        _lastSchema = schema;
        _lastSchemaJson = json;
        return json;
    }

    public void WriteValue(JacksonJsonWriter w, Schema? schema, object? value)
    {
        if (value is null)
        {
            WriteNull(w, schema);
            return;
        }

        if (schema?.Name is { } name && TryWriteLogical(w, schema, name, value))
        {
            return;
        }

        var type = schema?.Type ?? SchemaTypes.Infer(value)
            ?? throw new DataException($"Java class {value.GetType()} does not have corresponding schema type.");
        switch (type)
        {
            case SchemaType.Int8 when value is sbyte v:
                w.Number(v);
                break;
            case SchemaType.Int16 when value is short v:
                w.Number(v);
                break;
            case SchemaType.Int32 when value is int v:
                w.Number(v);
                break;
            case SchemaType.Int64 when value is long v:
                w.Number(v);
                break;
            case SchemaType.Float32 when value is float v:
                w.Number(v);
                break;
            case SchemaType.Float64 when value is double v:
                w.Number(v);
                break;
            case SchemaType.Boolean when value is bool v:
                w.Boolean(v);
                break;
            case SchemaType.String when value is string v:
                w.String(v);
                break;
            case SchemaType.Bytes when value is byte[] v:
                w.Base64String(v);
                break;
            case SchemaType.Bytes when value is ReadOnlyMemory<byte> v:
                w.Base64String(v.Span);
                break;
            case SchemaType.Bytes:
                throw new DataException("Invalid type for bytes type: " + value.GetType());
            case SchemaType.Array when value is IEnumerable items and not string and not IDictionary:
                w.StartArray();
                var elementSchema = schema?.ValueSchema;
                foreach (var item in items)
                {
                    WriteValue(w, elementSchema, item);
                }

                w.EndArray();
                break;
            case SchemaType.Map when value is IDictionary map:
                WriteMap(w, schema, map);
                break;
            case SchemaType.Struct:
                WriteStruct(w, schema, value);
                break;
            default:
                throw new DataException($"Invalid type for {schema?.Type.KafkaName() ?? "unknown schema"}: {value.GetType()}");
        }
    }

    private void WriteNull(JacksonJsonWriter w, Schema? schema)
    {
        if (schema is null)
        {
            // Any schema is valid and there is no default, so this is treated as optional.
            w.Null();
        }
        else if (schema.DefaultValue is { } defaultValue && settings.ReplaceNullWithDefault)
        {
            WriteValue(w, schema, defaultValue);
        }
        else if (schema.IsOptional)
        {
            w.Null();
        }
        else
        {
            throw new DataException("Conversion error: null value for field that is required and has no default value");
        }
    }

    private bool TryWriteLogical(JacksonJsonWriter w, Schema schema, string name, object value)
    {
        switch (name)
        {
            case ConnectDecimal.LogicalName:
                if (value is not decimal m)
                {
                    throw new DataException("Invalid type for Decimal, expected BigDecimal but was " + value.GetType());
                }

                if (settings.DecimalFormat == JsonDecimalFormat.Numeric)
                {
                    w.Number(m);
                }
                else
                {
                    w.Base64String(ConnectDecimal.FromLogical(schema, RequireSchemaScale(schema, m)));
                }

                return true;
            case ConnectDate.LogicalName:
                w.Number(ConnectDate.FromLogical(AsDate(value, "Date")));
                return true;
            case ConnectTime.LogicalName:
                w.Number(ConnectTime.FromLogical(AsDate(value, "Time")));
                return true;
            case ConnectTimestamp.LogicalName:
                w.Number(ConnectTimestamp.FromLogical(AsDate(value, "Timestamp")));
                return true;
            default:
                return false;
        }
    }

    /// <summary>
    /// Kafka's <c>Decimal.fromLogical</c> writes the unscaled value as it is, so it refuses any other scale than the
    /// schema's (the SDK's encoder would silently rescale 1.5 to 1.50).
    /// </summary>
    private static decimal RequireSchemaScale(Schema schema, decimal value)
    {
        var schemaScale = ConnectDecimal.Scale(schema);
        return value.Scale == schemaScale
            ? value
            : throw new DataException("Decimal value has mismatching scale for given Decimal schema. "
                + $"Schema has scale {schemaScale}, value has scale {value.Scale}.");
    }

    private static DateTime AsDate(object value, string logicalType) => value as DateTime?
        ?? throw new DataException($"Invalid type for {logicalType}, expected Date but was {value.GetType()}");

    private void WriteMap(JacksonJsonWriter w, Schema? schema, IDictionary map)
    {
        // String keys make a JSON object; any other key type an array of [key, value] pairs.
        var keySchema = schema?.KeySchema;
        var valueSchema = schema?.ValueSchema;
        switch (map)
        {
            // The shapes JsonConverter and schemaless sources produce: enumerated without boxing each entry.
            case Dictionary<object, object?> objects:
                WriteEntries(w, keySchema, valueSchema, objects,
                    keySchema is not null ? keySchema.Type == SchemaType.String : AllKeysAreStrings(objects));
                return;
            case Dictionary<string, object?> strings:
                WriteEntries(w, keySchema, valueSchema, strings, keySchema is null || keySchema.Type == SchemaType.String);
                return;
        }

        var objectMode = keySchema is not null ? keySchema.Type == SchemaType.String : AllKeysAreStrings(map);
        if (objectMode)
        {
            w.StartObject();
            foreach (DictionaryEntry entry in map)
            {
                w.PropertyName(entry.Key as string
                    ?? throw new DataException($"Invalid type for {keySchema?.Type.KafkaName() ?? "unknown schema"}: {entry.Key.GetType()}"));
                WriteValue(w, valueSchema, entry.Value);
            }

            w.EndObject();
            return;
        }

        w.StartArray();
        foreach (DictionaryEntry entry in map)
        {
            w.StartArray();
            WriteValue(w, keySchema, entry.Key);
            WriteValue(w, valueSchema, entry.Value);
            w.EndArray();
        }

        w.EndArray();
    }

    /// <summary><see cref="WriteMap"/> for a generic dictionary: same output, same errors.</summary>
    private void WriteEntries<TKey>(JacksonJsonWriter w, Schema? keySchema, Schema? valueSchema,
        Dictionary<TKey, object?> map, bool objectMode)
        where TKey : notnull
    {
        if (objectMode)
        {
            w.StartObject();
            foreach (var (key, value) in map)
            {
                w.PropertyName(key as string
                    ?? throw new DataException($"Invalid type for {keySchema?.Type.KafkaName() ?? "unknown schema"}: {key.GetType()}"));
                WriteValue(w, valueSchema, value);
            }

            w.EndObject();
            return;
        }

        w.StartArray();
        foreach (var (key, value) in map)
        {
            w.StartArray();
            WriteValue(w, keySchema, key);
            WriteValue(w, valueSchema, value);
            w.EndArray();
        }

        w.EndArray();
    }

    private static bool AllKeysAreStrings(Dictionary<object, object?> map)
    {
        foreach (var key in map.Keys)
        {
            if (key is not string)
            {
                return false;
            }
        }

        return true;
    }

    private static bool AllKeysAreStrings(IDictionary map)
    {
        foreach (var key in map.Keys)
        {
            if (key is not string)
            {
                return false;
            }
        }

        return true;
    }

    private void WriteStruct(JacksonJsonWriter w, Schema? schema, object value)
    {
        if (value is not Struct st || schema is null || !st.Schema.Equals(schema))
        {
            throw new DataException("Mismatching schema.");
        }

        w.StartObject();
        var fields = schema.Fields;
        var sameSchema = ReferenceEquals(st.Schema, schema);
        for (var i = 0; i < fields.Count; i++)
        {
            var field = fields[i];
            w.PropertyName(field.Name);
            WriteValue(w, field.Schema, sameSchema ? st.GetWithoutDefault(field) : st.GetWithoutDefault(field.Name));
        }

        w.EndObject();
    }

    /// <summary>
    /// Kafka's <c>asJsonSchema</c> order: <c>type</c>; <c>fields</c> | <c>items</c> | <c>keys</c>, <c>values</c>;
    /// <c>optional</c>, <c>name</c>, <c>version</c>, <c>doc</c>, <c>parameters</c>, <c>default</c>; and for a
    /// struct field its <c>field</c> name last.
    /// </summary>
    private void WriteSchema(JacksonJsonWriter w, Schema schema, string? fieldName)
    {
        w.StartObject();
        w.PropertyName("type"u8);
        w.Raw(TypeName(schema.Type));
        switch (schema.Type)
        {
            case SchemaType.Array:
                w.PropertyName("items"u8);
                WriteSchema(w, schema.ValueSchema, null);
                break;
            case SchemaType.Map:
                w.PropertyName("keys"u8);
                WriteSchema(w, schema.KeySchema, null);
                w.PropertyName("values"u8);
                WriteSchema(w, schema.ValueSchema, null);
                break;
            case SchemaType.Struct:
                w.PropertyName("fields"u8);
                w.StartArray();
                foreach (var field in schema.Fields)
                {
                    WriteSchema(w, field.Schema, field.Name);
                }

                w.EndArray();
                break;
        }

        w.PropertyName("optional"u8);
        w.Boolean(schema.IsOptional);
        if (schema.Name is { } name)
        {
            w.PropertyName("name"u8);
            w.String(name);
        }

        if (schema.Version is { } version)
        {
            w.PropertyName("version"u8);
            w.Number(version);
        }

        if (schema.Doc is { } doc)
        {
            w.PropertyName("doc"u8);
            w.String(doc);
        }

        if (schema.Parameters is { } parameters)
        {
            w.PropertyName("parameters"u8);
            w.StartObject();
            foreach (var (key, value) in parameters)
            {
                w.PropertyName(key);
                w.String(value);
            }

            w.EndObject();
        }

        if (schema.DefaultValue is { } defaultValue)
        {
            w.PropertyName("default"u8);
            WriteValue(w, schema, defaultValue);
        }

        if (fieldName is not null)
        {
            w.PropertyName("field"u8);
            w.String(fieldName);
        }

        w.EndObject();
    }

    private static ReadOnlySpan<byte> TypeName(SchemaType type) => type switch
    {
        SchemaType.Int8 => "\"int8\""u8,
        SchemaType.Int16 => "\"int16\""u8,
        SchemaType.Int32 => "\"int32\""u8,
        SchemaType.Int64 => "\"int64\""u8,
        SchemaType.Float32 => "\"float\""u8,
        SchemaType.Float64 => "\"double\""u8,
        SchemaType.Boolean => "\"boolean\""u8,
        SchemaType.String => "\"string\""u8,
        SchemaType.Bytes => "\"bytes\""u8,
        SchemaType.Array => "\"array\""u8,
        SchemaType.Map => "\"map\""u8,
        _ => "\"struct\""u8,
    };
}
