using StandaloneConnect.Runtime.Workers;

namespace StandaloneConnect.Runtime.Tests.Workers;

[TestFixture]
[NonParallelizable]
public sealed class WorkerSourceTaskTests
{
    [SetUp]
    public void SetUp() => CountingSourceTask.Committed.Clear();

    [Test]
    public async Task Run_RecordsAcknowledged_ProducesAllAndCommitsLastOffsetAndCallsCommitRecord()
    {
        await using var f = new WorkerFixture();
        await f.Herder.PutConnectorConfigAsync("src", Config("src-topic", 250), null, false, CancellationToken.None);

        var values = await f.Cluster.ConsumeStringsAsync("src-topic", 250, TimeSpan.FromSeconds(30));
        values.Should().Equal(Enumerable.Range(0, 250).Select(i => "r-" + i));
        await Eventually.UntilAsync(() => f.Store.Get("src", Partition) is { } o && (long?)o["i"] == 249, TimeSpan.FromSeconds(20),
            "the last acknowledged offset is committed on the flush interval");
        await Eventually.UntilAsync(() => CountingSourceTask.Committed.Count == 250, TimeSpan.FromSeconds(10), "every record was acknowledged");
        CountingSourceTask.Committed.Should().OnlyContain(c => c.Metadata != null && c.Metadata.Topic == "src-topic");
        f.Cluster.HighWatermarks("src-topic").Should().HaveCount(1, "the embedded cluster creates source topics with embedded.kafka.partitions=1");
    }

    [Test]
    public async Task Restart_AfterGracefulStop_ResumesAfterCommittedOffsetWithoutDuplicates()
    {
        await using (var f1 = new WorkerFixture(flushIntervalMs: 60000))
        {
            await f1.Herder.PutConnectorConfigAsync("src", Config("t", 50), null, false, CancellationToken.None);
            await f1.Cluster.ConsumeStringsAsync("t", 50, TimeSpan.FromSeconds(30));
            await f1.Herder.StopAsync();
            var committed = f1.Store.Get("src", Partition);
            committed.Should().NotBeNull("the final flush at stop commits acknowledged offsets");
            committed!["i"].Should().Be(49L);

            // a second worker over the same offsets file and a fresh cluster continues at r-50
            var offsets = await File.ReadAllTextAsync(f1.OffsetFile);
            await using var f2 = new WorkerFixture(flushIntervalMs: 60000);
            await File.WriteAllTextAsync(f2.OffsetFile, offsets);
            f2.Store.Load();
            await f2.Herder.PutConnectorConfigAsync("src", Config("t", 80), null, false, CancellationToken.None);
            var values = await f2.Cluster.ConsumeStringsAsync("t", 30, TimeSpan.FromSeconds(30));
            values.Should().Equal(Enumerable.Range(50, 30).Select(i => "r-" + i));
        }
    }

    [Test]
    public async Task Poll_Throws_TaskFailedWithTraceAndConnectorStillRunning()
    {
        await using var f = new WorkerFixture();
        var config = new Dictionary<string, string>(Config("t", 500)) { ["fail.at"] = "100" };
        await f.Herder.PutConnectorConfigAsync("src", config, null, false, CancellationToken.None);

        await Eventually.UntilAsync(() => f.Herder.GetConnectorStatus("src").Tasks.Single().Status.State == ConnectState.Failed,
            TimeSpan.FromSeconds(20), "the task fails");
        var status = f.Herder.GetConnectorStatus("src");
        status.Connector.State.Should().Be(ConnectState.Running);
        status.Tasks.Single().Status.Trace.Should().Contain("poll failed on purpose");
    }

    [Test]
    public async Task SendFails_NotTolerated_TaskFailsAndNoOffsetIsCommitted()
    {
        await using var f = new WorkerFixture(flushIntervalMs: 50);
        f.Cluster.CreateTopic("denied", 1);
        f.Cluster.PushRequestErrors(StandaloneConnect.Runtime.Kafka.Embedded.KafkaApiKey.Produce,
            Enumerable.Repeat(Confluent.Kafka.ErrorCode.TopicAuthorizationFailed, 50).ToArray());
        await f.Herder.PutConnectorConfigAsync("src", Config("denied", 20), null, false, CancellationToken.None);

        await Eventually.UntilAsync(() => f.Herder.GetConnectorStatus("src").Tasks.Single().Status.State == ConnectState.Failed,
            TimeSpan.FromSeconds(30), "the task fails on the rejected send");
        await f.Herder.StopAsync();

        f.Herder.GetConnectorStatus("src").Tasks.Single().Status.Trace.Should().Contain("Unrecoverable exception from producer send callback");
        f.Store.Get("src", Partition).Should().BeNull("a record that was never written must not have its offset committed");
    }

    [Test]
    public void ProducerConfig_Defaults_AreKafkasFrameworkDefaults()
    {
        using var f = new WorkerFixtureSync();
        var config = f.Fixture.Worker.ProducerConfig(new ConnectorTaskId("c", 0), new Dictionary<string, string>(), "connector-producer-c-0");
        var consumer = f.Fixture.Worker.ConsumerConfig(new ConnectorTaskId("c", 0), new Dictionary<string, string>(), out var maxPoll);

        config.Should().Contain("acks", "all").And.Contain("enable.idempotence", "false").And.Contain("max.in.flight.requests.per.connection", "1")
            .And.Contain("partitioner", "murmur2_random").And.Contain("client.id", "connector-producer-c-0");
        consumer.Should().Contain("group.id", "connect-c").And.Contain("enable.auto.commit", "false").And.Contain("auto.offset.reset", "earliest")
            .And.Contain("isolation.level", "read_uncommitted").And.Contain("client.id", "connector-consumer-c-0");
        maxPoll.Should().Be(500);
    }

    private static readonly IReadOnlyDictionary<string, object?> Partition = new Dictionary<string, object?> { ["p"] = "only" };

    private static Dictionary<string, string> Config(string topic, int count) => new()
    {
        ["name"] = "src",
        ["connector.class"] = typeof(CountingSourceConnector).FullName!,
        ["topic"] = topic,
        ["count"] = count.ToString(System.Globalization.CultureInfo.InvariantCulture),
    };
}
