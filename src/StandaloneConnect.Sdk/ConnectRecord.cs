using StandaloneConnect.Sdk.Data;

namespace StandaloneConnect.Sdk;

/// <summary>
/// The common part of source and sink records (Kafka's <c>ConnectRecord</c>). Records are immutable except for
/// their headers; transformations make changed copies with <see cref="NewRecord"/>, which keeps the subtype.
/// </summary>
public abstract class ConnectRecord
{
    private ConnectHeaders? _headers;

    protected ConnectRecord(string topic, int? kafkaPartition, Schema? keySchema, object? key, Schema? valueSchema,
        object? value, long? timestamp, IEnumerable<Header>? headers)
    {
        ArgumentNullException.ThrowIfNull(topic);
        Topic = topic;
        KafkaPartition = kafkaPartition;
        KeySchema = keySchema;
        Key = key;
        ValueSchema = valueSchema;
        Value = value;
        Timestamp = timestamp;
        if (headers is not null)
        {
            _headers = headers as ConnectHeaders ?? new ConnectHeaders(headers);
        }
    }

    public string Topic { get; }
    public int? KafkaPartition { get; }
    public Schema? KeySchema { get; }
    public object? Key { get; }
    public Schema? ValueSchema { get; }
    public object? Value { get; }
    public long? Timestamp { get; }

    /// <summary>The headers; created on first access so header-less records cost nothing.</summary>
    public ConnectHeaders Headers => _headers ??= new ConnectHeaders();

    /// <summary>True when the record has at least one header (does not create the list).</summary>
    public bool HasHeaders => _headers is { IsEmpty: false };

    /// <summary>A copy with the given fields and the same subtype-specific fields (offsets, partitions).</summary>
    public abstract ConnectRecord NewRecord(string topic, int? kafkaPartition, Schema? keySchema, object? key,
        Schema? valueSchema, object? value, long? timestamp, IEnumerable<Header>? headers);

    /// <summary>A copy with the given fields and a copy of this record's headers.</summary>
    public ConnectRecord NewRecord(string topic, int? kafkaPartition, Schema? keySchema, object? key,
        Schema? valueSchema, object? value, long? timestamp) =>
        NewRecord(topic, kafkaPartition, keySchema, key, valueSchema, value, timestamp, _headers?.Duplicate());

    public override string ToString() =>
        $"{GetType().Name}{{topic='{Topic}', kafkaPartition={KafkaPartition?.ToString() ?? "null"}, key={Key ?? "null"}, " +
        $"keySchema={KeySchema?.ToString() ?? "null"}, value={Value ?? "null"}, valueSchema={ValueSchema?.ToString() ?? "null"}, " +
        $"timestamp={Timestamp?.ToString() ?? "null"}, headers=[{string.Join(", ", _headers?.Select(h => h.Key) ?? [])}]}}";
}
