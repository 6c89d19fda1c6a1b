using System.Text;
using StandaloneConnect.Runtime.Configuration;

namespace StandaloneConnect.Runtime.Tests.Configuration;

public sealed class JavaPropertiesTests
{
    private TemporaryDirectory _dir = null!;

    [SetUp]
    public void SetUp() => _dir = new TemporaryDirectory();

    [TearDown]
    public void TearDown() => _dir.Dispose();

    [TestCase("a=b", new[] { "a", "b" }, TestName = "Parse_EqualsSeparator")]
    [TestCase("a:b", new[] { "a", "b" }, TestName = "Parse_ColonSeparator")]
    [TestCase("a b", new[] { "a", "b" }, TestName = "Parse_SpaceSeparator")]
    [TestCase("a\tb", new[] { "a", "b" }, TestName = "Parse_TabSeparator")]
    [TestCase("a\fb", new[] { "a", "b" }, TestName = "Parse_FormFeedSeparator")]
    [TestCase("a = b", new[] { "a", "b" }, TestName = "Parse_SpacesAroundEquals")]
    [TestCase("a\t:\tb", new[] { "a", "b" }, TestName = "Parse_TabsAroundColon")]
    [TestCase("a   =   b  ", new[] { "a", "b  " }, TestName = "Parse_TrailingWhitespace_Kept")]
    [TestCase("a  b=c", new[] { "a", "b=c" }, TestName = "Parse_WhitespaceSeparatorThenEquals_EqualsInValue")]
    [TestCase("a =:b", new[] { "a", ":b" }, TestName = "Parse_SecondSeparator_PartOfValue")]
    [TestCase("a==b", new[] { "a", "=b" }, TestName = "Parse_DoubleEquals_SecondInValue")]
    [TestCase("   a=b", new[] { "a", "b" }, TestName = "Parse_LeadingWhitespace_Skipped")]
    [TestCase("# comment\na=b", new[] { "a", "b" }, TestName = "Parse_HashComment_Skipped")]
    [TestCase("! comment\na=b", new[] { "a", "b" }, TestName = "Parse_BangComment_Skipped")]
    [TestCase("   # indented\na=b", new[] { "a", "b" }, TestName = "Parse_IndentedComment_Skipped")]
    [TestCase("# comment \\\na=b", new[] { "a", "b" }, TestName = "Parse_CommentEndingInBackslash_DoesNotContinue")]
    [TestCase("a=b # not a comment", new[] { "a", "b # not a comment" }, TestName = "Parse_HashAfterValue_PartOfValue")]
    [TestCase("a", new[] { "a", "" }, TestName = "Parse_KeyWithoutValue_Empty")]
    [TestCase("a=", new[] { "a", "" }, TestName = "Parse_EmptyValue")]
    [TestCase("a   ", new[] { "a", "" }, TestName = "Parse_KeyThenWhitespace_Empty")]
    [TestCase("=b", new[] { "", "b" }, TestName = "Parse_EmptyKey")]
    [TestCase("a=b\\\n   c", new[] { "a", "bc" }, TestName = "Parse_Continuation_IndentDropped")]
    [TestCase("a=b\\\n c\\\n\td", new[] { "a", "bcd" }, TestName = "Parse_TwoContinuations")]
    [TestCase("a=b\\\r\n c", new[] { "a", "bc" }, TestName = "Parse_ContinuationWithCrLf")]
    [TestCase("a\\\n b=c", new[] { "ab", "c" }, TestName = "Parse_ContinuationInsideKey")]
    [TestCase("a=b\\\\\nc=d", new[] { "a", "b\\", "c", "d" }, TestName = "Parse_EvenBackslashes_NoContinuation")]
    [TestCase("a=b\\\\\\\nc", new[] { "a", "b\\c" }, TestName = "Parse_OddBackslashes_Continuation")]
    [TestCase("a=b\\\n\nc=d", new[] { "a", "b", "c", "d" }, TestName = "Parse_ContinuationOntoBlankLine_EndsLine")]
    [TestCase("a=b\\", new[] { "a", "b" }, TestName = "Parse_BackslashAtEndOfFile_Dropped")]
    [TestCase("a=b\r\nc=d\re=f\ng=h", new[] { "a", "b", "c", "d", "e", "f", "g", "h" }, TestName = "Parse_MixedLineEndings")]
    [TestCase("a=\\t\\n\\r\\f\\\\", new[] { "a", "\t\n\r\f\\" }, TestName = "Parse_ControlEscapes")]
    [TestCase("a=\\u0041\\u00e9\\u00E9", new[] { "a", "Aéé" }, TestName = "Parse_UnicodeEscapes")]
    [TestCase("a=\\q\\#\\!\\=\\:", new[] { "a", "q#!=:" }, TestName = "Parse_OtherEscapes_YieldChar")]
    [TestCase("a\\=b=c", new[] { "a=b", "c" }, TestName = "Parse_EscapedEqualsInKey")]
    [TestCase("a\\:b:c", new[] { "a:b", "c" }, TestName = "Parse_EscapedColonInKey")]
    [TestCase("a\\ b c", new[] { "a b", "c" }, TestName = "Parse_EscapedSpaceInKey")]
    [TestCase("\\#a=b", new[] { "#a", "b" }, TestName = "Parse_EscapedHashKey_NotAComment")]
    [TestCase("key=héllo wörld", new[] { "key", "héllo wörld" }, TestName = "Parse_NonAsciiText")]
    [TestCase("a=1\na=2", new[] { "a", "2" }, TestName = "Parse_DuplicateKey_LastWins")]
    [TestCase("\n\n   \n\t\n", new string[0], TestName = "Parse_BlankLinesOnly_Empty")]
    public void Parse_Text_ReturnsExpectedPairs(string text, string[] expectedPairs)
    {
        IReadOnlyDictionary<string, string> result = JavaProperties.Parse(text, "test.properties");

        var expected = new List<KeyValuePair<string, string>>();
        for (int i = 0; i < expectedPairs.Length; i += 2)
        {
            expected.Add(new(expectedPairs[i], expectedPairs[i + 1]));
        }

        result.Should().Equal(expected);
    }

    [Test]
    public void Parse_DuplicateKeys_KeepFirstPositionAndLastValue()
    {
        IReadOnlyDictionary<string, string> result = JavaProperties.Parse("a=1\nb=2\na=3\nc=4", "x");

        result.Keys.Should().Equal("a", "b", "c");
        result["a"].Should().Be("3");
    }

    [TestCase("a=\\u12G4", 1, TestName = "Parse_NonHexUnicode_Throws")]
    [TestCase("a=1\n\n# c\nb=\\u12", 4, TestName = "Parse_ShortUnicodeAtEnd_ThrowsWithLine")]
    [TestCase("a=1\nb=x\\\n   y\\uZZZZ", 3, TestName = "Parse_MalformedUnicodeOnContinuation_NamesPhysicalLine")]
    [TestCase("\\u00=b", 1, TestName = "Parse_MalformedUnicodeInKey_Throws")]
    public void Parse_MalformedUnicode_ThrowsNamingFileAndLine(string text, int line)
    {
        Action act = () => JavaProperties.Parse(text, "conn.properties");

        ConfigFileException ex = act.Should().Throw<ConfigFileException>().Which;
        ex.Message.Should().StartWith($"conn.properties:{line}: Malformed \\uxxxx encoding in key or value");
        ex.FilePath.Should().Be("conn.properties");
        ex.Line.Should().Be(line);
    }

    [Test]
    public void Load_Utf8FileWithBom_ReadsTextWithoutBom()
    {
        string path = _dir.WriteBytes("w.properties", [.. Encoding.UTF8.Preamble, .. Encoding.UTF8.GetBytes("name=café\n")]);

        JavaProperties.Load(path).Should().Equal(new Dictionary<string, string> { ["name"] = "café" });
    }

    [Test]
    public void Load_Latin1File_FallsBackToLatin1()
    {
        string path = _dir.WriteBytes("w.properties", Encoding.Latin1.GetBytes("name=café"));

        JavaProperties.Load(path)["name"].Should().Be("café");
    }

    [Test]
    public void Load_MissingFile_ThrowsFileNotFound()
    {
        string path = Path.Combine(_dir.Path, "missing.properties");

        Action act = () => JavaProperties.Load(path);

        act.Should().Throw<ConfigFileException>().WithMessage($"{path}: file not found")
            .Which.FilePath.Should().Be(path);
    }

    [Test]
    public void Load_Directory_ThrowsNamingPath()
    {
        Action act = () => JavaProperties.Load(_dir.Path);

        act.Should().Throw<ConfigFileException>().WithMessage($"{_dir.Path}: is a directory, not a file");
    }
}
