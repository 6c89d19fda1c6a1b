using System.Text;
using System.Text.Json;
using StandaloneConnect.Runtime.Storage;

namespace StandaloneConnect.Runtime.Tests.Storage;

public sealed class FileOffsetStoreTests
{
    private TemporaryDirectory _dir = null!;
    private string _path = null!;

    [SetUp]
    public void SetUp()
    {
        _dir = new TemporaryDirectory("sc-file-offsets");
        _path = _dir.PathOf("connect.offsets");
    }

    [TearDown]
    public void TearDown() => _dir.Dispose();

    [Test]
    public async Task SetAsync_TwoConnectors_GetAndGetAllAreKeptPerConnector()
    {
        using var store = Open();

        await store.SetAsync("a", [Entry("in.txt", 10)], CancellationToken.None);
        await store.SetAsync("b", [Entry("in.txt", 20), Entry("other.txt", 30)], CancellationToken.None);

        store.Get("a", Partition("in.txt")).Should().Equal(Offset(10));
        store.Get("b", Partition("in.txt")).Should().Equal(Offset(20));
        store.Get("c", Partition("in.txt")).Should().BeNull();
        store.Get("a", Partition("other.txt")).Should().BeNull();
        store.GetAll("a").Should().ContainSingle().Which.Offset.Should().Equal(Offset(10));
        store.GetAll("b").Select(e => e.Partition["filename"]).Should().BeEquivalentTo(["in.txt", "other.txt"]);
        store.GetAll("c").Should().BeEmpty();
    }

    [Test]
    public async Task SetAsync_SamePartitionTwice_LastOffsetWins()
    {
        using var store = Open();

        await store.SetAsync("a", [Entry("in.txt", 1)], CancellationToken.None);
        await store.SetAsync("a", [Entry("in.txt", 2)], CancellationToken.None);

        store.GetAll("a").Should().ContainSingle().Which.Offset.Should().Equal(Offset(2));
    }

    [Test]
    public async Task Get_PartitionKeysInAnotherOrder_FindsTheSameOffset()
    {
        using var store = Open();
        var written = new Dictionary<string, object?> { ["b"] = 2L, ["a"] = "x" };
        var lookup = new Dictionary<string, object?> { ["a"] = "x", ["b"] = 2L };

        await store.SetAsync("c", [new SourceOffsetEntry(written, Offset(5))], CancellationToken.None);

        store.Get("c", lookup).Should().Equal(Offset(5));
    }

    [Test]
    public async Task SetAsync_NullOffset_RemovesThePartitionAlsoAfterReopen()
    {
        using (var store = Open())
        {
            await store.SetAsync("a", [Entry("in.txt", 10), Entry("keep.txt", 11)], CancellationToken.None);

            await store.SetAsync("a", [new SourceOffsetEntry(Partition("in.txt"), null)], CancellationToken.None);

            store.Get("a", Partition("in.txt")).Should().BeNull();
            store.GetAll("a").Should().ContainSingle().Which.Partition["filename"].Should().Be("keep.txt");
        }

        using var reopened = Open();
        reopened.Get("a", Partition("in.txt")).Should().BeNull();
        reopened.Get("a", Partition("keep.txt")).Should().Equal(Offset(11));
    }

    [Test]
    public async Task SetAsync_ThenNewInstanceLoads_ReadsBackEveryValueWithItsType()
    {
        var offset = new Dictionary<string, object?>
        {
            ["position"] = 1234L,
            ["small"] = 7,
            ["ratio"] = 0.5,
            ["done"] = true,
            ["name"] = "x\"y",
            ["nothing"] = null,
        };
        using (var store = Open())
        {
            await store.SetAsync("conn", [new SourceOffsetEntry(Partition("in.txt"), offset)], CancellationToken.None);
        }

        using var reopened = Open();
        var read = reopened.Get("conn", Partition("in.txt"));

        read.Should().NotBeNull();
        read!["position"].Should().BeOfType<long>().Which.Should().Be(1234L);
        read["small"].Should().BeOfType<long>().Which.Should().Be(7L);
        read["ratio"].Should().BeOfType<double>().Which.Should().Be(0.5);
        read["done"].Should().Be(true);
        read["name"].Should().Be("x\"y");
        read.Should().ContainKey("nothing").WhoseValue.Should().BeNull();
        reopened.GetAll("conn").Should().ContainSingle();
    }

    [Test]
    public async Task SetAsync_WritesReadableJsonWithTheDocumentedShape()
    {
        using var store = Open();

        await store.SetAsync("file-src", [Entry("in.txt", 42)], CancellationToken.None);

        using var doc = JsonDocument.Parse(await File.ReadAllBytesAsync(_path));
        var root = doc.RootElement;
        root.EnumerateObject().Select(p => p.Name).Should().Equal("format", "version", "offsets");
        root.GetProperty("format").GetString().Should().Be("standaloneconnect-offsets");
        root.GetProperty("version").GetInt32().Should().Be(1);
        var item = root.GetProperty("offsets").EnumerateArray().Should().ContainSingle().Subject;
        item.GetProperty("connector").GetString().Should().Be("file-src");
        item.GetProperty("partition").GetProperty("filename").GetString().Should().Be("in.txt");
        item.GetProperty("offset").GetProperty("position").GetInt64().Should().Be(42);
    }

    [Test]
    public async Task SetAsync_AfterWriting_LeavesNoTemporaryFileBehind()
    {
        using var store = Open();

        await store.SetAsync("a", [Entry("in.txt", 1)], CancellationToken.None);
        await store.SetAsync("a", [Entry("in.txt", 2)], CancellationToken.None);

        Directory.GetFiles(_dir.Path).Should().Equal(_path);
    }

    [Test]
    public async Task SetAsync_DirectoryDoesNotExist_CreatesIt()
    {
        var nested = _dir.PathOf(Path.Combine("sub", "dir", "offsets.json"));
        using var store = new FileOffsetStore(nested);
        store.Load();

        await store.SetAsync("a", [Entry("in.txt", 3)], CancellationToken.None);

        File.Exists(nested).Should().BeTrue();
    }

    [Test]
    public async Task SetAsync_CancelledToken_ThrowsAndKeepsPreviousOffsets()
    {
        using var store = Open();
        await store.SetAsync("a", [Entry("in.txt", 1)], CancellationToken.None);
        var before = await File.ReadAllBytesAsync(_path);

        var act = () => store.SetAsync("a", [Entry("in.txt", 2)], new CancellationToken(canceled: true));

        await act.Should().ThrowAsync<OperationCanceledException>();
        store.Get("a", Partition("in.txt")).Should().Equal(Offset(1));
        (await File.ReadAllBytesAsync(_path)).Should().Equal(before);
    }

    [Test]
    public void Load_MissingFile_IsAnEmptyStoreAndCreatesNothing()
    {
        using var store = new FileOffsetStore(_path);

        store.Load();

        store.GetAll("a").Should().BeEmpty();
        store.Get("a", Partition("in.txt")).Should().BeNull();
        File.Exists(_path).Should().BeFalse();
    }

    [Test]
    public void Location_RelativePath_IsMadeAbsolute()
    {
        using var store = new FileOffsetStore("relative/connect.offsets");

        Path.IsPathFullyQualified(store.Location).Should().BeTrue();
        store.Location.Should().EndWith(Path.Combine("relative", "connect.offsets"));
    }

    private static IEnumerable<TestCaseData> UnreadableFiles()
    {
        yield return Case("corrupt JSON", "{\"format\":\"standaloneconnect-offsets\",\"version\":1,\"offsets\":[{\"connector\":");
        yield return Case("truncated content", "{\"format\":\"standaloneconnect-offsets\",\"version\":1,\"offsets\":[{\"connector\":\"a\",\"partition\":{\"f\":1},\"off");
        yield return Case("wrong format", "{\"format\":\"something-else\",\"version\":1,\"offsets\":[]}");
        yield return Case("format not a string", "{\"format\":7,\"version\":1,\"offsets\":[]}");
        yield return Case("offsets not an array", "{\"format\":\"standaloneconnect-offsets\",\"version\":1,\"offsets\":{}}");
        yield return Case("entry without connector", "{\"format\":\"standaloneconnect-offsets\",\"version\":1,\"offsets\":[{\"partition\":{},\"offset\":{}}]}");
        yield return Case("nested offset value", "{\"format\":\"standaloneconnect-offsets\",\"version\":1,\"offsets\":[{\"connector\":\"a\",\"partition\":{},\"offset\":{\"p\":{\"x\":1}}}]}");
        yield return Case("root is an array", "[]");
        yield return Case("empty file", "");
        yield return Case("newer version", "{\"format\":\"standaloneconnect-offsets\",\"version\":2,\"offsets\":[]}");
        yield return Case("version missing", "{\"format\":\"standaloneconnect-offsets\",\"offsets\":[]}");
        yield return Case("version a string", "{\"format\":\"standaloneconnect-offsets\",\"version\":\"1\",\"offsets\":[]}");
        yield return new TestCaseData(new byte[] { 0xAC, 0xED, 0x00, 0x05, 0x73, 0x72, 0x00, 0x11 }).SetArgDisplayNames("Java-serialized");

        static TestCaseData Case(string name, string content) =>
            new TestCaseData(Encoding.UTF8.GetBytes(content)).SetArgDisplayNames(name);
    }

    [TestCaseSource(nameof(UnreadableFiles))]
    public void Load_UnreadableFile_ThrowsNamingTheFullPathAndLeavesTheFileUntouched(byte[] content)
    {
        File.WriteAllBytes(_path, content);
        using var store = new FileOffsetStore(_path);

        var act = store.Load;

        act.Should().Throw<OffsetStoreException>().Which.Message.Should().Contain(Path.GetFullPath(_path));
        File.ReadAllBytes(_path).Should().Equal(content);
        Directory.GetFiles(_dir.Path).Should().Equal(_path);
    }

    [Test]
    public void Load_NewerVersion_SaysWhichVersionIsRead()
    {
        File.WriteAllText(_path, "{\"format\":\"standaloneconnect-offsets\",\"version\":2,\"offsets\":[]}");
        using var store = new FileOffsetStore(_path);

        var act = store.Load;

        act.Should().Throw<OffsetStoreException>()
            .WithMessage($"The offsets file '{_path}' is not a valid offsets file: version 2 is not supported, this release reads version 1*");
    }

    [Test]
    public void Load_PathIsADirectory_ThrowsNamingIt()
    {
        var directory = _dir.CreateDirectory("connect.offsets");
        using var store = new FileOffsetStore(directory);

        var act = store.Load;

        act.Should().Throw<OffsetStoreException>().WithMessage($"The offsets file '{directory}' is a directory*offset.storage.file.filename*");
    }

    [Test]
    public async Task Load_FileWithByteOrderMark_ReadsItLikeTheConnectorConfigsFile()
    {
        await File.WriteAllBytesAsync(_path, [0xEF, 0xBB, 0xBF, .. Encoding.UTF8.GetBytes(
            "{\"format\":\"standaloneconnect-offsets\",\"version\":1,\"offsets\":[{\"connector\":\"a\",\"partition\":{\"filename\":\"in.txt\"},\"offset\":{\"position\":7}}]}")]);
        using var store = new FileOffsetStore(_path);

        store.Load();

        store.Get("a", Partition("in.txt")).Should().Equal(Offset(7));
        await store.SetAsync("a", [Entry("in.txt", 8)], CancellationToken.None);
        (await File.ReadAllBytesAsync(_path))[0].Should().Be((byte)'{', "files are written without a byte order mark");
    }

    [Test]
    [Platform(Exclude = "Win", Reason = "symbolic links need privileges on Windows")]
    public async Task SetAsync_OffsetsFileIsASymbolicLink_StaysALinkAndUpdatesItsTarget()
    {
        var target = Path.Combine(_dir.CreateDirectory("shared"), "offsets.json");
        File.CreateSymbolicLink(_path, target);
        using (var store = Open())
        {
            await store.SetAsync("a", [Entry("in.txt", 3)], CancellationToken.None);
        }

        new FileInfo(_path).LinkTarget.Should().Be(target);
        using var reopened = new FileOffsetStore(target);
        reopened.Load();
        reopened.Get("a", Partition("in.txt")).Should().Equal(Offset(3));
    }

    [Test]
    public void Load_JavaSerializedFile_SaysSoInTheMessage()
    {
        File.WriteAllBytes(_path, [0xAC, 0xED, 0x00, 0x05]);
        using var store = new FileOffsetStore(_path);

        var act = store.Load;

        act.Should().Throw<OffsetStoreException>().WithMessage("*Java-serialized*offset.storage.file.filename*");
    }

    [Test]
    public async Task SetAsync_ConcurrentlyFromManyTasks_KeepsEveryConnectorsOffsets()
    {
        const int connectors = 8;
        const int writes = 10;
        using (var store = Open())
        {
            var tasks = Enumerable.Range(0, connectors).Select(c => Task.Run(async () =>
            {
                for (var i = 1; i <= writes; i++)
                {
                    await store.SetAsync($"conn-{c}", [Entry("in.txt", i), Entry($"own-{c}.txt", c)], CancellationToken.None);
                }
            }));

            await Task.WhenAll(tasks);

            for (var c = 0; c < connectors; c++)
            {
                store.Get($"conn-{c}", Partition("in.txt")).Should().Equal(Offset(writes));
            }
        }

        using var reopened = Open();
        for (var c = 0; c < connectors; c++)
        {
            reopened.Get($"conn-{c}", Partition("in.txt")).Should().Equal(Offset(writes), $"connector conn-{c} wrote it last");
            reopened.Get($"conn-{c}", Partition($"own-{c}.txt")).Should().Equal(Offset(c));
        }
    }

    private FileOffsetStore Open()
    {
        var store = new FileOffsetStore(_path);
        store.Load();
        return store;
    }

    private static Dictionary<string, object?> Partition(string file) => new() { ["filename"] = file };

    private static Dictionary<string, object?> Offset(long position) => new() { ["position"] = position };

    private static SourceOffsetEntry Entry(string file, long position) => new(Partition(file), Offset(position));
}
