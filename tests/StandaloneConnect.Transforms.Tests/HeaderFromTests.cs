using StandaloneConnect.Sdk;
using StandaloneConnect.Sdk.Config;
using StandaloneConnect.Sdk.Data;
using StandaloneConnect.Sdk.Transforms;

namespace StandaloneConnect.Transforms.Tests;

public sealed class HeaderFromTests
{
    private static readonly Schema ValueSchema = SchemaBuilder.Struct().SetName("orders.Value").SetVersion(3)
        .Field("id", Schema.Int32)
        .Field("name", Schema.OptionalString)
        .Field("region", SchemaBuilder.String().Optional().Default("eu").Build())
        .Build();

    [TestCase("copy", "id,name", "h_id,h_name", "id,name,region")]
    [TestCase("move", "id,name", "h_id,h_name", "region")]
    [TestCase("move", "region", "r", "id,name")]
    [TestCase("copy", "id,id", "a,b", "id,name,region")]
    public void Apply_Struct_AddsHeadersWithFieldSchemas(string operation, string fields, string headers, string remaining)
    {
        using var smt = Configure<HeaderFrom.Value>(fields, headers, operation);
        var value = new Struct(ValueSchema).Put("id", 7).Put("name", "ann").Put("region", "us");
        var record = Record(ValueSchema, value);

        var result = smt.Apply(record)!;

        var fieldList = fields.Split(',');
        var headerList = headers.Split(',');
        result.Headers.Select(h => (h.Key, h.Schema, h.Value)).Should().Equal(
            new (string, Schema?, object?)[] { ("existing", Schema.String, "x") }.Concat(fieldList.Select((f, i) =>
                ((string, Schema?, object?))(headerList[i], ValueSchema.Field(f)!.Schema, value.Get(f)))));
        var updatedSchema = result.ValueSchema!;
        updatedSchema.Fields.Select(f => f.Name).Should().Equal(remaining.Split(','));
        (updatedSchema.Name, updatedSchema.Version).Should().Be(("orders.Value", (int?)3));
        var updated = (Struct)result.Value!;
        foreach (var f in remaining.Split(','))
        {
            updated.Get(f).Should().Be(value.Get(f));
        }

        if (operation == "copy")
        {
            updated.Should().BeSameAs(value);
            updatedSchema.Should().BeSameAs(ValueSchema);
        }

        record.Headers.Should().ContainSingle("the input record's headers are not changed");
    }

    [TestCase("copy", true, "eu")]
    [TestCase("copy", false, null)]
    [TestCase("move", true, "eu")]
    [TestCase("move", false, null)]
    public void Apply_NullFieldWithDefault_FollowsReplaceNullWithDefault(string operation, bool replaceNullWithDefault, string? expected)
    {
        using var toHeader = Configure<HeaderFrom.Value>("region", "r", operation, replaceNullWithDefault);
        using var fromMoved = Configure<HeaderFrom.Value>("id", "i", "move", replaceNullWithDefault);
        var value = new Struct(ValueSchema).Put("id", 1);

        var header = toHeader.Apply(Record(ValueSchema, value))!.Headers.LastWithName("r")!;
        var moved = (Struct)fromMoved.Apply(Record(ValueSchema, value))!.Value!;

        header.Value.Should().Be(expected);
        moved.GetWithoutDefault("region").Should().Be(expected);
    }

    [TestCase("copy", "{\"id\":7,\"name\":\"ann\"}")]
    [TestCase("move", "{\"name\":\"ann\"}")]
    public void Apply_Map_AddsSchemalessHeaders(string operation, string expectedJson)
    {
        using var smt = Configure<HeaderFrom.Value>("id,absent", "h_id,h_absent", operation);
        var value = new Dictionary<object, object?> { ["id"] = 7, ["name"] = "ann" };

        var result = smt.Apply(Record(null, value))!;

        result.Headers.Select(h => (h.Key, h.Schema, h.Value)).Should().Equal(
            ("existing", Schema.String, "x"), ("h_id", null, 7), ("h_absent", null, null));
        result.ValueSchema.Should().BeNull();
        var updated = (Dictionary<object, object?>)result.Value!;
        System.Text.Json.JsonSerializer.Serialize(updated.ToDictionary(e => (string)e.Key, e => e.Value)).Should().Be(expectedJson);
        value.Should().HaveCount(2, "the input map is not changed");
    }

    [Test]
    public void Apply_KeyVariant_MovesFromKey()
    {
        using var smt = Configure<HeaderFrom.Key>("id", "key_id", "move");
        var record = new SourceRecord(null, null, "t", 2, ValueSchema, new Struct(ValueSchema).Put("id", 5), Schema.Int32, 9);

        var result = smt.Apply(record)!;

        result.KeySchema!.Fields.Select(f => f.Name).Should().Equal("name", "region");
        result.Headers.LastWithName("key_id")!.Value.Should().Be(5);
        (result.Value, result.ValueSchema, result.KafkaPartition).Should().Be(((object)9, Schema.Int32, (int?)2));
    }

    [TestCase("move", true, "Only Struct objects supported for [header move], found: null")]
    [TestCase("copy", false, "Only Map objects supported in absence of schema for [header copy], found: null")]
    public void Apply_Tombstone_Throws(string operation, bool withSchema, string message)
    {
        using var smt = Configure<HeaderFrom.Value>("id", "h", operation);

        var act = () => smt.Apply(Record(withSchema ? ValueSchema : null, null));

        act.Should().Throw<DataException>().WithMessage(message);
    }

    [Test]
    public void Apply_StructMissingField_Throws()
    {
        using var smt = Configure<HeaderFrom.Value>("absent", "h", "copy");

        var act = () => smt.Apply(Record(ValueSchema, new Struct(ValueSchema).Put("id", 1)));

        act.Should().Throw<DataException>().WithMessage("Field does not exist: absent");
    }

    [TestCase("a,b", "h", "copy", "'fields' config must have the same number of elements as 'headers' config.")]
    [TestCase("a", "h", "rename", "Invalid value rename for configuration operation: String must be one of: move, copy")]
    [TestCase("", "h", "copy", "Invalid value [] for configuration fields: Empty list")]
    [TestCase("a", "", "move", "Invalid value [] for configuration headers: Empty list")]
    [TestCase("a", "h", null, "Missing required configuration \"operation\" which has no default value.")]
    public void Configure_Invalid_Throws(string fields, string headers, string? operation, string message)
    {
        var act = () => Configure<HeaderFrom.Value>(fields, headers, operation).Dispose();

        act.Should().Throw<ConfigException>().WithMessage(message);
    }

    [TestCase(typeof(HeaderFrom.Key), "org.apache.kafka.connect.transforms.HeaderFrom$Key")]
    [TestCase(typeof(HeaderFrom.Value), "org.apache.kafka.connect.transforms.HeaderFrom$Value")]
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
        using var smt = new HeaderFrom.Value();

        smt.Config.Keys.Select(k => (k.Name, k.Type, k.HasDefault)).Should().Equal(
            ("fields", ConfigType.List, false),
            ("headers", ConfigType.List, false),
            ("operation", ConfigType.String, false),
            ("replace.null.with.default", ConfigType.Boolean, true));
    }

    private static SourceRecord Record(Schema? schema, object? value) =>
        new(null, null, "t", 0, null, null, schema, value, null, [new Header("existing", Schema.String, "x")]);

    private static T Configure<T>(string fields, string headers, string? operation, bool replaceNullWithDefault = true)
        where T : HeaderFrom, new()
    {
        var configs = new Dictionary<string, string>
        {
            ["fields"] = fields,
            ["headers"] = headers,
            ["replace.null.with.default"] = replaceNullWithDefault ? "true" : "false",
        };
        if (operation is not null)
        {
            configs["operation"] = operation;
        }

        var smt = new T();
        smt.Configure(configs);
        return smt;
    }
}
