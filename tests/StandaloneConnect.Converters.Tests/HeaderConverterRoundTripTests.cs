using System.Text;
using StandaloneConnect.Sdk.Data;
using StandaloneConnect.Sdk.Storage;

namespace StandaloneConnect.Converters.Tests;

/// <summary>
/// Every built-in header converter, configured as the runtime configures a <c>header.converter</c>
/// (<c>converter.type=header</c>): the exact header bytes, and what reading them back gives.
/// </summary>
public sealed class HeaderConverterRoundTripTests
{
    private const string Topic = "topic";

    private static IHeaderConverter Create(string name)
    {
        IHeaderConverter converter = name switch
        {
            "Json" => new JsonConverter(),
            "String" => new StringConverter(),
            "ByteArray" => new ByteArrayConverter(),
            "Boolean" => new BooleanConverter(),
            "Double" => new DoubleConverter(),
            "Float" => new FloatConverter(),
            "Integer" => new IntegerConverter(),
            "Long" => new LongConverter(),
            "Short" => new ShortConverter(),
            _ => new SimpleHeaderConverter(),
        };
        converter.Configure(new Dictionary<string, string> { [ConverterType.ConfigKey] = ConverterType.Header });
        return converter;
    }

    private static IEnumerable<TestCaseData> Cases()
    {
        // (converter, schema, value, exact bytes as hex, schema read back, value read back)
        yield return Case("Json", Schema.Int32, 5, Hex("{\"schema\":{\"type\":\"int32\",\"optional\":false},\"payload\":5}"), Schema.Int32, 5)
            .SetName("Header_Json_Int32Envelope");
        yield return Case("Json", ConnectTimestamp.Schema, new DateTime(2024, 1, 15, 0, 0, 0, DateTimeKind.Utc),
                Hex("{\"schema\":{\"type\":\"int64\",\"optional\":false,\"name\":\"org.apache.kafka.connect.data.Timestamp\",\"version\":1},\"payload\":1705276800000}"),
                ConnectTimestamp.Schema, new DateTime(2024, 1, 15, 0, 0, 0, DateTimeKind.Utc))
            .SetName("Header_Json_TimestampEnvelope");
        yield return Case("String", Schema.Int64, 42L, Hex("42"), Schema.OptionalString, "42").SetName("Header_String_NumberAsText");
        yield return Case("String", Schema.String, "é", "C3A9", Schema.OptionalString, "é").SetName("Header_String_Utf8");
        yield return Case("ByteArray", Schema.Bytes, new byte[] { 0, 0xFF }, "00FF", Schema.OptionalBytes, new byte[] { 0, 0xFF })
            .SetName("Header_ByteArray_AsIs");
        yield return Case("Boolean", Schema.Boolean, true, "01", Schema.OptionalBoolean, true).SetName("Header_Boolean_OneByte");
        yield return Case("Double", Schema.Float64, -1.5, "BFF8000000000000", Schema.OptionalFloat64, -1.5).SetName("Header_Double_EightBytes");
        yield return Case("Float", Schema.Float32, 1f, "3F800000", Schema.OptionalFloat32, 1f).SetName("Header_Float_FourBytes");
        yield return Case("Integer", Schema.Int32, -2, "FFFFFFFE", Schema.OptionalInt32, -2).SetName("Header_Integer_FourBytes");
        yield return Case("Long", Schema.Int64, 256L, "0000000000000100", Schema.OptionalInt64, 256L).SetName("Header_Long_EightBytes");
        yield return Case("Short", Schema.Int16, (short)-1, "FFFF", Schema.OptionalInt16, (short)-1).SetName("Header_Short_TwoBytes");
        yield return Case("Simple", Schema.Int64, 300L, Hex("300"), Schema.Int16, (short)300).SetName("Header_Simple_NumberNarrowed");
        yield return Case("Simple", Schema.Bytes, new byte[] { 1, 2, 3 }, Hex("AQID"), Schema.String, "AQID").SetName("Header_Simple_BytesAsBase64Text");
    }

    private static TestCaseData Case(string converter, Schema schema, object value, string hex, Schema readSchema, object readValue) =>
        new(converter, schema, value, hex, readSchema, readValue);

    private static string Hex(string text) => Convert.ToHexString(Encoding.UTF8.GetBytes(text));

    [TestCaseSource(nameof(Cases))]
    public void RoundTrip(string name, Schema schema, object value, string hex, Schema readSchema, object readValue)
    {
        var converter = Create(name);

        var bytes = converter.FromConnectHeader(Topic, "h", schema, value);
        var result = converter.ToConnectHeader(Topic, "h", bytes);

        Convert.ToHexString(bytes!).Should().Be(hex);
        result.Schema.Should().Be(readSchema);
        ValueEquality.Equal(result.Value, readValue).Should().BeTrue("{0} should read back as {1}, was {2}", hex, readValue, result.Value);
        result.Value.Should().BeOfType(readValue.GetType());
    }

    [TestCase("Json")]
    [TestCase("String")]
    [TestCase("ByteArray")]
    [TestCase("Boolean")]
    [TestCase("Double")]
    [TestCase("Float")]
    [TestCase("Integer")]
    [TestCase("Long")]
    [TestCase("Short")]
    [TestCase("Simple")]
    public void NullHeader_StaysNull(string name)
    {
        var converter = Create(name);

        converter.FromConnectHeader(Topic, "h", null, null).Should().BeNull();
        converter.ToConnectHeader(Topic, "h", null).Value.Should().BeNull();
    }
}
