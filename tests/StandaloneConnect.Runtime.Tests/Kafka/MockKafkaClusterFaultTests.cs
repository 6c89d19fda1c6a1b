using System.Collections.Concurrent;
using Confluent.Kafka;
using StandaloneConnect.Runtime.Kafka.Embedded;
using StandaloneConnect.Testing;

namespace StandaloneConnect.Runtime.Tests.Kafka;

public sealed class MockKafkaClusterFaultTests
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(20);

    private EmbeddedKafkaCluster _kafka = null!;

    [SetUp]
    public void SetUp() => _kafka = new EmbeddedKafkaCluster();

    [TearDown]
    public void TearDown() => _kafka.Dispose();

    [Test]
    public async Task SetBrokerDown_ThenUp_ProducerDeliversEverythingAfterUp()
    {
        _kafka.CreateTopic("outage", partitions: 2);
        var delivered = 0;
        var failures = new ConcurrentQueue<Error>();
        var config = _kafka.CreateProducerConfig();
        config.ReconnectBackoffMaxMs = 200; // reconnect soon after the broker is back
        using var producer = BuildQuietProducer(config);
        void Send(int from, int count)
        {
            for (var i = from; i < from + count; i++)
            {
                producer.Produce("outage", new Message<Null, string> { Value = $"m{i}" }, r =>
                {
                    if (r.Error.IsError) failures.Enqueue(r.Error);
                    else Interlocked.Increment(ref delivered);
                });
            }
        }

        Send(0, 50);
        producer.Flush(Deadline).Should().Be(0);
        _kafka.SetBrokerDown(1);
        Send(50, 50);
        var heldWhileDown = producer.Flush(TimeSpan.FromMilliseconds(300));
        _kafka.SetBrokerUp(1);
        var remainingAfterUp = producer.Flush(Deadline); // polls until all are delivered or the deadline passes

        heldWhileDown.Should().Be(50, "no broker can take the records while it is down");
        remainingAfterUp.Should().Be(0);
        failures.Should().BeEmpty();
        Volatile.Read(ref delivered).Should().Be(100);
        (await _kafka.ConsumeStringsAsync("outage", 100, Deadline)).Should().OnlyHaveUniqueItems().And.HaveCount(100);
    }

    [Test]
    public async Task PushRequestErrors_RetriableProduceErrors_RetriedAndDeliveredOnce()
    {
        _kafka.CreateTopic("flaky", partitions: 1);
        using var producer = BuildQuietProducer(_kafka.CreateProducerConfig());
        await producer.ProduceAsync("flaky", new Message<Null, string> { Value = "warm-up" }); // metadata + connection ready
        _kafka.Cluster.StartRequestTracking();
        _kafka.PushRequestErrors(KafkaApiKey.Produce,
            ErrorCode.NotLeaderForPartition, ErrorCode.RequestTimedOut, ErrorCode.NotEnoughReplicas);

        var result = await producer.ProduceAsync("flaky", new Message<Null, string> { Value = "payload" })
            .WaitAsync(Deadline);

        result.Status.Should().Be(PersistenceStatus.Persisted);
        result.Offset.Value.Should().Be(1);
        _kafka.Cluster.GetTrackedRequests().Count(r => r.ApiKey == KafkaApiKey.Produce)
            .Should().BeGreaterThanOrEqualTo(4, "three failed attempts, then the successful one");
        _kafka.HighWatermarks("flaky")[0].Should().Be(2, "failed attempts append nothing");
    }

    [Test]
    public async Task PushRequestErrors_NonRetriableProduceError_SurfacesToProducer()
    {
        _kafka.CreateTopic("forbidden", partitions: 1);
        using var producer = BuildQuietProducer(_kafka.CreateProducerConfig());
        _kafka.PushRequestErrors(KafkaApiKey.Produce, ErrorCode.TopicAuthorizationFailed);

        var act = () => producer.ProduceAsync("forbidden", new Message<Null, string> { Value = "x" }).WaitAsync(Deadline);

        (await act.Should().ThrowAsync<ProduceException<Null, string>>())
            .Which.Error.Code.Should().Be(ErrorCode.TopicAuthorizationFailed);
    }

    [Test]
    public async Task SetPartitionLeader_OtherBrokerWhileLeaderDown_HeldRecordsDelivered()
    {
        using var kafka = new EmbeddedKafkaCluster(2);
        kafka.CreateTopic("failover", partitions: 1, replicationFactor: 2);
        kafka.SetPartitionLeader("failover", 0, 1);
        var config = kafka.CreateProducerConfig();
        config.ReconnectBackoffMaxMs = 200;
        using var producer = BuildQuietProducer(config);
        await producer.ProduceAsync("failover", new Message<Null, string> { Value = "before" });

        kafka.SetBrokerDown(1);
        var pending = producer.ProduceAsync("failover", new Message<Null, string> { Value = "during" });
        kafka.SetPartitionLeader("failover", 0, 2);
        var result = await pending.WaitAsync(Deadline);

        result.Status.Should().Be(PersistenceStatus.Persisted);
        (await kafka.ConsumeStringsAsync("failover", 2, Deadline)).Should().Equal("before", "during");
    }

    private static IProducer<Null, string> BuildQuietProducer(ProducerConfig config) =>
        new ProducerBuilder<Null, string>(config).SetLogHandler((_, _) => { }).SetErrorHandler((_, _) => { }).Build();
}
