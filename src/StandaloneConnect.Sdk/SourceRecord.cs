using StandaloneConnect.Sdk.Data;

namespace StandaloneConnect.Sdk;

/// <summary>
/// A record produced by a source task (Kafka's <c>SourceRecord</c>). <see cref="SourcePartition"/> and
/// <see cref="SourceOffset"/> are maps of string keys to primitive values that the framework stores as offsets.
/// </summary>
public sealed class SourceRecord : ConnectRecord
{
    public SourceRecord(IReadOnlyDictionary<string, object?>? sourcePartition, IReadOnlyDictionary<string, object?>? sourceOffset,
        string topic, int? kafkaPartition, Schema? keySchema, object? key, Schema? valueSchema, object? value,
        long? timestamp = null, IEnumerable<Header>? headers = null)
        : base(topic, kafkaPartition, keySchema, key, valueSchema, value, timestamp, headers)
    {
        SourcePartition = sourcePartition;
        SourceOffset = sourceOffset;
    }

    public SourceRecord(IReadOnlyDictionary<string, object?>? sourcePartition, IReadOnlyDictionary<string, object?>? sourceOffset,
        string topic, Schema? valueSchema, object? value)
        : this(sourcePartition, sourceOffset, topic, null, null, null, valueSchema, value)
    {
    }

    public IReadOnlyDictionary<string, object?>? SourcePartition { get; }
    public IReadOnlyDictionary<string, object?>? SourceOffset { get; }

    public override SourceRecord NewRecord(string topic, int? kafkaPartition, Schema? keySchema, object? key,
        Schema? valueSchema, object? value, long? timestamp, IEnumerable<Header>? headers) =>
        new(SourcePartition, SourceOffset, topic, kafkaPartition, keySchema, key, valueSchema, value, timestamp, headers);
}
