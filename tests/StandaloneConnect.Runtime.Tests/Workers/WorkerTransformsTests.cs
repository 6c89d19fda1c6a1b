using StandaloneConnect.Runtime.Workers;

namespace StandaloneConnect.Runtime.Tests.Workers;

/// <summary>The transformation chain inside running tasks: filtered records still count as processed, failures name the SMT.</summary>
[TestFixture]
[NonParallelizable]
public sealed class WorkerTransformsTests
{
    private static readonly IReadOnlyDictionary<string, object?> Partition = new Dictionary<string, object?> { ["p"] = "only" };

    [SetUp]
    public void SetUp()
    {
        CountingSourceTask.Committed.Clear();
        CollectingSinkTask.Received.Clear();
    }

    [Test]
    public async Task Source_RecordsDroppedByFilter_AreNotProducedButTheirOffsetsAreCommitted()
    {
        await using var f = new WorkerFixture(flushIntervalMs: 50);
        var config = new Dictionary<string, string>
        {
            ["name"] = "src",
            ["connector.class"] = typeof(CountingSourceConnector).FullName!,
            ["topic"] = "kept",
            ["count"] = "20",
            ["transforms"] = "route,drop",
            ["transforms.route.type"] = "org.apache.kafka.connect.transforms.RegexRouter",
            ["transforms.route.regex"] = "kept",
            ["transforms.route.replacement"] = "routed",
            ["transforms.drop.type"] = "org.apache.kafka.connect.transforms.Filter",
        };
        await f.Herder.PutConnectorConfigAsync("src", config, null, false, CancellationToken.None);

        await Eventually.UntilAsync(() => f.Store.Get("src", Partition) is { } o && (long?)o["i"] == 19, TimeSpan.FromSeconds(20),
            "the offset of the last filtered record is committed, as in Kafka");
        f.Cluster.HighWatermarks("routed").Values.Sum().Should().Be(0, "every record was filtered out");
        f.Herder.GetConnectorStatus("src").Tasks.Single().Status.State.Should().Be(ConnectState.Running);
    }

    [Test]
    public async Task Sink_AFailingSmtWithToleranceAll_GoesToTheDeadLetterQueueNamingTheSmtsKafkaClass()
    {
        await using var f = new WorkerFixture();
        f.Cluster.CreateTopic("in", 1);
        f.Cluster.ProduceStrings("in", ["1", "abc", "2"]);
        var config = new Dictionary<string, string>
        {
            ["name"] = "snk",
            ["connector.class"] = typeof(CollectingSinkConnector).FullName!,
            ["topics"] = "in",
            ["transforms"] = "tag,cast",
            ["transforms.tag.type"] = "org.apache.kafka.connect.transforms.InsertHeader",
            ["transforms.tag.header"] = "seen",
            ["transforms.tag.value.literal"] = "yes",
            ["transforms.cast.type"] = "org.apache.kafka.connect.transforms.Cast$Value",
            ["transforms.cast.spec"] = "int32",
            ["errors.tolerance"] = "all",
            ["errors.deadletterqueue.topic.name"] = "dlq",
            ["errors.deadletterqueue.topic.replication.factor"] = "1",
            ["errors.deadletterqueue.context.headers.enable"] = "true",
        };
        await f.Herder.PutConnectorConfigAsync("snk", config, null, false, CancellationToken.None);

        var dead = await f.Cluster.ConsumeAsync("dlq", 1, TimeSpan.FromSeconds(30));
        await Eventually.UntilAsync(() => CollectingSinkTask.Received.Count == 2, TimeSpan.FromSeconds(30), "the good records are put");

        CollectingSinkTask.Received.Select(r => r.Value).Should().Equal(1, 2);
        CollectingSinkTask.Received.Should().OnlyContain(r => r.Headers.LastWithName("seen") != null, "the stage before the failing one ran");
        dead.Single().ValueAsString.Should().Be("abc");
        var headers = dead.Single().Headers.ToDictionary(h => h.Key, h => System.Text.Encoding.UTF8.GetString(h.Value ?? []));
        headers.Should().Contain("__connect.errors.stage", "TRANSFORMATION")
            .And.Contain("__connect.errors.class.name", "org.apache.kafka.connect.transforms.Cast$Value");
    }
}
