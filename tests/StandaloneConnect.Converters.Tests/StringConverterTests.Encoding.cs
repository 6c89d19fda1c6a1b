using StandaloneConnect.Sdk.Config;
using StandaloneConnect.Sdk.Data;

namespace StandaloneConnect.Converters.Tests;

/// <summary>
/// Which character set applies, as Kafka decides it: <c>converter.encoding</c> for both directions unless
/// <c>StringSerializer</c>'s / <c>StringDeserializer</c>'s own role-specific key is present; names resolved the way
/// Java's <c>Charset.forName</c> resolves them.
/// </summary>
public sealed partial class StringConverterTests
{
    private static StringConverter Configured(Dictionary<string, string> configs, bool isKey)
    {
        var converter = new StringConverter();
        converter.Configure(configs, isKey);
        return converter;
    }

    private static IEnumerable<TestCaseData> EncodingKeyCases()
    {
        // (settings, isKey, written bytes of "é", bytes read back as "é")
        yield return new TestCaseData(new Dictionary<string, string> { ["converter.encoding"] = "ISO-8859-1" }, false,
            new byte[] { 0xE9 }, new byte[] { 0xE9 }).SetName("Encoding_ConverterEncoding_BothDirections");
        yield return new TestCaseData(new Dictionary<string, string> { ["value.serializer.encoding"] = "ISO-8859-1" }, false,
            new byte[] { 0xE9 }, new byte[] { 0xC3, 0xA9 }).SetName("Encoding_ValueSerializerKey_WriteOnly");
        yield return new TestCaseData(new Dictionary<string, string> { ["value.deserializer.encoding"] = "ISO-8859-1" }, false,
            new byte[] { 0xC3, 0xA9 }, new byte[] { 0xE9 }).SetName("Encoding_ValueDeserializerKey_ReadOnly");
        yield return new TestCaseData(new Dictionary<string, string>
            {
                ["converter.encoding"] = "UTF-16BE",
                ["key.serializer.encoding"] = "ISO-8859-1",
            }, true, new byte[] { 0xE9 }, new byte[] { 0x00, 0xE9 }).SetName("Encoding_KeySerializerKeyOnKeyConverter_WinsOverConverterEncoding");
        yield return new TestCaseData(new Dictionary<string, string>
            {
                ["converter.encoding"] = "UTF-16BE",
                ["key.serializer.encoding"] = "ISO-8859-1",
            }, false, new byte[] { 0x00, 0xE9 }, new byte[] { 0x00, 0xE9 }).SetName("Encoding_KeySerializerKeyOnValueConverter_Ignored");
        yield return new TestCaseData(new Dictionary<string, string> { ["serializer.encoding"] = "ISO-8859-1" }, false,
            new byte[] { 0xC3, 0xA9 }, new byte[] { 0xC3, 0xA9 }).SetName("Encoding_PlainSerializerKey_OverriddenByConverterEncoding");
        yield return new TestCaseData(new Dictionary<string, string> { ["encoding"] = "ISO-8859-1" }, false,
            new byte[] { 0xC3, 0xA9 }, new byte[] { 0xC3, 0xA9 }).SetName("Encoding_WorkerKeyConverterEncodingStripped_Ignored");
    }

    [TestCaseSource(nameof(EncodingKeyCases))]
    public void Encoding_ByKey(Dictionary<string, string> configs, bool isKey, byte[] written, byte[] readable)
    {
        var converter = Configured(configs, isKey);

        converter.FromConnectData(Topic, null, Schema.String, "é").Should().Equal(written);
        converter.ToConnectData(Topic, null, readable).Value.Should().Be("é");
    }

    [Test]
    public void Encoding_HeaderConverter_UsesValueKeys()
    {
        var converter = new StringConverter();
        converter.Configure(new Dictionary<string, string>
        {
            ["converter.type"] = "header",
            ["value.serializer.encoding"] = "ISO-8859-1",
            ["key.serializer.encoding"] = "UTF-16BE",
        });

        converter.FromConnectHeader(Topic, "h", null, "é").Should().Equal(0xE9);
    }

    [TestCase("utf-8", new byte[] { 0xC3, 0xA9 })]
    [TestCase("unicode-1-1-utf-8", new byte[] { 0xC3, 0xA9 })]
    [TestCase("latin1", new byte[] { 0xE9 })]
    [TestCase("ISO_8859_1", new byte[] { 0xE9 })]
    [TestCase("cp819", new byte[] { 0xE9 })]
    [TestCase("ascii", new byte[] { 0x3F })]
    [TestCase("us", new byte[] { 0x3F })]
    [TestCase("UnicodeBigUnmarked", new byte[] { 0x00, 0xE9 })]
    [TestCase("utf16", new byte[] { 0xFE, 0xFF, 0x00, 0xE9 })]
    [TestCase("UnicodeBig", new byte[] { 0xFE, 0xFF, 0x00, 0xE9 })]
    [TestCase("X-UTF-16LE", new byte[] { 0xE9, 0x00 })]
    [TestCase("UTF-32", new byte[] { 0x00, 0x00, 0x00, 0xE9 })]
    [TestCase("UTF_32LE", new byte[] { 0xE9, 0x00, 0x00, 0x00 })]
    public void Encoding_JavaAlias_Resolved(string name, byte[] expected) =>
        Converter(name).FromConnectData(Topic, null, Schema.String, "é").Should().Equal(expected);

    [TestCase("NO-SUCH-CHARSET", TestName = "Configure_UnknownCharset_KafkaMessage")]
    [TestCase("UTF_8", TestName = "Configure_UnderscoreUtf8NotAJavaAlias_KafkaMessage")]
    [TestCase("ucs-2", TestName = "Configure_DotnetOnlyAliasOfUtf16_KafkaMessage")]
    [TestCase("", TestName = "Configure_EmptyName_KafkaMessage")]
    public void Configure_UnsupportedEncoding_Throws(string name)
    {
        var act = () => Converter(name);

        act.Should().Throw<ConfigException>().WithMessage("Unsupported encoding " + name);
    }

    [Test]
    public void Configure_UnsupportedRoleEncoding_ReportsThatName()
    {
        var act = () => Configured(new Dictionary<string, string> { ["key.deserializer.encoding"] = "bogus" }, isKey: true);

        act.Should().Throw<ConfigException>().WithMessage("Unsupported encoding bogus");
    }
}
