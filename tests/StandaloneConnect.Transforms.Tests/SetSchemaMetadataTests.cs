using StandaloneConnect.Sdk;
using StandaloneConnect.Sdk.Config;
using StandaloneConnect.Sdk.Data;
using StandaloneConnect.Sdk.Transforms;

namespace StandaloneConnect.Transforms.Tests;

public sealed class SetSchemaMetadataTests
{
    private static readonly Schema Nested = SchemaBuilder.Struct().SetName("inner").Field("x", Schema.Int32).Build();

    private static readonly Schema ValueSchema = SchemaBuilder.Struct()
        .SetName("old.Name").SetVersion(1).SetDoc("doc").Parameter("p", "v").Optional()
        .Field("id", Schema.Int32)
        .Field("region", SchemaBuilder.String().Optional().Default("eu").Build())
        .Field("inner", Nested)
        .Build();

    [TestCase("new.Name", null, "new.Name", 1)]
    [TestCase(null, "5", "old.Name", 5)]
    [TestCase("new.Name", "7", "new.Name", 7)]
    public void Apply_Struct_SetsNameAndVersion(string? name, string? version, string expectedName, int expectedVersion)
    {
        using var smt = Configure<SetSchemaMetadata.Value>(name, version);
        var value = new Struct(ValueSchema).Put("id", 3).Put("region", "us").Put("inner", new Struct(Nested).Put("x", 9));

        var result = smt.Apply(new SourceRecord(null, null, "t", 0, Schema.String, "k", ValueSchema, value))!;

        var schema = result.ValueSchema!;
        (schema.Name, schema.Version, schema.Doc, schema.IsOptional).Should().Be((expectedName, (int?)expectedVersion, "doc", true));
        schema.Parameters.Should().Equal(new Dictionary<string, string> { ["p"] = "v" });
        schema.Fields.Should().Equal(ValueSchema.Fields);
        var updated = (Struct)result.Value!;
        updated.Schema.Should().BeSameAs(schema);
        (updated.Get("id"), updated.Get("region")).Should().Be((3, "us"));
        updated.Get("inner").Should().Be(new Struct(Nested).Put("x", 9));
        (result.Key, result.KeySchema).Should().Be(("k", Schema.String));
    }

    [TestCase(true, "eu")]
    [TestCase(false, null)]
    public void Apply_NullFieldWithDefault_FollowsReplaceNullWithDefault(bool replaceNullWithDefault, string? expected)
    {
        using var smt = Configure<SetSchemaMetadata.Value>("n", null, replaceNullWithDefault);
        var value = new Struct(ValueSchema).Put("id", 3).Put("inner", new Struct(Nested).Put("x", 1));

        var updated = (Struct)smt.Apply(new SourceRecord(null, null, "t", ValueSchema, value))!.Value!;

        updated.GetWithoutDefault("region").Should().Be(expected);
    }

    [Test]
    public void Apply_KeyTombstoneWithSchema_RenamesSchemaKeepsNull()
    {
        using var smt = Configure<SetSchemaMetadata.Key>("key.Name", "2");

        var result = smt.Apply(new SourceRecord(null, null, "t", 0, ValueSchema, null, Schema.Int32, 5))!;

        (result.KeySchema!.Name, result.KeySchema.Version, result.Key).Should().Be(("key.Name", (int?)2, (object?)null));
        (result.Value, result.ValueSchema).Should().Be(((object)5, Schema.Int32));
    }

    [Test]
    public void Apply_StructSchemaWithDefault_KeepsDefaultValues()
    {
        var schema = SchemaBuilder.Struct().SetName("a").Optional().Field("x", Schema.Int32)
            .Default(new Struct(SchemaBuilder.Struct().SetName("a").Optional().Field("x", Schema.Int32).Build()).Put("x", 4))
            .Build();
        using var smt = Configure<SetSchemaMetadata.Value>("b", null);

        var result = smt.Apply(new SourceRecord(null, null, "t", schema, null))!;

        result.ValueSchema!.Name.Should().Be("b");
        ((Struct)result.ValueSchema.DefaultValue!).Get("x").Should().Be(4);
    }

    [TestCase(SchemaType.Int32)]
    [TestCase(SchemaType.String)]
    public void Apply_NonStructSchema_Throws(SchemaType type)
    {
        using var smt = Configure<SetSchemaMetadata.Value>("n", null);
        var record = new SourceRecord(null, null, "t", SchemaBuilder.OfType(type).Build(), type == SchemaType.Int32 ? 1 : "s");

        var act = () => smt.Apply(record);

        act.Should().Throw<DataException>().WithMessage("Cannot list fields on non-struct type");
    }

    [Test]
    public void Apply_ArraySchema_Throws()
    {
        using var smt = Configure<SetSchemaMetadata.Value>("n", null);
        var record = new SourceRecord(null, null, "t", SchemaBuilder.Array(Schema.Int32).Build(), new List<object?> { 1 });

        var act = () => smt.Apply(record);

        act.Should().Throw<DataException>().WithMessage("Cannot list fields on non-struct type");
    }

    [TestCase(true)]
    [TestCase(false)]
    public void Apply_Schemaless_Throws(bool tombstone)
    {
        using var smt = Configure<SetSchemaMetadata.Value>("n", null);
        var record = new SourceRecord(null, null, "t", null, tombstone ? null : new Dictionary<object, object?> { ["a"] = 1 });

        var act = () => smt.Apply(record);

        act.Should().Throw<DataException>().WithMessage("Schema required for [updating schema metadata]");
    }

    [TestCase(null, null, "Neither schema name nor version configured")]
    [TestCase(null, "x", "Invalid value x for configuration schema.version: Not a number of type INT")]
    public void Configure_Invalid_Throws(string? name, string? version, string message)
    {
        var act = () => Configure<SetSchemaMetadata.Value>(name, version).Dispose();

        act.Should().Throw<ConfigException>().WithMessage(message);
    }

    [TestCase(typeof(SetSchemaMetadata.Key), "org.apache.kafka.connect.transforms.SetSchemaMetadata$Key")]
    [TestCase(typeof(SetSchemaMetadata.Value), "org.apache.kafka.connect.transforms.SetSchemaMetadata$Value")]
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
        using var smt = new SetSchemaMetadata.Key();

        smt.Config.Keys.Select(k => (k.Name, k.Type, k.DefaultValue)).Should().Equal(
            ("schema.name", ConfigType.String, null),
            ("schema.version", ConfigType.Int, null),
            ("replace.null.with.default", ConfigType.Boolean, (object)true));
    }

    private static T Configure<T>(string? name, string? version, bool replaceNullWithDefault = true)
        where T : SetSchemaMetadata, new()
    {
        var configs = new Dictionary<string, string> { ["replace.null.with.default"] = replaceNullWithDefault ? "true" : "false" };
        if (name is not null)
        {
            configs["schema.name"] = name;
        }

        if (version is not null)
        {
            configs["schema.version"] = version;
        }

        var smt = new T();
        smt.Configure(configs);
        return smt;
    }
}
