using System.Text;
using StandaloneConnect.Sdk;
using StandaloneConnect.Sdk.Config;
using StandaloneConnect.Sdk.Data;

namespace StandaloneConnect.Converters.Tests;

public sealed partial class JsonConverterTests
{
    private const string EnvelopeMessage = "JsonConverter with schemas.enable requires \"schema\" and \"payload\" fields and may not"
        + " contain additional fields. If you are trying to deserialize plain JSON data, set schemas.enable=false in your"
        + " converter configuration.";

    [TestCase("{\"a\":1}", TestName = "ToConnectData_PlainObject_EnvelopeError")]
    [TestCase("[1,2]", TestName = "ToConnectData_Array_EnvelopeError")]
    [TestCase("\"hello\"", TestName = "ToConnectData_String_EnvelopeError")]
    [TestCase("{\"schema\":null}", TestName = "ToConnectData_MissingPayload_EnvelopeError")]
    [TestCase("{\"schema\":null,\"payload\":1,\"extra\":2}", TestName = "ToConnectData_ExtraField_EnvelopeError")]
    [TestCase("", TestName = "ToConnectData_Empty_EnvelopeError")]
    public void ToConnectData_NotAnEnvelope_Throws(string json)
    {
        var act = () => Read(Converter(), json);

        act.Should().Throw<DataException>().Which.Message.Should().Be(EnvelopeMessage);
    }

    [Test]
    public void ToConnectData_NullBytes_NullSchemaAndValue()
    {
        Converter().ToConnectData(Topic, null, null).Should().Be(SchemaAndValue.Null);
        Converter(schemas: false).ToConnectData(Topic, null, null).Should().Be(SchemaAndValue.Null);
    }

    [TestCase("{\"a\":", TestName = "ToConnectData_TruncatedJson_SerializationError")]
    [TestCase("{'a':1}", TestName = "ToConnectData_SingleQuotes_SerializationError")]
    [TestCase("nope", TestName = "ToConnectData_BareWord_SerializationError")]
    public void ToConnectData_InvalidJson_Throws(string json)
    {
        var act = () => Read(Converter(schemas: false), json);

        act.Should().Throw<DataException>()
            .WithMessage("Converting byte[] to Kafka Connect data failed due to serialization error: *");
    }

    [Test]
    public void ToConnectData_TrailingContent_IgnoredLikeJackson() =>
        Read(Converter(), "{\"schema\":null,\"payload\":5} trailing").Should().Be(new SchemaAndValue(null, 5L));

    [Test]
    public void ToConnectData_EmptyWithoutSchemas_NullValue() =>
        Read(Converter(schemas: false), " ").Should().Be(new SchemaAndValue(null, null));

    [TestCase("float32", TestName = "ToConnectData_Float32TypeName_Unknown")]
    [TestCase("uuid", TestName = "ToConnectData_MadeUpTypeName_Unknown")]
    public void ToConnectData_UnknownSchemaType_Throws(string type)
    {
        var act = () => Read(Converter(), Envelope("{\"type\":\"" + type + "\",\"optional\":false}", "1"));

        act.Should().Throw<DataException>().WithMessage("Unknown schema type: " + type);
    }

    [TestCase("{\"optional\":false}", "Schema must contain 'type' field", TestName = "ToConnectData_SchemaWithoutType_Throws")]
    [TestCase("{\"type\":\"array\"}", "Array schema did not specify the element type", TestName = "ToConnectData_ArrayWithoutItems_Throws")]
    [TestCase("{\"type\":\"map\",\"keys\":{\"type\":\"string\"}}", "Map schema did not specify the value type", TestName = "ToConnectData_MapWithoutValues_Throws")]
    [TestCase("{\"type\":\"struct\"}", "Struct schema's \"fields\" argument is not an array.", TestName = "ToConnectData_StructWithoutFields_Throws")]
    [TestCase("{\"type\":\"struct\",\"fields\":[{\"type\":\"int8\"}]}", "Struct schema's field name not specified properly", TestName = "ToConnectData_FieldWithoutName_Throws")]
    [TestCase("{\"type\":\"int8\",\"parameters\":{\"a\":1}}", "Schema parameters must have string values.", TestName = "ToConnectData_NumericParameter_Throws")]
    public void ToConnectData_InvalidSchema(string schema, string message)
    {
        var act = () => Read(Converter(), Envelope(schema, "null"));

        act.Should().Throw<DataException>().WithMessage(message);
    }

    private static IEnumerable<TestCaseData> SchemalessCases()
    {
        yield return new TestCaseData("1", 1L).SetName("ToConnectData_SchemalessInteger_Int64");
        yield return new TestCaseData("-9223372036854775808", long.MinValue).SetName("ToConnectData_SchemalessLongMin_Int64");
        yield return new TestCaseData("1.5", 1.5).SetName("ToConnectData_SchemalessFraction_Float64");
        yield return new TestCaseData("1e2", 100.0).SetName("ToConnectData_SchemalessExponent_Float64");
        yield return new TestCaseData("\"s\\u00e9\\n\"", "sé\n").SetName("ToConnectData_SchemalessString_Unescaped");
        yield return new TestCaseData("true", true).SetName("ToConnectData_SchemalessTrue_Boolean");
        yield return new TestCaseData("[1,\"a\",null,[false]]", new List<object?> { 1L, "a", null, new List<object?> { false } })
            .SetName("ToConnectData_SchemalessArray_List");
        yield return new TestCaseData("{\"a\":{\"b\":[2.5]},\"c\":null}",
                new Dictionary<object, object?> { ["a"] = new Dictionary<object, object?> { ["b"] = new List<object?> { 2.5 } }, ["c"] = null })
            .SetName("ToConnectData_SchemalessObject_MapWithStringKeys");
    }

    [TestCaseSource(nameof(SchemalessCases))]
    public void ToConnectData_Schemaless(string json, object expected)
    {
        foreach (var result in new[] { Read(Converter(schemas: false), json), Read(Converter(), Envelope("null", json)) })
        {
            result.Schema.Should().BeNull();
            ValueEquality.Equal(result.Value, expected).Should().BeTrue("{0} should read as {1}", json, expected);
            result.Value!.GetType().Should().Be(expected.GetType());
        }
    }

    [Test]
    public void ToConnectData_SchemalessNull_NullValue() => Read(Converter(schemas: false), "null").Should().Be(new SchemaAndValue(null, null));

    [Test]
    public void ToConnectData_OrderExample_StructWithLogicalTypes()
    {
        var json = Write(Converter(), OrderSchema, new Struct(OrderSchema).Put("id", 1));

        var result = Read(Converter(), json.Replace("\"price\":null", "\"price\":\"AnE=\"").Replace("\"ts\":null", "\"ts\":1700000000000"));

        result.Schema.Should().Be(OrderSchema);
        var order = (Struct)result.Value!;
        order.GetInt32("id").Should().Be(1);
        order.Get("price").Should().Be(6.25m);
        order.Get("ts").Should().Be(Utc(2023, 11, 14, 22, 13, 20));
    }

    [Test]
    public void ToConnectData_DecimalAsNumber_KeepsScale()
    {
        var result = Read(Converter(), Envelope("{\"type\":\"bytes\",\"optional\":false,\"name\":\"org.apache.kafka.connect.data.Decimal\",\"version\":1,\"parameters\":{\"scale\":\"2\"}}", "1.50"));

        result.Value.Should().BeOfType<decimal>().Which.Scale.Should().Be(2);
        result.Value.Should().Be(1.50m);
    }

    [Test]
    public void ToConnectData_DecimalBytes_MinimalTwosComplement() =>
        Read(Converter(), Envelope("{\"type\":\"bytes\",\"optional\":false,\"name\":\"org.apache.kafka.connect.data.Decimal\",\"version\":1,\"parameters\":{\"scale\":\"0\"}}", "\"/5w=\""))
            .Value.Should().Be(-100m);

    [Test]
    public void ToConnectData_DateAsString_Throws()
    {
        var act = () => Read(Converter(), Envelope("{\"type\":\"int32\",\"optional\":false,\"name\":\"org.apache.kafka.connect.data.Date\",\"version\":1}", "\"x\""));

        act.Should().Throw<DataException>().WithMessage("Invalid type for Date, underlying representation should be integer but was STRING");
    }

    [Test]
    public void ToConnectData_RequiredFieldMissing_Throws()
    {
        var act = () => Read(Converter(), Envelope("{\"type\":\"struct\",\"fields\":[{\"type\":\"int32\",\"optional\":false,\"field\":\"id\"}],\"optional\":false}", "{}"));

        act.Should().Throw<DataException>().WithMessage("Invalid null value for required INT32 field");
    }

    [Test]
    public void ToConnectData_NullWithSchemaDefault_DefaultUnlessDisabled()
    {
        const string json = "{\"schema\":{\"type\":\"int32\",\"optional\":true,\"default\":7},\"payload\":null}";

        Read(Converter(), json).Value.Should().Be(7);
        Read(Converter(replaceNullWithDefault: false), json).Value.Should().BeNull();
    }

    [Test]
    public void ToConnectData_IntegersOutOfRange_TruncatedLikeJackson()
    {
        Read(Converter(), Envelope("{\"type\":\"int8\",\"optional\":false}", "300")).Value.Should().Be((sbyte)44);
        Read(Converter(), Envelope("{\"type\":\"int32\",\"optional\":false}", "1.9")).Value.Should().Be(1);
    }

    [Test]
    public void ToConnectData_MapWithStringKeysAsArray_Throws()
    {
        var act = () => Read(Converter(), Envelope("{\"type\":\"map\",\"keys\":{\"type\":\"string\",\"optional\":false},\"values\":{\"type\":\"int32\",\"optional\":false},\"optional\":false}", "[]"));

        act.Should().Throw<DataException>().WithMessage("Maps with string fields should be encoded as JSON objects, but found ARRAY");
    }

    [Test]
    public void ToConnectData_SameSchemaTwice_SchemaFromCache()
    {
        var converter = Converter();
        var json = Envelope("{\"type\":\"string\",\"optional\":false}", "\"a\"");

        var first = Read(converter, json).Schema;
        var second = Read(converter, json).Schema;

        second.Should().BeSameAs(first);
    }

    [Test]
    public void ToConnectData_PayloadBeforeSchema_Accepted() =>
        Read(Converter(), "{\"payload\":\"x\",\"schema\":{\"type\":\"string\",\"optional\":false}}")
            .Should().Be(new SchemaAndValue(Schema.String, "x"));

    [Test]
    public void ToConnectData_InvalidUtf8InString_SerializationError()
    {
        var bytes = Encoding.UTF8.GetBytes(Envelope("{\"type\":\"string\",\"optional\":false}", "\"a?b\""));
        bytes[Array.IndexOf(bytes, (byte)'?')] = 0xFF;

        var act = () => Converter().ToConnectData(Topic, null, bytes);

        act.Should().Throw<DataException>().WithMessage("Converting byte[] to Kafka Connect data failed due to serialization error: *");
    }

    [TestCase("0")]
    [TestCase("1")]
    [TestCase("-1")]
    public void ToConnectData_SmallOrDisabledSchemaCache_AlternatingSchemasStillCorrect(string cacheSize)
    {
        var converter = new JsonConverter();
        converter.Configure(new Dictionary<string, string> { ["schemas.cache.size"] = cacheSize }, false);

        for (var i = 0; i < 3; i++)
        {
            converter.ToConnectData(Topic, null, converter.FromConnectData(Topic, null, Schema.Int32, i))
                .Should().Be(new SchemaAndValue(Schema.Int32, i));
            converter.ToConnectData(Topic, null, converter.FromConnectData(Topic, null, Schema.OptionalString, "s" + i))
                .Should().Be(new SchemaAndValue(Schema.OptionalString, "s" + i));
        }
    }

    [Test]
    public void ToConnectHeader_Envelope_SameAsData() =>
        new JsonConverter().ToConnectHeader(Topic, "h", Encoding.UTF8.GetBytes(Envelope("{\"type\":\"int64\",\"optional\":false}", "5")))
            .Should().Be(new SchemaAndValue(Schema.Int64, 5L));

    [Test]
    public void Config_Keys_KafkaNamesAndDefaults()
    {
        var keys = new JsonConverter().Config.Keys.ToDictionary(k => k.Name);

        keys.Keys.Should().Equal("converter.type", "schemas.enable", "schemas.cache.size", "decimal.format", "replace.null.with.default");
        keys["schemas.enable"].DefaultValue.Should().Be(true);
        keys["schemas.cache.size"].DefaultValue.Should().Be(1000);
        keys["decimal.format"].DefaultValue.Should().Be("BASE64");
        keys["replace.null.with.default"].DefaultValue.Should().Be(true);
        keys["converter.type"].Required.Should().BeTrue();
    }

    [Test]
    public void Configure_InvalidDecimalFormat_Throws()
    {
        var act = () => new JsonConverter().Configure(new Dictionary<string, string> { ["decimal.format"] = "HEX" }, false);

        act.Should().Throw<ConfigException>().WithMessage("*decimal.format*");
    }
}
