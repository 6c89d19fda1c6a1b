using System.Globalization;

namespace StandaloneConnect.Connectors.File.Tests;

public sealed class JavaStringsTests
{
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
    public void ValueOf_Double_MatchesJavaDoubleToString(double value, string expected)
    {
        JavaStrings.ValueOf(value).Should().Be(expected);
    }

    [TestCase(1.1f, "1.1")]
    [TestCase(3.0f, "3.0")]
    [TestCase(1e10f, "1.0E10")]
    public void ValueOf_Float_MatchesJavaFloatToString(float value, string expected)
    {
        JavaStrings.ValueOf(value).Should().Be(expected);
    }

    [Test]
    public void ValueOf_OtherValues_RenderLikeJavaStringValueOf()
    {
        JavaStrings.ValueOf(null).Should().Be("null");
        JavaStrings.ValueOf("text").Should().Be("text");
        JavaStrings.ValueOf(false).Should().Be("false");
        JavaStrings.ValueOf(-12L).Should().Be("-12");
        JavaStrings.ValueOf((sbyte)-1).Should().Be("-1");
        JavaStrings.ValueOf(decimal.Parse("1.00", CultureInfo.InvariantCulture)).Should().Be("1.00");
        JavaStrings.ValueOf(new byte[] { 0xFF }).Should().Be("/w==");
        JavaStrings.ValueOf(new List<object?> { 1, true, null, new List<int> { 2 } }).Should().Be("[1, true, null, [2]]");
        JavaStrings.ValueOf(new Dictionary<string, object?> { ["a"] = 1, ["b"] = null }).Should().Be("{a=1, b=null}");
        JavaStrings.ValueOf(new DateTime(2024, 1, 2, 3, 4, 5, DateTimeKind.Utc)).Should().Be("Tue Jan 02 03:04:05 UTC 2024");
    }
}
