using StandaloneConnect.Runtime.Storage;
using StandaloneConnect.Sdk;

namespace StandaloneConnect.Runtime.Tests.Storage;

public sealed class OffsetJsonTests
{
    [Test]
    public void Write_KeysInAnyOrder_AreSortedOrdinally()
    {
        var map = new Dictionary<string, object?> { ["b"] = 1, ["a"] = "x", ["B"] = true, ["a2"] = null };

        OffsetJson.Write(map).Should().Be("{\"B\":true,\"a\":\"x\",\"a2\":null,\"b\":1}");
    }

    [Test]
    public void Write_SameEntriesInsertedDifferently_GivesTheSameText()
    {
        var first = new Dictionary<string, object?> { ["topic"] = "t", ["partition"] = 3 };
        var second = new Dictionary<string, object?> { ["partition"] = 3L, ["topic"] = "t" };

        OffsetJson.Write(first).Should().Be(OffsetJson.Write(second));
    }

    [TestCase((sbyte)-5, "-5")]
    [TestCase((short)300, "300")]
    [TestCase(70000, "70000")]
    [TestCase(long.MaxValue, "9223372036854775807")]
    [TestCase(1.5, "1.5")]
    [TestCase(0.25f, "0.25")]
    [TestCase(true, "true")]
    [TestCase(false, "false")]
    [TestCase("s", "\"s\"")]
    [TestCase(null, "null")]
    public void Write_PrimitiveValue_IsWrittenAsJson(object? value, string expectedJson)
    {
        OffsetJson.Write(new Dictionary<string, object?> { ["k"] = value }).Should().Be("{\"k\":" + expectedJson + "}");
    }

    [Test]
    public void Parse_Numbers_IntegralAreLongOthersAreDouble()
    {
        var map = OffsetJson.Parse("{\"i\":42,\"max\":9223372036854775807,\"neg\":-1,\"d\":1.5,\"whole\":1.0,\"exp\":1e3}");

        map["i"].Should().BeOfType<long>().Which.Should().Be(42L);
        map["max"].Should().BeOfType<long>().Which.Should().Be(long.MaxValue);
        map["neg"].Should().BeOfType<long>().Which.Should().Be(-1L);
        map["d"].Should().BeOfType<double>().Which.Should().Be(1.5);
        map["whole"].Should().BeOfType<double>().Which.Should().Be(1.0);
        map["exp"].Should().BeOfType<double>().Which.Should().Be(1000.0);
    }

    [Test]
    public void Parse_BooleansStringsAndNulls_AreReadAsSuch()
    {
        var map = OffsetJson.Parse("{\"t\":true,\"f\":false,\"s\":\"x\\u00e9\",\"n\":null}");

        map.Should().Equal(new Dictionary<string, object?> { ["t"] = true, ["f"] = false, ["s"] = "xé", ["n"] = null });
    }

    [Test]
    public void WriteThenParse_EveryPrimitive_RoundTrips()
    {
        var map = new Dictionary<string, object?> { ["l"] = 5L, ["d"] = -2.75, ["b"] = true, ["s"] = "line\nbreak", ["n"] = null };

        OffsetJson.Parse(OffsetJson.Write(map)).Should().Equal(map);
    }

    [TestCase("{\"k\":{\"x\":1}}", "k")]
    [TestCase("{\"ok\":1,\"list\":[1,2]}", "list")]
    public void Parse_NestedValue_ThrowsNamingTheKey(string json, string key)
    {
        var act = () => OffsetJson.Parse(json);

        act.Should().Throw<FormatException>().WithMessage($"*'{key}'*");
    }

    [TestCase("[]")]
    [TestCase("42")]
    [TestCase("\"text\"")]
    public void Parse_RootIsNotAnObject_ThrowsFormatException(string json)
    {
        var act = () => OffsetJson.Parse(json);

        act.Should().Throw<FormatException>().WithMessage("expected a JSON object*");
    }

    [Test]
    public void Validate_PrimitivesAndNull_Pass()
    {
        var map = new Dictionary<string, object?>
        {
            ["s"] = "x", ["b"] = true, ["i"] = 1, ["l"] = 2L, ["d"] = 1.5, ["f"] = 1.5f, ["sh"] = (short)1, ["by"] = (byte)1, ["n"] = null,
        };

        var act = () => OffsetJson.Validate(map, "Source offset");

        act.Should().NotThrow();
        FluentActions.Invoking(() => OffsetJson.Validate(null, "Source offset")).Should().NotThrow();
    }

    [Test]
    public void Validate_NestedMap_ThrowsDataExceptionNamingTheKey()
    {
        var map = new Dictionary<string, object?> { ["ok"] = 1L, ["inner"] = new Dictionary<string, object?> { ["x"] = 1 } };

        var act = () => OffsetJson.Validate(map, "Source partition");

        act.Should().Throw<DataException>()
            .WithMessage("Source partition may only contain primitive types*key 'inner'*");
    }

    [Test]
    public void Validate_List_ThrowsDataExceptionNamingTheKey()
    {
        var map = new Dictionary<string, object?> { ["positions"] = new List<long> { 1, 2 } };

        var act = () => OffsetJson.Validate(map, "Source offset");

        act.Should().Throw<DataException>().WithMessage("Source offset*key 'positions'*");
    }
}
