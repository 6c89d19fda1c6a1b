namespace StandaloneConnect.Sdk;

/// <summary>A Kafka topic partition.</summary>
public readonly record struct TopicPartition(string Topic, int Partition)
{
    public override string ToString() => $"{Topic}-{Partition}";
}

/// <summary>Where the broker stored a produced record (passed to <c>SourceTask.CommitRecord</c>).</summary>
public sealed record RecordMetadata(string Topic, int Partition, long Offset, long? Timestamp);

/// <summary>How a record's timestamp was set (Kafka's <c>TimestampType</c>).</summary>
public enum TimestampType
{
    NoTimestampType,
    CreateTime,
    LogAppendTime,
}
