using System.Text;
using StandaloneConnect.Sdk;
using StandaloneConnect.Sdk.Data;
using StandaloneConnect.Testing;
using IOFile = System.IO.File;

namespace StandaloneConnect.Connectors.File.Tests;

/// <summary>Reading lines, byte offsets, batches and restarts.</summary>
public sealed class FileStreamSourceTaskTests
{
    private SourceTaskContext _ctx = null!;

    [SetUp]
    public void SetUp() => _ctx = new SourceTaskContext();

    [TearDown]
    public async Task TearDown() => await _ctx.DisposeAsync();

    [Test]
    public async Task PollAsync_FileWithLines_ReturnsOneStringRecordPerLine()
    {
        await IOFile.WriteAllTextAsync(_ctx.FilePath, "first\nsecond\n");
        var harness = _ctx.StartHarness();

        var records = await harness.PollAsync();

        records.Select(r => r.Value).Should().Equal("first", "second");
        var record = records[0];
        record.Topic.Should().Be("test-topic");
        record.ValueSchema.Should().BeSameAs(Schema.String);
        record.Key.Should().BeNull();
        record.KeySchema.Should().BeNull();
        record.KafkaPartition.Should().BeNull();
        record.Timestamp.Should().Be(SourceTaskContext.Start.ToUnixTimeMilliseconds());
        record.SourcePartition.Should().BeEquivalentTo(new Dictionary<string, object?> { ["filename"] = _ctx.FilePath });
        records.Select(SourceTaskContext.Position).Should().Equal(6L, 13L);
    }

    [Test]
    public async Task PollAsync_ManyRecords_ShareOnePartitionMap()
    {
        await IOFile.WriteAllTextAsync(_ctx.FilePath, "a\nb\nc\n");
        var harness = _ctx.StartHarness();

        var records = await harness.PollAsync();

        records.Should().HaveCount(3);
        records.Select(r => r.SourcePartition).Should().AllSatisfy(p => p.Should().BeSameAs(records[0].SourcePartition));
    }

    [TestCase("héllo wörld ✓\n", new[] { "héllo wörld ✓" })]
    [TestCase("héllo wörld ✓\r\nnext\n", new[] { "héllo wörld ✓", "next" })]
    [TestCase("a\rb\rc\n", new[] { "a", "b", "c" })]
    [TestCase("a\r\n\r\nb\n", new[] { "a", "", "b" })]
    [TestCase("\n\n", new[] { "", "" })]
    [TestCase("日本語\r✓✓\r\n😀\n", new[] { "日本語", "✓✓", "😀" })]
    public async Task PollAsync_AnyTerminator_OffsetIsBytePositionAfterTerminator(string content, string[] expectedLines)
    {
        await IOFile.WriteAllBytesAsync(_ctx.FilePath, Encoding.UTF8.GetBytes(content));
        var harness = _ctx.StartHarness();

        var records = await harness.PollAsync();

        records.Select(r => r.Value).Should().Equal(expectedLines);
        records.Select(SourceTaskContext.Position).Last().Should().Be(Encoding.UTF8.GetByteCount(content));
        var expectedPositions = SourceTaskContext.ExpectedPositions(content);
        records.Select(SourceTaskContext.Position).Should().Equal(expectedPositions);
    }

    [Test]
    public async Task PollAsync_CarriageReturnAtEndOfData_WaitsForNextByteBeforeEndingTheLine()
    {
        await IOFile.WriteAllTextAsync(_ctx.FilePath, "a\r");
        var harness = _ctx.StartHarness();

        var first = await _ctx.CompleteAsync(harness.PollAsync);
        await IOFile.AppendAllTextAsync(_ctx.FilePath, "\nb\n");
        var second = await _ctx.CompleteAsync(harness.PollAsync);

        first.Should().BeEmpty();
        second.Select(r => r.Value).Should().Equal("a", "b");
        second.Select(SourceTaskContext.Position).Should().Equal(3L, 5L);
    }

    [Test]
    public async Task PollAsync_LoneCarriageReturnFollowedByText_EndsTheLine()
    {
        await IOFile.WriteAllTextAsync(_ctx.FilePath, "a\r");
        var harness = _ctx.StartHarness();
        await _ctx.CompleteAsync(harness.PollAsync);

        await IOFile.AppendAllTextAsync(_ctx.FilePath, "b\n");
        var records = await _ctx.CompleteAsync(harness.PollAsync);

        records.Select(r => r.Value).Should().Equal("a", "b");
        records.Select(SourceTaskContext.Position).Should().Equal(2L, 4L);
    }

    [Test]
    public async Task PollAsync_PartialLastLine_IsHeldUntilItsTerminatorArrives()
    {
        await IOFile.WriteAllTextAsync(_ctx.FilePath, "complete\nparti");
        var harness = _ctx.StartHarness();

        var first = await _ctx.CompleteAsync(harness.PollAsync);
        var idle = await _ctx.CompleteAsync(harness.PollAsync);
        await IOFile.AppendAllTextAsync(_ctx.FilePath, "al\n");
        var second = await _ctx.CompleteAsync(harness.PollAsync);

        first.Select(r => r.Value).Should().Equal("complete");
        idle.Should().BeEmpty();
        second.Select(r => r.Value).Should().Equal("partial");
        second.Select(SourceTaskContext.Position).Should().Equal(17L);
    }

    [TestCase(1, new[] { 1, 1, 1, 1, 1 })]
    [TestCase(2, new[] { 2, 2, 1 })]
    [TestCase(5, new[] { 5 })]
    [TestCase(2000, new[] { 5 })]
    public async Task PollAsync_BatchSize_LimitsRecordsPerPoll(int batchSize, int[] expectedBatches)
    {
        await IOFile.WriteAllTextAsync(_ctx.FilePath, "1\n2\n3\n4\n5\n");
        var harness = _ctx.StartHarness(batchSize: batchSize);

        var batches = new List<int>();
        for (var i = 0; i < expectedBatches.Length; i++)
        {
            batches.Add((await harness.PollAsync()).Count);
        }

        batches.Should().Equal(expectedBatches);
        harness.Uncommitted.Select(r => r.Value).Should().Equal("1", "2", "3", "4", "5");
    }

    [Test]
    public async Task PollAsync_LargeFile_ReturnsEveryLineInOrderWithIncreasingOffsets()
    {
        var lines = Enumerable.Range(0, 10_000).Select(i => $"line {i} ✓").ToList();
        await IOFile.WriteAllTextAsync(_ctx.FilePath, string.Join("\n", lines) + "\n");
        var harness = _ctx.StartHarness();

        var records = await harness.PollUntilAsync(lines.Count, Waiting.Deadline);

        records.Select(r => r.Value).Should().Equal(lines);
        records.Select(SourceTaskContext.Position).Should().BeInAscendingOrder();
        SourceTaskContext.Position(records[^1]).Should().Be(new FileInfo(_ctx.FilePath).Length);
    }

    [Test]
    public async Task PollAsync_LineLongerThanTheBuffer_IsReturnedWhole()
    {
        var longLine = new string('x', 300_000) + "é";
        await IOFile.WriteAllTextAsync(_ctx.FilePath, longLine + "\nshort\n");
        var harness = _ctx.StartHarness();

        var records = await harness.PollAsync();

        records.Select(r => r.Value).Should().Equal(longLine, "short");
        SourceTaskContext.Position(records[0]).Should().Be(300_000 + 2 + 1);
    }

    [Test]
    public async Task Start_StoredOffset_ResumesAfterTheCommittedLineWithoutDuplicates()
    {
        await IOFile.WriteAllTextAsync(_ctx.FilePath, "héllo\nwörld\n✓ three\nfour\n");
        var first = _ctx.StartHarness(batchSize: 2);
        var firstRecords = await first.PollAsync();
        first.Commit();
        await first.StopAsync();

        var second = _ctx.StartHarness(store: first.OffsetStore);
        var secondRecords = await second.PollAsync();

        firstRecords.Select(r => r.Value).Should().Equal("héllo", "wörld");
        secondRecords.Select(r => r.Value).Should().Equal("✓ three", "four");
        SourceTaskContext.Position(secondRecords[^1]).Should().Be(Encoding.UTF8.GetByteCount("héllo\nwörld\n✓ three\nfour\n"));
    }

    [Test]
    public async Task Start_UncommittedRecords_AreReadAgainAfterRestart()
    {
        await IOFile.WriteAllTextAsync(_ctx.FilePath, "a\nb\n");
        var first = _ctx.StartHarness();
        await first.PollAsync();
        await first.StopAsync();

        var second = _ctx.StartHarness(store: first.OffsetStore);
        var records = await second.PollAsync();

        records.Select(r => r.Value).Should().Equal("a", "b");
    }

    [TestCase(4L)]
    [TestCase(4)]
    public async Task Start_StoredPositionAsLongOrInt_SeeksToIt(object position)
    {
        await IOFile.WriteAllTextAsync(_ctx.FilePath, "abc\ndef\n");
        var store = _ctx.Store(position);

        var records = await _ctx.StartHarness(store: store).PollAsync();

        records.Select(r => r.Value).Should().Equal("def");
        records.Select(SourceTaskContext.Position).Should().Equal(8L);
    }

    [TestCase("4")]
    [TestCase(4.0)]
    public void Start_StoredPositionOfAnotherType_ThrowsConnectException(object position)
    {
        var harness = new SourceTaskHarness(_ctx.NewTask(), _ctx.Config(), _ctx.Store(position));

        var act = harness.Start;

        act.Should().Throw<ConnectException>().WithMessage("Offset position is the incorrect type");
    }
}
