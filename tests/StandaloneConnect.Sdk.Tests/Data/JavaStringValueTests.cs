using System.Globalization;
using StandaloneConnect.Sdk.Data;

namespace StandaloneConnect.Sdk.Tests.Data;

public sealed class JavaStringValueTests
{
    private static readonly Schema PointSchema = SchemaBuilder.Struct().Field("x", Schema.Int32).Field("label", Schema.OptionalString)
        .Build();

    [TestCase(1.0, "1.0")]
    [TestCase(-2.5, "-2.5")]
    [TestCase(0.1, "0.1")]
    [TestCase(0.001, "0.001")]
    [TestCase(0.0001, "1.0E-4")]
    [TestCase(1.5e-5, "1.5E-5")]
    [TestCase(1234567.0, "1234567.0")]
    [TestCase(1e7, "1.0E7")]
    [TestCase(12345678.9, "1.23456789E7")]
    [TestCase(1e21, "1.0E21")]
    [TestCase(-1e-10, "-1.0E-10")]
    [TestCase(0.0, "0.0")]
    [TestCase(-0.0, "-0.0")]
    [TestCase(double.NaN, "NaN")]
    [TestCase(double.PositiveInfinity, "Infinity")]
    [TestCase(double.NegativeInfinity, "-Infinity")]
    [TestCase(123.456, "123.456")]
    public void Of_Double_MatchesJavaDoubleToString(double value, string expected)
    {
        JavaStringValue.Of(value).Should().Be(expected);
    }

    [TestCase(1.1f, "1.1")]
    [TestCase(3.0f, "3.0")]
    [TestCase(1e10f, "1.0E10")]
    public void Of_Float_MatchesJavaFloatToString(float value, string expected)
    {
        JavaStringValue.Of(value).Should().Be(expected);
    }

    [Test]
    public void Of_OtherValues_RenderLikeJavaStringValueOf()
    {
        JavaStringValue.Of(null).Should().Be("null");
        JavaStringValue.Of("text").Should().Be("text");
        JavaStringValue.Of(false).Should().Be("false");
        JavaStringValue.Of(-12L).Should().Be("-12");
        JavaStringValue.Of((sbyte)-1).Should().Be("-1");
        JavaStringValue.Of(decimal.Parse("1.00", CultureInfo.InvariantCulture)).Should().Be("1.00");
        JavaStringValue.Of(new byte[] { 0xFF }).Should().Be("/w==");
        JavaStringValue.Of(new List<object?> { 1, true, null, new List<int> { 2 } }).Should().Be("[1, true, null, [2]]");
        JavaStringValue.Of(new Dictionary<string, object?> { ["a"] = 1, ["b"] = null }).Should().Be("{a=1, b=null}");
        JavaStringValue.Of(new DateTime(2024, 1, 2, 3, 4, 5, DateTimeKind.Utc)).Should().Be("Tue Jan 02 03:04:05 UTC 2024");
    }

    [Test]
    public void Of_ReadOnlyMemoryBytes_Base64()
    {
        JavaStringValue.Of(new ReadOnlyMemory<byte>([1, 2, 3])).Should().Be("AQID");
    }

    [Test]
    public void Of_NonListCollection_JavaCollectionToString()
    {
        JavaStringValue.Of(new SortedSet<string> { "b", "a" }).Should().Be("[a, b]");
    }

    [Test]
    public void Of_Struct_KafkaStructToStringWithoutNullFields()
    {
        JavaStringValue.Of(new Struct(PointSchema).Put("x", 3)).Should().Be("Struct{x=3}");
    }

    [Test]
    public void Of_NestedValues_RenderedRecursivelyLikeJava()
    {
        var value = new Dictionary<string, object?>
        {
            ["p"] = new Struct(PointSchema).Put("x", 1).Put("label", "a"),
            ["at"] = new List<object?> { new DateTime(2024, 1, 15, 10, 30, 0, DateTimeKind.Utc), 2.0f },
        };

        JavaStringValue.Of(value).Should().Be("{p=Struct{x=1,label=a}, at=[Mon Jan 15 10:30:00 UTC 2024, 2.0]}");
    }

    [Test]
    public void Of_UnknownTypeWhoseToStringIsNull_NullLikeJava()
    {
        JavaStringValue.Of(new NullToString()).Should().Be("null");
    }

    private sealed class NullToString
    {
        public override string? ToString() => null;
    }
}
