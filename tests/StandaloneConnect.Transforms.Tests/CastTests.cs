using StandaloneConnect.Sdk;
using StandaloneConnect.Sdk.Config;
using StandaloneConnect.Sdk.Data;

namespace StandaloneConnect.Transforms.Tests;

/// <summary>Expected values are what Kafka's <c>Cast</c> produces on a JVM (Java conversions and renderings).</summary>
public sealed class CastTests
{
    public static IEnumerable<TestCaseData> WholeValueCases()
    {
        object[][] rows =
        [
            [300, "int8", (sbyte)44],
            [-129, "int8", (sbyte)127],
            [300.7, "int8", (sbyte)44],
            [1e20, "int8", (sbyte)-1],
            [4294967297L, "int32", 1],
            [3.99, "int32", 3],
            [-3.99, "int32", -3],
            [1e20, "int32", int.MaxValue],
            [double.NaN, "int32", 0],
            [1e20, "int64", long.MaxValue],
            [-2.7f, "int16", (short)-2],
            [70000, "int16", (short)4464],
            [16777217, "float32", 1.6777216E7f],
            [7L, "float64", 7.0],
            [1.5f, "string", "1.5"],
            [1e7, "string", "1.0E7"],
            [100.0, "string", "100.0"],
            [42, "string", "42"],
            [(sbyte)-1, "string", "-1"],
            [true, "string", "true"],
            [new byte[] { 1, 2, 3 }, "string", "AQID"],
            ["TRUE", "boolean", true],
            ["yes", "boolean", false],
            ["1", "boolean", false],
            [0, "boolean", false],
            [2.5, "boolean", true],
            [0.5, "boolean", false],
            ["42", "int8", (sbyte)42],
            ["+7", "int32", 7],
            ["-9000000000", "int64", -9000000000L],
            ["1.5f", "float64", 1.5],
            [" 2.5 ", "float64", 2.5],
            ["1e3", "float32", 1000f],
            ["-Infinity", "float64", double.NegativeInfinity],
            [true, "int32", 1],
            [false, "float64", 0.0],
            [true, "INT64", 1L],
        ];
        return rows.Select(r => new TestCaseData(r[0], r[1], r[2])
            .SetName($"Apply_WholeValue_{r[0]}_{r[1]}"));
    }

    [TestCaseSource(nameof(WholeValueCases))]
    public void Apply_SchemalessWholeValue_CastsLikeJava(object input, string type, object expected)
    {
        using var cast = Create<Cast.Value>(type);

        var result = cast.Apply(Record(null, input))!;

        result.ValueSchema.Should().BeNull();
        result.Value.Should().Be(expected).And.BeOfType(expected.GetType());
    }

    [TestCase("128", "int8")]
    [TestCase("abc", "int32")]
    [TestCase("1.5", "int64")]
    [TestCase(" 5", "int16")]
    [TestCase("0x1p3", "float64")]
    [TestCase("nan", "float32")]
    public void Apply_UnparsableString_ThrowsOutOfRange(string input, string type)
    {
        using var cast = Create<Cast.Value>(type);

        FluentActions.Invoking(() => cast.Apply(Record(null, input))).Should().Throw<DataException>()
            .WithMessage($"Value ({input}) was out of range for requested data type");
    }

    [Test]
    public void Apply_BytesToNumber_Throws()
    {
        using var cast = Create<Cast.Value>("int32");

        FluentActions.Invoking(() => cast.Apply(Record(Schema.Bytes, new byte[] { 1 }))).Should().Throw<DataException>()
            .WithMessage("Unexpected type in Cast transformation: class [B");
    }

    [Test]
    public void Apply_UnsupportedInputType_Throws()
    {
        using var cast = Create<Cast.Value>("string");
        var schema = SchemaBuilder.Array(Schema.Int32).Build();

        FluentActions.Invoking(() => cast.Apply(Record(schema, new List<object?> { 1 }))).Should().Throw<DataException>()
            .WithMessage("Cast transformation does not support casting from ARRAY; supported types are [INT8, INT16, INT32, INT64, FLOAT32, FLOAT64, BOOLEAN, STRING, BYTES]");
    }

    [Test]
    public void Apply_SchemalessDate_Throws()
    {
        using var cast = Create<Cast.Value>("int64");

        FluentActions.Invoking(() => cast.Apply(Record(null, DateTime.UnixEpoch))).Should().Throw<DataException>()
            .WithMessage("Cast transformation was passed a value of type class java.util.Date which is not supported by Connect's data API");
    }

    [Test]
    public void Apply_WholeValueWithSchema_KeepsNameParametersAndOptional()
    {
        var schema = ConnectDecimal.Builder(2).Optional().SetDoc("price").Build();
        using var cast = Create<Cast.Value>("float64");

        var result = cast.Apply(Record(schema, 12.90m))!;

        result.Value.Should().Be(12.9);
        result.ValueSchema!.Type.Should().Be(SchemaType.Float64);
        result.ValueSchema.Name.Should().Be(ConnectDecimal.LogicalName);
        result.ValueSchema.Parameters.Should().Equal(new Dictionary<string, string> { ["scale"] = "2" });
        result.ValueSchema.Doc.Should().Be("price");
        result.ValueSchema.IsOptional.Should().BeTrue();
    }

    [Test]
    public void Apply_WholeValueWithDefault_CastsDefaultToo()
    {
        var schema = SchemaBuilder.Int32().Optional().Default(5).Build();
        using var cast = Create<Cast.Value>("string");

        var result = cast.Apply(Record(schema, 300))!;

        result.Value.Should().Be("300");
        result.ValueSchema!.Type.Should().Be(SchemaType.String);
        result.ValueSchema.DefaultValue.Should().Be("5");
        result.ValueSchema.IsOptional.Should().BeTrue();
    }

    public static IEnumerable<TestCaseData> LogicalCases()
    {
        var timestamp = new DateTime(2024, 1, 15, 10, 30, 0, DateTimeKind.Utc);
        var date = new DateTime(2024, 1, 15, 0, 0, 0, DateTimeKind.Utc);
        var time = DateTime.UnixEpoch.AddHours(10.5);
        yield return new TestCaseData(ConnectTimestamp.Schema, timestamp, "int64", 1705314600000L).SetName("Apply_TimestampToInt64_EpochMillis");
        yield return new TestCaseData(ConnectTimestamp.Schema, timestamp, "string", "2024-01-15T10:30:00.000Z").SetName("Apply_TimestampToString_Iso");
        yield return new TestCaseData(ConnectDate.Schema, date, "int32", 19737).SetName("Apply_DateToInt32_Days");
        yield return new TestCaseData(ConnectDate.Schema, date, "string", "2024-01-15").SetName("Apply_DateToString_Iso");
        yield return new TestCaseData(ConnectTime.Schema, time, "int32", 37800000).SetName("Apply_TimeToInt32_Millis");
        yield return new TestCaseData(ConnectTime.Schema, time, "string", "10:30:00.000Z").SetName("Apply_TimeToString_Iso");
        yield return new TestCaseData(ConnectDecimal.Schema(2), 12.90m, "string", "12.90").SetName("Apply_DecimalToString_BigDecimalForm");
        yield return new TestCaseData(ConnectDecimal.Schema(1), -12.9m, "int32", -12).SetName("Apply_DecimalToInt32_Truncates");
    }

    [TestCaseSource(nameof(LogicalCases))]
    public void Apply_LogicalField_EncodesThenCasts(Schema fieldSchema, object input, string type, object expected)
    {
        var schema = SchemaBuilder.Struct().Field("f", fieldSchema).Build();
        using var cast = Create<Cast.Value>("f:" + type);

        var result = cast.Apply(Record(schema, new Struct(schema).Put("f", input)))!;

        var field = result.ValueSchema!.Field("f")!;
        field.Schema.Name.Should().BeNull("a field cast builds a plain schema of the target type");
        ((Struct)result.Value!).Get("f").Should().Be(expected);
    }

    [TestCase(true, 2)]
    [TestCase(false, null)]
    public void Apply_Struct_CastsListedFieldsOnly(bool replaceNullWithDefault, int? expectedScore)
    {
        var schema = SchemaBuilder.Struct().SetName("Row").SetVersion(3)
            .Field("id", Schema.Int32)
            .Field("age", Schema.OptionalInt64)
            .Field("score", SchemaBuilder.Float64().Optional().Default(2.5).Build())
            .Field("name", Schema.String)
            .Build();
        var value = new Struct(schema).Put("id", 7).Put("name", "ann");
        using var cast = Create<Cast.Value>("id:string,age:int8,score:int32",
            ("replace.null.with.default", replaceNullWithDefault ? "true" : "false"));

        var result = cast.Apply(Record(schema, value))!;

        var updated = result.ValueSchema!;
        updated.Name.Should().Be("Row");
        updated.Version.Should().Be(3);
        updated.Fields.Select(f => (f.Name, f.Schema.Type, f.Schema.IsOptional)).Should().Equal(
            ("id", SchemaType.String, false),
            ("age", SchemaType.Int8, true),
            ("score", SchemaType.Int32, true),
            ("name", SchemaType.String, false));
        updated.Field("score")!.Schema.DefaultValue.Should().Be(2);
        updated.Field("name")!.Schema.Should().BeSameAs(Schema.String);
        var st = (Struct)result.Value!;
        st.Get("id").Should().Be("7");
        st.GetWithoutDefault("age").Should().BeNull();
        st.GetWithoutDefault("score").Should().Be(expectedScore);
        st.Get("name").Should().Be("ann");
    }

    [Test]
    public void Apply_Map_CastsListedFieldsAndAddsMissingAsNull()
    {
        using var cast = Create<Cast.Value>("a:int32,b:int64,missing:string,n:boolean");
        var value = new Dictionary<string, object?> { ["a"] = "5", ["b"] = 1.9, ["c"] = "keep", ["n"] = null };

        var result = cast.Apply(Record(null, value))!;

        result.Value.Should().BeEquivalentTo(new Dictionary<string, object?>
        {
            ["a"] = 5, ["b"] = 1L, ["c"] = "keep", ["n"] = null, ["missing"] = null,
        });
        value["a"].Should().Be("5", "the input map is not changed");
    }

    [Test]
    public void Apply_SchemalessNonMapWithFieldSpec_Throws()
    {
        using var cast = Create<Cast.Value>("a:int32");

        FluentActions.Invoking(() => cast.Apply(Record(null, 5))).Should().Throw<DataException>()
            .WithMessage("Only Map objects supported in absence of schema for [cast types], found: java.lang.Integer");
    }

    [Test]
    public void Apply_SchemaNotStructWithFieldSpec_Throws()
    {
        using var cast = Create<Cast.Value>("a:int32");

        FluentActions.Invoking(() => cast.Apply(Record(Schema.String, "x"))).Should().Throw<DataException>()
            .WithMessage("Cannot list fields on non-struct type");
    }

    [TestCase(true)]
    [TestCase(false)]
    public void Apply_Tombstone_ReturnsRecordUnchanged(bool withSchema)
    {
        using var cast = Create<Cast.Value>("int8");
        var record = Record(withSchema ? Schema.OptionalInt32 : null, null);

        cast.Apply(record).Should().BeSameAs(record);
    }

    [Test]
    public void Apply_Key_CastsKeyAndKeepsValue()
    {
        using var cast = Create<Cast.Key>("int64");
        var record = new SinkRecord("t", 2, Schema.Int32, 5, Schema.String, "v", 1, 10L, TimestampType.CreateTime);

        var result = cast.Apply(record)!;

        result.Key.Should().Be(5L);
        result.KeySchema!.Type.Should().Be(SchemaType.Int64);
        result.Value.Should().Be("v");
        result.ValueSchema.Should().Be(Schema.String);
    }

    [TestCase(null, "Missing required configuration \"spec\" which has no default value.")]
    [TestCase("", "Must specify at least one field to cast.")]
    [TestCase("a:bytes", "Cast transformation does not support casting to BYTES; supported types are [INT8, INT16, INT32, INT64, FLOAT32, FLOAT64, BOOLEAN, STRING]")]
    [TestCase("struct", "Cast transformation does not support casting to STRUCT; supported types are [INT8, INT16, INT32, INT64, FLOAT32, FLOAT64, BOOLEAN, STRING]")]
    [TestCase("a:foo", "Invalid type found in casting spec: foo")]
    // A whole-value type goes through Schema.Type.valueOf unguarded in Kafka: its IllegalArgumentException text.
    [TestCase("int9", "No enum constant org.apache.kafka.connect.data.Schema.Type.INT9")]
    [TestCase("int8,a:int16", "Cast transformations that specify a type to cast the entire value to may ony specify a single cast in their spec")]
    // Kafka names ReplaceField's "renames" key and prints the whole list (java.util.List#toString).
    [TestCase("a:b:c", "Invalid value [a:b:c] for configuration renames: Invalid rename mapping: a:b:c")]
    [TestCase("x:int8, a:b:c", "Invalid value [x:int8, a:b:c] for configuration renames: Invalid rename mapping: a:b:c")]
    public void Configure_BadSpec_ThrowsConfigException(string? spec, string message)
    {
        using var cast = new Cast.Value();
        var props = new Dictionary<string, string>();
        if (spec is not null)
        {
            props["spec"] = spec;
        }

        FluentActions.Invoking(() => cast.Configure(props)).Should().Throw<ConfigException>().WithMessage(message);
    }

    [Test]
    public void Config_DeclaresKafkasKeys()
    {
        using var cast = new Cast.Key();

        cast.Config.Keys.Select(k => (k.Name, k.Type, k.Required, k.DefaultValue)).Should().Equal(
            ("spec", ConfigType.List, true, (object?)null),
            ("replace.null.with.default", ConfigType.Boolean, false, (object?)true));
        typeof(Cast.Value).GetCustomAttributes(typeof(PluginAliasAttribute), false).Cast<PluginAliasAttribute>()
            .Select(a => a.Name).Should().Equal("org.apache.kafka.connect.transforms.Cast$Value");
        typeof(Cast.Key).GetCustomAttributes(typeof(PluginAliasAttribute), false).Cast<PluginAliasAttribute>()
            .Select(a => a.Name).Should().Equal("org.apache.kafka.connect.transforms.Cast$Key");
    }

    private static T Create<T>(string spec, params (string Key, string Value)[] extra)
        where T : Cast, new()
    {
        var props = new Dictionary<string, string> { ["spec"] = spec };
        foreach (var (key, value) in extra)
        {
            props[key] = value;
        }

        var cast = new T();
        cast.Configure(props);
        return cast;
    }

    private static SinkRecord Record(Schema? schema, object? value) =>
        new("topic", 0, Schema.String, "key", schema, value, 0, 42L, TimestampType.CreateTime);
}
