using StandaloneConnect.Runtime.Workers;

namespace StandaloneConnect.Runtime.Tests.Workers;

[TestFixture]
[NonParallelizable]
public sealed class WorkerSinkTaskTests
{
    [SetUp]
    public void SetUp()
    {
        CollectingSinkTask.Received.Clear();
        CollectingSinkTask.Flushes = 0;
    }

    [Test]
    public async Task Run_TopicWithRecords_PutsEveryRecordAndCommitsGroupOffsetsOnStop()
    {
        await using var f = new WorkerFixture(flushIntervalMs: 60000);
        f.Cluster.CreateTopic("in", 2);
        f.Cluster.ProduceStrings("in", Enumerable.Range(0, 300).Select(i => "v" + i));
        await f.Herder.PutConnectorConfigAsync("snk", Config(), null, false, CancellationToken.None);

        await Eventually.UntilAsync(() => CollectingSinkTask.Received.Count == 300, TimeSpan.FromSeconds(30), "all 300 records are put");
        await f.Herder.StopAsync();

        CollectingSinkTask.Received.Select(r => (string?)r.Value).Should().BeEquivalentTo(Enumerable.Range(0, 300).Select(i => "v" + i));
        CollectingSinkTask.Received.Should().OnlyContain(r => r.ValueSchema != null && r.Topic == "in");
        CollectingSinkTask.Flushes.Should().BeGreaterThan(0, "preCommit flushes before offsets are committed");
        var committed = await f.Cluster.GetCommittedOffsetsAsync("connect-snk", "in");
        committed.Values.Sum().Should().Be(300, "group connect-<name> holds the next offsets of every partition");
    }

    [Test]
    public async Task Put_ThrowsRetriableOnce_SameRecordsRedeliveredAndNoneLost()
    {
        await using var f = new WorkerFixture();
        f.Cluster.CreateTopic("in", 1);
        f.Cluster.ProduceStrings("in", Enumerable.Range(0, 20).Select(i => "v" + i));
        var config = new Dictionary<string, string>(Config()) { ["retry.once"] = "true" };
        await f.Herder.PutConnectorConfigAsync("snk", config, null, false, CancellationToken.None);

        await Eventually.UntilAsync(() => CollectingSinkTask.Received.Count >= 20, TimeSpan.FromSeconds(30), "the batch is retried");
        CollectingSinkTask.Received.Select(r => (string?)r.Value).Should().Equal(Enumerable.Range(0, 20).Select(i => "v" + i));
        f.Herder.GetConnectorStatus("snk").Tasks.Single().Status.State.Should().Be(ConnectState.Running);
    }

    [Test]
    public async Task BadRecord_ToleranceAllWithDeadLetterQueue_SkipsItAndWritesOriginalBytesWithContextHeaders()
    {
        await using var f = new WorkerFixture();
        f.Cluster.CreateTopic("in", 1);
        f.Cluster.ProduceStrings("in", ["{\"a\":1}", "not json", "{\"a\":2}"]);
        var config = new Dictionary<string, string>(Config())
        {
            ["value.converter"] = "org.apache.kafka.connect.json.JsonConverter",
            ["value.converter.schemas.enable"] = "false",
            ["errors.tolerance"] = "all",
            ["errors.deadletterqueue.topic.name"] = "dlq",
            ["errors.deadletterqueue.topic.replication.factor"] = "1",
            ["errors.deadletterqueue.context.headers.enable"] = "true",
        };
        await f.Herder.PutConnectorConfigAsync("snk", config, null, false, CancellationToken.None);

        var dead = await f.Cluster.ConsumeAsync("dlq", 1, TimeSpan.FromSeconds(30));
        await Eventually.UntilAsync(() => CollectingSinkTask.Received.Count == 2, TimeSpan.FromSeconds(30), "the good records are put");

        dead.Single().ValueAsString.Should().Be("not json");
        var headers = dead.Single().Headers.ToDictionary(h => h.Key, h => System.Text.Encoding.UTF8.GetString(h.Value ?? []));
        headers.Should().Contain("__connect.errors.topic", "in").And.Contain("__connect.errors.partition", "0")
            .And.Contain("__connect.errors.offset", "1").And.Contain("__connect.errors.connector.name", "snk")
            .And.Contain("__connect.errors.task.id", "0").And.Contain("__connect.errors.stage", "VALUE_CONVERTER");
        headers.Should().Contain("__connect.errors.class.name", "org.apache.kafka.connect.json.JsonConverter", "Kafka's class names, not .NET's")
            .And.Contain("__connect.errors.exception.class.name", "org.apache.kafka.connect.errors.DataException");
        headers.Should().ContainKeys("__connect.errors.exception.message", "__connect.errors.exception.stacktrace");
        f.Herder.GetConnectorStatus("snk").Tasks.Single().Status.State.Should().Be(ConnectState.Running);
    }

    [Test]
    public async Task BadRecord_ToleranceNone_TaskFailsWithToleranceExceeded()
    {
        await using var f = new WorkerFixture();
        f.Cluster.CreateTopic("in", 1);
        f.Cluster.ProduceStrings("in", ["not json"]);
        var config = new Dictionary<string, string>(Config())
        {
            ["value.converter"] = "org.apache.kafka.connect.json.JsonConverter",
        };
        await f.Herder.PutConnectorConfigAsync("snk", config, null, false, CancellationToken.None);

        await Eventually.UntilAsync(() => f.Herder.GetConnectorStatus("snk").Tasks.Single().Status.State == ConnectState.Failed,
            TimeSpan.FromSeconds(30), "the task fails");
        f.Herder.GetConnectorStatus("snk").Tasks.Single().Status.Trace.Should().Contain("Tolerance exceeded in error handler")
            .And.Contain("Converting byte[] to Kafka Connect data failed due to serialization error");
    }

    private static Dictionary<string, string> Config() => new()
    {
        ["name"] = "snk",
        ["connector.class"] = typeof(CollectingSinkConnector).FullName!,
        ["topics"] = "in",
    };
}
