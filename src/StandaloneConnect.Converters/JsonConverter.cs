using System.Text.Json;
using StandaloneConnect.Converters.Json;
using StandaloneConnect.Sdk;
using StandaloneConnect.Sdk.Config;
using StandaloneConnect.Sdk.Data;
using StandaloneConnect.Sdk.Storage;

namespace StandaloneConnect.Converters;

/// <summary>
/// Kafka's <c>JsonConverter</c>, byte for byte. With <c>schemas.enable</c> (the default) every value is wrapped in
/// the envelope <c>{"schema":...,"payload":...}</c>; without it only the payload is written and reading infers the
/// types. An instance keeps a reusable output buffer and its schema caches, so it must be used from one thread
/// (as the runtime does: one converter per task and role).
/// </summary>
[PluginAlias("org.apache.kafka.connect.json.JsonConverter")]
public sealed class JsonConverter : IConverter, IHeaderConverter, IVersioned
{
    private const string EnvelopeError = "JsonConverter with schemas.enable requires \"schema\" and \"payload\" fields and may not"
        + " contain additional fields. If you are trying to deserialize plain JSON data, set schemas.enable=false in your"
        + " converter configuration.";

    private const string DeserializationError = "Converting byte[] to Kafka Connect data failed due to serialization error: ";

    private readonly JacksonJsonWriter _output = new();
    private JsonConverterSettings _settings;
    private JsonDataWriter _writer;
    private JsonDataReader _reader;

    public JsonConverter()
    {
        _settings = JsonConverterSettings.Default;
        _writer = new JsonDataWriter(_settings);
        _reader = new JsonDataReader(_settings);
    }

    public ConfigDef Config => JsonConverterConfig.CreateConfigDef();

    public string Version => PluginVersion.Of(typeof(JsonConverter));

    public void Configure(IReadOnlyDictionary<string, string> configs, bool isKey) =>
        Configure(ConverterConfigs.WithType(configs, ConverterConfigs.TypeFor(isKey)));

    public void Configure(IReadOnlyDictionary<string, string> configs)
    {
        var parsed = JsonConverterConfig.CreateConfigDef().Parse(ConverterConfigs.WithDefaultType(configs, ConverterType.Header));
        _settings = JsonConverterSettings.From(parsed);
        _writer = new JsonDataWriter(_settings);
        _reader = new JsonDataReader(_settings);
    }

    public byte[]? FromConnectData(string topic, ConnectHeaders? headers, Schema? schema, object? value)
    {
        if (schema is null && value is null)
        {
            return null;
        }

        _output.Reset();
        if (_settings.SchemasEnabled)
        {
            _output.StartObject();
            _output.PropertyName("schema"u8);
            if (schema is null)
            {
                _output.Null();
            }
            else
            {
                _output.Raw(_writer.SchemaJson(schema));
            }

            _output.PropertyName("payload"u8);
            _writer.WriteValue(_output, schema, value);
            _output.EndObject();
        }
        else
        {
            _writer.WriteValue(_output, schema, value);
        }

        return _output.Written.ToArray();
    }

    public SchemaAndValue ToConnectData(string topic, ConnectHeaders? headers, byte[]? value)
    {
        if (value is null)
        {
            return SchemaAndValue.Null;
        }

        var json = value.AsMemory();
        if (json.Span.StartsWith("\uFEFF"u8))
        {
            json = json[3..];
        }

        try
        {
            return Read(json);
        }
        catch (InvalidOperationException e)
        {
            // Strings that are not valid UTF-8 only fail when they are decoded.
            throw new DataException(DeserializationError + e.Message, e);
        }
    }

    public byte[]? FromConnectHeader(string topic, string headerKey, Schema? schema, object? value) =>
        FromConnectData(topic, null, schema, value);

    public SchemaAndValue ToConnectHeader(string topic, string headerKey, byte[]? value) => ToConnectData(topic, null, value);

    private SchemaAndValue Read(ReadOnlyMemory<byte> json)
    {
        if (!_settings.SchemasEnabled && JsonStringFastPath.TryRead(json.Span, out var line))
        {
            // Fast path: a plain JSON string needs no document.
            return new SchemaAndValue(null, line);
        }

        if (_settings.SchemasEnabled && TryLocateEnvelope(json, out var schemaJson, out var payloadJson))
        {
            // Fast path: the schema text is looked up in the cache, only the payload is parsed into a document
            // (not even that for a string read as a plain or schemaless string).
            var schema = _reader.ReadSchema(schemaJson);
            if ((schema is null || schema is { Type: SchemaType.String, Name: null })
                && JsonStringFastPath.TryRead(payloadJson.Span, out var text))
            {
                return new SchemaAndValue(schema, text);
            }

            using var payload = JsonDocument.Parse(payloadJson, JsonDataReader.DocumentOptions);
            return new SchemaAndValue(schema, _reader.ReadValue(schema, payload.RootElement));
        }

        using var document = Parse(json);
        var root = document?.RootElement ?? default;
        if (!_settings.SchemasEnabled)
        {
            return new SchemaAndValue(null, _reader.ReadValue(null, root));
        }

        if (!TrySplitEnvelope(root, out var schemaElement, out var payloadElement))
        {
            throw new DataException(EnvelopeError);
        }

        var envelopeSchema = _reader.ReadSchema(schemaElement);
        return new SchemaAndValue(envelopeSchema, _reader.ReadValue(envelopeSchema, payloadElement));
    }

    /// <summary>
    /// Finds the <c>schema</c> and <c>payload</c> texts of a well-formed envelope without building a document.
    /// False for anything else (including invalid JSON), which the general path then reports as Kafka does.
    /// </summary>
    private static bool TryLocateEnvelope(ReadOnlyMemory<byte> json, out ReadOnlyMemory<byte> schema, out ReadOnlyMemory<byte> payload)
    {
        schema = default;
        payload = default;
        try
        {
            var reader = new Utf8JsonReader(json.Span, new JsonReaderOptions { MaxDepth = JsonDataReader.DocumentOptions.MaxDepth });
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                return false;
            }

            bool hasSchema = false, hasPayload = false;
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var isSchema = reader.ValueTextEquals("schema"u8);
                if (!isSchema && !reader.ValueTextEquals("payload"u8))
                {
                    return false;
                }

                reader.Read();
                var start = (int)reader.TokenStartIndex;
                reader.Skip();
                var text = json[start..(int)reader.BytesConsumed];
                if (isSchema)
                {
                    (schema, hasSchema) = (text, true);
                }
                else
                {
                    (payload, hasPayload) = (text, true);
                }
            }

            return hasSchema && hasPayload && reader.TokenType == JsonTokenType.EndObject;
        }
        catch (JsonException)
        {
            return false;
        }
    }

    /// <summary>Jackson's <c>readTree</c>: null for empty input, and only the first value is read.</summary>
    private static JsonDocument? Parse(ReadOnlyMemory<byte> json)
    {
        try
        {
            return JsonDocument.Parse(json, JsonDataReader.DocumentOptions);
        }
        catch (JsonException e)
        {
            if (json.Span.TrimStart(" \t\r\n"u8).IsEmpty)
            {
                return null;
            }

            return ParseFirstValue(json) ?? throw new DataException(DeserializationError + e.Message, e);
        }
    }

    private static JsonDocument? ParseFirstValue(ReadOnlyMemory<byte> json)
    {
        try
        {
            var reader = new Utf8JsonReader(json.Span, new JsonReaderOptions { MaxDepth = JsonDataReader.DocumentOptions.MaxDepth });
            if (!reader.Read())
            {
                return null;
            }

            reader.Skip();
            return JsonDocument.Parse(json[..(int)reader.BytesConsumed], JsonDataReader.DocumentOptions);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static bool TrySplitEnvelope(JsonElement root, out JsonElement schema, out JsonElement payload)
    {
        schema = default;
        payload = default;
        if (root.ValueKind != JsonValueKind.Object)
        {
            return false;
        }

        bool hasSchema = false, hasPayload = false;
        foreach (var property in root.EnumerateObject())
        {
            if (property.NameEquals("schema"u8))
            {
                (schema, hasSchema) = (property.Value, true);
            }
            else if (property.NameEquals("payload"u8))
            {
                (payload, hasPayload) = (property.Value, true);
            }
            else
            {
                return false;
            }
        }

        return hasSchema && hasPayload;
    }
}
