using System.Text;
using StandaloneConnect.Runtime.Storage;

namespace StandaloneConnect.Runtime.Tests.Storage;

public sealed class SqliteOffsetStoreTests
{
    private TemporaryDirectory _dir = null!;
    private string _path = null!;

    [SetUp]
    public void SetUp()
    {
        _dir = new TemporaryDirectory("sc-sqlite-offsets");
        _path = _dir.PathOf("offsets.db");
    }

    [TearDown]
    public void TearDown() => _dir.Dispose();

    [Test]
    public async Task SetAsync_TwoConnectors_GetAndGetAllAreKeptPerConnector()
    {
        using var store = Open();

        await store.SetAsync("a", [Entry("in.txt", 10)], CancellationToken.None);
        await store.SetAsync("b", [Entry("in.txt", 20), Entry("other.txt", 30)], CancellationToken.None);
        await store.SetAsync("b", [Entry("in.txt", 21)], CancellationToken.None);

        store.Get("a", Partition("in.txt")).Should().Equal(Offset(10));
        store.Get("b", Partition("in.txt")).Should().Equal(Offset(21));
        store.Get("c", Partition("in.txt")).Should().BeNull();
        store.GetAll("a").Should().ContainSingle();
        store.GetAll("b").Select(e => e.Partition["filename"]).Should().BeEquivalentTo(["in.txt", "other.txt"]);
    }

    [Test]
    public async Task SetAsync_ThenNewInstanceLoads_ReadsBackEveryValueWithItsType()
    {
        var partition = new Dictionary<string, object?> { ["b"] = 2, ["a"] = "x" };
        var offset = new Dictionary<string, object?> { ["position"] = 99L, ["ratio"] = 0.25, ["done"] = false, ["nothing"] = null };
        using (var store = Open())
        {
            await store.SetAsync("conn", [new SourceOffsetEntry(partition, offset)], CancellationToken.None);
        }

        using var reopened = Open();
        var read = reopened.Get("conn", new Dictionary<string, object?> { ["a"] = "x", ["b"] = 2L });

        read.Should().NotBeNull();
        read!["position"].Should().BeOfType<long>().Which.Should().Be(99L);
        read["ratio"].Should().BeOfType<double>().Which.Should().Be(0.25);
        read["done"].Should().Be(false);
        read.Should().ContainKey("nothing").WhoseValue.Should().BeNull();
    }

    [Test]
    public async Task SetAsync_NullOffset_RemovesThePartitionAlsoAfterReopen()
    {
        using (var store = Open())
        {
            await store.SetAsync("a", [Entry("in.txt", 10), Entry("keep.txt", 11)], CancellationToken.None);

            await store.SetAsync("a", [new SourceOffsetEntry(Partition("in.txt"), null)], CancellationToken.None);

            store.Get("a", Partition("in.txt")).Should().BeNull();
        }

        using var reopened = Open();
        reopened.Get("a", Partition("in.txt")).Should().BeNull();
        reopened.GetAll("a").Should().ContainSingle().Which.Offset.Should().Equal(Offset(11));
    }

    [Test]
    public async Task SetAsync_ConcurrentlyFromManyTasks_KeepsEveryConnectorsOffsets()
    {
        using (var store = Open())
        {
            var tasks = Enumerable.Range(0, 6).Select(c => Task.Run(async () =>
            {
                for (var i = 1; i <= 5; i++)
                {
                    await store.SetAsync($"conn-{c}", [Entry("in.txt", i)], CancellationToken.None);
                }
            }));
            await Task.WhenAll(tasks);
        }

        using var reopened = Open();
        Enumerable.Range(0, 6).Select(c => reopened.Get($"conn-{c}", Partition("in.txt"))?["position"])
            .Should().AllBeEquivalentTo(5L);
    }

    [Test]
    public async Task SetAsync_BeforeLoad_ThrowsInvalidOperation()
    {
        using var store = new SqliteOffsetStore(_path);

        var act = () => store.SetAsync("a", [Entry("in.txt", 1)], CancellationToken.None);

        await act.Should().ThrowAsync<InvalidOperationException>();
    }

    [Test]
    public void Load_MissingFile_IsAnEmptyStore()
    {
        using var store = Open();

        store.GetAll("a").Should().BeEmpty();
        store.Location.Should().Be(Path.GetFullPath(_path));
    }

    [TestCase("plain text", TestName = "Load_TextFile_ThrowsNamingThePathAndLeavesTheFileUntouched")]
    [TestCase("java", TestName = "Load_JavaSerializedFile_ThrowsNamingThePathAndLeavesTheFileUntouched")]
    public void Load_NotADatabase_ThrowsNamingThePathAndLeavesTheFileUntouched(string kind)
    {
        byte[] content = kind == "java"
            ? [0xAC, 0xED, 0x00, 0x05, .. Encoding.ASCII.GetBytes(new string('x', 600))]
            : Encoding.UTF8.GetBytes(string.Concat(Enumerable.Repeat("this is not a SQLite database\n", 40)));
        File.WriteAllBytes(_path, content);
        using var store = new SqliteOffsetStore(_path);

        var act = store.Load;

        act.Should().Throw<OffsetStoreException>().Which.Message.Should().Contain(Path.GetFullPath(_path));
        File.ReadAllBytes(_path).Should().Equal(content);
    }

    [Test]
    public void Load_NotADatabase_ReleasesTheFileSoItCanBeMovedAway()
    {
        File.WriteAllText(_path, string.Concat(Enumerable.Repeat("not a database ", 100)));
        using var store = new SqliteOffsetStore(_path);

        var act = store.Load;

        act.Should().Throw<OffsetStoreException>();
        OpenDescriptorsOf(_path).Should().Be(0, "a failed Load must not keep the file open");
        File.Move(_path, _path + ".bad");
        File.Exists(_path + ".bad").Should().BeTrue();
    }

    /// <summary>How many of this process's file descriptors point at <paramref name="file"/> (Linux; 0 elsewhere).</summary>
    private static int OpenDescriptorsOf(string file)
    {
        if (!OperatingSystem.IsLinux())
        {
            return 0;
        }

        var full = Path.GetFullPath(file);
        var count = 0;
        foreach (var fd in Directory.EnumerateFileSystemEntries("/proc/self/fd"))
        {
            try
            {
                if (new FileInfo(fd).LinkTarget == full)
                {
                    count++;
                }
            }
            catch (IOException)
            {
                // The descriptor was closed while enumerating.
            }
        }

        return count;
    }

    private SqliteOffsetStore Open()
    {
        var store = new SqliteOffsetStore(_path);
        store.Load();
        return store;
    }

    private static Dictionary<string, object?> Partition(string file) => new() { ["filename"] = file };

    private static Dictionary<string, object?> Offset(long position) => new() { ["position"] = position };

    private static SourceOffsetEntry Entry(string file, long position) => new(Partition(file), Offset(position));
}
