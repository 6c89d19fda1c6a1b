using FluentAssertions;
using StandaloneConnect.Sdk;
using StandaloneConnect.Sdk.Config;
using StandaloneConnect.Sdk.Data;

namespace StandaloneConnect.Transforms.Tests;

public sealed class InsertHeaderTests
{
    private static InsertHeader Insert(string header, string literal)
    {
        var transform = new InsertHeader();
        transform.Configure(new Dictionary<string, string> { ["header"] = header, ["value.literal"] = literal });
        return transform;
    }

    private static SourceRecord Record() => new(null, null, "t", 2, Schema.String, "k", Schema.String, "v", 5L);

    private static IEnumerable<TestCaseData> Literals()
    {
        yield return new TestCaseData("42", SchemaType.Int8, (sbyte)42).SetName("Apply_SmallInteger_Int8");
        yield return new TestCaseData("300", SchemaType.Int16, (short)300).SetName("Apply_Integer300_Int16");
        yield return new TestCaseData("70000", SchemaType.Int32, 70000).SetName("Apply_Integer70000_Int32");
        yield return new TestCaseData("5000000000", SchemaType.Int64, 5000000000L).SetName("Apply_BigInteger_Int64");
        yield return new TestCaseData("3.0", SchemaType.Int8, (sbyte)3).SetName("Apply_WholeDecimal_Int8");
        yield return new TestCaseData("1.5", SchemaType.Float32, 1.5f).SetName("Apply_Fraction_Float32");
        yield return new TestCaseData("true", SchemaType.Boolean, true).SetName("Apply_True_Boolean");
        yield return new TestCaseData("hello world", SchemaType.String, "hello world").SetName("Apply_Text_String");
    }

    [TestCaseSource(nameof(Literals))]
    public void Apply_LiteralTypedLikeValuesParseString(string literal, SchemaType type, object value)
    {
        var header = Insert("h", literal).Apply(Record())!.Headers.Single();
        header.Key.Should().Be("h");
        header.Schema!.Type.Should().Be(type);
        header.Value.Should().Be(value);
    }

    [Test]
    public void Apply_IsoDate_DateLogicalType()
    {
        var header = Insert("d", "2024-01-15").Apply(Record())!.Headers.Single();
        header.Schema!.Name.Should().Be(ConnectDate.LogicalName);
        header.Value.Should().Be(new DateTime(2024, 1, 15, 0, 0, 0, DateTimeKind.Utc));
    }

    [Test]
    public void Apply_Null_HeaderWithoutSchemaOrValue()
    {
        var header = Insert("n", "null").Apply(Record())!.Headers.Single();
        (header.Schema, header.Value).Should().Be((null, null));
    }

    [Test]
    public void Apply_ExistingHeaderWithSameKey_AppendsAfterItAndLeavesInputUntouched()
    {
        var record = Record();
        record.Headers.AddString("h", "old");
        var result = Insert("h", "new").Apply(record)!;
        result.Headers.Select(h => h.Value).Should().Equal("old", "new");
        result.Headers.LastWithName("h")!.Value.Should().Be("new");
        record.Headers.Should().ContainSingle();
        (result.Topic, result.KafkaPartition, result.Key, result.Value, result.Timestamp).Should().Be(("t", 2, "k", "v", 5L));
    }

    [Test]
    public void Configure_BothMissing_ReportsBothKafkaMessages() =>
        FluentActions.Invoking(() => new InsertHeader().Configure(new Dictionary<string, string>()))
            .Should().Throw<ConfigValidationException>().Which.Problems.Should().Equal(
                "Missing required configuration \"header\" which has no default value.",
                "Missing required configuration \"value.literal\" which has no default value.");

    [Test]
    public void Config_DeclaresKafkaKeys() =>
        new InsertHeader().Config.Keys.Select(k => (k.Name, k.Type, k.Required, k.Importance)).Should().Equal(
            ("header", ConfigType.String, true, Importance.High), ("value.literal", ConfigType.String, true, Importance.High));

    [Test]
    public void Alias_IsKafkaClassName() =>
        typeof(InsertHeader).GetCustomAttributes(typeof(PluginAliasAttribute), false).Cast<PluginAliasAttribute>()
            .Select(a => a.Name).Should().Equal("org.apache.kafka.connect.transforms.InsertHeader");
}
