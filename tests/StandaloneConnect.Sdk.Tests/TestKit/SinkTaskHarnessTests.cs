using StandaloneConnect.Sdk.Connectors;
using StandaloneConnect.Testing;

namespace StandaloneConnect.Sdk.Tests.TestKit;

public sealed class SinkTaskHarnessTests
{
    private static readonly TopicPartition P0 = new("t", 0);
    private static readonly TopicPartition P1 = new("t", 1);

    [Test]
    public async Task Lifecycle_OpenPutPreCommitStop_CallsTheTaskInWorkerOrder()
    {
        var task = new RecordingTask();
        var harness = SinkTaskHarness.Start(task, new Dictionary<string, string> { ["x"] = "1" }, P0, P1);

        await harness.PutAsync(SinkTaskHarness.Record("t", 0, 10, "a"), SinkTaskHarness.Record("t", 1, 20, "b"));
        var committed = await harness.PreCommitAsync();
        await harness.StopAsync();

        task.Calls.Should().Equal("start", "open t-0,t-1", "put 2", "flush t-0=11,t-1=21", "close t-0,t-1", "stop");
        committed.Should().Equal(new Dictionary<TopicPartition, long> { [P0] = 11, [P1] = 21 });
        harness.CommittedOffsets.Should().Equal(committed);
    }

    [Test]
    public void Context_TaskRequests_AreRecorded()
    {
        var harness = SinkTaskHarness.Start(new RecordingTask(), new Dictionary<string, string>(), P0, P1);
        var context = harness.Context;

        context.Pause(P0);
        context.Offset(P1, 5);
        context.Timeout(250);
        context.RequestCommit();
        context.RequestCommit();

        context.Paused.Should().Equal(P0);
        context.RequestedOffsets.Should().Equal(new Dictionary<TopicPartition, long> { [P1] = 5 });
        context.TimeoutMs.Should().Be(250);
        context.CommitRequests.Should().Be(2);
        context.Resume(P0);
        context.Paused.Should().BeEmpty();
    }

    [Test]
    public void Context_PauseUnassignedPartition_ThrowsLikeKafka()
    {
        var harness = SinkTaskHarness.Start(new RecordingTask(), new Dictionary<string, string>(), P0);

        var act = () => harness.Context.Pause(P1);

        act.Should().Throw<IllegalWorkerStateException>()
            .WithMessage("SinkTasks may not pause partitions that are not currently assigned to them.");
    }

    [Test]
    public void Close_Partition_RemovesItFromTheAssignment()
    {
        var harness = SinkTaskHarness.Start(new RecordingTask(), new Dictionary<string, string>(), P0, P1);

        harness.Close(P0);

        harness.Context.Assignment.Should().Equal(P1);
    }

    private sealed class RecordingTask : SinkTask
    {
        public List<string> Calls { get; } = [];

        public override void Start(IReadOnlyDictionary<string, string> props) => Calls.Add("start");

        public override void Open(IReadOnlyCollection<TopicPartition> partitions) => Calls.Add("open " + Join(partitions));

        public override ValueTask PutAsync(IReadOnlyList<SinkRecord> records, CancellationToken cancellationToken)
        {
            Calls.Add("put " + records.Count);
            return ValueTask.CompletedTask;
        }

        public override ValueTask FlushAsync(IReadOnlyDictionary<TopicPartition, long> currentOffsets, CancellationToken cancellationToken)
        {
            Calls.Add("flush " + string.Join(",", currentOffsets.OrderBy(kv => kv.Key.Partition).Select(kv => $"{kv.Key}={kv.Value}")));
            return ValueTask.CompletedTask;
        }

        public override void Close(IReadOnlyCollection<TopicPartition> partitions) => Calls.Add("close " + Join(partitions));

        public override void Stop() => Calls.Add("stop");

        private static string Join(IEnumerable<TopicPartition> partitions) =>
            string.Join(",", partitions.OrderBy(p => p.Partition));
    }
}
