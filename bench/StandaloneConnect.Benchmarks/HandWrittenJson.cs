using System.Buffers;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using StandaloneConnect.Sdk.Data;

namespace StandaloneConnect.Benchmarks;

/// <summary>
/// The in-run baselines: what a careful engineer would write by hand with System.Text.Json for exactly these inputs,
/// producing the same bytes as the converter (checked once at set-up by <see cref="Verify"/>). The constant schema
/// part of an envelope is pre-encoded and written raw, as the converter caches it too, so the baseline is a floor.
/// One instance per benchmark class; not thread-safe (reuses its buffer and writer, like the converter).
/// </summary>
public sealed class HandWrittenJson
{
    /// <summary>Kafka's schema JSON for a required string.</summary>
    public static readonly byte[] StringSchemaJson = """{"type":"string","optional":false}"""u8.ToArray();

    /// <summary>Kafka's schema JSON for <see cref="BenchData.OrderSchema"/>, typed out by hand from Kafka's rules.</summary>
    public static readonly byte[] OrderSchemaJson = Encoding.UTF8.GetBytes(
        """{"type":"struct","fields":[{"type":"int64","optional":false,"field":"id"},"""
        + """{"type":"string","optional":false,"field":"name"},{"type":"string","optional":true,"field":"email"},"""
        + """{"type":"boolean","optional":false,"field":"active"},"""
        + """{"type":"int64","optional":false,"name":"org.apache.kafka.connect.data.Timestamp","version":1,"field":"ts"}"""
        + """],"optional":false,"name":"bench.Order"}""");

    private static readonly JsonWriterOptions WriterOptions = new()
    {
        // Jackson escapes only quote, backslash and control characters; the relaxed encoder is the closest match.
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        SkipValidation = true,
    };

    private readonly ArrayBufferWriter<byte> _buffer = new(512);
    private readonly Utf8JsonWriter _writer;
    private readonly IReadOnlyList<Field> _fields = BenchData.OrderSchema.Fields;

    public HandWrittenJson() => _writer = new Utf8JsonWriter(_buffer, WriterOptions);

    public byte[] WriteString(string value, bool envelope)
    {
        var w = Start();
        if (envelope)
        {
            w.WriteStartObject();
            w.WritePropertyName("schema"u8);
            w.WriteRawValue(StringSchemaJson, skipInputValidation: true);
            w.WritePropertyName("payload"u8);
            w.WriteStringValue(value);
            w.WriteEndObject();
        }
        else
        {
            w.WriteStringValue(value);
        }

        return Finish();
    }

    public byte[] WriteOrder(Struct order, bool envelope)
    {
        var w = Start();
        if (envelope)
        {
            w.WriteStartObject();
            w.WritePropertyName("schema"u8);
            w.WriteRawValue(OrderSchemaJson, skipInputValidation: true);
            w.WritePropertyName("payload"u8);
        }

        w.WriteStartObject();
        w.WriteNumber("id"u8, (long)order.Get(_fields[0])!);
        w.WriteString("name"u8, (string)order.Get(_fields[1])!);
        if (order.Get(_fields[2]) is string email)
        {
            w.WriteString("email"u8, email);
        }
        else
        {
            w.WriteNull("email"u8);
        }

        w.WriteBoolean("active"u8, (bool)order.Get(_fields[3])!);
        w.WriteNumber("ts"u8, ConnectTimestamp.FromLogical((DateTime)order.Get(_fields[4])!));
        w.WriteEndObject();
        if (envelope)
        {
            w.WriteEndObject();
        }

        return Finish();
    }

    public static string ReadString(byte[] json, bool envelope)
    {
        var reader = new Utf8JsonReader(json);
        reader.Read();
        if (envelope)
        {
            string? payload = null;
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var isPayload = reader.ValueTextEquals("payload"u8);
                reader.Read();
                if (isPayload)
                {
                    payload = reader.GetString();
                }
                else
                {
                    reader.Skip();
                }
            }

            return payload ?? throw new JsonException("no payload");
        }

        return reader.GetString() ?? throw new JsonException("null");
    }

    /// <summary>Schemas off: the generic map the converter returns (integers as long), read straight off the reader.</summary>
    public static Dictionary<object, object?> ReadMap(byte[] json)
    {
        var reader = new Utf8JsonReader(json);
        reader.Read();
        var result = new Dictionary<object, object?>();
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var name = reader.GetString()!;
            reader.Read();
            result[name] = reader.TokenType switch
            {
                JsonTokenType.String => reader.GetString(),
                JsonTokenType.Number => reader.GetInt64(),
                JsonTokenType.True => true,
                JsonTokenType.False => false,
                _ => null,
            };
        }

        return result;
    }

    /// <summary>Schemas on: skips the (known) schema and reads the payload into a Struct of the known schema.</summary>
    public Struct ReadOrder(byte[] json)
    {
        var reader = new Utf8JsonReader(json);
        reader.Read();
        Struct? order = null;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var isPayload = reader.ValueTextEquals("payload"u8);
            reader.Read();
            if (!isPayload)
            {
                reader.Skip();
                continue;
            }

            order = new Struct(BenchData.OrderSchema);
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var field = reader.ValueTextEquals("id"u8) ? _fields[0]
                    : reader.ValueTextEquals("name"u8) ? _fields[1]
                    : reader.ValueTextEquals("email"u8) ? _fields[2]
                    : reader.ValueTextEquals("active"u8) ? _fields[3]
                    : reader.ValueTextEquals("ts"u8) ? _fields[4]
                    : throw new JsonException("unknown field");
                reader.Read();
                object? value = field.Index switch
                {
                    0 => reader.GetInt64(),
                    3 => reader.GetBoolean(),
                    4 => ConnectTimestamp.ToLogical(reader.GetInt64()),
                    _ => reader.TokenType == JsonTokenType.Null ? null : reader.GetString(),
                };
                order.Put(field, value);
            }
        }

        return order ?? throw new JsonException("no payload");
    }

    private Utf8JsonWriter Start()
    {
        _buffer.ResetWrittenCount();
        _writer.Reset();
        return _writer;
    }

    private byte[] Finish()
    {
        _writer.Flush();
        return _buffer.WrittenSpan.ToArray();
    }
}
