using StandaloneConnect.Sdk;
using StandaloneConnect.Sdk.Config;
using StandaloneConnect.Sdk.Data;
using StandaloneConnect.Sdk.Transforms;

namespace StandaloneConnect.Transforms.Tests;

public sealed class MaskFieldTests
{
    private static readonly Schema ValueSchema = SchemaBuilder.Struct()
        .Field("int8", Schema.Int8).Field("int16", Schema.Int16).Field("int32", Schema.Int32)
        .Field("int64", Schema.Int64).Field("float32", Schema.Float32).Field("float64", Schema.Float64)
        .Field("boolean", Schema.Boolean).Field("string", Schema.String).Field("bytes", Schema.Bytes)
        .Field("decimal", ConnectDecimal.Schema(2)).Field("timestamp", ConnectTimestamp.Schema)
        .Field("array", SchemaBuilder.Array(Schema.Int32).Build())
        .Field("map", SchemaBuilder.Map(Schema.String, Schema.String).Build())
        .Field("optional", Schema.OptionalString)
        .Field("withDefault", SchemaBuilder.Int32().Optional().Default(42).Build())
        .Build();

    private static IEnumerable<TestCaseData> NullMaskCases()
    {
        yield return new TestCaseData("int8", (sbyte)0);
        yield return new TestCaseData("int16", (short)0);
        yield return new TestCaseData("int32", 0);
        yield return new TestCaseData("int64", 0L);
        yield return new TestCaseData("float32", 0f);
        yield return new TestCaseData("float64", 0d);
        yield return new TestCaseData("boolean", false);
        yield return new TestCaseData("string", "");
        yield return new TestCaseData("decimal", 0m);
        yield return new TestCaseData("timestamp", DateTime.UnixEpoch);
        yield return new TestCaseData("array", new List<object?>());
        yield return new TestCaseData("map", new Dictionary<object, object?>());
        yield return new TestCaseData("optional", null);
        yield return new TestCaseData("withDefault", 0);
    }

    [TestCaseSource(nameof(NullMaskCases))]
    public void Apply_StructField_MasksWithTypeNullValue(string field, object? expected)
    {
        using var mask = Configure(new() { ["fields"] = field });

        var result = (Struct)mask.Apply(Record(ValueSchema, FullStruct()))!.Value!;

        result.Schema.Should().BeSameAs(ValueSchema);
        result.GetWithoutDefault(field).Should().BeEquivalentTo(expected);
        foreach (var other in ValueSchema.Fields.Where(f => f.Name != field && f.Name != "withDefault"))
        {
            result.GetWithoutDefault(other.Name).Should().BeEquivalentTo(FullStruct().GetWithoutDefault(other.Name));
        }
    }

    private static IEnumerable<TestCaseData> MapNullMaskCases() =>
        NullMaskCases().Where(c => (string?)c.Arguments[0] != "withDefault");

    [TestCaseSource(nameof(MapNullMaskCases))]
    public void Apply_MapField_MasksWithTypeNullValue(string field, object? expected)
    {
        using var mask = Configure(new() { ["fields"] = field });
        var input = FullMap();

        var result = (Dictionary<object, object?>)mask.Apply(Record(null, input))!.Value!;

        result[field].Should().BeEquivalentTo(expected);
        result.Should().HaveCount(input.Count);
        input[field].Should().BeEquivalentTo(FullMap()[field], "the input map is not changed");
    }

    [TestCase(true, 0)]
    [TestCase(false, null)]
    public void Apply_NullFieldWithDefault_FollowsReplaceNullWithDefault(bool replaceNullWithDefault, int? expected)
    {
        using var mask = Configure(new()
        {
            ["fields"] = "withDefault",
            ["replace.null.with.default"] = replaceNullWithDefault ? "true" : "false",
        });

        var result = (Struct)mask.Apply(Record(ValueSchema, FullStruct()))!.Value!;

        result.GetWithoutDefault("withDefault").Should().Be(expected);
    }

    [TestCase(false, null)]
    [TestCase(true, 42)]
    public void Apply_UnmaskedNullFieldWithDefault_FollowsReplaceNullWithDefault(bool replaceNullWithDefault, int? expected)
    {
        using var mask = Configure(new()
        {
            ["fields"] = "int32",
            ["replace.null.with.default"] = replaceNullWithDefault ? "true" : "false",
        });

        var result = (Struct)mask.Apply(Record(ValueSchema, FullStruct()))!.Value!;

        result.GetWithoutDefault("withDefault").Should().Be(expected);
    }

    private static IEnumerable<TestCaseData> ReplacementCases()
    {
        yield return new TestCaseData("int8", "12", (sbyte)12);
        yield return new TestCaseData("int16", "-7", (short)-7);
        yield return new TestCaseData("int32", "123", 123);
        yield return new TestCaseData("int32", "1.9", 1);
        yield return new TestCaseData("int64", "9000000000", 9000000000L);

        // new BigDecimal(text).longValue(): exponents, truncation toward zero, low-order 64 bits, then a Java cast.
        yield return new TestCaseData("int32", "1.5e2", 150);
        yield return new TestCaseData("int32", "-2.9", -2);
        yield return new TestCaseData("int32", "+7", 7);
        yield return new TestCaseData("int64", "18446744073709551617", 1L);
        yield return new TestCaseData("int64", "1e64", 0L);
        yield return new TestCaseData("int8", "200", (sbyte)-56);
        yield return new TestCaseData("int16", "5e-3", (short)0);
        yield return new TestCaseData("float64", "1E3", 1000d);
        yield return new TestCaseData("float32", "1.5", 1.5f);
        yield return new TestCaseData("float64", "-2.25", -2.25d);
        yield return new TestCaseData("decimal", "3.14", 3.14m);
        yield return new TestCaseData("string", "****", "****");
        yield return new TestCaseData("optional", "****", null);
    }

    [Test]
    public void Apply_StructsOfTwoSchemas_MasksEachByItsOwnFields()
    {
        var other = SchemaBuilder.Struct().Field("x", Schema.String).Field("string", Schema.String).Build();
        using var mask = Configure(new() { ["fields"] = "string" });

        var first = (Struct)mask.Apply(Record(ValueSchema, FullStruct()))!.Value!;
        var second = (Struct)mask.Apply(Record(other, new Struct(other).Put("x", "keep").Put("string", "secret")))!.Value!;
        var third = (Struct)mask.Apply(Record(ValueSchema, FullStruct()))!.Value!;

        first.GetString("string").Should().Be("");
        second.GetString("x").Should().Be("keep");
        second.GetString("string").Should().Be("");
        third.GetString("string").Should().Be("");
        third.GetInt32("int32").Should().Be(FullStruct().GetInt32("int32"));
    }

    [TestCaseSource(nameof(ReplacementCases))]
    public void Apply_Replacement_ConvertsToFieldType(string field, string replacement, object? expected)
    {
        using var mask = Configure(new() { ["fields"] = field, ["replacement"] = replacement });

        var structResult = (Struct)mask.Apply(Record(ValueSchema, FullStruct()))!.Value!;
        var mapResult = (Dictionary<object, object?>)mask.Apply(Record(null, FullMap()))!.Value!;

        structResult.GetWithoutDefault(field).Should().Be(expected);
        mapResult[field].Should().Be(expected);
    }

    // Kafka prints value.getClass(); Values.convertToXxx says "to a number", new BigDecimal(..) (decimal) "to number".
    [TestCase("boolean", "x", "Cannot mask value of type class java.lang.Boolean with custom replacement.")]
    [TestCase("timestamp", "x", "Cannot mask value of type class java.util.Date with custom replacement.")]
    [TestCase("array", "x", "Cannot mask value of type class java.util.ArrayList with custom replacement.")]
    [TestCase("map", "x", "Cannot mask value of type class java.util.HashMap with custom replacement.")]
    [TestCase("int32", "abc", "Unable to convert abc (class java.lang.String) to a number")]
    [TestCase("int8", "1 2", "Unable to convert 1 2 (class java.lang.String) to a number")]
    [TestCase("int64", "NaN", "Unable to convert NaN (class java.lang.String) to a number")]
    [TestCase("float64", "abc", "Unable to convert abc (class java.lang.String) to a number")]
    [TestCase("float32", "Infinity", "Unable to convert Infinity (class java.lang.String) to a number")]
    [TestCase("decimal", "abc", "Unable to convert abc (class java.lang.String) to number")]
    [TestCase("decimal", "1.2.3", "Unable to convert 1.2.3 (class java.lang.String) to number")]
    public void Apply_ReplacementForUnsupportedValue_Throws(string field, string replacement, string message)
    {
        using var mask = Configure(new() { ["fields"] = field, ["replacement"] = replacement });

        var act = () => mask.Apply(Record(ValueSchema, FullStruct()));

        act.Should().Throw<DataException>().WithMessage(message);
    }

    [Test]
    public void Apply_BytesField_Throws()
    {
        using var mask = Configure(new() { ["fields"] = "bytes" });

        var act = () => mask.Apply(Record(ValueSchema, FullStruct()));

        act.Should().Throw<DataException>().WithMessage("Cannot mask value of type: class [B");
    }

    // Kafka prints value.getClass() for values it has no "null value" or replacement for.
    [TestCase(null, "Cannot mask value of type: class org.apache.kafka.connect.data.Struct")]
    [TestCase("x", "Cannot mask value of type class org.apache.kafka.connect.data.Struct with custom replacement.")]
    public void Apply_StructTypedField_Throws(string? replacement, string message)
    {
        var inner = SchemaBuilder.Struct().Field("a", Schema.Int32).Build();
        var outer = SchemaBuilder.Struct().Field("nested", inner).Build();
        var configs = new Dictionary<string, string> { ["fields"] = "nested" };
        if (replacement is not null)
        {
            configs["replacement"] = replacement;
        }

        using var mask = Configure(configs);

        var act = () => mask.Apply(Record(outer, new Struct(outer).Put("nested", new Struct(inner).Put("a", 1))));

        act.Should().Throw<DataException>().WithMessage(message);
    }

    [Test]
    public void Apply_SchemalessMissingField_AddsNull()
    {
        using var mask = Configure(new() { ["fields"] = "ssn,absent" });
        var input = new Dictionary<object, object?> { ["ssn"] = "123-45", ["name"] = "ann" };

        var result = (Dictionary<object, object?>)mask.Apply(Record(null, input))!.Value!;

        result.Should().BeEquivalentTo(new Dictionary<object, object?> { ["ssn"] = "", ["name"] = "ann", ["absent"] = null });
    }

    [TestCase(true, "Only Struct objects supported for [mask fields], found: null")]
    [TestCase(false, "Only Map objects supported in absence of schema for [mask fields], found: null")]
    public void Apply_Tombstone_Throws(bool withSchema, string message)
    {
        using var mask = Configure(new() { ["fields"] = "a" });

        var act = () => mask.Apply(Record(withSchema ? ValueSchema : null, null));

        act.Should().Throw<DataException>().WithMessage(message);
    }

    [Test]
    public void Apply_SchemalessNonMap_Throws()
    {
        using var mask = Configure(new() { ["fields"] = "a" });

        var act = () => mask.Apply(Record(null, "text"));

        act.Should().Throw<DataException>()
            .WithMessage("Only Map objects supported in absence of schema for [mask fields], found: java.lang.String");
    }

    [Test]
    public void Apply_KeyVariant_MasksKeyOnly()
    {
        using var mask = new MaskField.Key();
        mask.Configure(new Dictionary<string, string> { ["fields"] = "id" });
        var record = new SourceRecord(null, null, "t", 0, null, new Dictionary<object, object?> { ["id"] = 5 },
            null, new Dictionary<object, object?> { ["id"] = 5 });

        var result = mask.Apply(record)!;

        result.Key.Should().BeEquivalentTo(new Dictionary<object, object?> { ["id"] = 0 });
        result.Value.Should().BeSameAs(record.Value);
    }

    [TestCase(null, "Missing required configuration \"fields\" which has no default value.")]
    [TestCase("", "Invalid value [] for configuration fields: Empty list")]
    [TestCase("a", null)]
    public void Configure_Fields_Validated(string? fields, string? message)
    {
        var configs = new Dictionary<string, string>();
        if (fields is not null)
        {
            configs["fields"] = fields;
        }

        using var mask = new MaskField.Value();
        var act = () => mask.Configure(configs);

        if (message is null)
        {
            act.Should().NotThrow();
        }
        else
        {
            act.Should().Throw<ConfigException>().WithMessage(message);
        }
    }

    [TestCase(" ", "Invalid value  for configuration replacement: String must be non-empty")]
    [TestCase("maybe", "Invalid value maybe for configuration replace.null.with.default: Expected value to be either true or false")]
    public void Configure_InvalidOptionalKeys_Throws(string value, string message)
    {
        var key = message.Contains("replacement", StringComparison.Ordinal) ? "replacement" : "replace.null.with.default";
        using var mask = new MaskField.Value();

        var act = () => mask.Configure(new Dictionary<string, string> { ["fields"] = "a", [key] = value });

        act.Should().Throw<ConfigException>().WithMessage(message);
    }

    [TestCase(typeof(MaskField.Key), "org.apache.kafka.connect.transforms.MaskField$Key")]
    [TestCase(typeof(MaskField.Value), "org.apache.kafka.connect.transforms.MaskField$Value")]
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
        using var mask = new MaskField.Value();

        mask.Config.Keys.Select(k => (k.Name, k.Type, k.HasDefault, k.DefaultValue)).Should().Equal(
            ("fields", ConfigType.List, false, null),
            ("replacement", ConfigType.String, true, null),
            ("replace.null.with.default", ConfigType.Boolean, true, (object)true));
        typeof(MaskField.Value).FullName.Should().Be("StandaloneConnect.Transforms.MaskField+Value");
    }

    private static MaskField.Value Configure(Dictionary<string, string> configs)
    {
        var mask = new MaskField.Value();
        mask.Configure(configs);
        return mask;
    }

    private static SourceRecord Record(Schema? schema, object? value) => new(null, null, "topic", schema, value);

    private static Struct FullStruct() => new Struct(ValueSchema)
        .Put("int8", (sbyte)8).Put("int16", (short)16).Put("int32", 32).Put("int64", 64L)
        .Put("float32", 32.5f).Put("float64", 64.5d).Put("boolean", true).Put("string", "secret")
        .Put("bytes", new byte[] { 1, 2 }).Put("decimal", 12.34m).Put("timestamp", new DateTime(2024, 1, 15, 0, 0, 0, DateTimeKind.Utc))
        .Put("array", new List<object?> { 1, 2 }).Put("map", new Dictionary<object, object?> { ["k"] = "v" });

    private static Dictionary<object, object?> FullMap()
    {
        var s = FullStruct();
        return ValueSchema.Fields.ToDictionary(f => (object)f.Name, f => s.GetWithoutDefault(f.Name));
    }
}
