using StandaloneConnect.Runtime.Configuration;

namespace StandaloneConnect.Runtime.Tests.Workers;

/// <summary>KIP-558 through the worker: which topics source and sink tasks record, against the embedded cluster.</summary>
[TestFixture]
[NonParallelizable]
public sealed class ActiveTopicsWorkerTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    [SetUp]
    public void SetUp()
    {
        ActiveTopicsProbeSourceTask.Pending.Clear();
        ActiveTopicsProbeSourceTask.Acknowledged = 0;
        CollectingSinkTask.Received.Clear();
    }

    [Test]
    public void Worker_DefaultConfig_TrackingEnabled()
    {
        using var f = new WorkerFixtureSync();

        f.Fixture.Worker.ActiveTopics.Enabled.Should().BeTrue();
    }

    [Test]
    public async Task SourceTask_RecordsSentToTwoTopics_RecordsBothTopics()
    {
        await using var f = new WorkerFixture();
        await f.Herder.PutConnectorConfigAsync("src", SourceConfig(), null, false, CancellationToken.None);
        var topics = f.Worker.ActiveTopics;
        topics.Get("src").Should().BeEmpty("nothing was sent yet");

        Send("b-topic", "a-topic", "b-topic");

        await Eventually.UntilAsync(() => topics.Get("src").Count == 2, Timeout, "both topics are recorded");
        topics.Get("src").Should().Equal("a-topic", "b-topic");
        (await f.Cluster.ConsumeStringsAsync("a-topic", 1, Timeout)).Should().Equal("v");
    }

    [Test]
    public async Task SourceTask_TransformationRoutesTopic_RecordsTheFinalTopic()
    {
        await using var f = new WorkerFixture();
        var config = new Dictionary<string, string>(SourceConfig())
        {
            ["transforms"] = "route",
            ["transforms.route.type"] = typeof(ActiveTopicsProbeRouteTransformation).FullName!,
            ["transforms.route.suffix"] = "-routed",
        };
        await f.Herder.PutConnectorConfigAsync("src", config, null, false, CancellationToken.None);

        Send("t");

        await Eventually.UntilAsync(() => ActiveTopicsProbeSourceTask.Acknowledged == 1, Timeout, "the record is acknowledged");
        f.Worker.ActiveTopics.Get("src").Should().Equal(["t-routed"], "the topic the record was written to counts, not the task's");
        (await f.Cluster.ConsumeStringsAsync("t-routed", 1, Timeout)).Should().Equal("v");
    }

    [Test]
    public async Task SourceTask_Reset_RecordsTheSameTopicAgainOnTheNextRecord()
    {
        await using var f = new WorkerFixture();
        await f.Herder.PutConnectorConfigAsync("src", SourceConfig(), null, false, CancellationToken.None);
        var topics = f.Worker.ActiveTopics;
        Send("t");
        await Eventually.UntilAsync(() => topics.Get("src").Count == 1, Timeout, "the topic is recorded");

        topics.Reset("src");
        topics.Get("src").Should().BeEmpty();
        Send("t");

        await Eventually.UntilAsync(() => topics.Get("src").Count == 1, Timeout, "the task records its topic again after the reset");
        topics.Get("src").Should().Equal("t");
    }

    [Test]
    public async Task SourceTask_TrackingDisabled_RecordsNothing()
    {
        await using var f = new WorkerFixture(extra: new Dictionary<string, string> { [WorkerConfig.TopicTrackingEnable] = "false" });
        await f.Herder.PutConnectorConfigAsync("src", SourceConfig(), null, false, CancellationToken.None);

        Send("t", "u");

        await Eventually.UntilAsync(() => ActiveTopicsProbeSourceTask.Acknowledged == 2, Timeout, "both records are acknowledged");
        f.Worker.ActiveTopics.Enabled.Should().BeFalse();
        f.Worker.ActiveTopics.Get("src").Should().BeEmpty();
    }

    [Test]
    public async Task SinkTask_ConsumesTwoTopics_RecordsBothAndRecordsAgainAfterReset()
    {
        await using var f = new WorkerFixture();
        f.Cluster.CreateTopic("in-a", 1);
        f.Cluster.CreateTopic("in-b", 1);
        f.Cluster.ProduceStrings("in-a", ["a0"]);
        f.Cluster.ProduceStrings("in-b", ["b0"]);
        await f.Herder.PutConnectorConfigAsync("snk", SinkConfig("in-a,in-b"), null, false, CancellationToken.None);
        var topics = f.Worker.ActiveTopics;

        await Eventually.UntilAsync(() => CollectingSinkTask.Received.Count == 2, Timeout, "both records are put");
        topics.Get("snk").Should().Equal("in-a", "in-b");

        topics.Reset("snk");
        f.Cluster.ProduceStrings("in-b", ["b1"]);

        await Eventually.UntilAsync(() => CollectingSinkTask.Received.Count == 3, Timeout, "the next record is put");
        topics.Get("snk").Should().Equal(["in-b"], "only in-b was consumed since the reset");
    }

    [Test]
    public async Task SinkTask_TransformationRoutesTopic_RecordsTheConsumedTopic()
    {
        await using var f = new WorkerFixture();
        f.Cluster.CreateTopic("in", 1);
        f.Cluster.ProduceStrings("in", ["v"]);
        var config = new Dictionary<string, string>(SinkConfig("in"))
        {
            ["transforms"] = "route",
            ["transforms.route.type"] = typeof(ActiveTopicsProbeRouteTransformation).FullName!,
            ["transforms.route.suffix"] = "-routed",
        };
        await f.Herder.PutConnectorConfigAsync("snk", config, null, false, CancellationToken.None);

        await Eventually.UntilAsync(() => CollectingSinkTask.Received.Count == 1, Timeout, "the record is put");
        CollectingSinkTask.Received.Single().Topic.Should().Be("in-routed");
        f.Worker.ActiveTopics.Get("snk").Should().Equal(["in"], "as in Kafka, a sink records the topic it consumed, before transformations");
    }

    [Test]
    public async Task SinkTask_TrackingDisabled_RecordsNothing()
    {
        await using var f = new WorkerFixture(extra: new Dictionary<string, string> { [WorkerConfig.TopicTrackingEnable] = "false" });
        f.Cluster.CreateTopic("in", 1);
        f.Cluster.ProduceStrings("in", ["v"]);
        await f.Herder.PutConnectorConfigAsync("snk", SinkConfig("in"), null, false, CancellationToken.None);

        await Eventually.UntilAsync(() => CollectingSinkTask.Received.Count == 1, Timeout, "the record is put");
        f.Worker.ActiveTopics.Get("snk").Should().BeEmpty();
    }

    private static void Send(params string[] topics)
    {
        foreach (var topic in topics)
        {
            ActiveTopicsProbeSourceTask.Pending.Enqueue(topic);
        }
    }

    private static Dictionary<string, string> SourceConfig() => new()
    {
        ["name"] = "src",
        ["connector.class"] = typeof(ActiveTopicsProbeSourceConnector).FullName!,
    };

    private static Dictionary<string, string> SinkConfig(string topics) => new()
    {
        ["name"] = "snk",
        ["connector.class"] = typeof(CollectingSinkConnector).FullName!,
        ["topics"] = topics,
    };
}
