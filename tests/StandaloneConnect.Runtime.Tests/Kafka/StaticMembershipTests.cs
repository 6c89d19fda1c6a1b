using Microsoft.Extensions.Logging.Abstractions;
using StandaloneConnect.Runtime.Kafka;
using StandaloneConnect.Runtime.Kafka.Embedded;
using StandaloneConnect.Runtime.Workers;
using StandaloneConnect.Sdk;
using SdkTopicPartition = StandaloneConnect.Sdk.TopicPartition;

namespace StandaloneConnect.Runtime.Tests.Kafka;

/// <summary>
/// Static group membership of sink consumers (KIP-345): an id per task on real clusters, and a graceful stop that still
/// leaves the group. The broker side (a restarted member taking over at once, a duplicate being fenced) needs a real
/// Kafka broker and is not tested here: the mock does not implement it.
/// </summary>
public sealed class StaticMembershipTests
{
    [TestCase(false, true, "connector-consumer-orders-2")]
    [TestCase(true, true, null)]
    [TestCase(false, false, null)]
    public void StaticInstanceId_PerTaskOnRealClustersOnly(bool mock, bool enabled, string? expected)
    {
        Worker.StaticInstanceId(new ConnectorTaskId("orders", 2), mock, enabled).Should().Be(expected);
    }

    [TestCase("connector-consumer-static-0")]
    [TestCase(null)]
    public void Close_StaticOrDynamicMember_SendsLeaveGroup(string? instanceId)
    {
        using var kafka = new EmbeddedKafkaCluster();
        kafka.CreateTopic("static", 1);
        kafka.ProduceStrings("static", ["x"]);
        var config = new Dictionary<string, string>(kafka.CreateConsumerConfig("connect-static")!);
        if (instanceId is not null)
        {
            config["group.instance.id"] = instanceId;
        }

        using var health = new KafkaClientHealth(NullLogger.Instance, TimeProvider.System);
        using var consumer = new RecordConsumer(config, "test", new NoRebalance(), NullLogger.Instance, health);
        consumer.Subscribe(["static"]);
        var clock = System.Diagnostics.Stopwatch.StartNew();
        while (consumer.Consume(TimeSpan.FromMilliseconds(50)) is null && clock.Elapsed < TimeSpan.FromSeconds(30))
        {
        }

        consumer.Assignment.Should().NotBeEmpty();
        kafka.Cluster.StartRequestTracking();

        consumer.Close();

        kafka.Cluster.GetTrackedRequests().Should().Contain(r => r.ApiKey == KafkaApiKey.LeaveGroup,
            "a stopped sink task leaves its group, so that its offsets can be changed right away");
    }

}
