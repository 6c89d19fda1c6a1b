using StandaloneConnect.Sdk.Data;

namespace StandaloneConnect.Sdk.Tests;

public sealed class ConnectHeadersTests
{
    [Test]
    public void Add_TypedHeaders_KeepsOrderAndSchemas()
    {
        var headers = new ConnectHeaders().AddString("s", "v").AddInt("i", 1).AddLong("l", 2L).AddBoolean("b", true).AddBytes("y", [1]);

        headers.Select(h => (h.Key, h.Schema)).Should().Equal(
            ("s", Schema.OptionalString), ("i", Schema.Int32), ("l", Schema.Int64), ("b", Schema.Boolean), ("y", Schema.OptionalBytes));
        headers.Count.Should().Be(5);
        headers.IsEmpty.Should().BeFalse();
    }

    [Test]
    public void Add_ValueNotMatchingSchema_Throws()
    {
        var act = () => new ConnectHeaders().Add("k", Schema.Int32, "text");

        act.Should().Throw<DataException>();
    }

    [Test]
    public void Add_NullStringValue_IsAllowed()
    {
        var headers = new ConnectHeaders().AddString("k", null);

        headers.LastWithName("k")!.Value.Should().BeNull();
    }

    [Test]
    public void LastWithNameAndAllWithName_RepeatedKey_FindTheRightHeaders()
    {
        var headers = new ConnectHeaders().AddString("k", "1").AddString("other", "x").AddString("k", "2");

        headers.LastWithName("k")!.Value.Should().Be("2");
        headers.AllWithName("k").Select(h => h.Value).Should().Equal("1", "2");
        headers.LastWithName("missing").Should().BeNull();
    }

    [Test]
    public void Remove_Key_RemovesEveryHeaderWithIt()
    {
        var headers = new ConnectHeaders().AddString("k", "1").AddString("other", "x").AddString("k", "2");

        headers.Remove("k");

        headers.Select(h => h.Key).Should().Equal("other");
    }

    [Test]
    public void Duplicate_ThenChangeCopy_LeavesOriginalUnchanged()
    {
        var original = new ConnectHeaders().AddString("k", "1");

        var copy = original.Duplicate().AddString("k2", "2").Clear();

        copy.IsEmpty.Should().BeTrue();
        original.Count.Should().Be(1);
    }
}
