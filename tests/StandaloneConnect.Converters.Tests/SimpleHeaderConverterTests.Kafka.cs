using System.Text;
using StandaloneConnect.Sdk.Data;

namespace StandaloneConnect.Converters.Tests;

/// <summary>
/// The cases of Kafka's own <c>SimpleHeaderConverterTest</c> / <c>ValuesTest</c>: the exact text written for a value
/// and the schema and value <c>Values.parseString</c> infers when it is read back.
/// </summary>
public sealed partial class SimpleHeaderConverterTests
{
    private static readonly Schema StringMapSchema = SchemaBuilder.Map(Schema.String, Schema.String).Build();
    private static readonly Schema ShortMapSchema = SchemaBuilder.Map(Schema.String, Schema.Int16).Build();
    private static readonly Schema IntMapSchema = SchemaBuilder.Map(Schema.String, Schema.Int32).Build();

    private static IEnumerable<TestCaseData> KafkaRoundTripCases()
    {
        // (schema written, value written, exact header text, schema read back, value read back)
        yield return new TestCaseData(Schema.String, "simple", "simple", Schema.String, "simple").SetName("RoundTrip_SimpleString_String");
        yield return new TestCaseData(Schema.String, "three\"blind\\\"mice", "three\"blind\\\"mice", Schema.String, "three\"blind\\\"mice")
            .SetName("RoundTrip_StringWithQuotesAndBackslashes_String");
        yield return new TestCaseData(Schema.String, "string with delimiters: <>?,./\\=+-!@#$%^&*(){}[]|;':",
                "string with delimiters: <>?,./\\=+-!@#$%^&*(){}[]|;':", Schema.String, "string with delimiters: <>?,./\\=+-!@#$%^&*(){}[]|;':")
            .SetName("RoundTrip_StringWithDelimiters_String");
        yield return new TestCaseData(Schema.Boolean, true, "true", Schema.Boolean, true).SetName("RoundTrip_True_Boolean");
        yield return new TestCaseData(Schema.Boolean, false, "false", Schema.Boolean, false).SetName("RoundTrip_False_Boolean");
        yield return new TestCaseData(Schema.Int64, 5L, "5", Schema.Int8, (sbyte)5).SetName("RoundTrip_SmallInt64_NarrowedToInt8");
        yield return new TestCaseData(Schema.Int64, -4321L, "-4321", Schema.Int16, (short)-4321).SetName("RoundTrip_Int64_NarrowedToInt16");
        yield return new TestCaseData(Schema.Int64, 3_000_000_000L, "3000000000", Schema.Int64, 3_000_000_000L).SetName("RoundTrip_LargeInt64_Int64");
        yield return new TestCaseData(Schema.Float64, 2.5, "2.5", Schema.Float32, 2.5f).SetName("RoundTrip_ExactDouble_Float32");
        yield return new TestCaseData(ConnectDecimal.Schema(2), 1.50m, "1.50", Schema.Float32, 1.5f).SetName("RoundTrip_Decimal_KeepsScaleThenFloat32");
        yield return new TestCaseData(StringMapSchema, StringMap(), "{\"foo\":\"123\",\"bar\":\"baz\"}", StringMapSchema, StringMap())
            .SetName("RoundTrip_MapOfStrings_QuotedNumberStaysString");
        yield return new TestCaseData(ShortMapSchema, ShortMap(), "{\"foo\":12345,\"bar\":0,\"baz\":-4321}", ShortMapSchema, ShortMap())
            .SetName("RoundTrip_MapOfShorts_WidenedToInt16");
        yield return new TestCaseData(IntMapSchema, IntMap(), "{\"foo\":1234567890,\"bar\":0,\"baz\":-987654321}", IntMapSchema, IntMap())
            .SetName("RoundTrip_MapOfInts_WidenedToInt32");
        yield return new TestCaseData(SchemaBuilder.Array(Schema.String).Build(), new List<object?> { "foo", "bar" }, "[\"foo\",\"bar\"]",
            SchemaBuilder.Array(Schema.String).Build(), new List<object?> { "foo", "bar" }).SetName("RoundTrip_ListOfStrings_ArrayOfString");
        yield return new TestCaseData(SchemaBuilder.Array(Schema.Int32).Build(), new List<object?> { 1234567890, -987654321 },
            "[1234567890,-987654321]", SchemaBuilder.Array(Schema.Int32).Build(), new List<object?> { 1234567890, -987654321 })
            .SetName("RoundTrip_ListOfInts_ArrayOfInt32");
        yield return new TestCaseData(ConnectTimestamp.Schema, new DateTime(2024, 1, 15, 10, 30, 0, 123, DateTimeKind.Utc),
                "2024-01-15T10:30:00.123Z", ConnectTimestamp.Schema, new DateTime(2024, 1, 15, 10, 30, 0, 123, DateTimeKind.Utc))
            .SetName("RoundTrip_Timestamp_IsoTimestamp");
        yield return new TestCaseData(ConnectTimestamp.Schema, new DateTime(2024, 1, 15, 0, 0, 0, DateTimeKind.Utc), "2024-01-15",
                ConnectDate.Schema, new DateTime(2024, 1, 15, 0, 0, 0, DateTimeKind.Utc))
            .SetName("RoundTrip_TimestampAtMidnight_RenderedAndReadAsDate");
        yield return new TestCaseData(ConnectTime.Schema, DateTime.UnixEpoch.AddMilliseconds(45_296_789), "12:34:56.789Z",
                ConnectTime.Schema, DateTime.UnixEpoch.AddMilliseconds(45_296_789))
            .SetName("RoundTrip_Time_IsoTime");
    }

    [TestCaseSource(nameof(KafkaRoundTripCases))]
    public void RoundTrip_KafkaCases(Schema schema, object value, string text, Schema readSchema, object readValue)
    {
        var bytes = Converter.FromConnectHeader(Topic, "h", schema, value);
        bytes.Should().Equal(Encoding.UTF8.GetBytes(text));

        var result = Converter.ToConnectHeader(Topic, "h", bytes);

        result.Schema.Should().Be(readSchema);
        ValueEquality.Equal(result.Value, readValue).Should().BeTrue($"{text} should read back as {readValue}, was {result.Value}");
    }

    private static IEnumerable<TestCaseData> KafkaParseCases()
    {
        yield return new TestCaseData("{ \"foo\" : \"123\", \n\"bar\" : \"baz\" } ", StringMapSchema, StringMap())
            .SetName("ToConnectHeader_MapWithWhitespace_MapOfStrings");
        yield return new TestCaseData(" { \"foo\" :  12345 , \"bar\" : 0,  \"baz\" : -4321 }  ", ShortMapSchema, ShortMap())
            .SetName("ToConnectHeader_ShortMapWithWhitespace_MapOfInt16");
        yield return new TestCaseData(" { \"foo\" :  1234567890 , \"bar\" : 0,  \"baz\" : -987654321 }  ", IntMapSchema, IntMap())
            .SetName("ToConnectHeader_IntMapWithWhitespace_MapOfInt32");
        yield return new TestCaseData("[1, 2, 3]", SchemaBuilder.Array(Schema.Int8).Build(), new List<object?> { (sbyte)1, (sbyte)2, (sbyte)3 })
            .SetName("ToConnectHeader_SmallIntArray_ArrayOfInt8");
    }

    [TestCaseSource(nameof(KafkaParseCases))]
    public void ToConnectHeader_KafkaCases(string text, Schema schema, object value)
    {
        var result = Converter.ToConnectHeader(Topic, "h", Encoding.UTF8.GetBytes(text));

        result.Schema.Should().Be(schema);
        ValueEquality.Equal(result.Value, value).Should().BeTrue($"{text} should parse to {value}");
    }

    [Test]
    public void ToConnectHeader_MixedElementTypes_ListWithoutSchema()
    {
        var result = Converter.ToConnectHeader(Topic, "h", "[1, 2, 3, \"four\"]"u8.ToArray());

        result.Schema.Should().BeNull();
        ValueEquality.Equal(result.Value, new List<object?> { (sbyte)1, (sbyte)2, (sbyte)3, "four" }).Should().BeTrue();
    }

    [Test]
    public void ToConnectHeader_EmptyBytes_EmptyRequiredString() =>
        Converter.ToConnectHeader(Topic, "h", []).Should().Be(new SchemaAndValue(Schema.String, ""));

    [Test]
    public void FromConnectHeader_EmptyString_EmptyBytes() =>
        Converter.FromConnectHeader(Topic, "h", Schema.String, "").Should().BeEmpty();

    [Test]
    public void FromConnectHeader_StructWithDefault_DefaultRendered()
    {
        // Values.append reads struct fields with Struct.get, which substitutes the field's default.
        var schema = SchemaBuilder.Struct().Field("n", SchemaBuilder.Int32().Optional().Default(7).Build()).Field("s", Schema.OptionalString).Build();

        Converter.FromConnectHeader(Topic, "h", schema, new Struct(schema)).Should().Equal("{\"n\":7,\"s\":null}"u8.ToArray());
    }

    private static Dictionary<object, object?> StringMap() => new() { ["foo"] = "123", ["bar"] = "baz" };

    private static Dictionary<object, object?> ShortMap() => new() { ["foo"] = (short)12345, ["bar"] = (short)0, ["baz"] = (short)-4321 };

    private static Dictionary<object, object?> IntMap() => new() { ["foo"] = 1234567890, ["bar"] = 0, ["baz"] = -987654321 };
}
