using System.Buffers;
using System.Text;
using System.Text.Json;
using StandaloneConnect.Converters;
using StandaloneConnect.Sdk;
using StandaloneConnect.Sdk.Data;

namespace StandaloneConnect.Cli.PipelineTest;

/// <summary>One input line of <c>pipeline-test</c>: Kafka coordinates plus key, value and headers as Connect data.</summary>
internal sealed record PipelineInput(string Topic, int? Partition, long? Offset, long? Timestamp, SchemaAndValue Key, SchemaAndValue Value,
    IReadOnlyList<Header> Headers);

/// <summary>A line that is not a valid <c>pipeline-test</c> record; the message says which field and what was expected.</summary>
internal sealed class PipelineInputException(string message) : Exception(message);

/// <summary>
/// The JSON Lines format of <c>pipeline-test</c>:
/// <c>{"topic":"t","partition":0,"offset":5,"timestamp":1700000000000,"key":K,"value":V,"headers":[{"key":"h","value":H}]}</c>
/// where K, V and H are <c>null</c> or a JsonConverter envelope <c>{"schema":..,"payload":..}</c>. Envelopes are read
/// and written by a JsonConverter with <c>schemas.enable=true</c>, so schemas look exactly as JsonConverter writes
/// them; <c>replace.null.with.default=false</c> so a null stays visible as null.
/// </summary>
internal sealed class PipelineRecordJson
{
    private static readonly string[] Fields = ["topic", "partition", "offset", "timestamp", "key", "value", "headers"];
    private readonly JsonConverter _envelope = new();

    public PipelineRecordJson() =>
        _envelope.Configure(new Dictionary<string, string> { ["schemas.enable"] = "true", ["replace.null.with.default"] = "false" }, isKey: false);

    /// <summary>Parses one line; throws <see cref="PipelineInputException"/> naming the field that is wrong.</summary>
    public PipelineInput Parse(string line)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(line);
        }
        catch (JsonException e)
        {
            throw new PipelineInputException($"not valid JSON: {e.Message}");
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                throw new PipelineInputException($"expected a JSON object with at least \"topic\", found {Kind(root)}");
            }

            foreach (var property in root.EnumerateObject())
            {
                if (!Fields.Contains(property.Name))
                {
                    throw new PipelineInputException($"unknown field \"{property.Name}\"; expected {string.Join(", ", Fields)}");
                }
            }

            var topic = root.TryGetProperty("topic", out var t) && t.ValueKind == JsonValueKind.String && t.GetString() is { Length: > 0 } name
                ? name
                : throw new PipelineInputException("\"topic\" is required and must be a non-empty string");
            return new PipelineInput(topic, Int32(root, "partition"), Int64(root, "offset"), Int64(root, "timestamp"),
                Envelope(root, "key"), Envelope(root, "value"), Headers(root));
        }
    }

    /// <summary>One output line for a record (no trailing newline); the input's offset is passed through.</summary>
    public string Write(ConnectRecord record, long? offset)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteString("topic", record.Topic);
            if (record.KafkaPartition is { } partition)
            {
                writer.WriteNumber("partition", partition);
            }

            if (offset is { } o)
            {
                writer.WriteNumber("offset", o);
            }

            if (record.Timestamp is { } timestamp)
            {
                writer.WriteNumber("timestamp", timestamp);
            }

            WriteEnvelope(writer, "key", record.Topic, record.KeySchema, record.Key);
            WriteEnvelope(writer, "value", record.Topic, record.ValueSchema, record.Value);
            if (record.HasHeaders)
            {
                writer.WriteStartArray("headers");
                foreach (var header in record.Headers)
                {
                    writer.WriteStartObject();
                    writer.WriteString("key", header.Key);
                    WriteEnvelope(writer, "value", record.Topic, header.Schema, header.Value);
                    writer.WriteEndObject();
                }

                writer.WriteEndArray();
            }

            writer.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    private void WriteEnvelope(Utf8JsonWriter writer, string name, string topic, Schema? schema, object? value)
    {
        writer.WritePropertyName(name);
        if (_envelope.FromConnectData(topic, null, schema, value) is { } bytes)
        {
            writer.WriteRawValue(bytes, skipInputValidation: true);
        }
        else
        {
            writer.WriteNullValue();
        }
    }

    private SchemaAndValue Envelope(JsonElement parent, string name, string? where = null)
    {
        if (!parent.TryGetProperty(name, out var element) || element.ValueKind == JsonValueKind.Null)
        {
            return SchemaAndValue.Null;
        }

        where ??= $"\"{name}\"";
        if (element.ValueKind != JsonValueKind.Object)
        {
            throw new PipelineInputException($"{where} must be null or an envelope {{\"schema\":..,\"payload\":..}}, found {Kind(element)}");
        }

        try
        {
            return _envelope.ToConnectData("pipeline-test", null, Encoding.UTF8.GetBytes(element.GetRawText()));
        }
        catch (DataException e)
        {
            throw new PipelineInputException($"{where}: {e.Message}");
        }
    }

    private List<Header> Headers(JsonElement root)
    {
        var headers = new List<Header>();
        if (!root.TryGetProperty("headers", out var array) || array.ValueKind == JsonValueKind.Null)
        {
            return headers;
        }

        if (array.ValueKind != JsonValueKind.Array)
        {
            throw new PipelineInputException($"\"headers\" must be an array of {{\"key\":..,\"value\":..}}, found {Kind(array)}");
        }

        var index = 0;
        foreach (var item in array.EnumerateArray())
        {
            var where = $"\"headers\"[{index++}]";
            if (item.ValueKind != JsonValueKind.Object || !item.TryGetProperty("key", out var key) || key.ValueKind != JsonValueKind.String)
            {
                throw new PipelineInputException($"{where} must be an object with a string \"key\" and a \"value\" envelope or null");
            }

            var value = Envelope(item, "value", where + ".value");
            headers.Add(new Header(key.GetString()!, value.Schema, value.Value));
        }

        return headers;
    }

    private static int? Int32(JsonElement root, string name) =>
        !root.TryGetProperty(name, out var e) || e.ValueKind == JsonValueKind.Null ? null
        : e.ValueKind == JsonValueKind.Number && e.TryGetInt32(out var value) && value >= 0 ? value
        : throw new PipelineInputException($"\"{name}\" must be a non-negative 32-bit integer, found {e.GetRawText()}");

    private static long? Int64(JsonElement root, string name) =>
        !root.TryGetProperty(name, out var e) || e.ValueKind == JsonValueKind.Null ? null
        : e.ValueKind == JsonValueKind.Number && e.TryGetInt64(out var value) && value >= 0 ? value
        : throw new PipelineInputException($"\"{name}\" must be a non-negative 64-bit integer, found {e.GetRawText()}");

    private static string Kind(JsonElement e) => e.ValueKind switch
    {
        JsonValueKind.Array => "an array",
        JsonValueKind.String => "a string",
        JsonValueKind.Number => "a number",
        JsonValueKind.True or JsonValueKind.False => "a boolean",
        JsonValueKind.Null => "null",
        _ => "an object",
    };
}
