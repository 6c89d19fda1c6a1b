using StandaloneConnect.Sdk;
using StandaloneConnect.Sdk.Config;
using StandaloneConnect.Sdk.Data;

namespace StandaloneConnect.Transforms.Tests;

public sealed class ReplaceFieldTests
{
    private static readonly Schema ValueSchema = SchemaBuilder.Struct().SetName("com.example.Row").SetVersion(2).SetDoc("a row")
        .Field("dont", Schema.String)
        .Field("abc", Schema.Int32)
        .Field("foo", Schema.Boolean)
        .Field("etc", SchemaBuilder.String().Optional().Default("dflt").Build())
        .Build();

    [TestCase("dont", "", "abc:xyz,foo:bar", "xyz,bar,etc")]
    [TestCase("", "abc,foo", "abc:xyz,foo:bar", "xyz,bar")]
    [TestCase("abc", "abc,foo", "", "foo")]
    [TestCase("", "", "", "dont,abc,foo,etc")]
    [TestCase("dont,abc,foo,etc", "", "", "")]
    [TestCase("", "missing", "", "")]
    public void Apply_SchemalessValue_FiltersAndRenames(string exclude, string include, string renames, string expectedKeys)
    {
        using var replace = Configure(new ReplaceField.Value(), exclude, include, renames);
        var value = new Dictionary<object, object?> { ["dont"] = "whatever", ["abc"] = 42, ["foo"] = true, ["etc"] = "etc" };

        var result = replace.Apply(Record(null, value))!;

        var original = new Dictionary<string, object?> { ["dont"] = "whatever", ["xyz"] = 42, ["abc"] = 42, ["foo"] = true, ["bar"] = true, ["etc"] = "etc" };
        var keys = expectedKeys.Length == 0 ? [] : expectedKeys.Split(',');
        result.ValueSchema.Should().BeNull();
        result.Value.Should().BeEquivalentTo(keys.ToDictionary(k => (object)k, k => original[k]));
    }

    [TestCase("dont", "", "abc:xyz,foo:bar", "xyz,bar,etc")]
    [TestCase("", "abc,foo", "abc:xyz,foo:bar", "xyz,bar")]
    [TestCase("abc", "abc,foo", "", "foo")]
    [TestCase("", "", "", "dont,abc,foo,etc")]
    public void Apply_StructValue_FiltersRenamesAndKeepsSchemaBasics(string exclude, string include, string renames, string expectedFields)
    {
        using var replace = Configure(new ReplaceField.Value(), exclude, include, renames);
        var value = new Struct(ValueSchema).Put("dont", "whatever").Put("abc", 42).Put("foo", true).Put("etc", "etc");

        var result = replace.Apply(Record(ValueSchema, value))!;

        var schema = result.ValueSchema!;
        schema.Name.Should().Be("com.example.Row");
        schema.Version.Should().Be(2);
        schema.Doc.Should().Be("a row");
        schema.Fields.Select(f => f.Name).Should().Equal(expectedFields.Split(','));
        var original = new Dictionary<string, (Schema Schema, object Value)>
        {
            ["dont"] = (Schema.String, "whatever"), ["abc"] = (Schema.Int32, 42), ["xyz"] = (Schema.Int32, 42),
            ["foo"] = (Schema.Boolean, true), ["bar"] = (Schema.Boolean, true), ["etc"] = (ValueSchema.Field("etc")!.Schema, "etc"),
        };
        foreach (var field in schema.Fields)
        {
            field.Schema.Should().Be(original[field.Name].Schema);
            ((Struct)result.Value!).Get(field).Should().Be(original[field.Name].Value);
        }
    }

    [TestCase(true, "dflt")]
    [TestCase(false, null)]
    public void Apply_NullFieldWithDefault_HonoursReplaceNullWithDefault(bool replaceNull, string? expected)
    {
        using var replace = new ReplaceField.Value();
        replace.Configure(new Dictionary<string, string>
        {
            ["renames"] = "etc:other", ["replace.null.with.default"] = replaceNull.ToString(),
        });
        var value = new Struct(ValueSchema).Put("dont", "d").Put("abc", 1).Put("foo", false);

        var result = (Struct)replace.Apply(Record(ValueSchema, value))!.Value!;

        result.GetWithoutDefault("other").Should().Be(expected);
    }

    [TestCase(false)]
    [TestCase(true)]
    public void Apply_Tombstone_ReturnsRecordUnchanged(bool withSchema)
    {
        using var replace = Configure(new ReplaceField.Value(), "dont", "", "");
        var record = Record(withSchema ? SchemaBuilder.Struct().Optional().Build() : null, null);

        replace.Apply(record).Should().BeSameAs(record);
    }

    [Test]
    public void Apply_KeyVariant_ChangesOnlyTheKey()
    {
        using var replace = Configure(new ReplaceField.Key(), "", "", "id:key_id");
        var record = new SourceRecord(null, null, "t", 0, null, new Dictionary<object, object?> { ["id"] = 1L },
            Schema.String, "v");

        var result = replace.Apply(record)!;

        result.Key.Should().BeEquivalentTo(new Dictionary<object, object?> { ["key_id"] = 1L });
        result.Value.Should().Be("v");
    }

    [TestCase(false, "Only Map objects supported in absence of schema for [field replacement], found: java.lang.Long")]
    [TestCase(true, "Only Struct objects supported for [field replacement], found: java.lang.Long")]
    public void Apply_WrongValueType_ThrowsKafkaMessage(bool withSchema, string message)
    {
        using var replace = Configure(new ReplaceField.Value(), "a", "", "");

        var act = () => replace.Apply(Record(withSchema ? Schema.Int64 : null, 5L));

        act.Should().Throw<DataException>().WithMessage(message);
    }

    [TestCase("abc", "Invalid value [abc] for configuration renames: Invalid rename mapping: abc")]
    [TestCase("a:b,c:d:e", "Invalid value [a:b, c:d:e] for configuration renames: Invalid rename mapping: c:d:e")]
    [TestCase("a:", "Invalid value [a:] for configuration renames: Invalid rename mapping: a:")]
    public void Configure_InvalidRename_Throws(string renames, string message)
    {
        var act = () => Configure(new ReplaceField.Value(), "", "", renames);

        act.Should().Throw<ConfigException>().WithMessage(message);
    }

    [Test]
    public void Config_DeclaresKafkaKeysAndDefaults()
    {
        using var replace = new ReplaceField.Value();

        replace.Config.Keys.Select(k => k.Name).Should().Equal("exclude", "include", "renames", "replace.null.with.default");
        replace.Config["exclude"]!.DefaultValue.Should().BeEquivalentTo(new List<string>());
        replace.Config["renames"]!.Type.Should().Be(ConfigType.List);
        replace.Config["blacklist"].Should().BeNull();
    }

    [TestCase(typeof(ReplaceField.Key), "org.apache.kafka.connect.transforms.ReplaceField$Key")]
    [TestCase(typeof(ReplaceField.Value), "org.apache.kafka.connect.transforms.ReplaceField$Value")]
    public void Variants_CarryKafkaAlias(Type type, string alias)
    {
        type.GetCustomAttributes(typeof(PluginAliasAttribute), false).Cast<PluginAliasAttribute>().Select(a => a.Name)
            .Should().Equal(alias);
    }

    private static ReplaceField Configure(ReplaceField transform, string exclude, string include, string renames)
    {
        transform.Configure(new Dictionary<string, string> { ["exclude"] = exclude, ["include"] = include, ["renames"] = renames });
        return transform;
    }

    private static SourceRecord Record(Schema? schema, object? value) => new(null, null, "t", 0, null, null, schema, value);
}
