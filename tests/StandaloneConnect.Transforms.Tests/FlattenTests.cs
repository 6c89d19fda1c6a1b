using StandaloneConnect.Sdk;
using StandaloneConnect.Sdk.Config;
using StandaloneConnect.Sdk.Data;

namespace StandaloneConnect.Transforms.Tests;

public sealed class FlattenTests
{
    private static readonly Schema Address = SchemaBuilder.Struct().SetName("Address")
        .Field("street", Schema.String)
        .Field("zip", Schema.OptionalInt32)
        .Build();

    private static readonly Schema OptionalAddress = SchemaBuilder.Struct().SetName("Address").Optional()
        .Field("street", Schema.String)
        .Field("zip", Schema.OptionalInt32)
        .Build();

    public static IEnumerable<TestCaseData> MapCases()
    {
        yield return new TestCaseData(".",
            new Dictionary<string, object?> { ["id"] = 1, ["user"] = new Dictionary<string, object?> { ["name"] = "ann", ["age"] = 30L } },
            new Dictionary<string, object?> { ["id"] = 1, ["user.name"] = "ann", ["user.age"] = 30L })
            .SetName("Apply_NestedMap_JoinsNamesWithDelimiter");
        yield return new TestCaseData("_",
            new Dictionary<string, object?>
            {
                ["a"] = new Dictionary<string, object?> { ["b"] = new Dictionary<string, object?> { ["c"] = true } },
                ["n"] = null,
                ["list"] = new List<object?> { 1, 2 },
            },
            new Dictionary<string, object?> { ["a_b_c"] = true, ["n"] = null, ["list"] = new List<object?> { 1, 2 } })
            .SetName("Apply_DeepMapWithNullAndArray_FlattensMapsOnly");
        yield return new TestCaseData(".",
            new Dictionary<string, object?> { ["empty"] = new Dictionary<string, object?>(), ["x"] = 2.5, ["b"] = new byte[] { 1 } },
            new Dictionary<string, object?> { ["x"] = 2.5, ["b"] = new byte[] { 1 } })
            .SetName("Apply_EmptyNestedMap_ContributesNoFields");
    }

    [TestCaseSource(nameof(MapCases))]
    public void ApplyMapCase(string delimiter, Dictionary<string, object?> input, Dictionary<string, object?> expected)
    {
        using var flatten = Create<Flatten.Value>(delimiter);

        var result = flatten.Apply(Record(null, input))!;

        result.ValueSchema.Should().BeNull();
        result.Value.Should().BeEquivalentTo(expected, o => o.WithStrictOrdering());
    }

    [Test]
    public void Apply_Struct_FlattensFieldsAndSchema()
    {
        var schema = SchemaBuilder.Struct().SetName("Person").SetVersion(2)
            .Field("id", Schema.Int64)
            .Field("home", Address)
            .Field("work", OptionalAddress)
            .Field("tags", SchemaBuilder.Array(Schema.String).Build())
            .Build();
        var value = new Struct(schema).Put("id", 7L)
            .Put("home", new Struct(Address).Put("street", "Main").Put("zip", 1000))
            .Put("tags", new List<object?> { "a" });
        using var flatten = Create<Flatten.Value>("_");

        var result = flatten.Apply(Record(schema, value))!;

        var flat = result.ValueSchema!;
        flat.Name.Should().Be("Person");
        flat.Version.Should().Be(2);
        flat.Fields.Select(f => (f.Name, f.Schema.Type, f.Schema.IsOptional)).Should().Equal(
            ("id", SchemaType.Int64, false),
            ("home_street", SchemaType.String, false),
            ("home_zip", SchemaType.Int32, true),
            ("work_street", SchemaType.String, true),
            ("work_zip", SchemaType.Int32, true),
            ("tags", SchemaType.Array, false));
        var st = (Struct)result.Value!;
        st.Get("id").Should().Be(7L);
        st.Get("home_street").Should().Be("Main");
        st.Get("home_zip").Should().Be(1000);
        st.Get("work_street").Should().BeNull();
        st.Get("work_zip").Should().BeNull();
        st.Get("tags").Should().BeEquivalentTo(new List<object?> { "a" });
        st.ToString().Should().Be("Struct{id=7,home_street=Main,home_zip=1000,tags=[a]}");
    }

    [Test]
    public void Apply_OptionalTopLevelStruct_MakesEveryFieldOptional()
    {
        var schema = SchemaBuilder.Struct().Optional().Field("a", Schema.Int32).Field("inner", Address).Build();
        var value = new Struct(schema).Put("a", 1).Put("inner", new Struct(Address).Put("street", "x"));
        using var flatten = Create<Flatten.Value>(".");

        var result = flatten.Apply(Record(schema, value))!;

        result.ValueSchema!.IsOptional.Should().BeFalse("Kafka copies only name, version, doc and parameters of the top-level schema");
        result.ValueSchema.Fields.Select(f => (f.Name, f.Schema.IsOptional)).Should().Equal(
            ("a", true), ("inner.street", true), ("inner.zip", true));
        ((Struct)result.Value!).ToString().Should().Be("Struct{a=1,inner.street=x}");
    }

    [Test]
    public void Apply_DefaultsOfParentStruct_CarryDown()
    {
        var inner = SchemaBuilder.Struct().Optional().Field("n", Schema.OptionalInt32).Build();
        var innerWithDefault = SchemaBuilder.Struct().Optional().Field("n", Schema.OptionalInt32)
            .Default(new Struct(inner).Put("n", 5)).Build();
        var schema = SchemaBuilder.Struct()
            .Field("d", SchemaBuilder.String().Optional().Default("dflt").Build())
            .Field("inner", innerWithDefault)
            .Build();
        using var flatten = Create<Flatten.Value>(".");

        var result = flatten.Apply(Record(schema, new Struct(schema)))!;

        result.ValueSchema!.Field("d")!.Schema.DefaultValue.Should().Be("dflt");
        result.ValueSchema.Field("inner.n")!.Schema.DefaultValue.Should().Be(5);
        var st = (Struct)result.Value!;
        st.Get("d").Should().Be("dflt");
        st.Get("inner.n").Should().Be(5);
    }

    [Test]
    public void Apply_Key_FlattensKeyAndKeepsValue()
    {
        using var flatten = Create<Flatten.Key>(".");
        var record = new SinkRecord("t", 1, null, new Dictionary<string, object?> { ["k"] = new Dictionary<string, object?> { ["x"] = 1 } },
            Schema.String, "v", 9, 100L, TimestampType.CreateTime);

        var result = flatten.Apply(record)!;

        result.Key.Should().BeEquivalentTo(new Dictionary<string, object?> { ["k.x"] = 1 });
        result.KeySchema.Should().BeNull();
        result.Value.Should().Be("v");
        result.ValueSchema.Should().Be(Schema.String);
        result.Timestamp.Should().Be(100L);
    }

    [TestCase(true)]
    [TestCase(false)]
    public void Apply_Tombstone_ReturnsRecordUnchanged(bool withSchema)
    {
        using var flatten = Create<Flatten.Value>(".");
        var record = Record(withSchema ? OptionalAddress : null, null);

        flatten.Apply(record).Should().BeSameAs(record);
    }

    [Test]
    public void Apply_SchemalessNonMap_Throws()
    {
        using var flatten = Create<Flatten.Value>(".");

        FluentActions.Invoking(() => flatten.Apply(Record(null, "text"))).Should().Throw<DataException>()
            .WithMessage("Only Map objects supported in absence of schema for [flattening], found: java.lang.String");
    }

    [Test]
    public void Apply_SchemaButNoStruct_Throws()
    {
        using var flatten = Create<Flatten.Value>(".");

        FluentActions.Invoking(() => flatten.Apply(Record(Schema.Int32, 5))).Should().Throw<DataException>()
            .WithMessage("Only Struct objects supported for [flattening], found: java.lang.Integer");
    }

    [Test]
    public void Apply_MapFieldInStructSchema_Throws()
    {
        var schema = SchemaBuilder.Struct().Field("m", SchemaBuilder.Map(Schema.String, Schema.String).Build()).Build();
        using var flatten = Create<Flatten.Value>(".");

        FluentActions.Invoking(() => flatten.Apply(Record(schema, new Struct(schema).Put("m", new Dictionary<string, object?>()))))
            .Should().Throw<DataException>()
            .WithMessage("Flatten transformation does not support MAP for record with schemas (for field m).");
    }

    [Test]
    public void Apply_StructInsideSchemalessMap_Throws()
    {
        using var flatten = Create<Flatten.Value>(".");
        var value = new Dictionary<string, object?> { ["s"] = new Struct(Address).Put("street", "x") };

        FluentActions.Invoking(() => flatten.Apply(Record(null, value))).Should().Throw<DataException>()
            .WithMessage("Flatten transformation does not support class org.apache.kafka.connect.data.Struct for record without schemas (for field s).");
    }

    [Test]
    public void Apply_SameSchemaTwice_ReusesFlattenedSchema()
    {
        using var flatten = Create<Flatten.Value>(".");
        var schema = SchemaBuilder.Struct().Field("a", Address).Build();
        var value = new Struct(schema).Put("a", new Struct(Address).Put("street", "s"));

        var first = flatten.Apply(Record(schema, value))!.ValueSchema;
        var second = flatten.Apply(Record(schema, value))!.ValueSchema;

        second.Should().BeSameAs(first);
    }

    [Test]
    public void Config_DelimiterDefaultsToDot()
    {
        using var flatten = new Flatten.Value();

        flatten.Config.Keys.Should().ContainSingle().Which.Should().Match<ConfigKey>(k => k.Name == "delimiter" && (string?)k.DefaultValue == ".");
    }

    [Test]
    public void Variants_CarryKafkaAliases()
    {
        typeof(Flatten.Key).GetCustomAttributes(typeof(PluginAliasAttribute), false).Cast<PluginAliasAttribute>()
            .Select(a => a.Name).Should().Equal("org.apache.kafka.connect.transforms.Flatten$Key");
        typeof(Flatten.Value).GetCustomAttributes(typeof(PluginAliasAttribute), false).Cast<PluginAliasAttribute>()
            .Select(a => a.Name).Should().Equal("org.apache.kafka.connect.transforms.Flatten$Value");
    }

    private static T Create<T>(string delimiter)
        where T : Flatten, new()
    {
        var flatten = new T();
        flatten.Configure(new Dictionary<string, string> { ["delimiter"] = delimiter });
        return flatten;
    }

    private static SinkRecord Record(Schema? schema, object? value) =>
        new("topic", 0, Schema.String, "key", schema, value, 0, 42L, TimestampType.CreateTime);
}
