using StandaloneConnect.Sdk.Config;

namespace StandaloneConnect.Sdk.Tests.Config;

public sealed class ValidatorsTests
{
    [TestCase(0, "Invalid value 0 for configuration k: Value must be at least 1")]
    [TestCase(null, "Invalid value null for configuration k: Value must be non-null")]
    public void AtLeast_TooSmallOrNull_ThrowsKafkasMessage(object? value, string expected)
    {
        var act = () => Validators.AtLeast(1).EnsureValid("k", value);

        act.Should().Throw<ConfigException>().WithMessage(expected);
    }

    [TestCase(1)]
    [TestCase(10L)]
    [TestCase(5.5)]
    public void Between_InRange_Passes(object value)
    {
        var act = () => Validators.Between(1, 10).EnsureValid("k", value);

        act.Should().NotThrow();
    }

    [TestCase(11, "Invalid value 11 for configuration k: Value must be no more than 10")]
    [TestCase(0, "Invalid value 0 for configuration k: Value must be at least 1")]
    public void Between_OutOfRange_ThrowsKafkasMessage(object value, string expected)
    {
        var act = () => Validators.Between(1, 10).EnsureValid("k", value);

        act.Should().Throw<ConfigException>().WithMessage(expected);
    }

    [Test]
    public void In_UnknownString_ThrowsKafkasMessage()
    {
        var ok = () => Validators.In("none", "all").EnsureValid("errors.tolerance", "all");
        var wrongCase = () => Validators.In("none", "all").EnsureValid("errors.tolerance", "ALL");

        ok.Should().NotThrow();
        wrongCase.Should().Throw<ConfigException>()
            .WithMessage("Invalid value ALL for configuration errors.tolerance: String must be one of: none, all");
    }

    [Test]
    public void InCaseInsensitive_AnyCase_PassesAndUnknownThrows()
    {
        var ok = () => Validators.InCaseInsensitive("requested", "required").EnsureValid("k", "REQUIRED");
        var bad = () => Validators.InCaseInsensitive("requested", "required").EnsureValid("k", "x");

        ok.Should().NotThrow();
        bad.Should().Throw<ConfigException>()
            .WithMessage("Invalid value x for configuration k: String must be one of (case insensitive): requested, required");
    }

    [Test]
    public void NonEmptyString_EmptyThrowsNullPasses()
    {
        var empty = () => Validators.NonEmptyString.EnsureValid("topic", "");
        var nullValue = () => Validators.NonEmptyString.EnsureValid("topic", null);

        empty.Should().Throw<ConfigException>().WithMessage("Invalid value  for configuration topic: String must be non-empty");
        nullValue.Should().NotThrow();
    }

    [Test]
    public void NonNull_Null_ThrowsKafkasMessage()
    {
        var act = () => Validators.NonNull.EnsureValid("k", null);

        act.Should().Throw<ConfigException>().WithMessage("Invalid value null for configuration k: entry must be non null");
    }

    [TestCase("", "Invalid value  for configuration name: String may not be empty")]
    [TestCase("a\tb\u007f", "Invalid value a\tb\u007f for configuration name: String may not contain control sequences but had the following ASCII chars: 9, 127")]
    public void NonEmptyStringWithoutControlChars_Invalid_ThrowsKafkasMessage(string value, string expected)
    {
        var act = () => Validators.NonEmptyStringWithoutControlChars.EnsureValid("name", value);

        act.Should().Throw<ConfigException>().WithMessage(expected);
    }

    [TestCase("my-connector")]
    [TestCase(null)]
    public void NonEmptyStringWithoutControlChars_ValidOrNull_Passes(string? value)
    {
        var act = () => Validators.NonEmptyStringWithoutControlChars.EnsureValid("name", value);

        act.Should().NotThrow();
    }

    [Test]
    public void ListIn_UnknownElement_ThrowsForThatElement()
    {
        var act = () => Validators.ListIn("a", "b").EnsureValid("k", new List<string> { "a", "c" });

        act.Should().Throw<ConfigException>().WithMessage("Invalid value c for configuration k: String must be one of: a, b");
    }

    [Test]
    public void Composite_FirstFailure_Wins()
    {
        var act = () => Validators.Composite(Validators.NonNull, Validators.AtLeast(1)).EnsureValid("k", null);

        act.Should().Throw<ConfigException>().WithMessage("Invalid value null for configuration k: entry must be non null");
    }

    [Test]
    public void ToString_DescribesTheRuleLikeKafka()
    {
        Validators.AtLeast(1).ToString().Should().Be("[1,...]");
        Validators.Between(1, 10).ToString().Should().Be("[1,...,10]");
        Validators.In("a", "b").ToString().Should().Be("[a, b]");
        Validators.NonEmptyString.ToString().Should().Be("non-empty string");
    }

    [Test]
    public void ConfigException_PasswordValue_IsPrintedHidden()
    {
        var e = new ConfigException("secret", new Password("p"), "bad");

        e.Message.Should().Be("Invalid value [hidden] for configuration secret: bad");
        e.Name.Should().Be("secret");
    }
}
