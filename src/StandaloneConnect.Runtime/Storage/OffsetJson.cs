using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Json;
using StandaloneConnect.Sdk;

namespace StandaloneConnect.Runtime.Storage;

/// <summary>
/// JSON for source partitions and offsets: maps of string keys to primitive values (reference §5.1). Writing sorts
/// keys, so the text of a partition is a canonical key for it. Reading returns integral numbers as <c>long</c> and
/// other numbers as <c>double</c>, as Kafka's schemaless JsonConverter does.
/// </summary>
public static class OffsetJson
{
    /// <summary>Throws <see cref="DataException"/> unless every value is null, a string, a number or a boolean.</summary>
    public static void Validate(IReadOnlyDictionary<string, object?>? map, string what)
    {
        if (map is null)
        {
            return;
        }

        foreach (var (key, value) in map)
        {
            if (value is not (null or string or bool or sbyte or short or int or long or float or double or byte or ushort or uint))
            {
                throw new DataException(
                    $"{what} may only contain primitive types (string, number, boolean, null) as values, but key '{key}' has a {value.GetType().Name}");
            }
        }
    }

    public static string Write(IReadOnlyDictionary<string, object?> map)
    {
        var buffer = new ArrayBufferWriter<byte>(64);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            WriteMap(writer, map);
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    public static void WriteMap(Utf8JsonWriter writer, IReadOnlyDictionary<string, object?> map)
    {
        writer.WriteStartObject();
        foreach (var (key, value) in map.OrderBy(kv => kv.Key, StringComparer.Ordinal))
        {
            writer.WritePropertyName(key);
            WriteValue(writer, value);
        }

        writer.WriteEndObject();
    }

    private static void WriteValue(Utf8JsonWriter writer, object? value)
    {
        switch (value)
        {
            case null:
                writer.WriteNullValue();
                break;
            case string s:
                writer.WriteStringValue(s);
                break;
            case bool b:
                writer.WriteBooleanValue(b);
                break;
            case float or double:
                writer.WriteNumberValue(Convert.ToDouble(value, CultureInfo.InvariantCulture));
                break;
            default:
                writer.WriteNumberValue(Convert.ToInt64(value, CultureInfo.InvariantCulture));
                break;
        }
    }

    public static IReadOnlyDictionary<string, object?> Parse(string json)
    {
        using var doc = JsonDocument.Parse(json);
        return ReadMap(doc.RootElement);
    }

    public static Dictionary<string, object?> ReadMap(JsonElement element)
    {
        if (element.ValueKind != JsonValueKind.Object)
        {
            throw new FormatException($"expected a JSON object but found {element.ValueKind}");
        }

        var map = new Dictionary<string, object?>(StringComparer.Ordinal);
        foreach (var p in element.EnumerateObject())
        {
            map[p.Name] = p.Value.ValueKind switch
            {
                JsonValueKind.Null => null,
                JsonValueKind.String => p.Value.GetString(),
                JsonValueKind.True => true,
                JsonValueKind.False => false,
                JsonValueKind.Number when p.Value.TryGetInt64(out var l) => l,
                JsonValueKind.Number => p.Value.GetDouble(),
                _ => throw new FormatException($"key '{p.Name}' holds a {p.Value.ValueKind}; only primitive values are allowed"),
            };
        }

        return map;
    }
}
