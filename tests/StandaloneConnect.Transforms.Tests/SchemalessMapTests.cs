using System.Collections;
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
