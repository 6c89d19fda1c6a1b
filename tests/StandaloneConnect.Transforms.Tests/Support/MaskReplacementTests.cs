using FluentAssertions;
using StandaloneConnect.Transforms.Support;

namespace StandaloneConnect.Transforms.Tests.Support;

/// <summary>Java's <c>new BigDecimal(text)</c> acceptance and <c>longValue()</c>, as MaskField relies on them.</summary>
public sealed class MaskReplacementTests
{
    [TestCase("0", true)]
    [TestCase("-12.50", true)]
    [TestCase("+3", true)]
    [TestCase(".5", true)]
    [TestCase("5.", true)]
    [TestCase("1e10", true)]
    [TestCase("1E-3", true)]
    [TestCase("1e+3", true)]
    [TestCase("", false)]
    [TestCase("-", false)]
    [TestCase(".", false)]
    [TestCase("1e", false)]
    [TestCase("1e1234567890", false)]
    [TestCase("1.2.3", false)]
    [TestCase(" 1", false)]
    [TestCase("NaN", false)]
    [TestCase("Infinity", false)]
    [TestCase("0x10", false)]
    [TestCase("1_000", false)]
    public void IsJavaDecimal_MatchesBigDecimalSyntax(string text, bool expected) =>
        MaskReplacement.IsJavaDecimal(text).Should().Be(expected);

    [TestCase("42", 42L)]
    [TestCase("-42.99", -42L)]
    [TestCase("4.2e1", 42L)]
    [TestCase("123e-2", 1L)]
    [TestCase("9223372036854775808", long.MinValue)]
    [TestCase("-9223372036854775809", long.MaxValue)]
    [TestCase("1e19", -8446744073709551616L)]
    [TestCase("1e80", 0L)]
    [TestCase("1e-80", 0L)]
    public void ToLong_IsBigDecimalLongValue(string text, long expected) =>
        MaskReplacement.ToLong(text).Should().Be(expected);
}
