using StandaloneConnect.Sdk;
using StandaloneConnect.Sdk.Config;
using StandaloneConnect.Sdk.Data;

namespace StandaloneConnect.Transforms.Tests;

public sealed class ExtractFieldTests
{
    private static readonly Schema Inner = SchemaBuilder.Struct().Optional()
        .Field("baz", Schema.Int32)
        .Field("dflt", SchemaBuilder.Int32().Optional().Default(7).Build())
        .Build();

    private static readonly Schema ValueSchema = SchemaBuilder.Struct()
        .Field("magic", Schema.Int32)
        .Field("withDefault", SchemaBuilder.String().Optional().Default("fallback").Build())
        .Field("foo.bar", Inner)
        .Field("inner", Inner)
        .Build();

    [TestCase("magic", 42L)]
    [TestCase("missing", null)]
    public void Apply_SchemalessKey_ExtractsEntry(string field, object? expected)
    {
        using var extract = Configure(new ExtractField.Key(), field);

        var result = extract.Apply(Record(null, new Dictionary<object, object?> { ["magic"] = 42L }))!;

        result.KeySchema.Should().BeNull();
        result.Key.Should().Be(expected);
        result.Value.Should().Be("v");
    }

    [Test]
    public void Apply_StructKey_ExtractsFieldSchemaAndValue()
    {
        using var extract = Configure(new ExtractField.Key(), "magic");

        var result = extract.Apply(Record(ValueSchema, FullStruct()))!;

        result.KeySchema.Should().Be(Schema.Int32);
        result.Key.Should().Be(42);
    }

    [TestCase(false)]
    [TestCase(true)]
    public void Apply_NullKey_PassesNullThrough(bool withSchema)
    {
        using var extract = Configure(new ExtractField.Key(), "magic");

        var result = extract.Apply(Record(withSchema ? ValueSchema : null, null))!;

        result.Key.Should().BeNull();
        result.KeySchema.Should().Be(withSchema ? Schema.Int32 : null);
    }

    [TestCase(true, "fallback")]
    [TestCase(false, null)]
    public void Apply_NullFieldWithDefault_HonoursReplaceNullWithDefault(bool replace, string? expected)
    {
        using var extract = Configure(new ExtractField.Key(), "withDefault", replace: replace);

        var result = extract.Apply(Record(ValueSchema, FullStruct()))!;

        result.KeySchema.Should().Be(ValueSchema.Field("withDefault")!.Schema);
        result.Key.Should().Be(expected);
    }

    [Test]
    public void Apply_UnknownStructField_Throws()
    {
        using var extract = Configure(new ExtractField.Key(), "nonexistent");

        var act = () => extract.Apply(Record(ValueSchema, FullStruct()));

        act.Should().Throw<ArgumentException>().WithMessage("Unknown field: nonexistent");
    }

    [TestCase(false, "Only Map objects supported in absence of schema for [field extraction], found: java.lang.String")]
    [TestCase(true, "Only Struct objects supported for [field extraction], found: java.lang.String")]
    public void Apply_WrongValueType_ThrowsKafkaMessage(bool withSchema, string message)
    {
        using var extract = Configure(new ExtractField.Key(), "magic");

        var act = () => extract.Apply(Record(withSchema ? ValueSchema : null, "text"));

        act.Should().Throw<DataException>().WithMessage(message);
    }

    [TestCase("V1", "foo.bar", "dotted")]
    [TestCase("V2", "foo.bar", "nested")]
    [TestCase("v2", "`foo.bar`", "dotted")]
    [TestCase("V2", "`foo.bar`.baz", "quoted-nested")]
    [TestCase("V2", "foo.missing", null)]
    [TestCase("V2", "foo.scalar.x", null)]
    [TestCase("V2", "`a\\`.b`.c", "escaped")]
    [TestCase("V2", "odd`name", "backtick-inside")]
    [TestCase("V2", "trailing.", "trailing-empty")]
    public void Apply_SchemalessPath_FollowsSyntaxVersion(string version, string path, string? expected)
    {
        using var extract = Configure(new ExtractField.Value(), path, version);
        var value = new Dictionary<object, object?>
        {
            ["foo.bar"] = "dotted",
            ["foo"] = new Dictionary<object, object?> { ["bar"] = "nested", ["scalar"] = null },
            ["a`.b"] = new Dictionary<object, object?> { ["c"] = "escaped" },
            ["odd`name"] = "backtick-inside",
            ["trailing"] = new Dictionary<object, object?> { [""] = "trailing-empty" },
        };
        var quoted = new Dictionary<object, object?> { ["foo.bar"] = new Dictionary<object, object?> { ["baz"] = "quoted-nested" } };

        var input = path == "`foo.bar`.baz" ? quoted : value;
        var result = extract.Apply(new SourceRecord(null, null, "t", 0, null, null, null, input))!;

        result.Value.Should().Be(expected);
    }

    [Test]
    public void Apply_SchemalessNonMapIntermediate_Throws()
    {
        using var extract = Configure(new ExtractField.Value(), "foo.bar", "V2");
        var value = new Dictionary<object, object?> { ["foo"] = 5L };

        var act = () => extract.Apply(new SourceRecord(null, null, "t", 0, null, null, null, value));

        act.Should().Throw<DataException>()
            .WithMessage("Only Map objects supported in absence of schema for [nested field access], found: java.lang.Long");
    }

    [TestCase("`foo.bar`.baz", 1, true)]
    [TestCase("inner.baz", 2, true)]
    [TestCase("inner.dflt", 7, true)]
    [TestCase("inner.dflt", null, false)]
    public void Apply_StructV2Path_ExtractsNestedField(string path, int? expected, bool replace)
    {
        using var extract = Configure(new ExtractField.Value(), path, "V2", replace);

        var result = extract.Apply(new SourceRecord(null, null, "t", 0, null, null, ValueSchema, FullStruct()))!;

        result.ValueSchema.Should().Be(Inner.Field(path.Split('.')[^1])!.Schema);
        result.Value.Should().Be(expected);
    }

    [Test]
    public void Apply_StructV2NullIntermediate_ReturnsNull()
    {
        using var extract = Configure(new ExtractField.Value(), "inner.baz", "V2");
        var value = new Struct(ValueSchema).Put("magic", 1);

        var result = extract.Apply(new SourceRecord(null, null, "t", 0, null, null, ValueSchema, value))!;

        result.ValueSchema.Should().Be(Schema.Int32);
        result.Value.Should().BeNull();
    }

    [Test]
    public void Apply_StructV2PathThroughNonStruct_Throws()
    {
        using var extract = Configure(new ExtractField.Value(), "magic.x", "V2");

        var act = () => extract.Apply(new SourceRecord(null, null, "t", 0, null, null, ValueSchema, FullStruct()));

        act.Should().Throw<DataException>().WithMessage("Cannot look up fields on non-struct type");
    }

    [Test]
    public void Apply_StructV1DottedName_IsOneField()
    {
        using var extract = Configure(new ExtractField.Value(), "foo.bar");

        var result = extract.Apply(new SourceRecord(null, null, "t", 0, null, null, ValueSchema, FullStruct()))!;

        result.ValueSchema.Should().Be(Inner);
        ((Struct)result.Value!).Get("baz").Should().Be(1);
    }

    [TestCase("field.syntax.version", "V3", "Invalid value V3 for configuration field.syntax.version: String must be one of (case insensitive): V1, V2")]
    [TestCase("field", "`foo.bar", "Incomplete backtick pair in path: [`foo.bar], consider adding a backslash before backtick at position 0 to escape it")]
    [TestCase("field", "a.`b\\`", "Incomplete backtick pair in path: [a.`b\\`], consider adding a backslash before backtick at position 2 to escape it")]
    public void Configure_InvalidSyntax_Throws(string key, string value, string message)
    {
        var config = new Dictionary<string, string> { ["field"] = "x", ["field.syntax.version"] = "V2", [key] = value };

        var act = () => new ExtractField.Value().Configure(config);

        act.Should().Throw<ConfigException>().WithMessage(message);
    }

    [Test]
    public void Configure_MissingField_Throws()
    {
        var act = () => new ExtractField.Value().Configure(new Dictionary<string, string>());

        act.Should().Throw<ConfigException>().WithMessage("Missing required configuration \"field\" which has no default value.");
    }

    [Test]
    public void Config_DeclaresKafkaKeysAndDefaults()
    {
        using var extract = new ExtractField.Value();

        extract.Config.Keys.Select(k => k.Name).Should().BeEquivalentTo("field", "field.syntax.version", "replace.null.with.default");
        extract.Config["field"]!.Required.Should().BeTrue();
        extract.Config["field.syntax.version"]!.DefaultValue.Should().Be("V1");
        extract.Config["replace.null.with.default"]!.DefaultValue.Should().Be(true);
    }

    [TestCase(typeof(ExtractField.Key), "org.apache.kafka.connect.transforms.ExtractField$Key")]
    [TestCase(typeof(ExtractField.Value), "org.apache.kafka.connect.transforms.ExtractField$Value")]
    public void Variants_CarryKafkaAlias(Type type, string alias)
    {
        type.GetCustomAttributes(typeof(PluginAliasAttribute), false).Cast<PluginAliasAttribute>().Select(a => a.Name)
            .Should().Equal(alias);
    }

    private static Struct FullStruct() => new Struct(ValueSchema)
        .Put("magic", 42)
        .Put("foo.bar", new Struct(Inner).Put("baz", 1))
        .Put("inner", new Struct(Inner).Put("baz", 2));

    private static ExtractField Configure(ExtractField transform, string field, string version = "V1", bool replace = true)
    {
        transform.Configure(new Dictionary<string, string>
        {
            ["field"] = field, ["field.syntax.version"] = version, ["replace.null.with.default"] = replace ? "true" : "false",
        });
        return transform;
    }

    private static SourceRecord Record(Schema? keySchema, object? key) => new(null, null, "t", 0, keySchema, key, Schema.String, "v");
}
