using StandaloneConnect.Runtime.Kafka;
using SdkTopicPartition = StandaloneConnect.Sdk.TopicPartition;

namespace StandaloneConnect.Runtime.Tests.Kafka;

/// <summary>A rebalance listener that starts every partition at its committed offset and ignores revocations.</summary>
internal sealed class NoRebalance : IRebalanceListener
{
    public IReadOnlyDictionary<SdkTopicPartition, long> OnAssigned(IReadOnlyList<SdkTopicPartition> partitions) =>
        new Dictionary<SdkTopicPartition, long>();

    public void OnRevoked(IReadOnlyList<SdkTopicPartition> partitions)
    {
    }

    public void OnLost(IReadOnlyList<SdkTopicPartition> partitions)
    {
    }
}
