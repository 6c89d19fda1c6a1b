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

        await Eventually.TrueAsync(() => CollectingSinkTask.Received.Count == 300, TimeSpan.FromSeconds(30), "all 300 records are put");
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

        await Eventually.TrueAsync(() => CollectingSinkTask.Received.Count >= 20, TimeSpan.FromSeconds(30), "the batch is retried");
        CollectingSinkTask.Received.Select(r => (string?)r.Value).Should().Equal(Enumerable.Range(0, 20).Select(i => "v" + i));
        f.Herder.GetConnectorStatus("snk").Tasks.Single().Status.State.Should().Be(ConnectState.Running);
    }

    private static Dictionary<string, string> Config() => new()
    {
        ["name"] = "snk",
        ["connector.class"] = typeof(CollectingSinkConnector).FullName!,
        ["topics"] = "in",
    };
}
