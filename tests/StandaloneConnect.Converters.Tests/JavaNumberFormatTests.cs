using StandaloneConnect.Sdk.Data;

namespace StandaloneConnect.Converters.Tests;

/// <summary>Expected strings are what Java 19+ prints for <c>Double.toString</c>, <c>Float.toString</c>, <c>BigDecimal.toString</c>.</summary>
public sealed class JavaNumberFormatTests
{
    [TestCase(1.0, "1.0")]
    [TestCase(100.0, "100.0")]
    [TestCase(-2.5, "-2.5")]
    [TestCase(0.0, "0.0")]
    [TestCase(-0.0, "-0.0")]
    [TestCase(1e7, "1.0E7")]
    [TestCase(9999999.0, "9999999.0")]
    [TestCase(1234567.0, "1234567.0")]
    [TestCase(1e10, "1.0E10")]
    [TestCase(123456789.123, "1.23456789123E8")]
    [TestCase(0.001, "0.001")]
    [TestCase(0.00123, "0.00123")]
    [TestCase(1e-4, "1.0E-4")]
    [TestCase(1.5e-7, "1.5E-7")]
    [TestCase(0.1 + 0.2, "0.30000000000000004")]
    [TestCase(Math.PI, "3.141592653589793")]
    [TestCase(1e23, "1.0E23")]
    [TestCase(-1.25e-300, "-1.25E-300")]
    [TestCase(double.MaxValue, "1.7976931348623157E308")]
    [TestCase(2.2250738585072014E-308, "2.2250738585072014E-308")]
    [TestCase(double.Epsilon, "4.9E-324")]
    [TestCase(2 * double.Epsilon, "9.9E-324")]
    [TestCase(double.NaN, "NaN")]
    [TestCase(double.PositiveInfinity, "Infinity")]
    [TestCase(double.NegativeInfinity, "-Infinity")]
    public void FormatDouble_Value_MatchesJavaDoubleToString(double value, string expected) =>
        JavaNumberFormat.FormatDouble(value).Should().Be(expected);

    [TestCase(1.0f, "1.0")]
    [TestCase(1.1f, "1.1")]
    [TestCase(0.1f, "0.1")]
    [TestCase(1.5f, "1.5")]
    [TestCase(1e7f, "1.0E7")]
    [TestCase(1e-4f, "1.0E-4")]
    [TestCase(3.4028235e38f, "3.4028235E38")]
    [TestCase(16777216f, "1.6777216E7")]
    [TestCase(float.Epsilon, "1.4E-45")]
    [TestCase(-0.0f, "-0.0")]
    [TestCase(float.NaN, "NaN")]
    public void FormatFloat_Value_MatchesJavaFloatToString(float value, string expected) =>
        JavaNumberFormat.FormatFloat(value).Should().Be(expected);

    [TestCase("1.00", "1.00")]
    [TestCase("0", "0")]
    [TestCase("-12.5", "-12.5")]
    [TestCase("0.000001", "0.000001")]
    [TestCase("0.0000001", "1E-7")]
    [TestCase("0.00000012", "1.2E-7")]
    [TestCase("0.0000000", "0E-7")]
    [TestCase("79228162514264337593543950335", "79228162514264337593543950335")]
    [TestCase("-0.0000000000000000000000000001", "-1E-28")]
    public void FormatDecimal_Value_MatchesJavaBigDecimalToString(string value, string expected) =>
        JavaNumberFormat.FormatDecimal(decimal.Parse(value, System.Globalization.CultureInfo.InvariantCulture)).Should().Be(expected);
}
