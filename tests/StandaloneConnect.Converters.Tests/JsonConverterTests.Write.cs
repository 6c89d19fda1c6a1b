using System.Text;
using StandaloneConnect.Sdk;
using StandaloneConnect.Sdk.Data;

namespace StandaloneConnect.Converters.Tests;

public sealed partial class JsonConverterTests
{
    private static readonly Schema OrderSchema = SchemaBuilder.Struct().SetName("com.example.Order")
        .Field("id", Schema.Int32)
        .Field("price", ConnectDecimal.Builder(2).Optional().Build())
        .Field("ts", ConnectTimestamp.Builder().Optional().Build())
        .Build();

    [Test]
    public void FromConnectData_StringWithSchema_ShippedStandaloneEnvelope() =>
        Write(Converter(), Schema.String, "hello").Should().Be("{\"schema\":{\"type\":\"string\",\"optional\":false},\"payload\":\"hello\"}");

    [Test]
    public void FromConnectData_StringWithoutSchemas_QuotedString() =>
        Write(Converter(schemas: false), Schema.String, "hello").Should().Be("\"hello\"");

    [Test]
    public void FromConnectData_HundredByteLine_Envelope158Bytes() =>
        Converter().FromConnectData(Topic, null, Schema.String, new string('x', 100)).Should().HaveCount(158);

    [Test]
    public void FromConnectData_OrderStruct_MatchesKafkaExample()
    {
        var order = new Struct(OrderSchema).Put("id", 1).Put("price", 6.25m).Put("ts", ConnectTimestamp.ToLogical(1_700_000_000_000));

        Write(Converter(), OrderSchema, order).Should().Be(
            "{\"schema\":{\"type\":\"struct\",\"fields\":["
            + "{\"type\":\"int32\",\"optional\":false,\"field\":\"id\"},"
            + "{\"type\":\"bytes\",\"optional\":true,\"name\":\"org.apache.kafka.connect.data.Decimal\",\"version\":1,\"parameters\":{\"scale\":\"2\"},\"field\":\"price\"},"
            + "{\"type\":\"int64\",\"optional\":true,\"name\":\"org.apache.kafka.connect.data.Timestamp\",\"version\":1,\"field\":\"ts\"}],"
            + "\"optional\":false,\"name\":\"com.example.Order\"},"
            + "\"payload\":{\"id\":1,\"price\":\"AnE=\",\"ts\":1700000000000}}");
    }

    private static IEnumerable<TestCaseData> PrimitiveCases()
    {
        yield return new TestCaseData(Schema.Int8, (sbyte)-128, "{\"type\":\"int8\",\"optional\":false}", "-128").SetName("FromConnectData_Int8_Number");
        yield return new TestCaseData(Schema.Int16, (short)300, "{\"type\":\"int16\",\"optional\":false}", "300").SetName("FromConnectData_Int16_Number");
        yield return new TestCaseData(Schema.Int32, int.MinValue, "{\"type\":\"int32\",\"optional\":false}", "-2147483648").SetName("FromConnectData_Int32_Number");
        yield return new TestCaseData(Schema.Int64, long.MaxValue, "{\"type\":\"int64\",\"optional\":false}", "9223372036854775807").SetName("FromConnectData_Int64_Number");
        yield return new TestCaseData(Schema.Float32, 1.5f, "{\"type\":\"float\",\"optional\":false}", "1.5").SetName("FromConnectData_Float32_FloatType");
        yield return new TestCaseData(Schema.Float64, 1.0, "{\"type\":\"double\",\"optional\":false}", "1.0").SetName("FromConnectData_Float64_DoubleType");
        yield return new TestCaseData(Schema.Boolean, true, "{\"type\":\"boolean\",\"optional\":false}", "true").SetName("FromConnectData_Boolean_Literal");
        yield return new TestCaseData(Schema.OptionalBoolean, false, "{\"type\":\"boolean\",\"optional\":true}", "false").SetName("FromConnectData_OptionalBoolean_Literal");
        yield return new TestCaseData(Schema.Bytes, new byte[] { 1, 2, 3 }, "{\"type\":\"bytes\",\"optional\":false}", "\"AQID\"").SetName("FromConnectData_Bytes_Base64");
        yield return new TestCaseData(Schema.Bytes, new ReadOnlyMemory<byte>([0xFB, 0xFF]), "{\"type\":\"bytes\",\"optional\":false}", "\"+/8=\"").SetName("FromConnectData_ReadOnlyMemory_StandardBase64");
        yield return new TestCaseData(Schema.Bytes, Array.Empty<byte>(), "{\"type\":\"bytes\",\"optional\":false}", "\"\"").SetName("FromConnectData_EmptyBytes_EmptyString");
        yield return new TestCaseData(Schema.OptionalString, "", "{\"type\":\"string\",\"optional\":true}", "\"\"").SetName("FromConnectData_EmptyString_EmptyString");
    }

    [TestCaseSource(nameof(PrimitiveCases))]
    public void FromConnectData_Primitive(Schema schema, object value, string schemaJson, string payloadJson)
    {
        Write(Converter(), schema, value).Should().Be(Envelope(schemaJson, payloadJson));
        Write(Converter(schemas: false), schema, value).Should().Be(payloadJson);
    }

    [TestCase(1.0, "1.0")]
    [TestCase(100.0, "100.0")]
    [TestCase(1e7, "1.0E7")]
    [TestCase(1e10, "1.0E10")]
    [TestCase(0.001, "0.001")]
    [TestCase(1e-4, "1.0E-4")]
    [TestCase(1.5e-7, "1.5E-7")]
    [TestCase(-0.0, "-0.0")]
    [TestCase(0.1 + 0.2, "0.30000000000000004")]
    [TestCase(double.NaN, "\"NaN\"")]
    [TestCase(double.PositiveInfinity, "\"Infinity\"")]
    [TestCase(double.NegativeInfinity, "\"-Infinity\"")]
    public void FromConnectData_Double_JavaDoubleToString(double value, string expected) =>
        Write(Converter(schemas: false), Schema.Float64, value).Should().Be(expected);

    [TestCase(1.1f, "1.1")]
    [TestCase(1e7f, "1.0E7")]
    [TestCase(float.NaN, "\"NaN\"")]
    public void FromConnectData_Float_JavaFloatToString(float value, string expected) =>
        Write(Converter(schemas: false), Schema.Float32, value).Should().Be(expected);

    [TestCase("é", new byte[] { 0x22, 0xC3, 0xA9, 0x22 }, TestName = "FromConnectData_LatinAccent_RawUtf8")]
    [TestCase("日本", new byte[] { 0x22, 0xE6, 0x97, 0xA5, 0xE6, 0x9C, 0xAC, 0x22 }, TestName = "FromConnectData_Cjk_RawUtf8")]
    [TestCase("\u2028\uFEFF\uE000\u007F", new byte[] { 0x22, 0xE2, 0x80, 0xA8, 0xEF, 0xBB, 0xBF, 0xEE, 0x80, 0x80, 0x7F, 0x22 },
        TestName = "FromConnectData_CharsOtherEncodersEscape_RawUtf8")]
    public void FromConnectData_NonAscii_ExactBytes(string value, byte[] expected) =>
        Converter(schemas: false).FromConnectData(Topic, null, Schema.String, value).Should().Equal(expected);

    [TestCase("😀", "\"\\uD83D\\uDE00\"", TestName = "FromConnectData_Emoji_SurrogatePairEscaped")]
    [TestCase("<tag>&'+/ =", "\"<tag>&'+/ =\"", TestName = "FromConnectData_HtmlAndSlash_NotEscaped")]
    [TestCase("say \"hi\" \\ bye", "\"say \\\"hi\\\" \\\\ bye\"", TestName = "FromConnectData_QuoteAndBackslash_BackslashEscaped")]
    [TestCase("\n\t\r\b\f", "\"\\n\\t\\r\\b\\f\"", TestName = "FromConnectData_CommonControls_ShortEscapes")]
    [TestCase("\u0000\u0001\u001F", "\"\\u0000\\u0001\\u001F\"", TestName = "FromConnectData_OtherControls_UppercaseHexEscapes")]
    public void FromConnectData_SpecialCharacters_JacksonEscaping(string value, string expected) =>
        Write(Converter(schemas: false), Schema.String, value).Should().Be(expected);

    [Test]
    public void FromConnectData_LoneSurrogate_Escaped()
    {
        // Built in code: attribute arguments cannot carry a lone surrogate.
        var value = "a" + (char)0xD800 + "b" + (char)0xDC00;

        Write(Converter(schemas: false), Schema.String, value).Should().Be("\"a\\uD800b\\uDC00\"");
    }

    [Test]
    public void FromConnectData_EscapingInMapKeysAndFieldNames_SameRules()
    {
        var schema = SchemaBuilder.Struct().Field("ké\"y", SchemaBuilder.Map(Schema.String, Schema.Int32).Build()).Build();
        var value = new Struct(schema).Put("ké\"y", new Dictionary<string, int> { ["😀\n"] = 1 });

        Write(Converter(schemas: false), schema, value).Should().Be("{\"ké\\\"y\":{\"\\uD83D\\uDE00\\n\":1}}");
    }

    [Test]
    public void FromConnectData_ArrayOfInt32_ItemsSchema() =>
        Write(Converter(), SchemaBuilder.Array(Schema.Int32).Build(), new List<int> { 1, 2, 3 }).Should().Be(Envelope(
            "{\"type\":\"array\",\"items\":{\"type\":\"int32\",\"optional\":false},\"optional\":false}", "[1,2,3]"));

    [Test]
    public void FromConnectData_MapWithStringKeys_JsonObject() =>
        Write(Converter(), SchemaBuilder.Map(Schema.String, Schema.Int32).Build(), new Dictionary<string, int> { ["a"] = 1, ["b"] = 2 })
            .Should().Be(Envelope(
                "{\"type\":\"map\",\"keys\":{\"type\":\"string\",\"optional\":false},\"values\":{\"type\":\"int32\",\"optional\":false},\"optional\":false}",
                "{\"a\":1,\"b\":2}"));

    [Test]
    public void FromConnectData_MapWithIntKeys_ArrayOfPairs() =>
        Write(Converter(), SchemaBuilder.Map(Schema.Int32, Schema.OptionalString).Build(),
                new Dictionary<int, string?> { [1] = "a", [2] = null })
            .Should().Be(Envelope(
                "{\"type\":\"map\",\"keys\":{\"type\":\"int32\",\"optional\":false},\"values\":{\"type\":\"string\",\"optional\":true},\"optional\":false}",
                "[[1,\"a\"],[2,null]]"));

    [Test]
    public void FromConnectData_OptionalNull_PayloadNull() =>
        Write(Converter(), Schema.OptionalString, null).Should().Be("{\"schema\":{\"type\":\"string\",\"optional\":true},\"payload\":null}");

    [Test]
    public void FromConnectData_OptionalNullWithoutSchemas_JsonNull() =>
        Write(Converter(schemas: false), Schema.OptionalString, null).Should().Be("null");

    [Test]
    public void FromConnectData_NullSchemaAndValue_Tombstone()
    {
        Converter().FromConnectData(Topic, null, null, null).Should().BeNull();
        Converter(schemas: false).FromConnectData(Topic, null, null, null).Should().BeNull();
    }

    [Test]
    public void FromConnectData_NullWithDefault_WritesDefault() =>
        Write(Converter(), SchemaBuilder.String().Default("dflt").Build(), null)
            .Should().Be("{\"schema\":{\"type\":\"string\",\"optional\":false,\"default\":\"dflt\"},\"payload\":\"dflt\"}");

    [Test]
    public void FromConnectData_NullOptionalFieldWithDefault_DependsOnReplaceNullWithDefault()
    {
        var schema = SchemaBuilder.Struct().Field("n", SchemaBuilder.Int32().Optional().Default(5).Build()).Build();
        var value = new Struct(schema);

        Write(Converter(schemas: false), schema, value).Should().Be("{\"n\":5}");
        Write(Converter(schemas: false, replaceNullWithDefault: false), schema, value).Should().Be("{\"n\":null}");
    }

    [Test]
    public void FromConnectData_NullForRequiredWithoutDefault_Throws()
    {
        var act = () => Converter().FromConnectData(Topic, null, Schema.String, null);

        act.Should().Throw<DataException>().WithMessage("Conversion error: null value for field that is required and has no default value");
    }

    [Test]
    public void FromConnectData_AllSchemaAttributes_KafkaOrder()
    {
        var schema = SchemaBuilder.Int32().Optional().SetName("n").SetVersion(2).SetDoc("d</>").Parameter("b", "2").Parameter("a", "1")
            .Default(5).Build();

        Write(Converter(), schema, 7).Should().Be(Envelope(
            "{\"type\":\"int32\",\"optional\":true,\"name\":\"n\",\"version\":2,\"doc\":\"d</>\",\"parameters\":{\"b\":\"2\",\"a\":\"1\"},\"default\":5}",
            "7"));
    }

    [Test]
    public void FromConnectData_NestedStructArrayMap_FieldNameLast()
    {
        var inner = SchemaBuilder.Struct().Field("x", Schema.Float64).Build();
        var schema = SchemaBuilder.Struct()
            .Field("list", SchemaBuilder.Array(inner).Optional().Build())
            .Field("tags", SchemaBuilder.Map(Schema.String, Schema.Boolean).Build())
            .Build();
        var value = new Struct(schema)
            .Put("list", new List<object?> { new Struct(inner).Put("x", 2.5) })
            .Put("tags", new Dictionary<string, bool> { ["k"] = true });

        Write(Converter(), schema, value).Should().Be(Envelope(
            "{\"type\":\"struct\",\"fields\":["
            + "{\"type\":\"array\",\"items\":{\"type\":\"struct\",\"fields\":[{\"type\":\"double\",\"optional\":false,\"field\":\"x\"}],\"optional\":false},\"optional\":true,\"field\":\"list\"},"
            + "{\"type\":\"map\",\"keys\":{\"type\":\"string\",\"optional\":false},\"values\":{\"type\":\"boolean\",\"optional\":false},\"optional\":false,\"field\":\"tags\"}"
            + "],\"optional\":false}",
            "{\"list\":[{\"x\":2.5}],\"tags\":{\"k\":true}}"));
    }

    [Test]
    public void FromConnectData_DecimalNumeric_NumberKeepingScale()
    {
        var schema = ConnectDecimal.Schema(2);

        Write(Converter(schemas: false, decimalFormat: "NUMERIC"), schema, 1.00m).Should().Be("1.00");
        Write(Converter(schemas: false, decimalFormat: "numeric"), schema, -12.34m).Should().Be("-12.34");
        Write(Converter(schemas: false), schema, 1.00m).Should().Be("\"ZA==\"");
    }

    [Test]
    public void FromConnectData_LogicalDateTimeTimestamp_EpochNumbers()
    {
        var schema = SchemaBuilder.Struct()
            .Field("d", ConnectDate.Schema).Field("t", ConnectTime.Schema).Field("ts", ConnectTimestamp.Schema).Build();
        var value = new Struct(schema)
            .Put("d", Utc(2024, 1, 15)).Put("t", DateTime.UnixEpoch.AddHours(1)).Put("ts", Utc(2023, 11, 14, 22, 13, 20));

        Write(Converter(schemas: false), schema, value).Should().Be("{\"d\":19737,\"t\":3600000,\"ts\":1700000000000}");
    }

    [Test]
    public void FromConnectData_SchemalessValues_InferredFromClrTypes()
    {
        var converter = Converter();
        Write(converter, null, new Dictionary<string, object?> { ["a"] = 1L, ["b"] = new List<object?> { "x", true, null, 1.5 } })
            .Should().Be("{\"schema\":null,\"payload\":{\"a\":1,\"b\":[\"x\",true,null,1.5]}}");
        Write(converter, null, new Dictionary<object, object?> { [1] = "a" }).Should().Be("{\"schema\":null,\"payload\":[[1,\"a\"]]}");
        Write(converter, null, new byte[] { 1 }).Should().Be("{\"schema\":null,\"payload\":\"AQ==\"}");
    }

    [Test]
    public void FromConnectData_SchemalessStruct_Throws()
    {
        var act = () => Converter().FromConnectData(Topic, null, null, new Struct(OrderSchema));

        act.Should().Throw<DataException>().WithMessage("Mismatching schema.");
    }

    [Test]
    public void FromConnectData_ValueOfWrongType_Throws()
    {
        var act = () => Converter().FromConnectData(Topic, null, Schema.Int32, "x");

        act.Should().Throw<DataException>().WithMessage("Invalid type for INT32: System.String");
    }

    [Test]
    public void FromConnectData_RepeatedCalls_IndependentResults()
    {
        var converter = Converter();
        var first = converter.FromConnectData(Topic, null, Schema.String, "first value");
        var second = converter.FromConnectData(Topic, null, Schema.Int32, 2);

        Encoding.UTF8.GetString(first!).Should().Be(Envelope("{\"type\":\"string\",\"optional\":false}", "\"first value\""));
        Encoding.UTF8.GetString(second!).Should().Be(Envelope("{\"type\":\"int32\",\"optional\":false}", "2"));
    }

    [Test]
    public void FromConnectHeader_Value_SameAsData() =>
        new JsonConverter().FromConnectHeader(Topic, "h", Schema.Int64, 5L).Should()
            .Equal(Encoding.UTF8.GetBytes(Envelope("{\"type\":\"int64\",\"optional\":false}", "5")));
}
