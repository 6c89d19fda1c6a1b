using Confluent.Kafka;
using StandaloneConnect.Runtime.Kafka.Embedded;

namespace StandaloneConnect.Runtime.Tests.Kafka;

public sealed class MockKafkaClusterTests
{
    [TestCase(1)]
    [TestCase(3)]
    public void Ctor_Brokers_BootstrapListsOneLoopbackAddressPerBroker(int brokers)
    {
        using var cluster = new MockKafkaCluster(brokers);

        cluster.BrokerCount.Should().Be(brokers);
        var addresses = cluster.BootstrapServers.Split(',');
        addresses.Should().HaveCount(brokers)
            .And.OnlyContain(a => System.Text.RegularExpressions.Regex.IsMatch(a, @"^127\.0\.0\.1:\d{1,5}$"));
        addresses.Should().OnlyHaveUniqueItems();
    }

    [Test]
    public void Ctor_TwoClustersAtOnce_IndependentAndBothDisposable()
    {
        using var first = new MockKafkaCluster();
        using var second = new MockKafkaCluster(2);

        first.BootstrapServers.Should().NotBe(second.BootstrapServers);
        first.CreateTopic("shared-name", 2).Should().BeTrue();
        second.CreateTopic("shared-name", 2).Should().BeTrue("each cluster has its own topics");

        first.Dispose();
        second.CreateTopic("after-first-disposed", 1).Should().BeTrue();
    }

    [Test]
    public void Ctor_ZeroBrokers_Throws()
    {
        var act = () => new MockKafkaCluster(0);

        act.Should().Throw<ArgumentOutOfRangeException>();
    }

    [Test]
    public void CreateTopic_Existing_ReturnsFalse()
    {
        using var cluster = new MockKafkaCluster();

        cluster.CreateTopic("t", 3).Should().BeTrue();
        cluster.CreateTopic("t", 5).Should().BeFalse();
    }

    [Test]
    public void DeleteTopic_Existing_TopicCanBeCreatedAgain()
    {
        using var cluster = new MockKafkaCluster();
        cluster.CreateTopic("t", 1);

        cluster.DeleteTopic("t");

        cluster.CreateTopic("t", 1).Should().BeTrue();
    }

    [Test]
    public void DeleteTopic_Missing_ThrowsNamingCallAndError()
    {
        using var cluster = new MockKafkaCluster();

        var act = () => cluster.DeleteTopic("missing");

        act.Should().Throw<InvalidOperationException>()
            .WithMessage("*rd_kafka_mock_topic_delete*UnknownTopicOrPart*");
    }

    [Test]
    public void SetBrokerDown_UnknownBroker_ThrowsNamingCallAndError()
    {
        using var cluster = new MockKafkaCluster();

        var act = () => cluster.SetBrokerDown(7);

        act.Should().Throw<InvalidOperationException>()
            .WithMessage("*rd_kafka_mock_broker_set_down*BrokerNotAvailable*");
    }

    [Test]
    public void FaultInjection_AllBrokers_Succeeds()
    {
        using var cluster = new MockKafkaCluster(2);

        cluster.SetBrokerRtt(MockKafkaCluster.AllBrokers, 5);
        cluster.SetBrokerDown(MockKafkaCluster.AllBrokers);
        cluster.SetBrokerUp(MockKafkaCluster.AllBrokers);
        cluster.SetBrokerRtt(MockKafkaCluster.AllBrokers, 0);
        cluster.PushRequestErrors(KafkaApiKey.Fetch, ErrorCode.NotLeaderForPartition);
        cluster.ClearRequestErrors(KafkaApiKey.Fetch);
        cluster.SetGroupInitialRebalanceDelay(100);

        cluster.BrokerCount.Should().Be(2);
    }

    [Test]
    public void DeletePartitionRecords_BeyondHighWatermark_Throws()
    {
        using var cluster = new MockKafkaCluster();
        cluster.CreateTopic("t", 1);

        var act = () => cluster.DeletePartitionRecords("t", 0, 10);

        act.Should().Throw<InvalidOperationException>().WithMessage("*rd_kafka_mock_partition_delete_records*");
    }

    [Test]
    public void Dispose_Twice_IsIdempotent()
    {
        var cluster = new MockKafkaCluster();

        cluster.Dispose();
        var act = cluster.Dispose;

        act.Should().NotThrow();
    }

    [Test]
    public void Dispose_Concurrently_DestroysOnce()
    {
        var cluster = new MockKafkaCluster(2);

        var act = () => Parallel.For(0, 8, _ => cluster.Dispose());

        act.Should().NotThrow();
    }

    [Test]
    public void CreateTopic_AfterDispose_ThrowsObjectDisposed()
    {
        var cluster = new MockKafkaCluster();
        cluster.Dispose();

        var act = () => cluster.CreateTopic("t", 1);

        act.Should().Throw<ObjectDisposedException>();
    }

    [Test]
    public void SetBrokerDown_AfterDispose_ThrowsObjectDisposed()
    {
        var cluster = new MockKafkaCluster();
        cluster.Dispose();

        var act = () => cluster.SetBrokerDown(1);

        act.Should().Throw<ObjectDisposedException>();
    }
}
