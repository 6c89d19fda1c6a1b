using System.Text;
using StandaloneConnect.Sdk.Data;

namespace StandaloneConnect.Converters.Tests;

public sealed partial class SimpleHeaderConverterTests
{
    private const string Topic = "topic";

    private static readonly SimpleHeaderConverter Converter = new();

    private static IEnumerable<TestCaseData> WriteCases()
    {
        yield return new TestCaseData(Schema.String, "hello", "hello").SetName("FromConnectHeader_String_Utf8");
        yield return new TestCaseData(Schema.String, "wörld", "wörld").SetName("FromConnectHeader_NonAscii_Utf8");
        yield return new TestCaseData(Schema.Int32, 42, "42").SetName("FromConnectHeader_Int32_Digits");
        yield return new TestCaseData(Schema.Float64, 1.0, "1.0").SetName("FromConnectHeader_Double_JavaForm");
        yield return new TestCaseData(Schema.Boolean, true, "true").SetName("FromConnectHeader_Boolean_Literal");
        yield return new TestCaseData(Schema.Bytes, new byte[] { 1, 2, 3 }, "AQID").SetName("FromConnectHeader_Bytes_Base64");
        yield return new TestCaseData(SchemaBuilder.Map(Schema.String, Schema.Int32).Build(),
            new Dictionary<string, int> { ["a"] = 1 }, "{\"a\":1}").SetName("FromConnectHeader_Map_Braces");
        yield return new TestCaseData(ConnectDate.Schema, new DateTime(2024, 1, 15, 0, 0, 0, DateTimeKind.Utc), "2024-01-15")
            .SetName("FromConnectHeader_Date_Iso");
    }

    [TestCaseSource(nameof(WriteCases))]
    public void FromConnectHeader(Schema schema, object value, string expected) =>
        Converter.FromConnectHeader(Topic, "h", schema, value).Should().Equal(Encoding.UTF8.GetBytes(expected));

    [Test]
    public void FromConnectHeader_Null_Null() => Converter.FromConnectHeader(Topic, "h", Schema.OptionalString, null).Should().BeNull();

    private static IEnumerable<TestCaseData> ReadCases()
    {
        yield return new TestCaseData("hello", Schema.String, "hello").SetName("ToConnectHeader_Word_String");
        yield return new TestCaseData("42", Schema.Int8, (sbyte)42).SetName("ToConnectHeader_SmallNumber_Int8");
        yield return new TestCaseData("70000", Schema.Int32, 70000).SetName("ToConnectHeader_LargerNumber_Int32");
        yield return new TestCaseData("3.0", Schema.Int8, (sbyte)3).SetName("ToConnectHeader_IntegralFraction_Int8");
        yield return new TestCaseData("1.5", Schema.Float32, 1.5f).SetName("ToConnectHeader_Fraction_Float32");
        yield return new TestCaseData("true", Schema.Boolean, true).SetName("ToConnectHeader_True_Boolean");
        yield return new TestCaseData("2024-01-15", ConnectDate.Schema, new DateTime(2024, 1, 15, 0, 0, 0, DateTimeKind.Utc))
            .SetName("ToConnectHeader_IsoDate_Date");
        yield return new TestCaseData("74320e6e26adc8f8", Schema.String, "74320e6e26adc8f8").SetName("ToConnectHeader_HexTraceId_String");
        yield return new TestCaseData("407127e212797209", Schema.String, "407127e212797209").SetName("ToConnectHeader_HugeExponentLiteral_StringQuickly");
    }

    [TestCaseSource(nameof(ReadCases))]
    public void ToConnectHeader(string text, Schema schema, object value) =>
        Converter.ToConnectHeader(Topic, "h", Encoding.UTF8.GetBytes(text)).Should().Be(new SchemaAndValue(schema, value));

    [Test]
    public void ToConnectHeader_Null_NullSchemaAndValue() => Converter.ToConnectHeader(Topic, "h", null).Should().Be(SchemaAndValue.Null);

    [Test]
    public void ToConnectHeader_NullLiteral_NullSchemaAndValue() =>
        Converter.ToConnectHeader(Topic, "h", "null"u8.ToArray()).Should().Be(SchemaAndValue.Null);

    [Test]
    public void RoundTrip_StringMap_SameMap()
    {
        var schema = SchemaBuilder.Map(Schema.String, Schema.Int32).Build();
        var value = new Dictionary<object, object?> { ["foo"] = 1234567890, ["bar"] = 0 };

        var result = Converter.ToConnectHeader(Topic, "h", Converter.FromConnectHeader(Topic, "h", schema, value));

        result.Schema.Should().Be(schema);
        ValueEquality.Equal(result.Value, value).Should().BeTrue();
    }

    [Test]
    public void RoundTrip_StructRendering_ParsedAsMap()
    {
        var schema = SchemaBuilder.Struct().Field("id", Schema.Int64).Field("name", Schema.String).Build();

        var result = Converter.ToConnectHeader(Topic, "h", Converter.FromConnectHeader(Topic, "h", schema,
            new Struct(schema).Put("id", 1L).Put("name", "x")));

        result.Schema.Should().BeNull("the values have no common type");
        ValueEquality.Equal(result.Value, new Dictionary<object, object?> { ["id"] = (sbyte)1, ["name"] = "x" }).Should().BeTrue();
    }

    [Test]
    public void Config_NoKeys() => Converter.Config.Keys.Should().BeEmpty();
}
