using StandaloneConnect.Testing;

namespace StandaloneConnect.Sdk.Tests.TestKit;

public sealed class InMemoryOffsetStorageReaderTests
{
    [Test]
    public void Offset_PartitionWithIntInsteadOfLong_FindsTheStoredOffset()
    {
        var store = new InMemoryOffsetStorageReader();
        store.Set(Map(("file", "a"), ("shard", 1L)), Map(("position", 5L)));

        var offset = store.Offset(Map(("shard", 1), ("file", "a")));

        offset.Should().BeEquivalentTo(Map(("position", 5L)));
    }

    [Test]
    public void Set_NullOffset_RemovesThePartition()
    {
        var store = new InMemoryOffsetStorageReader([new(Map(("file", "a")), Map(("position", 1L)))]);

        store.Set(Map(("file", "a")), null);

        store.Offset(Map(("file", "a"))).Should().BeNull();
        store.Count.Should().Be(0);
    }

    [Test]
    public void Set_CallerChangesItsMapsAfterwards_StoredCopyIsUnaffected()
    {
        var store = new InMemoryOffsetStorageReader();
        var partition = new Dictionary<string, object?> { ["file"] = "a" };
        var offset = new Dictionary<string, object?> { ["position"] = 1L };
        store.Set(partition, offset);

        offset["position"] = 99L;
        partition["file"] = "b";

        store.Offset(Map(("file", "a")))!["position"].Should().Be(1L);
    }

    [Test]
    public void Offsets_SeveralPartitions_ReturnsOnlyThoseWithAnOffset()
    {
        var store = new InMemoryOffsetStorageReader([new(Map(("file", "a")), Map(("position", 1L)))]);

        var offsets = store.Offsets([Map(("file", "a")), Map(("file", "b"))]);

        offsets.Should().ContainSingle().Which.Key["file"].Should().Be("a");
    }

    [TestCase(1, 1L, true)]
    [TestCase((short)1, 1L, true)]
    [TestCase(1.5f, 1.5, true)]
    [TestCase(1, 2L, false)]
    [TestCase("1", 1L, false)]
    public void Comparer_Numbers_AreEqualByValue(object a, object b, bool expected)
    {
        var comparer = OffsetMapComparer.Instance;

        comparer.Equals(Map(("k", a)), Map(("k", b))).Should().Be(expected);
        if (expected)
        {
            comparer.GetHashCode(Map(("k", a))).Should().Be(comparer.GetHashCode(Map(("k", b))));
        }
    }

    [Test]
    public void Comparer_ByteArrays_AreEqualByContent()
    {
        var comparer = OffsetMapComparer.Instance;

        comparer.Equals(Map(("k", new byte[] { 1, 2 })), Map(("k", new byte[] { 1, 2 }))).Should().BeTrue();
        comparer.Equals(Map(("k", new byte[] { 1, 2 })), Map(("k", new byte[] { 1, 3 }))).Should().BeFalse();
        comparer.Equals(Map(("k", 1)), Map(("k", 1), ("extra", null))).Should().BeFalse();
    }

    private static Dictionary<string, object?> Map(params (string Key, object? Value)[] entries) =>
        entries.ToDictionary(e => e.Key, e => e.Value);
}
