using StandaloneConnect.Sdk;
using StandaloneConnect.Sdk.Data;

namespace StandaloneConnect.Converters.Tests;

/// <summary>
/// One row per input: the exact payload Kafka's <c>convertToJson</c> writes (Jackson, <c>BigDecimal.toString()</c>
/// for NUMERIC decimals), and the exact <c>DataException</c> text where Kafka refuses the input.
/// </summary>
public sealed partial class JsonConverterTests
{
    private static readonly Schema DefaultedFieldsSchema = SchemaBuilder.Struct()
        .Field("opt", SchemaBuilder.Int32().Optional().Default(5).Build())
        .Field("req", SchemaBuilder.String().Default("dflt").Build())
        .Field("plain", Schema.OptionalString)
        .Build();

    private static IEnumerable<TestCaseData> PayloadCases()
    {
        // (schema, value, decimal.format, replace.null.with.default, exact payload)
        yield return Payload(ConnectDecimal.Schema(2), 1.50m, "NUMERIC", true, "1.50").SetName("Payload_DecimalNumeric_ScaleKept");
        yield return Payload(ConnectDecimal.Schema(2), 0.00m, "NUMERIC", true, "0.00").SetName("Payload_DecimalNumericZero_ScaleKept");
        yield return Payload(ConnectDecimal.Schema(6), 0.000001m, "NUMERIC", true, "0.000001").SetName("Payload_DecimalNumericAdjustedMinus6_Plain");
        yield return Payload(ConnectDecimal.Schema(7), 0.0000001m, "NUMERIC", true, "1E-7").SetName("Payload_DecimalNumericAdjustedMinus7_Scientific");
        yield return Payload(ConnectDecimal.Schema(8), -0.00000012m, "NUMERIC", true, "-1.2E-7").SetName("Payload_DecimalNumericNegativeSmall_Scientific");
        yield return Payload(ConnectDecimal.Schema(8), 0.00000000m, "NUMERIC", true, "0E-8").SetName("Payload_DecimalNumericZeroScale8_JavaZeroForm");
        yield return Payload(ConnectDecimal.Schema(0), 12345678901234567890m, "NUMERIC", true, "12345678901234567890")
            .SetName("Payload_DecimalNumericBeyondLong_Plain");
        yield return Payload(ConnectDecimal.Schema(2), 1.5m, "NUMERIC", true, "1.5").SetName("Payload_DecimalNumericOtherScale_WrittenUnchecked");
        yield return Payload(ConnectDecimal.Schema(2), 1.50m, "BASE64", true, "\"AJY=\"").SetName("Payload_DecimalBase64_SignByteKept");
        yield return Payload(ConnectDecimal.Schema(0), -1m, "BASE64", true, "\"/w==\"").SetName("Payload_DecimalBase64MinusOne_OneByte");
        yield return Payload(ConnectDecimal.Schema(0), 0m, "BASE64", true, "\"AA==\"").SetName("Payload_DecimalBase64Zero_OneZeroByte");
        yield return Payload(ConnectDecimal.Schema(0), 128m, "BASE64", true, "\"AIA=\"").SetName("Payload_DecimalBase64_128_TwoBytes");
        yield return Payload(ConnectDate.Schema, Utc(1969, 7, 20), "BASE64", true, "-165").SetName("Payload_DateBeforeEpoch_NegativeDays");
        yield return Payload(ConnectDate.Schema, Utc(1970, 1, 1), "BASE64", true, "0").SetName("Payload_DateEpoch_Zero");
        yield return Payload(ConnectTime.Schema, DateTime.UnixEpoch.AddMilliseconds(86_399_999), "BASE64", true, "86399999")
            .SetName("Payload_TimeLastMillisecond_Millis");
        yield return Payload(ConnectTimestamp.Schema, Utc(1969, 12, 31, 23, 59, 59, 999), "BASE64", true, "-1")
            .SetName("Payload_TimestampBeforeEpoch_NegativeMillis");
        yield return Payload(SchemaBuilder.Array(Schema.OptionalInt32).Build(), new List<object?> { 1, null, -1 }, "BASE64", true, "[1,null,-1]")
            .SetName("Payload_ArrayWithNull_NullElement");
        yield return Payload(SchemaBuilder.Array(ConnectDate.Schema).Build(), new List<object?> { Utc(1970, 1, 2) }, "BASE64", true, "[1]")
            .SetName("Payload_ArrayOfDates_LogicalElements");
        yield return Payload(SchemaBuilder.Map(ConnectDate.Schema, Schema.String).Build(), new Dictionary<object, object?> { [Utc(2024, 1, 15)] = "x" },
            "BASE64", true, "[[19737,\"x\"]]").SetName("Payload_MapWithDateKeys_ArrayOfPairs");
        yield return Payload(SchemaBuilder.Map(Schema.Boolean, Schema.Int64).Build(), new Dictionary<object, object?> { [true] = 1L },
            "BASE64", true, "[[true,1]]").SetName("Payload_MapWithBooleanKeys_ArrayOfPairs");
        yield return Payload(SchemaBuilder.Map(SchemaBuilder.Array(Schema.Int8).Build(), Schema.Int8).Build(),
            new Dictionary<object, object?> { [new List<object?> { (sbyte)1, (sbyte)2 }] = (sbyte)3 }, "BASE64", true, "[[[1,2],3]]")
            .SetName("Payload_MapWithArrayKeys_NestedPairs");
        yield return Payload(SchemaBuilder.Map(Schema.OptionalString, Schema.OptionalString).Build(), new Dictionary<object, object?> { ["k"] = null },
            "BASE64", true, "{\"k\":null}").SetName("Payload_MapWithOptionalStringKeys_Object");
        yield return Payload(SchemaBuilder.Map(Schema.String, ConnectDecimal.Schema(1)).Build(), new Dictionary<object, object?> { ["p"] = 2.5m },
            "NUMERIC", true, "{\"p\":2.5}").SetName("Payload_MapOfDecimalsNumeric_NumberValues");
        yield return Payload(DefaultedFieldsSchema, new Struct(DefaultedFieldsSchema), "BASE64", true, "{\"opt\":5,\"req\":\"dflt\",\"plain\":null}")
            .SetName("Payload_StructNullFieldsWithDefaults_DefaultsWritten");
        yield return Payload(DefaultedFieldsSchema, new Struct(DefaultedFieldsSchema).Put("req", "r"), "BASE64", false, "{\"opt\":null,\"req\":\"r\",\"plain\":null}")
            .SetName("Payload_StructOptionalNullWithDefaultNoReplace_Null");
        yield return Payload(DefaultedFieldsSchema, new Struct(DefaultedFieldsSchema).Put("opt", 1).Put("req", "r").Put("plain", "p"), "BASE64", true,
            "{\"opt\":1,\"req\":\"r\",\"plain\":\"p\"}").SetName("Payload_StructFieldsSet_DefaultsIgnored");
        yield return Payload(SchemaBuilder.Int32().Optional().Default(9).Build(), null, "BASE64", false, "null")
            .SetName("Payload_TopLevelNullWithDefaultNoReplace_Null");
        yield return Payload(ConnectDecimal.Builder(2).Optional().Default(1.25m).Build(), null, "NUMERIC", true, "1.25")
            .SetName("Payload_NullDecimalWithDefault_DefaultInFormat");
    }

    private static TestCaseData Payload(Schema schema, object? value, string decimalFormat, bool replaceNull, string payload) =>
        new(schema, value, decimalFormat, replaceNull, payload);

    [TestCaseSource(nameof(PayloadCases))]
    public void FromConnectData_PayloadTable(Schema schema, object? value, string decimalFormat, bool replaceNull, string payload) =>
        Write(Converter(schemas: false, decimalFormat: decimalFormat, replaceNullWithDefault: replaceNull), schema, value).Should().Be(payload);

    private static IEnumerable<TestCaseData> SchemaJsonCases()
    {
        // (schema, value, exact envelope) with the default decimal.format
        yield return new TestCaseData(ConnectDate.Schema, Utc(1970, 1, 3),
                "{\"type\":\"int32\",\"optional\":false,\"name\":\"org.apache.kafka.connect.data.Date\",\"version\":1}", "2")
            .SetName("Envelope_Date_NameAndVersion");
        yield return new TestCaseData(ConnectTime.Builder().Optional().Build(), null,
                "{\"type\":\"int32\",\"optional\":true,\"name\":\"org.apache.kafka.connect.data.Time\",\"version\":1}", "null")
            .SetName("Envelope_OptionalTimeNull_PayloadNull");
        yield return new TestCaseData(ConnectDecimal.Builder(2).Default(1.25m).Build(), null,
                "{\"type\":\"bytes\",\"optional\":false,\"name\":\"org.apache.kafka.connect.data.Decimal\",\"version\":1,\"parameters\":{\"scale\":\"2\"},\"default\":\"fQ==\"}",
                "\"fQ==\"")
            .SetName("Envelope_DecimalWithDefault_DefaultInBase64");
        yield return new TestCaseData(ConnectDate.Builder().Default(Utc(1970, 1, 11)).Build(), Utc(1970, 1, 12),
                "{\"type\":\"int32\",\"optional\":false,\"name\":\"org.apache.kafka.connect.data.Date\",\"version\":1,\"default\":10}", "11")
            .SetName("Envelope_DateWithDefault_DefaultAsDays");
        yield return new TestCaseData(SchemaBuilder.Array(Schema.String).Default(new List<object?> { "a" }).Build(), new List<object?>(),
                "{\"type\":\"array\",\"items\":{\"type\":\"string\",\"optional\":false},\"optional\":false,\"default\":[\"a\"]}", "[]")
            .SetName("Envelope_ArrayWithDefault_DefaultArray");
        yield return new TestCaseData(SchemaBuilder.Map(Schema.Int32, Schema.String).Optional().Build(), new Dictionary<object, object?>(),
                "{\"type\":\"map\",\"keys\":{\"type\":\"int32\",\"optional\":false},\"values\":{\"type\":\"string\",\"optional\":false},\"optional\":true}",
                "[]")
            .SetName("Envelope_EmptyIntKeyMap_EmptyArray");
        yield return new TestCaseData(SchemaBuilder.Struct().Optional().Build(), null, "{\"type\":\"struct\",\"fields\":[],\"optional\":true}", "null")
            .SetName("Envelope_EmptyOptionalStructNull_EmptyFields");
        yield return new TestCaseData(SchemaBuilder.Float32().Parameter("k", "v").Build(), 0.1f,
                "{\"type\":\"float\",\"optional\":false,\"parameters\":{\"k\":\"v\"}}", "0.1")
            .SetName("Envelope_Float32WithParameters_JavaFloatText");
        yield return new TestCaseData(SchemaBuilder.Float64().Optional().Default(0.5).Build(), null,
                "{\"type\":\"double\",\"optional\":true,\"default\":0.5}", "0.5")
            .SetName("Envelope_OptionalDoubleNullWithDefault_DefaultPayload");
    }

    [TestCaseSource(nameof(SchemaJsonCases))]
    public void FromConnectData_EnvelopeTable(Schema schema, object? value, string schemaJson, string payload) =>
        Write(Converter(), schema, value).Should().Be(Envelope(schemaJson, payload));

    private static IEnumerable<TestCaseData> WriteErrorCases()
    {
        yield return new TestCaseData(ConnectDecimal.Schema(2), 1.5m, "Decimal value has mismatching scale for given Decimal schema. Schema has scale 2, value has scale 1.")
            .SetName("WriteError_DecimalScaleBelowSchema_KafkaMessage");
        yield return new TestCaseData(ConnectDecimal.Schema(0), 1.5m, "Decimal value has mismatching scale for given Decimal schema. Schema has scale 0, value has scale 1.")
            .SetName("WriteError_DecimalScaleAboveSchema_KafkaMessage");
        yield return new TestCaseData(ConnectDecimal.Schema(2), 1.5, "Invalid type for Decimal, expected BigDecimal but was System.Double")
            .SetName("WriteError_DecimalAsDouble_KafkaMessage");
        yield return new TestCaseData(ConnectDate.Schema, 19737, "Invalid type for Date, expected Date but was System.Int32").SetName("WriteError_DateAsInt_KafkaMessage");
        yield return new TestCaseData(ConnectTime.Schema, "x", "Invalid type for Time, expected Date but was System.String").SetName("WriteError_TimeAsString_KafkaMessage");
        yield return new TestCaseData(ConnectTimestamp.Schema, 1L, "Invalid type for Timestamp, expected Date but was System.Int64")
            .SetName("WriteError_TimestampAsLong_KafkaMessage");
        yield return new TestCaseData(ConnectDate.Schema, Utc(2024, 1, 15, 1), "Kafka Connect Date type should not have any time fields set to non-zero values.")
            .SetName("WriteError_DateWithTime_KafkaMessage");
        yield return new TestCaseData(ConnectTime.Schema, Utc(1970, 1, 2, 1), "Kafka Connect Time type should not have any date fields set to non-zero values.")
            .SetName("WriteError_TimeWithDate_KafkaMessage");
        yield return new TestCaseData(Schema.Bytes, "AQID", "Invalid type for bytes type: System.String").SetName("WriteError_BytesAsString_KafkaMessage");
        yield return new TestCaseData(Schema.Int64, 1, "Invalid type for INT64: System.Int32").SetName("WriteError_Int64AsInt32_KafkaMessage");
        yield return new TestCaseData(SchemaBuilder.Map(Schema.String, Schema.Int32).Build(), new Dictionary<object, object?> { [1] = 1 },
            "Invalid type for STRING: System.Int32").SetName("WriteError_StringKeySchemaIntKey_KafkaMessage");
        yield return new TestCaseData(SchemaBuilder.Struct().Field("a", Schema.Int32).Build(), new Struct(SchemaBuilder.Struct().Field("b", Schema.Int32).Build()),
            "Mismatching schema.").SetName("WriteError_StructOfOtherSchema_KafkaMessage");
        yield return new TestCaseData(DefaultedFieldsSchema.Field("req")!.Schema, null, "Conversion error: null value for field that is required and has no default value")
            .SetName("WriteError_RequiredNullWithDefaultNoReplace_KafkaMessage");
    }

    [TestCaseSource(nameof(WriteErrorCases))]
    public void FromConnectData_ErrorTable(Schema schema, object? value, string message)
    {
        var act = () => Converter(replaceNullWithDefault: false).FromConnectData(Topic, null, schema, value);

        act.Should().Throw<DataException>().Which.Message.Should().Be(message);
    }
}
