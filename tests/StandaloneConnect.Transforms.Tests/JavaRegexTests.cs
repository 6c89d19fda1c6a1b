using FluentAssertions;
using StandaloneConnect.Sdk.Config;

namespace StandaloneConnect.Transforms.Tests;

public sealed class JavaRegexTests
{
    [TestCase(@"\d+", "123", true)]
    [TestCase(@"\d+", "\u0661\u0662", false)]
    [TestCase(@"\w+", "abc_1", true)]
    [TestCase(@"\w", "\u00e9", false)]
    [TestCase(@"\s", "\u00a0", false)]
    [TestCase(@"\D", "a", true)]
    [TestCase(@"[\D]", "5", false)]
    [TestCase(@"[\S]", " ", false)]
    [TestCase(@"[\W]", "_", false)]
    [TestCase(@"[\W]", "-", true)]
    [TestCase(@"a.c", "abc", true)]
    [TestCase(@"a.c", "a\nc", false)]
    [TestCase(@"a.c", "a\u2028c", false)]
    [TestCase(@"a.c", "a\rc", false)]
    [TestCase(@"(?s)a.c", "a\nc", true)]
    [TestCase(@"(?s:a.)c", "a\rc", true)]
    [TestCase(@"\QA.B\E", "A.B", true)]
    [TestCase(@"\QA.B\E", "AxB", false)]
    [TestCase(@"\Qa+b", "a+b", true)]
    [TestCase(@"[\Q]-\E]+", "]-]", true)]
    [TestCase(@"\p{Alpha}+", "abcXYZ", true)]
    [TestCase(@"\p{Alpha}", "1", false)]
    [TestCase(@"[\p{Digit}_]+", "1_2", true)]
    [TestCase(@"[^\p{Alpha}]", "a", false)]
    [TestCase(@"[\P{Alpha}]", "1", true)]
    [TestCase(@"[\P{Alpha}]", "a", false)]
    [TestCase(@"\P{Punct}", ".", false)]
    [TestCase(@"\p{Lu}\p{IsLl}\pN", "Ab1", true)]
    [TestCase(@"\x{41}\x42\u0043\0104\cA", "ABCD\u0001", true)]
    [TestCase(@"(?i)abc", "ABC", true)]
    [TestCase(@"(?i:a)b", "Ab", true)]
    [TestCase(@"(?i:a)b", "AB", false)]
    [TestCase(@"(?i)a(?-i)b", "Ab", true)]
    [TestCase(@"(?i)a(?-i)b", "AB", false)]
    [TestCase(@"[]a]+", "]a]", true)]
    [TestCase(@"[a^]+", "^a", true)]
    [TestCase(@"(a)\1", "aa", true)]
    [TestCase(@"(a)\2", "aa", false)]
    [TestCase(@"(a)\11", "aa1", true)]
    [TestCase(@"(?<x>a)\k<x>", "aa", true)]
    [TestCase(@"a{2,3}", "aaa", true)]
    [TestCase(@"a{2,3}?a", "aaa", true)]
    [TestCase(@"a{2}", "aaa", false)]
    [TestCase(@"\h", "\u00a0", true)]
    [TestCase(@"\v", "\u2028", true)]
    [TestCase(@"\H", " ", false)]
    [TestCase(@"a\Rb", "a\r\nb", true)]
    [TestCase(@"^a$", "a", true)]
    [TestCase(@"a$\n", "a\n", true)]
    [TestCase(@"(?m)a$\rb", "a\rb", true)]
    [TestCase(@"(?m)a\n^b", "a\nb", true)]
    [TestCase(@"(?m)a\r\n^b", "a\r\nb", true)]
    [TestCase(@"(?m)a\r^\nb", "a\r\nb", false)]
    [TestCase(@"(?m)a\r$\nb", "a\r\nb", false)]
    [TestCase(@"a\r$\n", "a\r\n", false)]
    [TestCase(@"a$\r\n", "a\r\n", true)]
    [TestCase(@"a\Z\u2028", "a\u2028", true)]
    [TestCase(@"a|orders", "orders", true)]
    [TestCase(@"\.\-\$", ".-$", true)]
    [TestCase(@"\Aab\z", "ab", true)]
    public void Matches_JavaSemantics(string pattern, string input, bool expected) =>
        JavaRegex.Compile(pattern).Matches(input).Should().Be(expected);

    [TestCase(@"ab", "xaby", false)]
    [TestCase(@"a*", "aaa", true)]
    public void Matches_IsAFullMatch(string pattern, string input, bool expected) =>
        JavaRegex.Compile(pattern).Matches(input).Should().Be(expected);

    [TestCase("a*+", "Possessive")]
    [TestCase("a++", "Possessive")]
    [TestCase("a?+", "Possessive")]
    [TestCase("a{2}+", "Possessive")]
    [TestCase(@"\p{javaLowerCase}", "not supported")]
    [TestCase(@"\p{InGreek}", "not supported")]
    [TestCase(@"\p{IsLatin}", "not supported")]
    [TestCase("[a[b]]", "union")]
    [TestCase("[a-z&&[^b]]", "intersection")]
    [TestCase("(?x)a b", "Inline flag 'x'")]
    [TestCase("(?d)a", "Inline flag 'd'")]
    [TestCase("(?U)a", "Inline flag 'U'")]
    [TestCase("(?#c)a", "Unknown inline modifier")]
    [TestCase("a{", "Illegal repetition")]
    [TestCase("a{,3}", "Illegal repetition")]
    [TestCase("a{3,2}", "Illegal repetition range")]
    [TestCase("(a", "Unclosed group")]
    [TestCase("a)", "Unmatched closing ')'")]
    [TestCase("[a", "Unclosed character class")]
    [TestCase("(?<a_b>x)", "Capturing group name")]
    [TestCase("(?<a>x)(?<a>y)", "already defined")]
    [TestCase(@"\k<nope>", "does not exist")]
    [TestCase(@"\y", "Illegal/unsupported escape sequence")]
    [TestCase(@"\x{110000}", "Hexadecimal")]
    [TestCase(@"\b{g}", "not supported")]
    [TestCase(@"a\", "Unexpected internal error")]
    public void Compile_InvalidOrUnsupported_Throws(string pattern, string messagePart) =>
        FluentActions.Invoking(() => JavaRegex.Compile(pattern)).Should().Throw<ArgumentException>()
            .Which.Message.Should().Contain(messagePart);

    [Test]
    public void Compile_WithConfigName_ThrowsKafkaStyleConfigException() =>
        FluentActions.Invoking(() => JavaRegex.Compile("regex", "a++")).Should().Throw<ConfigException>()
            .Which.Message.Should().StartWith("Invalid value a++ for configuration regex: Invalid regex: Possessive");

    [TestCase("(?<first>a)(b)(?<third>c)", 3)]
    [TestCase("(?:a)(?=b)(?<=a)(?!c)(?<!c)(?>b)(b)", 1)]
    [TestCase(@"\(\)[(]", 0)]
    public void GroupCount_CountsCapturingGroupsOnly(string pattern, int expected) =>
        JavaRegex.Compile(pattern).GroupCount.Should().Be(expected);

    [TestCase("(a)(b)", "$2$1", "ab", "ba")]
    [TestCase("(?<first>a)(b)", "$2-$1-${first}", "ab", "b-a-a")]
    [TestCase("(a)", @"\$1", "a", "$1")]
    [TestCase("(a)", @"x\\y", "a", @"x\y")]
    [TestCase("(a)", "$10", "a", "a0")]
    [TestCase("(a)(b)(c)(d)(e)(f)(g)(h)(i)(j)", "$10$1", "abcdefghij", "ja")]
    [TestCase("(.*?)", "$1-x", "abc", "-xabc")]
    [TestCase("(?<n>a)b", "${n}${n}", "ab", "aa")]
    [TestCase("b", "c", "abab", "acab")]
    [TestCase("(x)?a", "[$1]", "a", "[]")]
    public void ReplaceFirst_JavaReplacementSyntax(string pattern, string replacement, string input, string expected)
    {
        var regex = JavaRegex.Compile(pattern);
        regex.ReplaceFirst(input, regex.ConvertReplacement(replacement)).Should().Be(expected);
    }

    [TestCase("(a)", "$2", "No group 2")]
    [TestCase("a", "$$", "Illegal group reference")]
    [TestCase("a", "x$", "group index is missing")]
    [TestCase("a", @"x\", "character to be escaped is missing")]
    [TestCase("a", "${zz}", "No group with name {zz}")]
    [TestCase("a", "${a_b}", "Illegal group name")]
    [TestCase("a", "${zz", "missing trailing '}'")]
    public void ConvertReplacement_Invalid_Throws(string pattern, string replacement, string messagePart) =>
        FluentActions.Invoking(() => JavaRegex.Compile(pattern).ConvertReplacement(replacement)).Should()
            .Throw<ArgumentException>().Which.Message.Should().Contain(messagePart);
}
