using System.Text;
using StandaloneConnect.Sdk;
using StandaloneConnect.Sdk.Data;
using StandaloneConnect.Testing;
using IOFile = System.IO.File;

namespace StandaloneConnect.Connectors.File.Tests;

public sealed class FileStreamSinkTaskTests
{
    private static readonly TopicPartition Partition = new("test-topic", 0);
    private TemporaryDirectory _dir = null!;
    private string _file = null!;
    private SinkTaskHarness? _harness;

    [SetUp]
    public void SetUp()
    {
        _dir = new TemporaryDirectory();
        _file = _dir.PathOf("output.txt");
    }

    [TearDown]
    public async Task TearDown()
    {
        if (_harness is not null)
        {
            await _harness.DisposeAsync();
            _harness = null;
        }

        _dir.Dispose();
    }

    [Test]
    public async Task FlushAsync_AfterPut_WritesOneLinePerRecord()
    {
        var harness = StartHarness();

        await harness.PutAsync(Record(0, "first"), Record(1, "second ✓"));
        await harness.FlushAsync();

        (await ReadFileAsync()).Should().Be("first\nsecond ✓\n");
    }

    [Test]
    public async Task FlushAsync_CancelledToken_StillFlushes()
    {
        var harness = StartHarness();
        await harness.PutAsync(Record(0, "last words"));

        await harness.FlushAsync(new CancellationToken(canceled: true));

        (await ReadFileAsync()).Should().Be("last words\n");
    }

    [Test]
    public async Task PutAsync_WithoutFlush_LinesAreVisibleToReaders()
    {
        var harness = StartHarness();

        await harness.PutAsync(Record(0, "a"), Record(1, "b"));

        (await ReadFileAsync()).Should().Be("a\nb\n");
    }

    [Test]
    public async Task PutAsync_ExistingFile_AppendsToIt()
    {
        await IOFile.WriteAllTextAsync(_file, "already there\n");
        var harness = StartHarness();

        await harness.PutAsync(Record(0, "new"));
        await harness.FlushAsync();

        (await ReadFileAsync()).Should().Be("already there\nnew\n");
    }

    [Test]
    public void Start_MissingFile_CreatesIt()
    {
        StartHarness();

        IOFile.Exists(_file).Should().BeTrue();
    }

    [Test]
    public async Task PutAsync_NullValue_WritesNull()
    {
        var harness = StartHarness();

        await harness.PutAsync(Record(0, null), Record(1, ""));
        await harness.FlushAsync();

        (await ReadFileAsync()).Should().Be("null\n\n");
    }

    [Test]
    public async Task PutAsync_NonStringValues_WritesThemLikeJava()
    {
        var harness = StartHarness();
        var schema = SchemaBuilder.Struct().Field("id", Schema.Int32).Field("ok", Schema.Boolean).Build();

        await harness.PutAsync(
            Record(0, 42, Schema.Int32),
            Record(1, true, Schema.Boolean),
            Record(2, 1.0, Schema.Float64),
            Record(3, new byte[] { 1, 2, 3 }, Schema.Bytes),
            Record(4, new Struct(schema).Put("id", 7).Put("ok", false), schema),
            Record(5, new List<object?> { 1L, "a", null }),
            Record(6, new Dictionary<string, object?> { ["k"] = 1.5 }));
        await harness.FlushAsync();

        (await ReadFileAsync()).Should().Be("42\ntrue\n1.0\nAQID\nStruct{id=7,ok=false}\n[1, a, null]\n{k=1.5}\n");
    }

    [Test]
    public async Task Stop_WithoutFlush_FlushesAndClosesTheFile()
    {
        var harness = StartHarness();
        await harness.PutAsync(Record(0, "unflushed"));

        await harness.StopAsync();

        (await ReadFileAsync()).Should().Be("unflushed\n");
        using var exclusive = new FileStream(_file, FileMode.Open, FileAccess.ReadWrite, FileShare.None);
        exclusive.Length.Should().Be(10);
    }

    [Test]
    public async Task PreCommitAsync_AfterPut_FlushesAndReturnsTheNextOffsets()
    {
        var harness = StartHarness();
        await harness.PutAsync(Record(41, "a"), Record(42, "b"));

        var committed = await harness.PreCommitAsync();

        committed.Should().Equal(new Dictionary<TopicPartition, long> { [Partition] = 43 });
        (await ReadFileAsync()).Should().Be("a\nb\n");
    }

    [Test]
    public async Task FlushAsync_Output_IsUtf8WithoutByteOrderMark()
    {
        var harness = StartHarness();

        await harness.PutAsync(Record(0, "é"));
        await harness.FlushAsync();

        (await IOFile.ReadAllBytesAsync(_file)).Should().Equal(0xC3, 0xA9, (byte)'\n');
    }

    [Test]
    public void Start_MissingParentDirectory_CreatesIt()
    {
        var file = _dir.PathOf(Path.Combine("new-directory", "out.txt"));

        _harness = SinkTaskHarness.Start(new FileStreamSinkTask(), new Dictionary<string, string> { ["file"] = file });

        IOFile.Exists(file).Should().BeTrue();
    }

    [Test]
    public async Task Start_FileCannotBeCreated_ThrowsConnectException()
    {
        var notADirectory = _dir.PathOf("plain-file");
        await IOFile.WriteAllTextAsync(notADirectory, "");
        var file = Path.Combine(notADirectory, "out.txt");
        var harness = new SinkTaskHarness(new FileStreamSinkTask(), new Dictionary<string, string> { ["file"] = file });

        var act = harness.Start;

        act.Should().Throw<ConnectException>().WithMessage($"Couldn't find or create file '{file}' for FileStreamSinkTask");
    }

    [TestCase(null)]
    [TestCase("")]
    public async Task FlushAsync_NoFileConfigured_WritesToStandardOutput(string? file)
    {
        var stdout = new MemoryStream();
        var config = file is null ? new Dictionary<string, string>() : new Dictionary<string, string> { ["file"] = file };
        _harness = SinkTaskHarness.Start(new FileStreamSinkTask(null, () => stdout), config, Partition);

        await _harness.PutAsync(Record(0, "to stdout"));
        await _harness.FlushAsync();

        Encoding.UTF8.GetString(stdout.ToArray()).Should().Be("to stdout\n");
    }

    private SinkTaskHarness StartHarness()
    {
        _harness = SinkTaskHarness.Start(new FileStreamSinkTask(), new Dictionary<string, string> { ["file"] = _file }, Partition);
        return _harness;
    }

    private static SinkRecord Record(long offset, object? value, Schema? schema = null) =>
        SinkTaskHarness.Record(Partition.Topic, Partition.Partition, offset, value, schema);

    private Task<string> ReadFileAsync() => IOFile.ReadAllTextAsync(_file);
}
