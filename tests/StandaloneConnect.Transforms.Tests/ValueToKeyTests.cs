using StandaloneConnect.Sdk;
using StandaloneConnect.Sdk.Config;
using StandaloneConnect.Sdk.Data;
using StandaloneConnect.Sdk.Transforms;

namespace StandaloneConnect.Transforms.Tests;

public sealed class ValueToKeyTests
{
    private static readonly Schema ValueSchema = SchemaBuilder.Struct()
        .Field("id", Schema.Int32)
        .Field("name", Schema.OptionalString)
        .Field("region", SchemaBuilder.String().Optional().Default("eu").Build())
        .Build();

    [TestCase("id", 7, null, null)]
    [TestCase("id,name", 7, "ann", null)]
    [TestCase("name,id", 7, "ann", null)]
    [TestCase("id,region", 7, null, "us")]
    public void Apply_Struct_BuildsKeyStructFromFields(string fields, int id, string? name, string? region)
    {
        using var smt = Configure(fields);
        var value = new Struct(ValueSchema).Put("id", id).Put("name", name).Put("region", region);
        var record = new SourceRecord(null, null, "t", 1, Schema.String, "old", ValueSchema, value, 99L);

        var result = smt.Apply(record)!;

        var names = fields.Split(',');
        result.KeySchema!.Type.Should().Be(SchemaType.Struct);
        result.KeySchema.Fields.Select(f => f.Name).Should().Equal(names);
        result.KeySchema.Fields.Select(f => f.Schema).Should().Equal(names.Select(n => ValueSchema.Field(n)!.Schema));
        var key = (Struct)result.Key!;
        foreach (var n in names)
        {
            key.GetWithoutDefault(n).Should().Be(value.GetWithoutDefault(n));
        }

        result.Value.Should().BeSameAs(value);
        result.ValueSchema.Should().BeSameAs(ValueSchema);
        result.KafkaPartition.Should().Be(1);
        result.Timestamp.Should().Be(99L);
    }

    [TestCase(true, "eu")]
    [TestCase(false, null)]
    public void Apply_NullFieldWithDefault_FollowsReplaceNullWithDefault(bool replaceNullWithDefault, string? expected)
    {
        using var smt = Configure("region", replaceNullWithDefault);
        var value = new Struct(ValueSchema).Put("id", 1);

        var key = (Struct)smt.Apply(new SourceRecord(null, null, "t", ValueSchema, value))!.Key!;

        key.GetWithoutDefault("region").Should().Be(expected);
    }

    [Test]
    public void Apply_StructMissingField_Throws()
    {
        using var smt = Configure("id,absent");

        var act = () => smt.Apply(new SourceRecord(null, null, "t", ValueSchema, new Struct(ValueSchema).Put("id", 1)));

        act.Should().Throw<DataException>().WithMessage("Field does not exist: absent");
    }

    [TestCase("id", "{\"id\":1}")]
    [TestCase("id,name", "{\"id\":1,\"name\":\"ann\"}")]
    [TestCase("id,absent", "{\"id\":1,\"absent\":null}")]
    public void Apply_Map_BuildsKeyMap(string fields, string expectedJson)
    {
        using var smt = Configure(fields);
        var value = new Dictionary<object, object?> { ["id"] = 1, ["name"] = "ann", ["other"] = true };

        var result = smt.Apply(new SourceRecord(null, null, "t", 0, Schema.String, "old", null, value))!;

        result.KeySchema.Should().BeNull();
        var key = (Dictionary<object, object?>)result.Key!;
        System.Text.Json.JsonSerializer.Serialize(key.ToDictionary(e => (string)e.Key, e => e.Value)).Should().Be(expectedJson);
        result.Value.Should().BeSameAs(value);
    }

    [TestCase(true, "Only Struct objects supported for [copying fields from value to key], found: null")]
    [TestCase(false, "Only Map objects supported in absence of schema for [copying fields from value to key], found: null")]
    public void Apply_Tombstone_Throws(bool withSchema, string message)
    {
        using var smt = Configure("id");

        var act = () => smt.Apply(new SourceRecord(null, null, "t", withSchema ? ValueSchema : null, null));

        act.Should().Throw<DataException>().WithMessage(message);
    }

    [TestCase(null, "Missing required configuration \"fields\" which has no default value.")]
    [TestCase("", "Invalid value [] for configuration fields: Empty list")]
    public void Configure_InvalidFields_Throws(string? fields, string message)
    {
        using var smt = new ValueToKey();
        var configs = fields is null ? new Dictionary<string, string>() : new Dictionary<string, string> { ["fields"] = fields };

        var act = () => smt.Configure(configs);

        act.Should().Throw<ConfigException>().WithMessage(message);
    }

    [TestCase(typeof(ValueToKey), "org.apache.kafka.connect.transforms.ValueToKey")]
    public void PluginAlias_IsKafkaClassName(Type type, string expected)
    {
        type.GetCustomAttributes(typeof(PluginAliasAttribute), false).Cast<PluginAliasAttribute>().Select(a => a.Name)
            .Should().Equal(expected);
        typeof(ITransformation).IsAssignableFrom(type).Should().BeTrue();
        typeof(IVersioned).IsAssignableFrom(type).Should().BeTrue();
    }

    [Test]
    public void Config_DeclaresKafkaKeys()
    {
        using var smt = new ValueToKey();

        smt.Config.Keys.Select(k => (k.Name, k.Type, k.HasDefault, k.DefaultValue)).Should().Equal(
            ("fields", ConfigType.List, false, null),
            ("replace.null.with.default", ConfigType.Boolean, true, (object)true));
    }

    private static ValueToKey Configure(string fields, bool replaceNullWithDefault = true)
    {
        var smt = new ValueToKey();
        smt.Configure(new Dictionary<string, string>
        {
            ["fields"] = fields,
            ["replace.null.with.default"] = replaceNullWithDefault ? "true" : "false",
        });
        return smt;
    }
}
