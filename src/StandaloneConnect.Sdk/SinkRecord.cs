using StandaloneConnect.Sdk.Data;

namespace StandaloneConnect.Sdk;

/// <summary>A record delivered to a sink task, with its Kafka coordinates (Kafka's <c>SinkRecord</c>).</summary>
public sealed class SinkRecord : ConnectRecord
{
    public SinkRecord(string topic, int partition, Schema? keySchema, object? key, Schema? valueSchema, object? value,
        long kafkaOffset, long? timestamp = null, TimestampType timestampType = TimestampType.NoTimestampType,
        IEnumerable<Header>? headers = null)
        : this(topic, partition, keySchema, key, valueSchema, value, kafkaOffset, timestamp, timestampType, headers,
            topic, partition, kafkaOffset)
    {
    }

    public SinkRecord(string topic, int partition, Schema? keySchema, object? key, Schema? valueSchema, object? value,
        long kafkaOffset, long? timestamp, TimestampType timestampType, IEnumerable<Header>? headers,
        string originalTopic, int originalKafkaPartition, long originalKafkaOffset)
        : base(topic, partition, keySchema, key, valueSchema, value, timestamp, headers)
    {
        KafkaOffset = kafkaOffset;
        TimestampType = timestampType;
        OriginalTopic = originalTopic;
        OriginalKafkaPartition = originalKafkaPartition;
        OriginalKafkaOffset = originalKafkaOffset;
    }

    public long KafkaOffset { get; }
    public TimestampType TimestampType { get; }

    /// <summary>The topic the record was consumed from, before any transformation renamed it.</summary>
    public string OriginalTopic { get; }
    public int OriginalKafkaPartition { get; }
    public long OriginalKafkaOffset { get; }

    public override SinkRecord NewRecord(string topic, int? kafkaPartition, Schema? keySchema, object? key,
        Schema? valueSchema, object? value, long? timestamp, IEnumerable<Header>? headers) =>
        new(topic, kafkaPartition ?? OriginalKafkaPartition, keySchema, key, valueSchema, value, KafkaOffset, timestamp,
            TimestampType, headers, OriginalTopic, OriginalKafkaPartition, OriginalKafkaOffset);
}
