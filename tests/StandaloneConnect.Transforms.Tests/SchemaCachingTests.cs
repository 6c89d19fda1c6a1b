using FluentAssertions;
using StandaloneConnect.Sdk;
using StandaloneConnect.Sdk.Data;
using StandaloneConnect.Sdk.Transforms;
using StandaloneConnect.Transforms.Predicates;

namespace StandaloneConnect.Transforms.Tests;

/// <summary>
/// The SMTs that derive a schema per input schema cache it (Kafka: an LRU of 16): one schema instance per input
/// schema, correct output when schemas alternate, and a fresh derivation after reconfiguration.
/// </summary>
public sealed class SchemaCachingTests
{
    private static readonly Schema SchemaA = SchemaBuilder.Struct().Field("id", Schema.Int32).Field("name", Schema.String).Build();
    private static readonly Schema SchemaB = SchemaBuilder.Struct().Field("id", Schema.Int32).Field("city", Schema.String).Build();

    private static Struct ValueA() => new Struct(SchemaA).Put("id", 1).Put("name", "ann");

    private static Struct ValueB() => new Struct(SchemaB).Put("id", 2).Put("city", "oslo");

    private static SourceRecord Record(Struct value, string topic = "t") =>
        new(null, null, topic, 0, null, null, value.Schema, value, 5L);

    private static IEnumerable<TestCaseData> Transforms()
    {
        yield return Case<InsertField.Value>("InsertField", new() { ["static.field"] = "src", ["static.value"] = "x" },
            new() { ["static.field"] = "origin", ["static.value"] = "y" }, "id,name,src", "id,city,src", "id,name,origin");
        yield return Case<ReplaceField.Value>("ReplaceField", new() { ["renames"] = "id:key" },
            new() { ["renames"] = "id:pk" }, "key,name", "key,city", "pk,name");
        yield return Case<HoistField.Value>("HoistField", new() { ["field"] = "wrap" },
            new() { ["field"] = "outer" }, "wrap", "wrap", "outer");
        yield return Case<HeaderFrom.Value>("HeaderFrom", new() { ["fields"] = "id", ["headers"] = "h", ["operation"] = "move" },
            new() { ["fields"] = "name", ["headers"] = "h", ["operation"] = "move" }, "name", "city", "id");
        yield return Case<Cast.Value>("Cast", new() { ["spec"] = "id:string" },
            new() { ["spec"] = "id:int64" }, "id,name", "id,city", "id,name");
        yield return Case<Flatten.Value>("Flatten", new() { ["delimiter"] = "_" },
            new() { ["delimiter"] = "." }, "id,name", "id,city", "id,name");
    }

    private static TestCaseData Case<T>(string name, Dictionary<string, string> first, Dictionary<string, string> second,
        string fieldsA, string fieldsB, string fieldsAAfterReconfigure)
        where T : ITransformation, new() =>
        new TestCaseData(new Func<ITransformation>(() => new T()), first, second, fieldsA, fieldsB, fieldsAAfterReconfigure)
            .SetArgDisplayNames(name);

    [TestCaseSource(nameof(Transforms))]
    public void Apply_AlternatingSchemas_ReusesDerivedSchemaPerInput(Func<ITransformation> create,
        Dictionary<string, string> config, Dictionary<string, string> _, string fieldsA, string fieldsB, string __)
    {
        using var smt = create();
        smt.Configure(config);

        var a1 = smt.Apply(Record(ValueA()))!.ValueSchema!;
        var b1 = smt.Apply(Record(ValueB()))!.ValueSchema!;
        var a2 = smt.Apply(Record(ValueA()))!.ValueSchema!;
        var b2 = smt.Apply(Record(ValueB()))!.ValueSchema!;

        FieldNames(a1).Should().Be(fieldsA);
        FieldNames(b1).Should().Be(fieldsB);
        a2.Should().BeSameAs(a1);
        b2.Should().BeSameAs(b1);
    }

    private static IEnumerable<TestCaseData> FieldCopyingTransforms()
    {
        foreach (var replaceNull in new[] { "true", "false" })
        {
            yield return new TestCaseData(new Func<ITransformation>(() => new InsertField.Value()),
                new Dictionary<string, string> { ["static.field"] = "src", ["static.value"] = "x", ["replace.null.with.default"] = replaceNull })
                .SetArgDisplayNames("InsertField", replaceNull);
            yield return new TestCaseData(new Func<ITransformation>(() => new ReplaceField.Value()),
                new Dictionary<string, string> { ["renames"] = "id:key", ["replace.null.with.default"] = replaceNull })
                .SetArgDisplayNames("ReplaceField", replaceNull);
            yield return new TestCaseData(new Func<ITransformation>(() => new MaskField.Value()),
                new Dictionary<string, string> { ["fields"] = "id", ["replace.null.with.default"] = replaceNull })
                .SetArgDisplayNames("MaskField", replaceNull);
        }
    }

    /// <summary>
    /// The cache is keyed by schema equality, so the fields it resolved may belong to an equal schema instance: the
    /// values must still be read (defaults included) exactly as from the record's own schema.
    /// </summary>
    [TestCaseSource(nameof(FieldCopyingTransforms))]
    public void Apply_EqualSchemaInstances_SameValues(Func<ITransformation> create, Dictionary<string, string> config)
    {
        static Schema WithDefault() => SchemaBuilder.Struct().SetName("s")
            .Field("id", Schema.Int32)
            .Field("note", SchemaBuilder.String().Optional().Default("dflt").Build())
            .Build();
        var first = WithDefault();
        var second = WithDefault();
        using var smt = create();
        smt.Configure(config);

        var fromFirst = (Struct)smt.Apply(Record(new Struct(first).Put("id", 1)))!.Value!;
        var fromSecond = (Struct)smt.Apply(Record(new Struct(second).Put("id", 1)))!.Value!;

        second.Should().NotBeSameAs(first).And.Be(first);
        fromSecond.Should().Be(fromFirst);
        fromSecond.GetWithoutDefault("note").Should().Be(config["replace.null.with.default"] == "true" ? "dflt" : null);
    }

    [TestCaseSource(nameof(Transforms))]
    public void Configure_Again_DerivesFromNewConfig(Func<ITransformation> create,
        Dictionary<string, string> first, Dictionary<string, string> second, string _, string __, string fieldsAfter)
    {
        using var smt = create();
        smt.Configure(first);
        var before = smt.Apply(Record(ValueA()))!.ValueSchema!;

        smt.Configure(second);
        var after = smt.Apply(Record(ValueA()))!.ValueSchema!;

        FieldNames(after).Should().Be(fieldsAfter);
        after.Should().NotBeSameAs(before);
    }

    [Test]
    public void ValueToKey_AlternatingSchemas_ReusesKeySchemaAndFollowsReconfigure()
    {
        using var smt = new ValueToKey();
        smt.Configure(new Dictionary<string, string> { ["fields"] = "id" });

        var a1 = smt.Apply(Record(ValueA()))!;
        var b1 = smt.Apply(Record(ValueB()))!;
        var a2 = smt.Apply(Record(ValueA()))!;
        smt.Configure(new Dictionary<string, string> { ["fields"] = "id,name" });
        var a3 = smt.Apply(Record(ValueA()))!;

        a2.KeySchema.Should().BeSameAs(a1.KeySchema);
        ((Struct)b1.Key!).GetInt32("id").Should().Be(2);
        FieldNames(a3.KeySchema!).Should().Be("id,name");
        ((Struct)a3.Key!).GetString("name").Should().Be("ann");
    }

    [Test]
    public void SetSchemaMetadata_AlternatingSchemas_ReusesSchemaAndFollowsReconfigure()
    {
        using var smt = new SetSchemaMetadata.Value();
        smt.Configure(new Dictionary<string, string> { ["schema.name"] = "n1" });

        var a1 = smt.Apply(Record(ValueA()))!;
        var b1 = smt.Apply(Record(ValueB()))!;
        var a2 = smt.Apply(Record(ValueA()))!;
        smt.Configure(new Dictionary<string, string> { ["schema.version"] = "3" });
        var a3 = smt.Apply(Record(ValueA()))!;

        a2.ValueSchema.Should().BeSameAs(a1.ValueSchema);
        (a1.ValueSchema!.Name, FieldNames(b1.ValueSchema!)).Should().Be(("n1", "id,city"));
        ((Struct)b1.Value!).GetString("city").Should().Be("oslo");
        (a3.ValueSchema!.Name, a3.ValueSchema.Version).Should().Be(((string?)null, (int?)3));
    }

    [Test]
    public void RegexRouter_AlternatingTopics_RoutesEachAndFollowsReconfigure()
    {
        using var router = new RegexRouter();
        router.Configure(new Dictionary<string, string> { ["regex"] = "a-(.*)", ["replacement"] = "x-$1" });

        var topics = new[] { "a-1", "b-1", "a-1", "a-2", "b-1" }.Select(t => router.Apply(Record(ValueA(), t))!.Topic).ToList();
        router.Configure(new Dictionary<string, string> { ["regex"] = "a-(.*)", ["replacement"] = "y-$1" });
        var after = router.Apply(Record(ValueA(), "a-2"))!.Topic;

        topics.Should().Equal("x-1", "b-1", "x-1", "x-2", "b-1");
        after.Should().Be("y-2");
    }

    [Test]
    public void TopicNameMatches_AlternatingTopics_TestsEachAndFollowsReconfigure()
    {
        using var predicate = new TopicNameMatches();
        predicate.Configure(new Dictionary<string, string> { ["pattern"] = "a-.*" });

        var results = new[] { "a-1", "b-1", "a-1", "b-1" }.Select(t => predicate.Test(Record(ValueA(), t))).ToList();
        predicate.Configure(new Dictionary<string, string> { ["pattern"] = "b-.*" });
        var after = predicate.Test(Record(ValueA(), "b-1"));

        results.Should().Equal(true, false, true, false);
        after.Should().BeTrue();
    }

    private static string FieldNames(Schema schema) => string.Join(",", schema.Fields.Select(f => f.Name));
}
