using StandaloneConnect.Sdk.Connectors;
using StandaloneConnect.Sdk.Data;
using StandaloneConnect.Testing;

namespace StandaloneConnect.Sdk.Tests.TestKit;

public sealed class SourceTaskHarnessTests
{
    private static readonly Dictionary<string, object?> Partition = new() { ["source"] = "counter" };

    [Test]
    public async Task Commit_AfterPolls_StoresLastOffsetAndNotifiesTheTask()
    {
        var task = new CountingTask();
        await using var harness = SourceTaskHarness.Start(task, new Dictionary<string, string> { ["batch"] = "2" });

        await harness.PollAsync();
        await harness.PollAsync();
        harness.Commit();

        harness.OffsetStore.Offset(Partition).Should().BeEquivalentTo(new Dictionary<string, object?> { ["next"] = 4L });
        task.CommittedRecords.Should().Be(4);
        task.Commits.Should().Be(1);
        harness.Uncommitted.Should().BeEmpty();
    }

    [Test]
    public async Task Start_SharedOffsetStore_TaskResumesFromCommittedOffset()
    {
        var config = new Dictionary<string, string> { ["batch"] = "3" };
        await using var first = SourceTaskHarness.Start(new CountingTask(), config);
        await first.PollAsync();
        first.Commit();
        await first.PollAsync();

        await using var second = SourceTaskHarness.Start(new CountingTask(), config, first.OffsetStore);
        var records = await second.PollAsync();

        records.Select(r => r.Value).Should().Equal(3L, 4L, 5L);
    }

    [Test]
    public async Task StopAsync_PollWaiting_CancelsItThenStopsOnce()
    {
        var task = new CountingTask();
        var harness = SourceTaskHarness.Start(task, new Dictionary<string, string> { ["batch"] = "0" });
        var poll = harness.PollAsync();

        await harness.StopAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(10));
        await harness.DisposeAsync();

        (await poll).Should().BeEmpty();
        task.Stops.Should().Be(1);
    }

    [Test]
    public async Task PollUntilAsync_TaskNeverProducesEnough_ReturnsAtTheDeadline()
    {
        await using var harness = SourceTaskHarness.Start(new CountingTask(), new Dictionary<string, string> { ["batch"] = "0" });

        var records = await harness.PollUntilAsync(1, TimeSpan.FromMilliseconds(50)).WaitAsync(TimeSpan.FromSeconds(10));

        records.Should().BeEmpty();
    }

    [Test]
    public async Task PollAsync_AfterStop_Throws()
    {
        var harness = SourceTaskHarness.Start(new CountingTask(), new Dictionary<string, string> { ["batch"] = "1" });
        await harness.StopAsync();

        var act = () => harness.PollAsync();

        await act.Should().ThrowAsync<InvalidOperationException>();
    }

    /// <summary>Emits increasing numbers; with batch 0 it waits until cancelled, like an idle source.</summary>
    private sealed class CountingTask : SourceTask
    {
        private long _next;
        private int _batch;

        public int CommittedRecords { get; private set; }
        public int Commits { get; private set; }
        public int Stops { get; private set; }

        public override void Start(IReadOnlyDictionary<string, string> props)
        {
            _batch = int.Parse(props["batch"], System.Globalization.CultureInfo.InvariantCulture);
            _next = Context.OffsetStorageReader.Offset(Partition)?["next"] as long? ?? 0;
        }

        public override async ValueTask<IReadOnlyList<SourceRecord>> PollAsync(CancellationToken cancellationToken)
        {
            if (_batch == 0)
            {
                try
                {
                    await Task.Delay(Timeout.Infinite, cancellationToken);
                }
                catch (OperationCanceledException)
                {
                    return [];
                }
            }

            return Enumerable.Range(0, _batch).Select(_ =>
            {
                var value = _next++;
                return new SourceRecord(Partition, new Dictionary<string, object?> { ["next"] = _next }, "t", Schema.Int64, value);
            }).ToList();
        }

        public override void CommitRecord(SourceRecord record, RecordMetadata? metadata) => CommittedRecords++;

        public override void Commit() => Commits++;

        public override void Stop() => Stops++;
    }
}
