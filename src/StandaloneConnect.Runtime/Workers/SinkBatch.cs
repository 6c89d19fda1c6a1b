using StandaloneConnect.Runtime.Kafka;
using StandaloneConnect.Sdk;

namespace StandaloneConnect.Runtime.Workers;

/// <summary>
/// One poll's worth of sink records, the next offsets they bring each partition to (committable only once the task
/// accepted the batch), and, when an errant-record reporter exists, the raw records for the dead letter queue.
/// </summary>
internal sealed class SinkBatch
{
    public List<SinkRecord> Records { get; } = [];

    public Dictionary<TopicPartition, long> Offsets { get; } = [];

    public List<ConsumedRecord> Raw { get; } = [];

    /// <summary>The batch without the records and offsets of the given partitions.</summary>
    public SinkBatch Without(IReadOnlyCollection<TopicPartition> partitions)
    {
        var result = new SinkBatch();
        var gone = partitions.ToHashSet();
        result.Records.AddRange(Records.Where(r => !gone.Contains(new TopicPartition(r.OriginalTopic, r.OriginalKafkaPartition))));
        result.Raw.AddRange(Raw.Where(r => !gone.Contains(new TopicPartition(r.Topic, r.Partition))));
        foreach (var (tp, offset) in Offsets.Where(kv => !gone.Contains(kv.Key)))
        {
            result.Offsets[tp] = offset;
        }

        return result;
    }
}
