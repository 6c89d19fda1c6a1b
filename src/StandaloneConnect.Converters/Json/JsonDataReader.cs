using System.Globalization;
using System.Numerics;
using System.Runtime.InteropServices;
using System.Text.Json;
using StandaloneConnect.Sdk;
using StandaloneConnect.Sdk.Data;

namespace StandaloneConnect.Converters.Json;

/// <summary>
/// Kafka's <c>JsonConverter.asConnectSchema</c> and <c>convertToConnect</c>, including the lenient number handling
/// of Jackson's <c>JsonNode</c> accessors (a non-number read as an integer is 0, a fraction is truncated).
/// Parsed schemas are cached per instance, keyed by the schema's JSON text.
/// </summary>
internal sealed class JsonDataReader(JsonConverterSettings settings)
{
    /// <summary>Jackson's default nesting limit (<c>StreamReadConstraints</c>, 2.15+).</summary>
    public static readonly JsonDocumentOptions DocumentOptions = new() { MaxDepth = 1000 };

    private readonly LruCache<byte[], Schema> _schemaCache = new(settings.SchemaCacheSize, ByteArrayContentComparer.Instance);

    /// <summary>The schema described by a JSON schema object; null for JSON <c>null</c>.</summary>
    public Schema? ReadSchema(JsonElement json) =>
        json.ValueKind == JsonValueKind.Null ? null : ReadSchema(JsonMarshal.GetRawUtf8Value(json), json);

    /// <summary>The schema described by the JSON text of a schema object (or <c>null</c>), from the cache when possible.</summary>
    public Schema? ReadSchema(ReadOnlyMemory<byte> json)
    {
        if (json.Span.SequenceEqual("null"u8))
        {
            return null;
        }

        if (_schemaCache.TryGetValue(json.Span, out var cached))
        {
            return cached;
        }

        using var document = JsonDocument.Parse(json, DocumentOptions);
        return ReadSchema(json.Span, document.RootElement);
    }

    private Schema ReadSchema(ReadOnlySpan<byte> text, JsonElement json)
    {
        if (_schemaCache.TryGetValue(text, out var cached))
        {
            return cached;
        }

        var schema = BuildSchema(json);
        _schemaCache.Add(text.ToArray(), schema);
        return schema;
    }

    /// <summary>Converts a JSON value (default <see cref="JsonElement"/> for a missing one) to a Connect value.</summary>
    public object? ReadValue(Schema? schema, JsonElement json)
    {
        if (schema is null)
        {
            return ReadSchemaless(json);
        }

        if (json.ValueKind is JsonValueKind.Undefined or JsonValueKind.Null)
        {
            if (schema.DefaultValue is { } defaultValue && settings.ReplaceNullWithDefault)
            {
                return defaultValue;
            }

            return schema.IsOptional
                ? null
                : throw new DataException($"Invalid null value for required {schema.Type.KafkaName()} field");
        }

        if (schema.Name is { } name && TryReadLogical(schema, name, json, out var logical))
        {
            return logical;
        }

        return schema.Type switch
        {
            SchemaType.Boolean => json.ValueKind == JsonValueKind.True,
            SchemaType.Int8 => (sbyte)LongValue(json),
            SchemaType.Int16 => (short)LongValue(json),
            SchemaType.Int32 => (int)LongValue(json),
            SchemaType.Int64 => LongValue(json),
            SchemaType.Float32 => json.ValueKind == JsonValueKind.Number ? float.Parse(RawText(json), CultureInfo.InvariantCulture) : 0f,
            SchemaType.Float64 => json.ValueKind == JsonValueKind.Number ? double.Parse(RawText(json), CultureInfo.InvariantCulture) : 0d,
            SchemaType.Bytes => json.ValueKind == JsonValueKind.String ? DecodeBase64(json) ?? throw new DataException("Invalid bytes field") : null,
            SchemaType.String => json.ValueKind == JsonValueKind.String ? json.GetString() : null,
            SchemaType.Array => ReadArray(schema.ValueSchema, json),
            SchemaType.Map => ReadMap(schema, json),
            _ => ReadStruct(schema, json),
        };
    }

    private object? ReadSchemaless(JsonElement json) => json.ValueKind switch
    {
        JsonValueKind.True => true,
        JsonValueKind.False => false,
        JsonValueKind.Number => IsIntegral(json) ? (object)LongValue(json) : double.Parse(RawText(json), CultureInfo.InvariantCulture),
        JsonValueKind.String => json.GetString(),
        JsonValueKind.Array => ReadArray(null, json),
        JsonValueKind.Object => ReadObjectAsMap(null, json),
        _ => null,
    };

    private List<object?> ReadArray(Schema? elementSchema, JsonElement json)
    {
        var result = new List<object?>();
        if (json.ValueKind == JsonValueKind.Array)
        {
            foreach (var element in json.EnumerateArray())
            {
                result.Add(ReadValue(elementSchema, element));
            }
        }
        else if (json.ValueKind == JsonValueKind.Object)
        {
            // Iterating a Jackson object node yields its values.
            foreach (var property in json.EnumerateObject())
            {
                result.Add(ReadValue(elementSchema, property.Value));
            }
        }

        return result;
    }

    private Dictionary<object, object?> ReadMap(Schema schema, JsonElement json)
    {
        if (schema.KeySchema.Type == SchemaType.String)
        {
            if (json.ValueKind != JsonValueKind.Object)
            {
                throw new DataException("Maps with string fields should be encoded as JSON objects, but found " + NodeType(json));
            }

            return ReadObjectAsMap(schema.ValueSchema, json);
        }

        if (json.ValueKind != JsonValueKind.Array)
        {
            throw new DataException("Maps with non-string fields should be encoded as JSON array of tuples, but found " + NodeType(json));
        }

        var result = new Dictionary<object, object?>();
        foreach (var entry in json.EnumerateArray())
        {
            if (entry.ValueKind != JsonValueKind.Array)
            {
                throw new DataException("Found invalid map entry instead of array tuple: " + NodeType(entry));
            }

            var length = entry.GetArrayLength();
            if (length != 2)
            {
                throw new DataException("Found invalid map entry, expected length 2 but found :" + length);
            }

            var key = ReadValue(schema.KeySchema, entry[0]) ?? throw new DataException("Map keys may not be null");
            result[key] = ReadValue(schema.ValueSchema, entry[1]);
        }

        return result;
    }

    private Dictionary<object, object?> ReadObjectAsMap(Schema? valueSchema, JsonElement json)
    {
        var result = new Dictionary<object, object?>();
        foreach (var property in json.EnumerateObject())
        {
            result[property.Name] = ReadValue(valueSchema, property.Value);
        }

        return result;
    }

    private Struct ReadStruct(Schema schema, JsonElement json)
    {
        if (json.ValueKind != JsonValueKind.Object)
        {
            throw new DataException("Structs should be encoded as JSON objects, but found " + NodeType(json));
        }

        var result = new Struct(schema);
        var fields = schema.Fields;
        for (var i = 0; i < fields.Count; i++)
        {
            var field = fields[i];
            json.TryGetProperty(field.Name, out var fieldJson);
            result.Put(field, ReadValue(field.Schema, fieldJson));
        }

        return result;
    }

    private static bool TryReadLogical(Schema schema, string name, JsonElement json, out object? value)
    {
        switch (name)
        {
            case ConnectDecimal.LogicalName:
                value = ReadDecimal(schema, json);
                return true;
            case ConnectDate.LogicalName:
                value = ConnectDate.ToLogical(IntOnly(json, "Date"));
                return true;
            case ConnectTime.LogicalName:
                value = ConnectTime.ToLogical(IntOnly(json, "Time"));
                return true;
            case ConnectTimestamp.LogicalName:
                value = IsIntegral(json)
                    ? ConnectTimestamp.ToLogical(LongValue(json))
                    : throw new DataException("Invalid type for Timestamp, underlying representation should be integral but was " + NodeType(json));
                return true;
            default:
                value = null;
                return false;
        }
    }

    private static decimal ReadDecimal(Schema schema, JsonElement json)
    {
        if (json.ValueKind == JsonValueKind.Number)
        {
            return decimal.TryParse(RawText(json), NumberStyles.Float, CultureInfo.InvariantCulture, out var number)
                ? number
                : throw new DataException($"Decimal value {json.GetRawText()} is outside the range of .NET decimal");
        }

        if (json.ValueKind != JsonValueKind.String)
        {
            throw new DataException("Invalid type for Decimal, underlying representation should be numeric or bytes but was " + NodeType(json));
        }

        try
        {
            return ConnectDecimal.ToLogical(schema, DecodeBase64(json) ?? throw new FormatException("Invalid base64"));
        }
        catch (Exception e) when (e is FormatException or DataException)
        {
            throw new DataException("Invalid bytes for Decimal field", e);
        }
    }

    private static int IntOnly(JsonElement json, string logicalType) =>
        IsIntegral(json) && json.TryGetInt32(out var value)
            ? value
            : throw new DataException($"Invalid type for {logicalType}, underlying representation should be integer but was {NodeType(json)}");

    private static byte[]? DecodeBase64(JsonElement json)
    {
        if (json.TryGetBytesFromBase64(out var bytes))
        {
            return bytes;
        }

        // Jackson also skips whitespace inside base64 text.
        var text = json.GetString() ?? "";
        var buffer = new byte[text.Length * 3 / 4 + 3];
        return Convert.TryFromBase64String(text, buffer, out var written) ? buffer[..written] : null;
    }

    private static ReadOnlySpan<byte> RawText(JsonElement json) => JsonMarshal.GetRawUtf8Value(json);

    /// <summary>Jackson's <c>isIntegralNumber</c>: a number written without fraction or exponent.</summary>
    private static bool IsIntegral(JsonElement json) =>
        json.ValueKind == JsonValueKind.Number && RawText(json).IndexOfAny((byte)'.', (byte)'e', (byte)'E') < 0;

    /// <summary>Jackson's <c>longValue()</c>: integers keep their low 64 bits, fractions are truncated, non-numbers are 0.</summary>
    private static long LongValue(JsonElement json)
    {
        if (json.ValueKind != JsonValueKind.Number)
        {
            return 0;
        }

        if (IsIntegral(json))
        {
            return json.TryGetInt64(out var value) ? value : LowBits(BigInteger.Parse(json.GetRawText(), CultureInfo.InvariantCulture));
        }

        if (decimal.TryParse(RawText(json), NumberStyles.Float, CultureInfo.InvariantCulture, out var m))
        {
            return LowBits(new BigInteger(decimal.Truncate(m)));
        }

        var d = double.Parse(RawText(json), CultureInfo.InvariantCulture);
        return double.IsFinite(d) && Math.Abs(d) < 1e300 ? LowBits(new BigInteger(Math.Truncate(d))) : 0;
    }

    private static long LowBits(BigInteger value) => unchecked((long)(ulong)(value & ulong.MaxValue));

    /// <summary>Jackson's <c>JsonNodeType</c> name, used in Kafka's messages.</summary>
    private static string NodeType(JsonElement json) => json.ValueKind switch
    {
        JsonValueKind.Object => "OBJECT",
        JsonValueKind.Array => "ARRAY",
        JsonValueKind.String => "STRING",
        JsonValueKind.Number => "NUMBER",
        JsonValueKind.True or JsonValueKind.False => "BOOLEAN",
        JsonValueKind.Null => "NULL",
        _ => "MISSING",
    };

    private Schema BuildSchema(JsonElement json)
    {
        if (json.ValueKind != JsonValueKind.Object || !json.TryGetProperty("type", out var typeNode)
            || typeNode.ValueKind != JsonValueKind.String)
        {
            throw new DataException("Schema must contain 'type' field");
        }

        var builder = typeNode.GetString() switch
        {
            "boolean" => SchemaBuilder.Bool(),
            "int8" => SchemaBuilder.Int8(),
            "int16" => SchemaBuilder.Int16(),
            "int32" => SchemaBuilder.Int32(),
            "int64" => SchemaBuilder.Int64(),
            "float" => SchemaBuilder.Float32(),
            "double" => SchemaBuilder.Float64(),
            "bytes" => SchemaBuilder.Bytes(),
            "string" => SchemaBuilder.String(),
            "array" => SchemaBuilder.Array(SubSchema(json, "items", "Array schema did not specify the element type")),
            "map" => SchemaBuilder.Map(SubSchema(json, "keys", "Map schema did not specify the key type"),
                SubSchema(json, "values", "Map schema did not specify the value type")),
            "struct" => StructBuilder(json),
            var other => throw new DataException("Unknown schema type: " + other),
        };

        if (json.TryGetProperty("optional", out var optional) && optional.ValueKind == JsonValueKind.True)
        {
            builder.Optional();
        }
        else
        {
            builder.Required();
        }

        if (json.TryGetProperty("name", out var name) && name.ValueKind == JsonValueKind.String)
        {
            builder.SetName(name.GetString());
        }

        if (json.TryGetProperty("version", out var version) && IsIntegral(version))
        {
            builder.SetVersion((int)LongValue(version));
        }

        if (json.TryGetProperty("doc", out var doc) && doc.ValueKind == JsonValueKind.String)
        {
            builder.SetDoc(doc.GetString());
        }

        if (json.TryGetProperty("parameters", out var parameters) && parameters.ValueKind == JsonValueKind.Object)
        {
            foreach (var parameter in parameters.EnumerateObject())
            {
                builder.Parameter(parameter.Name, parameter.Value.ValueKind == JsonValueKind.String
                    ? parameter.Value.GetString() ?? ""
                    : throw new DataException("Schema parameters must have string values."));
            }
        }

        if (json.TryGetProperty("default", out var defaultJson) && ReadValue(builder.Build(), defaultJson) is { } defaultValue)
        {
            builder.Default(defaultValue);
        }

        return builder.Build();
    }

    private Schema SubSchema(JsonElement json, string property, string missingMessage) =>
        json.TryGetProperty(property, out var element) && element.ValueKind != JsonValueKind.Null
            ? BuildSchema(element)
            : throw new DataException(missingMessage);

    private SchemaBuilder StructBuilder(JsonElement json)
    {
        if (!json.TryGetProperty("fields", out var fields) || fields.ValueKind != JsonValueKind.Array)
        {
            throw new DataException("Struct schema's \"fields\" argument is not an array.");
        }

        var builder = SchemaBuilder.Struct();
        foreach (var field in fields.EnumerateArray())
        {
            if (field.ValueKind != JsonValueKind.Object || !field.TryGetProperty("field", out var fieldName)
                || fieldName.ValueKind != JsonValueKind.String)
            {
                throw new DataException("Struct schema's field name not specified properly");
            }

            builder.Field(fieldName.GetString() ?? "", BuildSchema(field));
        }

        return builder;
    }
}
