using StandaloneConnect.Sdk;
using StandaloneConnect.Sdk.Config;
using StandaloneConnect.Sdk.Data;

namespace StandaloneConnect.Transforms.Tests;

public sealed class InsertFieldTests
{
    private const long Timestamp = 1_700_000_000_123L;

    private static readonly Schema ValueSchema = SchemaBuilder.Struct().SetName("com.example.Order").SetVersion(3).SetDoc("an order")
        .Field("id", Schema.Int64)
        .Field("note", SchemaBuilder.String().Optional().Default("none").Build())
        .Build();

    private static readonly Dictionary<string, string> AllFields = new()
    {
        ["topic.field"] = "topic!",
        ["partition.field"] = "partition",
        ["timestamp.field"] = "ts?",
        ["static.field"] = "instance",
        ["static.value"] = "42",
    };

    [Test]
    public void Apply_SchemalessValue_InsertsMetadataAndStaticValue()
    {
        using var insert = Configure(new InsertField.Value(), AllFields);

        var result = insert.Apply(Source(null, new Dictionary<object, object?> { ["id"] = 7L }, partition: 2))!;

        result.ValueSchema.Should().BeNull();
        result.Value.Should().BeEquivalentTo(new Dictionary<object, object?>
        {
            ["id"] = 7L, ["topic"] = "orders", ["partition"] = 2, ["ts"] = Timestamp, ["instance"] = "42",
        });
    }

    [Test]
    public void Apply_StructValue_CopiesSchemaBasicsAndAppendsFields()
    {
        using var insert = Configure(new InsertField.Value(), AllFields);
        var value = new Struct(ValueSchema).Put("id", 7L).Put("note", "n");

        var result = insert.Apply(Source(ValueSchema, value, partition: 2))!;

        var expectedSchema = SchemaBuilder.Struct().SetName("com.example.Order").SetVersion(3).SetDoc("an order")
            .Field("id", Schema.Int64)
            .Field("note", SchemaBuilder.String().Optional().Default("none").Build())
            .Field("topic", Schema.String)
            .Field("partition", Schema.OptionalInt32)
            .Field("ts", ConnectTimestamp.Builder().Optional().Build())
            .Field("instance", Schema.OptionalString)
            .Build();
        result.ValueSchema.Should().Be(expectedSchema);
        result.Value.Should().Be(new Struct(expectedSchema).Put("id", 7L).Put("note", "n").Put("topic", "orders")
            .Put("partition", 2).Put("ts", ConnectTimestamp.ToLogical(Timestamp)).Put("instance", "42"));
        ((Struct)result.Value!).Get("ts").Should().Be(new DateTime(2023, 11, 14, 22, 13, 20, 123, DateTimeKind.Utc));
    }

    [TestCase("topic", true)]
    [TestCase("topic?", true)]
    [TestCase("topic!", false)]
    public void Apply_FieldSuffix_SetsOptionality(string spec, bool optional)
    {
        using var insert = Configure(new InsertField.Value(), new() { ["topic.field"] = spec });

        var result = insert.Apply(Source(ValueSchema, new Struct(ValueSchema).Put("id", 1L)))!;

        var field = result.ValueSchema!.Field("topic")!;
        field.Schema.Type.Should().Be(SchemaType.String);
        field.Schema.IsOptional.Should().Be(optional);
        ((Struct)result.Value!).GetString("topic").Should().Be("orders");
    }

    [Test]
    public void Apply_SchemalessNullPartitionAndTimestamp_LeavesThemOut()
    {
        using var insert = Configure(new InsertField.Value(), AllFields);

        var result = insert.Apply(Source(null, new Dictionary<object, object?> { ["id"] = 7L }, partition: null, timestamp: null))!;

        result.Value.Should().BeEquivalentTo(new Dictionary<object, object?> { ["id"] = 7L, ["topic"] = "orders", ["instance"] = "42" });
    }

    [Test]
    public void Apply_StructNullPartitionAndTimestamp_LeavesOptionalFieldsNull()
    {
        using var insert = Configure(new InsertField.Value(), AllFields);

        var result = (Struct)insert.Apply(Source(ValueSchema, new Struct(ValueSchema).Put("id", 1L), partition: null, timestamp: null))!.Value!;

        result.Get("partition").Should().BeNull();
        result.Get("ts").Should().BeNull();
        result.Get("topic").Should().Be("orders");
    }

    [TestCase(null)]
    [TestCase("value")]
    public void Apply_Tombstone_ReturnsRecordUnchanged(string? schemaKind)
    {
        using var insert = Configure(new InsertField.Value(), AllFields);
        var record = Source(schemaKind is null ? null : SchemaBuilder.Struct().Optional().Field("id", Schema.Int64).Build(), null);

        insert.Apply(record).Should().BeSameAs(record);
    }

    [TestCase(true, "none")]
    [TestCase(false, null)]
    public void Apply_NullFieldWithDefault_HonoursReplaceNullWithDefault(bool replace, string? expected)
    {
        using var insert = Configure(new InsertField.Value(), new()
        {
            ["topic.field"] = "topic", ["replace.null.with.default"] = replace ? "true" : "false",
        });

        var result = (Struct)insert.Apply(Source(ValueSchema, new Struct(ValueSchema).Put("id", 1L)))!.Value!;

        result.GetWithoutDefault("note").Should().Be(expected);
    }

    [TestCase(null)]
    [TestCase("schema")]
    public void Apply_OffsetFieldOnSinkRecord_InsertsKafkaOffset(string? schemaKind)
    {
        using var insert = Configure(new InsertField.Value(), new() { ["offset.field"] = "offset!" });
        var schema = schemaKind is null ? null : ValueSchema;
        object value = schema is null ? new Dictionary<object, object?> { ["id"] = 1L } : new Struct(ValueSchema).Put("id", 1L);

        var result = insert.Apply(new SinkRecord("orders", 1, null, null, schema, value, 42L, Timestamp))!;

        result.Should().BeOfType<SinkRecord>().Which.KafkaOffset.Should().Be(42L);
        if (schema is null)
        {
            ((IDictionary<object, object?>)result.Value!)["offset"].Should().Be(42L);
        }
        else
        {
            result.ValueSchema!.Field("offset")!.Schema.Should().Be(Schema.Int64);
            ((Struct)result.Value!).GetInt64("offset").Should().Be(42L);
        }
    }

    [Test]
    public void Apply_OffsetFieldOnSourceRecord_Throws()
    {
        using var insert = Configure(new InsertField.Value(), new() { ["offset.field"] = "offset" });

        var act = () => insert.Apply(Source(null, new Dictionary<object, object?>()));

        act.Should().Throw<DataException>()
            .WithMessage("Only SinkRecord supported for [field insertion], found: org.apache.kafka.connect.source.SourceRecord");
    }

    [Test]
    public void Apply_KeyVariant_ChangesOnlyTheKey()
    {
        using var insert = Configure(new InsertField.Key(), new() { ["static.field"] = "source", ["static.value"] = "db1" });
        var record = new SourceRecord(null, null, "orders", 0, null, new Dictionary<object, object?> { ["k"] = 1L },
            Schema.String, "v", Timestamp);

        var result = insert.Apply(record)!;

        result.Key.Should().BeEquivalentTo(new Dictionary<object, object?> { ["k"] = 1L, ["source"] = "db1" });
        result.KeySchema.Should().BeNull();
        result.Value.Should().Be("v");
        result.ValueSchema.Should().Be(Schema.String);
    }

    [Test]
    public void Apply_StructKey_InsertsIntoKeySchema()
    {
        using var insert = Configure(new InsertField.Key(), new() { ["partition.field"] = "p!" });
        var keySchema = SchemaBuilder.Struct().Field("k", Schema.Int32).Build();
        var record = new SourceRecord(null, null, "orders", 3, keySchema, new Struct(keySchema).Put("k", 1), null, "v", Timestamp);

        var result = insert.Apply(record)!;

        var expected = SchemaBuilder.Struct().Field("k", Schema.Int32).Field("p", Schema.Int32).Build();
        result.KeySchema.Should().Be(expected);
        result.Key.Should().Be(new Struct(expected).Put("k", 1).Put("p", 3));
        result.Value.Should().Be("v");
        result.Timestamp.Should().Be(Timestamp);
    }

    [TestCase(false, "Only Map objects supported in absence of schema for [field insertion], found: java.lang.String")]
    [TestCase(true, "Only Struct objects supported for [field insertion], found: java.lang.String")]
    public void Apply_WrongValueType_ThrowsKafkaMessage(bool withSchema, string message)
    {
        using var insert = Configure(new InsertField.Value(), new() { ["topic.field"] = "topic" });

        var act = () => insert.Apply(Source(withSchema ? Schema.String : null, "text"));

        act.Should().Throw<DataException>().WithMessage(message);
    }

    [Test]
    public void Configure_NothingToInsert_Throws()
    {
        var act = () => Configure(new InsertField.Value(), new() { ["static.value"] = "x" });

        act.Should().Throw<ConfigException>().WithMessage("No field insertion configured");
    }

    [Test]
    public void Configure_StaticFieldWithoutValue_Throws()
    {
        var act = () => Configure(new InsertField.Value(), new() { ["static.field"] = "instance!" });

        act.Should().Throw<ConfigException>()
            .WithMessage("Invalid value null for configuration static.value: No value specified for static field: instance");
    }

    [Test]
    public void Config_DeclaresKafkaKeysAndDefaults()
    {
        using var insert = new InsertField.Value();

        insert.Config.Keys.Select(k => k.Name).Should().Equal("topic.field", "partition.field", "offset.field", "timestamp.field",
            "static.field", "static.value", "replace.null.with.default");
        insert.Config.Keys.Take(6).Should().OnlyContain(k => k.HasDefault && k.DefaultValue == null && k.Type == ConfigType.String);
        insert.Config["replace.null.with.default"]!.DefaultValue.Should().Be(true);
    }

    [TestCase(typeof(InsertField.Key), "org.apache.kafka.connect.transforms.InsertField$Key")]
    [TestCase(typeof(InsertField.Value), "org.apache.kafka.connect.transforms.InsertField$Value")]
    public void Variants_CarryKafkaAlias(Type type, string alias)
    {
        type.GetCustomAttributes(typeof(PluginAliasAttribute), false).Cast<PluginAliasAttribute>().Select(a => a.Name)
            .Should().Equal(alias);
    }

    private static InsertField Configure(InsertField transform, Dictionary<string, string> config)
    {
        transform.Configure(config);
        return transform;
    }

    private static SourceRecord Source(Schema? schema, object? value, int? partition = 0, long? timestamp = Timestamp) =>
        new(null, null, "orders", partition, Schema.String, "key", schema, value, timestamp);
}
