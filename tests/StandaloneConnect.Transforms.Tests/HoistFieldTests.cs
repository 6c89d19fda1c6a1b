using StandaloneConnect.Sdk;
using StandaloneConnect.Sdk.Config;
using StandaloneConnect.Sdk.Data;

namespace StandaloneConnect.Transforms.Tests;

public sealed class HoistFieldTests
{
    private static IEnumerable<TestCaseData> SchemalessCases()
    {
        yield return new TestCaseData(42L).SetArgDisplayNames("long");
        yield return new TestCaseData("text").SetArgDisplayNames("string");
        yield return new TestCaseData(null).SetArgDisplayNames("tombstone");
        yield return new TestCaseData(new Dictionary<object, object?> { ["a"] = 1L }).SetArgDisplayNames("map");
    }

    [TestCaseSource(nameof(SchemalessCases))]
    public void Apply_SchemalessKey_WrapsInMap(object? key)
    {
        using var hoist = Configure(new HoistField.Key(), "magic");

        var result = hoist.Apply(Record(null, key, Schema.String, "v"))!;

        result.KeySchema.Should().BeNull();
        result.Key.Should().BeEquivalentTo(new Dictionary<object, object?> { ["magic"] = key });
        result.Value.Should().Be("v");
    }

    [Test]
    public void Apply_SchemaKey_WrapsInStructWithOneField()
    {
        using var hoist = Configure(new HoistField.Key(), "magic");

        var result = hoist.Apply(Record(Schema.Int32, 42, null, null))!;

        var expectedSchema = SchemaBuilder.Struct().Field("magic", Schema.Int32).Build();
        result.KeySchema.Should().Be(expectedSchema);
        result.Key.Should().Be(new Struct(expectedSchema).Put("magic", 42));
    }

    [Test]
    public void Apply_StructValue_NestsTheStruct()
    {
        using var hoist = Configure(new HoistField.Value(), "payload");
        var inner = SchemaBuilder.Struct().SetName("Inner").Field("id", Schema.Int64).Build();
        var value = new Struct(inner).Put("id", 5L);

        var result = hoist.Apply(Record(Schema.String, "k", inner, value))!;

        result.ValueSchema!.Fields.Should().ContainSingle().Which.Schema.Should().Be(inner);
        ((Struct)result.Value!).GetStruct("payload").Should().BeSameAs(value);
        result.Key.Should().Be("k");
    }

    [Test]
    public void Apply_OptionalSchemaTombstone_WrapsNull()
    {
        using var hoist = Configure(new HoistField.Value(), "magic");

        var result = hoist.Apply(Record(null, null, Schema.OptionalString, null))!;

        ((Struct)result.Value!).Get("magic").Should().BeNull();
        result.ValueSchema!.Field("magic")!.Schema.Should().Be(Schema.OptionalString);
    }

    [Test]
    public void Apply_RequiredSchemaTombstone_Throws()
    {
        using var hoist = Configure(new HoistField.Value(), "magic");

        var act = () => hoist.Apply(Record(null, null, Schema.String, null));

        act.Should().Throw<DataException>().WithMessage("Invalid value: null used for required field: \"magic\", schema type: STRING");
    }

    [Test]
    public void Configure_MissingField_Throws()
    {
        var act = () => Configure(new HoistField.Value(), null);

        act.Should().Throw<ConfigException>().WithMessage("Missing required configuration \"field\" which has no default value.");
    }

    [TestCase(typeof(HoistField.Key), "org.apache.kafka.connect.transforms.HoistField$Key")]
    [TestCase(typeof(HoistField.Value), "org.apache.kafka.connect.transforms.HoistField$Value")]
    public void Variants_CarryKafkaAlias(Type type, string alias)
    {
        type.GetCustomAttributes(typeof(PluginAliasAttribute), false).Cast<PluginAliasAttribute>().Select(a => a.Name)
            .Should().Equal(alias);
    }

    private static HoistField Configure(HoistField transform, string? field)
    {
        transform.Configure(field is null ? new Dictionary<string, string>() : new Dictionary<string, string> { ["field"] = field });
        return transform;
    }

    private static SourceRecord Record(Schema? keySchema, object? key, Schema? valueSchema, object? value) =>
        new(null, null, "test", 0, keySchema, key, valueSchema, value);
}
