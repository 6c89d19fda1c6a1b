using System.Text;
using StandaloneConnect.Sdk.Config;
using StandaloneConnect.Sdk.Data;

namespace StandaloneConnect.Converters.Tests;

public sealed partial class StringConverterTests
{
    private const string Topic = "topic";

    private static readonly Schema PersonSchema = SchemaBuilder.Struct().Field("id", Schema.Int32).Field("name", Schema.OptionalString)
        .Field("tags", SchemaBuilder.Array(Schema.String).Optional().Build()).Build();

    private static StringConverter Converter(string? encoding = null, bool isKey = false)
    {
        var converter = new StringConverter();
        var configs = new Dictionary<string, string>();
        if (encoding is not null)
        {
            configs["converter.encoding"] = encoding;
        }

        converter.Configure(configs, isKey);
        return converter;
    }

    private static IEnumerable<TestCaseData> RenderCases()
    {
        yield return new TestCaseData("hello", "hello").SetName("FromConnectData_String_AsIs");
        yield return new TestCaseData(42, "42").SetName("FromConnectData_Int32_Invariant");
        yield return new TestCaseData(-5000000000L, "-5000000000").SetName("FromConnectData_Int64_Invariant");
        yield return new TestCaseData((sbyte)-1, "-1").SetName("FromConnectData_Int8_Invariant");
        yield return new TestCaseData(true, "true").SetName("FromConnectData_True_Lowercase");
        yield return new TestCaseData(false, "false").SetName("FromConnectData_False_Lowercase");
        yield return new TestCaseData(1.0, "1.0").SetName("FromConnectData_WholeDouble_JavaForm");
        yield return new TestCaseData(1e7, "1.0E7").SetName("FromConnectData_LargeDouble_JavaForm");
        yield return new TestCaseData(2.5f, "2.5").SetName("FromConnectData_Float_JavaForm");
        yield return new TestCaseData(12.340m, "12.340").SetName("FromConnectData_Decimal_KeepsScale");
        yield return new TestCaseData(new List<object?> { 1, "a", null }, "[1, a, null]").SetName("FromConnectData_List_JavaListToString");
        yield return new TestCaseData(new Dictionary<string, object?> { ["k"] = 1.5, ["n"] = null }, "{k=1.5, n=null}")
            .SetName("FromConnectData_Map_JavaMapToString");
        yield return new TestCaseData(new Struct(PersonSchema).Put("id", 1).Put("tags", new List<object?> { "x", "y" }), "Struct{id=1,tags=[x, y]}")
            .SetName("FromConnectData_Struct_KafkaStructToString");
        yield return new TestCaseData(new DateTime(2024, 1, 15, 10, 30, 0, DateTimeKind.Utc), "Mon Jan 15 10:30:00 UTC 2024")
            .SetName("FromConnectData_DateTime_JavaDateToStringInUtc");
    }

    [TestCaseSource(nameof(RenderCases))]
    public void FromConnectData(object value, string expected) =>
        Converter().FromConnectData(Topic, null, null, value).Should().Equal(Encoding.UTF8.GetBytes(expected));

    [Test]
    public void FromConnectData_Null_Null() => Converter().FromConnectData(Topic, null, Schema.OptionalString, null).Should().BeNull();

    [Test]
    public void FromConnectData_SchemaIgnored_ToStringOfValue() =>
        Converter().FromConnectData(Topic, null, Schema.Int32, 7).Should().Equal("7"u8.ToArray());

    [TestCase(null, "é😀", new byte[] { 0xC3, 0xA9, 0xF0, 0x9F, 0x98, 0x80 }, TestName = "FromConnectData_DefaultEncoding_Utf8")]
    [TestCase("UTF8", "é", new byte[] { 0xC3, 0xA9 }, TestName = "FromConnectData_Utf8Alias_Utf8")]
    [TestCase("ISO-8859-1", "é", new byte[] { 0xE9 }, TestName = "FromConnectData_Latin1_SingleByte")]
    [TestCase("US-ASCII", "é", new byte[] { (byte)'?' }, TestName = "FromConnectData_AsciiUnmappable_QuestionMark")]
    [TestCase("UTF-16", "A", new byte[] { 0xFE, 0xFF, 0x00, 0x41 }, TestName = "FromConnectData_Utf16_BigEndianWithBom")]
    [TestCase("UTF-16LE", "A", new byte[] { 0x41, 0x00 }, TestName = "FromConnectData_Utf16LE_NoBom")]
    public void FromConnectData_Encoding(string? encoding, string value, byte[] expected) =>
        Converter(encoding).FromConnectData(Topic, null, Schema.String, value).Should().Equal(expected);

    [TestCase(null, "hello wörld 😀")]
    [TestCase("ISO-8859-1", "hello wörld")]
    [TestCase("UTF-16", "hello wörld 😀")]
    [TestCase("UTF-16BE", "hello wörld 😀")]
    public void RoundTrip_Encoding_SameString(string? encoding, string value)
    {
        var converter = Converter(encoding);

        var result = converter.ToConnectData(Topic, null, converter.FromConnectData(Topic, null, Schema.String, value));

        result.Should().Be(new SchemaAndValue(Schema.OptionalString, value));
    }

    [Test]
    public void ToConnectData_Null_OptionalStringSchemaWithNullValue() =>
        Converter().ToConnectData(Topic, null, null).Should().Be(new SchemaAndValue(Schema.OptionalString, null));

    [Test]
    public void ToConnectData_InvalidUtf8_ReplacementCharacter() =>
        Converter().ToConnectData(Topic, null, [0x61, 0xFF, 0x62]).Value.Should().Be("a\uFFFDb");

    [Test]
    public void HeaderMethods_RoundTrip_SameAsData()
    {
        var converter = new StringConverter();
        converter.Configure(new Dictionary<string, string> { ["converter.type"] = "header" });

        var bytes = converter.FromConnectHeader(Topic, "h", null, 12);

        bytes.Should().Equal("12"u8.ToArray());
        converter.ToConnectHeader(Topic, "h", bytes).Should().Be(new SchemaAndValue(Schema.OptionalString, "12"));
    }

    [Test]
    public void Config_Keys_KafkaNamesAndDefaults()
    {
        var config = new StringConverter().Config;

        config.Keys.Select(k => k.Name).Should().Equal("converter.type", "converter.encoding");
        config["converter.encoding"]!.DefaultValue.Should().Be("UTF-8");
        config["converter.encoding"]!.Importance.Should().Be(Importance.High);
    }
}
