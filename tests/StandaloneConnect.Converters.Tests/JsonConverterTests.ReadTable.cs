using System.Text;
using StandaloneConnect.Sdk;
using StandaloneConnect.Sdk.Data;

namespace StandaloneConnect.Converters.Tests;

/// <summary>
/// One row per JSON input: the schema and value Kafka's <c>asConnectSchema</c> / <c>convertToConnect</c> produce
/// (Jackson's lenient accessors included), schemaless inference, and Kafka's exact error texts.
/// </summary>
public sealed partial class JsonConverterTests
{
    private const string DecimalSchemaJson =
        "{\"type\":\"bytes\",\"optional\":false,\"name\":\"org.apache.kafka.connect.data.Decimal\",\"version\":1,\"parameters\":{\"scale\":\"2\"}}";

    private static IEnumerable<TestCaseData> ReadWithSchemaCases()
    {
        // (schema JSON, payload JSON, expected schema, expected value)
        yield return Row("{\"type\":\"int8\",\"optional\":false}", "-128", Schema.Int8, (sbyte)-128).SetName("Read_Int8_SByte");
        yield return Row("{\"type\":\"int16\",\"optional\":true}", "null", Schema.OptionalInt16, null).SetName("Read_OptionalInt16Null_Null");
        yield return Row("{\"type\":\"int32\"}", "7", Schema.Int32, 7).SetName("Read_OptionalAttributeMissing_Required");
        yield return Row("{\"type\":\"int64\",\"optional\":false}", "9223372036854775807", Schema.Int64, long.MaxValue).SetName("Read_Int64Max_Long");
        yield return Row("{\"type\":\"int64\",\"optional\":false}", "9223372036854775808", Schema.Int64, long.MinValue)
            .SetName("Read_Int64Overflow_LowBitsLikeJackson");
        yield return Row("{\"type\":\"float\",\"optional\":false}", "0.1", Schema.Float32, 0.1f).SetName("Read_Float32_Single");
        yield return Row("{\"type\":\"float\",\"optional\":false}", "3", Schema.Float32, 3f).SetName("Read_Float32FromInteger_Single");
        yield return Row("{\"type\":\"double\",\"optional\":false}", "1e308", Schema.Float64, 1e308).SetName("Read_Float64Exponent_Double");
        yield return Row("{\"type\":\"double\",\"optional\":false}", "\"NaN\"", Schema.Float64, 0d).SetName("Read_Float64QuotedNaN_ZeroLikeJackson");
        yield return Row("{\"type\":\"boolean\",\"optional\":false}", "1", Schema.Boolean, false).SetName("Read_BooleanFromNumber_FalseLikeJackson");
        yield return Row("{\"type\":\"string\",\"optional\":false}", "\"\\u00e9\\ud83d\\ude00\"", Schema.String, "é😀").SetName("Read_StringEscapes_Unescaped");
        yield return Row("{\"type\":\"string\",\"optional\":true}", "12", Schema.OptionalString, null).SetName("Read_StringFromNumber_NullLikeJackson");
        yield return Row("{\"type\":\"bytes\",\"optional\":false}", "\"AQID\"", Schema.Bytes, new byte[] { 1, 2, 3 }).SetName("Read_Bytes_Base64Decoded");
        yield return Row(DecimalSchemaJson, "\"AJY=\"", ConnectDecimal.Schema(2), 1.50m).SetName("Read_DecimalBase64_SchemaScale");
        yield return Row(DecimalSchemaJson, "1.5", ConnectDecimal.Schema(2), 1.5m).SetName("Read_DecimalNumber_ValueScaleNotSchemaScale");
        yield return Row(DecimalSchemaJson, "1E-8", ConnectDecimal.Schema(2), 0.00000001m).SetName("Read_DecimalScientific_Exact");
        yield return Row("{\"type\":\"int32\",\"optional\":false,\"name\":\"org.apache.kafka.connect.data.Date\",\"version\":1}", "-165",
            ConnectDate.Schema, Utc(1969, 7, 20)).SetName("Read_DateNegativeDays_Date");
        yield return Row("{\"type\":\"int32\",\"optional\":false,\"name\":\"org.apache.kafka.connect.data.Time\",\"version\":1}", "3600000",
            ConnectTime.Schema, DateTime.UnixEpoch.AddHours(1)).SetName("Read_Time_MillisSinceMidnight");
        yield return Row("{\"type\":\"int64\",\"optional\":false,\"name\":\"org.apache.kafka.connect.data.Timestamp\",\"version\":1}", "-1",
            ConnectTimestamp.Schema, Utc(1969, 12, 31, 23, 59, 59, 999)).SetName("Read_TimestampBeforeEpoch_Date");
        yield return Row("{\"type\":\"int32\",\"optional\":true,\"name\":\"org.apache.kafka.connect.data.Date\",\"version\":1,\"default\":10}", "null",
            ConnectDate.Builder().Optional().Default(Utc(1970, 1, 11)).Build(), Utc(1970, 1, 11)).SetName("Read_NullDateWithDefault_DefaultDate");
        yield return Row("{\"type\":\"array\",\"items\":{\"type\":\"int32\",\"optional\":true},\"optional\":false}", "[1,null]",
            SchemaBuilder.Array(Schema.OptionalInt32).Build(), new List<object?> { 1, null }).SetName("Read_ArrayWithNull_List");
        yield return Row("{\"type\":\"map\",\"keys\":{\"type\":\"int64\",\"optional\":false},\"values\":{\"type\":\"string\",\"optional\":false},\"optional\":false}",
            "[[1,\"a\"],[-2,\"b\"]]", SchemaBuilder.Map(Schema.Int64, Schema.String).Build(), new Dictionary<object, object?> { [1L] = "a", [-2L] = "b" })
            .SetName("Read_MapWithLongKeys_FromPairs");
        yield return Row("{\"type\":\"map\",\"keys\":{\"type\":\"string\",\"optional\":false},\"values\":{\"type\":\"boolean\",\"optional\":false},\"optional\":false}",
            "{\"x\":true}", SchemaBuilder.Map(Schema.String, Schema.Boolean).Build(), new Dictionary<object, object?> { ["x"] = true })
            .SetName("Read_MapWithStringKeys_FromObject");
    }

    private static TestCaseData Row(string schemaJson, string payload, Schema schema, object? value) => new(schemaJson, payload, schema, value);

    [TestCaseSource(nameof(ReadWithSchemaCases))]
    public void ToConnectData_WithSchemaTable(string schemaJson, string payload, Schema schema, object? value)
    {
        var result = Read(Converter(), Envelope(schemaJson, payload));

        result.Schema.Should().Be(schema);
        ValueEquality.Equal(result.Value, value).Should().BeTrue("{0} should read as {1}, was {2}", payload, value, result.Value);
        if (value is not null)
        {
            result.Value.Should().BeOfType(value.GetType());
        }

        if (value is decimal expectedDecimal)
        {
            ((decimal)result.Value!).Scale.Should().Be(expectedDecimal.Scale, "decimal equality ignores the scale Kafka keeps");
        }
    }

    [Test]
    public void ToConnectData_StructWithDefaultsAndMissingFields_DefaultsOrNulls()
    {
        var json = Envelope("{\"type\":\"struct\",\"fields\":["
            + "{\"type\":\"int32\",\"optional\":true,\"default\":5,\"field\":\"opt\"},"
            + "{\"type\":\"string\",\"optional\":false,\"default\":\"dflt\",\"field\":\"req\"},"
            + "{\"type\":\"string\",\"optional\":true,\"field\":\"plain\"}],\"optional\":false}", "{\"plain\":\"p\"}");

        var replaced = (Struct)Read(Converter(), json).Value!;
        var kept = (Struct)Read(Converter(replaceNullWithDefault: false), Envelope(
            "{\"type\":\"struct\",\"fields\":[{\"type\":\"int32\",\"optional\":true,\"default\":5,\"field\":\"opt\"}],\"optional\":false}", "{}")).Value!;

        replaced.GetWithoutDefault("opt").Should().Be(5);
        replaced.GetWithoutDefault("req").Should().Be("dflt");
        replaced.GetWithoutDefault("plain").Should().Be("p");
        kept.GetWithoutDefault("opt").Should().BeNull();
    }

    private static IEnumerable<TestCaseData> SchemalessInferenceCases()
    {
        // schemas.enable=false, or "schema": null: integral → INT64 (long), other numbers → FLOAT64, object → MAP, array → ARRAY
        yield return new TestCaseData("12", 12L).SetName("Schemaless_Integer_Long");
        yield return new TestCaseData("-0", 0L).SetName("Schemaless_MinusZeroInteger_Long");
        yield return new TestCaseData("12.0", 12.0).SetName("Schemaless_IntegralFraction_Double");
        yield return new TestCaseData("1E3", 1000.0).SetName("Schemaless_Exponent_Double");
        yield return new TestCaseData("18446744073709551617", 1L).SetName("Schemaless_BeyondLong_LowBitsLikeJackson");
        yield return new TestCaseData("\"\"", "").SetName("Schemaless_EmptyString_String");
        yield return new TestCaseData("false", false).SetName("Schemaless_False_Boolean");
        yield return new TestCaseData("[1,\"a\",null,1.5,[]]", new List<object?> { 1L, "a", null, 1.5, new List<object?>() }).SetName("Schemaless_MixedArray_List");
        yield return new TestCaseData("{\"a\":{\"b\":[true]},\"n\":null}",
            new Dictionary<object, object?> { ["a"] = new Dictionary<object, object?> { ["b"] = new List<object?> { true } }, ["n"] = null })
            .SetName("Schemaless_NestedObject_NestedMaps");
        yield return new TestCaseData("[[1,\"a\"]]", new List<object?> { new List<object?> { 1L, "a" } }).SetName("Schemaless_PairArray_StaysList");
    }

    [TestCaseSource(nameof(SchemalessInferenceCases))]
    public void ToConnectData_SchemalessTable(string json, object expected)
    {
        foreach (var (converter, input) in new[] { (Converter(schemas: false), json), (Converter(), Envelope("null", json)) })
        {
            var result = Read(converter, input);

            result.Schema.Should().BeNull();
            result.Value.Should().BeOfType(expected.GetType());
            ValueEquality.Equal(result.Value, expected).Should().BeTrue("{0} should infer {1}, was {2}", input, expected, result.Value);
        }
    }

    private static IEnumerable<TestCaseData> ReadErrorCases()
    {
        yield return new TestCaseData("{\"type\":\"int32\",\"optional\":false}", "null", "Invalid null value for required INT32 field")
            .SetName("ReadError_RequiredNull_KafkaMessage");
        yield return new TestCaseData("{\"type\":\"int64\",\"optional\":false,\"name\":\"org.apache.kafka.connect.data.Timestamp\",\"version\":1}", "1.5",
            "Invalid type for Timestamp, underlying representation should be integral but was NUMBER").SetName("ReadError_TimestampFraction_KafkaMessage");
        yield return new TestCaseData("{\"type\":\"int32\",\"optional\":false,\"name\":\"org.apache.kafka.connect.data.Time\",\"version\":1}", "3000000000",
            "Invalid type for Time, underlying representation should be integer but was NUMBER").SetName("ReadError_TimeBeyondInt_KafkaMessage");
        yield return new TestCaseData("{\"type\":\"int32\",\"optional\":false,\"name\":\"org.apache.kafka.connect.data.Time\",\"version\":1}", "86400001",
            "Time values must use number of milliseconds greater than 0 and less than 86400000").SetName("ReadError_TimeBeyondOneDay_KafkaMessage");
        yield return new TestCaseData(DecimalSchemaJson, "true", "Invalid type for Decimal, underlying representation should be numeric or bytes but was BOOLEAN")
            .SetName("ReadError_DecimalBoolean_KafkaMessage");
        yield return new TestCaseData(DecimalSchemaJson, "\"not base64!\"", "Invalid bytes for Decimal field").SetName("ReadError_DecimalBadBase64_KafkaMessage");
        yield return new TestCaseData("{\"type\":\"bytes\",\"optional\":false}", "\"not base64!\"", "Invalid bytes field").SetName("ReadError_BadBase64_KafkaMessage");
        yield return new TestCaseData("{\"type\":\"map\",\"keys\":{\"type\":\"int32\"},\"values\":{\"type\":\"int32\"}}", "{\"1\":2}",
            "Maps with non-string fields should be encoded as JSON array of tuples, but found OBJECT").SetName("ReadError_IntKeyMapAsObject_KafkaMessage");
        yield return new TestCaseData("{\"type\":\"map\",\"keys\":{\"type\":\"int32\"},\"values\":{\"type\":\"int32\"}}", "[[1,2,3]]",
            "Found invalid map entry, expected length 2 but found :3").SetName("ReadError_MapEntryOfThree_KafkaMessage");
        yield return new TestCaseData("{\"type\":\"map\",\"keys\":{\"type\":\"int32\"},\"values\":{\"type\":\"int32\"}}", "[1]",
            "Found invalid map entry instead of array tuple: NUMBER").SetName("ReadError_MapEntryNotArray_KafkaMessage");
        yield return new TestCaseData("{\"type\":\"struct\",\"fields\":[]}", "[]", "Structs should be encoded as JSON objects, but found ARRAY")
            .SetName("ReadError_StructAsArray_KafkaMessage");
        yield return new TestCaseData("{\"type\":\"struct\",\"fields\":[{\"type\":\"string\",\"field\":\"s\"}]}", "{\"s\":12}",
            "Invalid value: null used for required field: \"s\", schema type: STRING").SetName("ReadError_RequiredStringFieldFromNumber_StructPutMessage");
        yield return new TestCaseData("{\"type\":\"map\",\"values\":{\"type\":\"int32\"}}", "{}", "Map schema did not specify the key type")
            .SetName("ReadError_MapWithoutKeys_KafkaMessage");
    }

    [TestCaseSource(nameof(ReadErrorCases))]
    public void ToConnectData_ErrorTable(string schemaJson, string payload, string message)
    {
        var act = () => Read(Converter(), Envelope(schemaJson, payload));

        act.Should().Throw<DataException>().Which.Message.Should().Be(message);
    }

    [TestCase("{\"schema\":null,\"payload\":null,\"x\":1}", TestName = "EnvelopeError_ThirdField_KafkaMessage")]
    [TestCase("{\"payload\":1}", TestName = "EnvelopeError_OnlyPayload_KafkaMessage")]
    [TestCase("{\"schema\":{\"type\":\"int32\"},\"value\":1}", TestName = "EnvelopeError_MisnamedPayload_KafkaMessage")]
    [TestCase("42", TestName = "EnvelopeError_PlainNumber_KafkaMessage")]
    [TestCase("null", TestName = "EnvelopeError_JsonNull_KafkaMessage")]
    public void ToConnectData_EnvelopeErrorTable(string json)
    {
        var act = () => Read(Converter(), json);

        act.Should().Throw<DataException>().Which.Message.Should().Be("JsonConverter with schemas.enable requires \"schema\" and \"payload\" fields"
            + " and may not contain additional fields. If you are trying to deserialize plain JSON data, set schemas.enable=false in your"
            + " converter configuration.");
    }

    [TestCase("key", true)]
    [TestCase("value", false)]
    [TestCase("header", false)]
    public void HeaderAndKeyRoles_SameBytesEveryRole(string type, bool isKey)
    {
        var converter = new JsonConverter();
        var settings = new Dictionary<string, string> { ["schemas.enable"] = "false", ["decimal.format"] = "NUMERIC" };
        if (type == "header")
        {
            converter.Configure(new Dictionary<string, string>(settings) { ["converter.type"] = type });
        }
        else
        {
            converter.Configure(settings, isKey);
        }

        var bytes = converter.FromConnectHeader(Topic, "h", ConnectDecimal.Schema(2), 1.25m);

        Encoding.UTF8.GetString(bytes!).Should().Be("1.25");
        converter.ToConnectHeader(Topic, "h", bytes).Should().Be(new SchemaAndValue(null, 1.25));
        converter.ToConnectHeader(Topic, "h", null).Should().Be(SchemaAndValue.Null);
    }
}
