using System.Collections;
using System.Collections.Specialized;
using FluentAssertions;
using StandaloneConnect.Sdk;
using StandaloneConnect.Sdk.Transforms;

namespace StandaloneConnect.Transforms.Tests;

/// <summary>
/// Schemaless values arrive as the converters' <c>Dictionary&lt;object, object?&gt;</c> (copied on a fast path) or as
/// any other <see cref="IDictionary"/>: both give the same result, and the input map is never modified.
/// </summary>
public sealed class SchemalessMapTests
{
    private static IEnumerable<TestCaseData> Maps()
    {
        yield return new TestCaseData(new Func<IDictionary>(() => new Dictionary<object, object?> { ["id"] = 1, ["name"] = "ann" }))
            .SetArgDisplayNames("Dictionary");
        yield return new TestCaseData(new Func<IDictionary>(() => new Hashtable { ["id"] = 1, ["name"] = "ann" }))
            .SetArgDisplayNames("Hashtable");
        yield return new TestCaseData(new Func<IDictionary>(() => new Dictionary<string, object?> { ["id"] = 1, ["name"] = "ann" }))
            .SetArgDisplayNames("StringKeyedDictionary");
    }

    /// <summary>Map shapes that enumerate in insertion order: each copy path must keep that order.</summary>
    private static IEnumerable<TestCaseData> OrderedMaps()
    {
        var entries = new (string Key, object? Value)[] { ("d", 4L), ("a", "x"), ("c", null), ("b", true) };
        yield return new TestCaseData(new Func<IDictionary>(() => entries.ToDictionary(e => (object)e.Key, e => e.Value)))
            .SetArgDisplayNames("Dictionary");
        yield return new TestCaseData(new Func<IDictionary>(() => entries.ToDictionary(e => e.Key, e => e.Value)))
            .SetArgDisplayNames("StringKeyedDictionary");
        yield return new TestCaseData(new Func<IDictionary>(() =>
        {
            var ordered = new OrderedDictionary();
            foreach (var (key, value) in entries)
            {
                ordered.Add(key, value);
            }

            return ordered;
        })).SetArgDisplayNames("OrderedDictionary");
    }

    [TestCaseSource(nameof(OrderedMaps))]
    public void InsertField_SeveralFields_KeepsOrderAndShape(Func<IDictionary> map)
    {
        using var smt = Configure(new InsertField.Value(),
            new() { ["static.field"] = "src", ["static.value"] = "x", ["topic.field"] = "topic", ["partition.field"] = "p" });

        var result = smt.Apply(new SourceRecord(null, null, "t", 3, null, null, null, map(), 5L))!.Value;

        result.Should().BeOfType<Dictionary<object, object?>>();
        ((Dictionary<object, object?>)result!).Should().Equal(new Dictionary<object, object?>
        {
            ["d"] = 4L, ["a"] = "x", ["c"] = null, ["b"] = true, ["topic"] = "t", ["p"] = 3, ["src"] = "x",
        });
        ((IDictionary)result).Keys.Cast<object>().Should().Equal("d", "a", "c", "b", "topic", "p", "src");
    }

    [TestCaseSource(nameof(OrderedMaps))]
    public void ReplaceField_RenameAndExclude_KeepsOrderAndShape(Func<IDictionary> map)
    {
        using var smt = Configure(new ReplaceField.Value(), new() { ["renames"] = "a:aa", ["exclude"] = "c" });

        var result = smt.Apply(Record(map()))!.Value;

        result.Should().BeOfType<Dictionary<object, object?>>();
        ((IDictionary)result!).Keys.Cast<object>().Should().Equal("d", "aa", "b");
        ((IDictionary)result)["aa"].Should().Be("x");
    }

    [TestCaseSource(nameof(OrderedMaps))]
    public void MaskField_KeepsOrderAndShape(Func<IDictionary> map)
    {
        using var smt = Configure(new MaskField.Value(), new() { ["fields"] = "d,a" });

        var result = smt.Apply(Record(map()))!.Value;

        result.Should().BeOfType<Dictionary<object, object?>>();
        ((IDictionary)result!).Keys.Cast<object>().Should().Equal("d", "a", "c", "b");
        ((IDictionary)result)["d"].Should().Be(0L);
        ((IDictionary)result)["a"].Should().Be("");
    }

    [TestCaseSource(nameof(Maps))]
    public void ReplaceField_Renames_WithoutTouchingInput(Func<IDictionary> map)
    {
        var input = map();
        using var smt = Configure(new ReplaceField.Value(), new() { ["renames"] = "id:key", ["exclude"] = "name" });

        var result = (IDictionary)smt.Apply(Record(input))!.Value!;

        result.Keys.Cast<object>().Should().BeEquivalentTo(new object[] { "key" });
        result["key"].Should().Be(1);
        input.Keys.Cast<object>().Should().BeEquivalentTo(new object[] { "id", "name" });
    }

    [TestCaseSource(nameof(Maps))]
    public void InsertField_AddsStatic_WithoutTouchingInput(Func<IDictionary> map)
    {
        var input = map();
        using var smt = Configure(new InsertField.Value(), new() { ["static.field"] = "src", ["static.value"] = "x" });

        var result = (IDictionary)smt.Apply(Record(input))!.Value!;

        result.Should().NotBeSameAs(input);
        (result["id"], result["name"], result["src"]).Should().Be(((object?)1, (object?)"ann", (object?)"x"));
        input.Contains("src").Should().BeFalse();
    }

    [TestCaseSource(nameof(Maps))]
    public void MaskField_Masks_WithoutTouchingInput(Func<IDictionary> map)
    {
        var input = map();
        using var smt = Configure(new MaskField.Value(), new() { ["fields"] = "name" });

        var result = (IDictionary)smt.Apply(Record(input))!.Value!;

        (result["id"], result["name"]).Should().Be(((object?)1, (object?)""));
        input["name"].Should().Be("ann");
    }

    private static T Configure<T>(T smt, Dictionary<string, string> configs)
        where T : ITransformation
    {
        smt.Configure(configs);
        return smt;
    }

    private static SourceRecord Record(IDictionary value) => new(null, null, "t", null, value);
}
