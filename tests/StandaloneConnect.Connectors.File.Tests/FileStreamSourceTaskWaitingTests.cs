using System.Text;
using Microsoft.Extensions.Logging;
using StandaloneConnect.Testing;
using IOFile = System.IO.File;

namespace StandaloneConnect.Connectors.File.Tests;

/// <summary>Waiting for a file or for data, cancellation, stop and standard input.</summary>
public sealed class FileStreamSourceTaskWaitingTests
{
    private SourceTaskContext _ctx = null!;

    [SetUp]
    public void SetUp() => _ctx = new SourceTaskContext();

    [TearDown]
    public async Task TearDown() => await _ctx.DisposeAsync();

    [Test]
    public async Task PollAsync_MissingFile_WarnsWaitsOneSecondAndReturnsEmpty()
    {
        var harness = _ctx.StartHarness();

        var poll = harness.PollAsync();
        _ctx.Time.Advance(TimeSpan.FromMilliseconds(999));
        var pendingBeforeOneSecond = !poll.IsCompleted;
        _ctx.Time.Advance(TimeSpan.FromMilliseconds(1));
        var records = await poll.WaitAsync(Waiting.Deadline);

        pendingBeforeOneSecond.Should().BeTrue();
        records.Should().BeEmpty();
        _ctx.Logger.Entries.Should().ContainSingle().Which.Should().Be((LogLevel.Warning,
            $"Couldn't find file {_ctx.FilePath} for FileStreamSourceTask, sleeping to wait for it to be created"));
    }

    [Test]
    public async Task PollAsync_FileCreatedWhileWaiting_ReturnsItsLines()
    {
        var harness = _ctx.StartHarness();
        var poll = harness.PollAsync();

        await IOFile.WriteAllTextAsync(_ctx.FilePath, "created\n");
        _ctx.Time.Advance(FileStreamSourceTask.RecheckInterval);
        var records = await poll.WaitAsync(Waiting.Deadline);

        records.Select(r => r.Value).Should().Equal("created");
    }

    [Test]
    public async Task PollAsync_FileCreatedAfterAnEmptyPoll_IsReadOnTheNextPoll()
    {
        var harness = _ctx.StartHarness();
        var first = await _ctx.CompleteAsync(harness.PollAsync);

        await IOFile.WriteAllTextAsync(_ctx.FilePath, "late\n");
        var second = await harness.PollAsync();

        first.Should().BeEmpty();
        second.Select(r => r.Value).Should().Equal("late");
    }

    [Test]
    public async Task PollAsync_NoNewData_ReturnsEmptyAfterOneSecond()
    {
        await IOFile.WriteAllTextAsync(_ctx.FilePath, "a\n");
        var harness = _ctx.StartHarness();
        await harness.PollAsync();

        var poll = harness.PollAsync();
        _ctx.Time.Advance(TimeSpan.FromMilliseconds(999));
        var pendingBeforeOneSecond = !poll.IsCompleted;
        _ctx.Time.Advance(TimeSpan.FromMilliseconds(1));
        var records = await poll.WaitAsync(Waiting.Deadline);

        pendingBeforeOneSecond.Should().BeTrue();
        records.Should().BeEmpty();
        _ctx.Logger.Entries.Should().BeEmpty();
    }

    [Test]
    public async Task PollAsync_LineAppendedWhileWaiting_IsReturnedAtTheNextRecheck()
    {
        await IOFile.WriteAllTextAsync(_ctx.FilePath, "a\n");
        var harness = _ctx.StartHarness();
        await harness.PollAsync();
        var poll = harness.PollAsync();

        await IOFile.AppendAllTextAsync(_ctx.FilePath, "b\n");
        _ctx.Time.Advance(FileStreamSourceTask.RecheckInterval);
        var records = await poll.WaitAsync(Waiting.Deadline);

        records.Select(r => r.Value).Should().Equal("b");
        records.Select(SourceTaskContext.Position).Should().Equal(4L);
    }

    [Test]
    public async Task PollAsync_TokenCancelledWhileWaiting_ReturnsEmpty()
    {
        await IOFile.WriteAllTextAsync(_ctx.FilePath, "");
        var harness = _ctx.StartHarness();
        using var cts = new CancellationTokenSource();
        var poll = harness.PollAsync(cts.Token);

        await cts.CancelAsync();
        var records = await poll.WaitAsync(Waiting.Deadline);

        records.Should().BeEmpty();
    }

    [Test]
    public async Task Stop_WhilePollIsWaiting_PollReturnsEmptyAndLaterPollsToo()
    {
        await IOFile.WriteAllTextAsync(_ctx.FilePath, "");
        var harness = _ctx.StartHarness();
        var poll = harness.PollAsync();

        harness.Task.Stop();
        var records = await poll.WaitAsync(Waiting.Deadline);
        await IOFile.AppendAllTextAsync(_ctx.FilePath, "after stop\n");
        var afterStop = await harness.PollAsync().WaitAsync(Waiting.Deadline);

        records.Should().BeEmpty();
        afterStop.Should().BeEmpty();
    }

    [Test]
    public async Task StopAsync_PollInProgress_CancelsItAndStopsTheTask()
    {
        await IOFile.WriteAllTextAsync(_ctx.FilePath, "");
        var harness = _ctx.StartHarness();
        var poll = harness.PollAsync();

        await harness.StopAsync().AsTask().WaitAsync(Waiting.Deadline);

        poll.IsCompletedSuccessfully.Should().BeTrue();
        (await poll).Should().BeEmpty();
    }

    [Test]
    public async Task Stop_AfterReading_ReleasesTheFile()
    {
        await IOFile.WriteAllTextAsync(_ctx.FilePath, "a\n");
        var harness = _ctx.StartHarness();
        await harness.PollAsync();

        await harness.StopAsync();

        // An exclusive open fails while another handle is open.
        using var exclusive = new FileStream(_ctx.FilePath, FileMode.Open, FileAccess.ReadWrite, FileShare.None);
        exclusive.Length.Should().Be(2);
    }

    [Test]
    public async Task PollAsync_StandardInput_ReturnsLinesWithoutOffsets()
    {
        using var pipe = new System.IO.Pipes.AnonymousPipeServerStream(System.IO.Pipes.PipeDirection.Out);
        using var reader = new System.IO.Pipes.AnonymousPipeClientStream(System.IO.Pipes.PipeDirection.In, pipe.ClientSafePipeHandle);
        var task = new FileStreamSourceTask(_ctx.Time, _ctx.Logger, () => reader);
        var harness = _ctx.Track(SourceTaskHarness.Start(task, SourceTaskContext.Config(file: null)));
        var poll = harness.PollAsync();

        await pipe.WriteAsync(Encoding.UTF8.GetBytes("typed ✓\r\nsecond\n"));
        await pipe.FlushAsync();
        var first = await poll.WaitAsync(Waiting.Deadline);
        var records = first.Concat(await harness.PollUntilAsync(2 - first.Count, Waiting.Deadline)).ToList();

        records.Select(r => r.Value).Should().Equal("typed ✓", "second");
        records.Should().AllSatisfy(r =>
        {
            r.SourcePartition.Should().BeNull();
            r.SourceOffset.Should().BeNull();
        });
    }
}
