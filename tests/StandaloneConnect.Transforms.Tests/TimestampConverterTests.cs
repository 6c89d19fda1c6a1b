using System.Collections;
using StandaloneConnect.Sdk;
using StandaloneConnect.Sdk.Config;
using StandaloneConnect.Sdk.Data;

namespace StandaloneConnect.Transforms.Tests;

/// <summary>Expected values follow Kafka's <c>TimestampConverter</c> in a UTC JVM.</summary>
public sealed class TimestampConverterTests
{
    private const string Pattern = "yyyy-MM-dd HH:mm:ss.SSS";

    // 2024-01-15T10:30:05.007Z
    private const long Millis = 1705314605007L;
    private const long DayMillis = 1705276800000L;
    private const long TimeOfDayMillis = 37805007L;

    private static readonly DateTime Instant = DateTime.UnixEpoch.AddMilliseconds(Millis);
    private static readonly DateTime Day = DateTime.UnixEpoch.AddMilliseconds(DayMillis);
    private static readonly DateTime TimeOfDay = DateTime.UnixEpoch.AddMilliseconds(TimeOfDayMillis);

    private static readonly Dictionary<string, (Schema Schema, Schema Optional)> TargetSchemas = new()
    {
        ["string"] = (Schema.String, Schema.OptionalString),
        ["unix"] = (Schema.Int64, Schema.OptionalInt64),
        ["Date"] = (ConnectDate.Schema, ConnectDate.Builder().Optional().Build()),
        ["Time"] = (ConnectTime.Schema, ConnectTime.Builder().Optional().Build()),
        ["Timestamp"] = (ConnectTimestamp.Schema, ConnectTimestamp.Builder().Optional().Build()),
    };

    /// <summary>Source (schema, value) × target type → expected output.</summary>
    public static IEnumerable<TestCaseData> Conversions()
    {
        var sources = new (string Name, Schema Schema, object Value, object?[] Expected)[]
        {
            ("string", Schema.String, "2024-01-15 10:30:05.007",
                ["2024-01-15 10:30:05.007", Millis, Day, TimeOfDay, Instant]),
            ("unix", Schema.Int64, Millis,
                ["2024-01-15 10:30:05.007", Millis, Day, TimeOfDay, Instant]),
            ("Timestamp", ConnectTimestamp.Schema, Instant,
                ["2024-01-15 10:30:05.007", Millis, Day, TimeOfDay, Instant]),
            ("Date", ConnectDate.Schema, Day,
                ["2024-01-15 00:00:00.000", DayMillis, Day, DateTime.UnixEpoch, Day]),
            ("Time", ConnectTime.Schema, TimeOfDay,
                ["1970-01-01 10:30:05.007", TimeOfDayMillis, DateTime.UnixEpoch, TimeOfDay, TimeOfDay]),
        };
        string[] targets = ["string", "unix", "Date", "Time", "Timestamp"];
        foreach (var (name, schema, value, expected) in sources)
        {
            for (var i = 0; i < targets.Length; i++)
            {
                yield return new TestCaseData(name, schema, value, targets[i], expected[i]).SetName($"{{m}}_{name}_to_{targets[i]}");
            }
        }
    }

    [TestCaseSource(nameof(Conversions))]
    public void Apply_WholeValueWithSchema_Converts(string source, Schema schema, object value, string target, object expected)
    {
        using var smt = Create<TimestampConverter.Value>(target);

        var result = smt.Apply(Record(schema, value))!;

        result.ValueSchema.Should().Be(TargetSchemas[target].Schema);
        result.Value.Should().Be(expected).And.BeOfType(expected.GetType());
        result.Key.Should().Be("key");
    }

    [TestCaseSource(nameof(Conversions))]
    public void Apply_StructField_ConvertsOnlyThatField(string source, Schema schema, object value, string target, object expected)
    {
        using var smt = Create<TimestampConverter.Value>(target, ("field", "ts"));
        var inputSchema = SchemaBuilder.Struct().SetName("rec").Field("id", Schema.Int32)
            .Field("ts", schema).Field("other", Schema.OptionalString).Build();
        var input = new Struct(inputSchema).Put("id", 7).Put("ts", value).Put("other", "x");

        var result = smt.Apply(Record(inputSchema, input))!;

        var schemaOut = result.ValueSchema!;
        schemaOut.Name.Should().Be("rec");
        schemaOut.Fields.Select(f => f.Name).Should().Equal("id", "ts", "other");
        schemaOut.Field("ts")!.Schema.Should().Be(TargetSchemas[target].Schema);
        schemaOut.Field("other")!.Schema.Should().Be(Schema.OptionalString);
        var st = (Struct)result.Value!;
        st.Get("ts").Should().Be(expected).And.BeOfType(expected.GetType());
        st.Get("id").Should().Be(7);
        st.Get("other").Should().Be("x");
    }

    [TestCaseSource(nameof(Conversions))]
    public void Apply_SchemalessMapField_Converts(string source, Schema schema, object value, string target, object expected)
    {
        // Schemaless Date and Time values are plain DateTimes, which Kafka infers as Timestamps; the instant is the same.
        using var smt = Create<TimestampConverter.Value>(target, ("field", "ts"));
        var input = new Dictionary<object, object?> { ["ts"] = value, ["other"] = 1L };

        var result = smt.Apply(Record(null, input))!;

        result.ValueSchema.Should().BeNull();
        var map = (IDictionary)result.Value!;
        map["ts"].Should().Be(expected).And.BeOfType(expected.GetType());
        map["other"].Should().Be(1L);
        input["ts"].Should().Be(value, "the input map is not modified");
    }

    [TestCaseSource(nameof(Conversions))]
    public void Apply_SchemalessWholeKey_Converts(string source, Schema schema, object value, string target, object expected)
    {
        using var smt = Create<TimestampConverter.Key>(target);
        var record = new SinkRecord("topic", 0, null, value, Schema.String, "v", 0, 42L, TimestampType.CreateTime);

        var result = smt.Apply(record)!;

        result.KeySchema.Should().BeNull();
        result.Key.Should().Be(expected).And.BeOfType(expected.GetType());
        result.Value.Should().Be("v");
    }

    [TestCase("seconds", 1705314605L, 1705314605000L)]
    [TestCase("milliseconds", 1705314605007L, 1705314605007L)]
    [TestCase("microseconds", 1705314605007999L, 1705314605007L)]
    [TestCase("nanoseconds", 1705314605007999999L, 1705314605007L)]
    [TestCase("microseconds", -1500L, -1L)] // TimeUnit truncates toward zero
    public void Apply_UnixPrecision_ReadsLongsAtThatPrecision(string precision, long input, long expectedMillis)
    {
        using var smt = Create<TimestampConverter.Value>("Timestamp", ("unix.precision", precision));

        var result = smt.Apply(Record(Schema.Int64, input))!;

        result.Value.Should().Be(DateTime.UnixEpoch.AddMilliseconds(expectedMillis));
    }

    [TestCase("seconds", 1705314605L)]
    [TestCase("milliseconds", 1705314605007L)]
    [TestCase("microseconds", 1705314605007000L)]
    [TestCase("nanoseconds", 1705314605007000000L)]
    public void Apply_UnixPrecision_WritesLongsAtThatPrecision(string precision, long expected)
    {
        using var smt = Create<TimestampConverter.Value>("unix", ("unix.precision", precision));

        smt.Apply(Record(ConnectTimestamp.Schema, Instant))!.Value.Should().Be(expected);
    }

    [Test]
    public void Apply_UnixNanosecondsOverflow_SaturatesLikeTimeUnit()
    {
        using var smt = Create<TimestampConverter.Value>("unix", ("unix.precision", "nanoseconds"));

        smt.Apply(Record(ConnectTimestamp.Schema, new DateTime(9999, 1, 1, 0, 0, 0, DateTimeKind.Utc)))!.Value
            .Should().Be(long.MaxValue);
    }

    [TestCase(-1L, "1969-12-31T00:00:00Z", "1970-01-01T23:59:59.999Z")]
    [TestCase(86_400_000L, "1970-01-02T00:00:00Z", "1970-01-01T00:00:00Z")]
    public void Apply_BeforeAndAtDayBoundaries_TruncatesInUtc(long millis, string date, string time)
    {
        using var toDate = Create<TimestampConverter.Value>("Date");
        using var toTime = Create<TimestampConverter.Value>("Time");

        toDate.Apply(Record(Schema.Int64, millis))!.Value.Should().Be(ParseUtc(date));
        toTime.Apply(Record(Schema.Int64, millis))!.Value.Should().Be(ParseUtc(time));
    }

    [Test]
    public void Apply_StringWithOtherPatterns_ParsesAndFormats()
    {
        using var reformat = Create<TimestampConverter.Value>("string", ("format", "dd/MM/yyyy"), ("field", "when"));
        var input = new Dictionary<object, object?> { ["when"] = "15/01/2024" };
        ((IDictionary)reformat.Apply(Record(null, input))!.Value!)["when"].Should().Be("15/01/2024");

        using var parse = Create<TimestampConverter.Value>("unix", ("format", "yyyy-MM-dd'T'HH:mm:ssX"));
        parse.Apply(Record(Schema.String, "2024-01-15T12:30:05+02"))!.Value.Should().Be(1705314605000L);
    }

    [Test]
    public void Apply_OptionalSchemas_StayOptional()
    {
        using var whole = Create<TimestampConverter.Value>("unix");
        whole.Apply(Record(ConnectTimestamp.Builder().Optional().Build(), Instant))!.ValueSchema
            .Should().Be(Schema.OptionalInt64);

        using var field = Create<TimestampConverter.Value>("Date", ("field", "ts"));
        var schema = SchemaBuilder.Struct().Field("ts", Schema.OptionalInt64).Optional().Build();
        var result = field.Apply(Record(schema, new Struct(schema).Put("ts", Millis)))!;
        result.ValueSchema!.IsOptional.Should().BeTrue();
        result.ValueSchema.Field("ts")!.Schema.Should().Be(ConnectDate.Builder().Optional().Build());
        ((Struct)result.Value!).Get("ts").Should().Be(Day);
    }

    [Test]
    public void Apply_NullWholeValueWithSchema_GivesNullWithTargetSchema()
    {
        using var smt = Create<TimestampConverter.Value>("unix");

        var result = smt.Apply(Record(ConnectTimestamp.Builder().Optional().Build(), null))!;

        result.ValueSchema.Should().Be(Schema.OptionalInt64);
        result.Value.Should().BeNull();
    }

    [TestCase("")]
    [TestCase("ts")]
    public void Apply_SchemalessTombstone_StaysNull(string field)
    {
        using var smt = Create<TimestampConverter.Value>("unix", ("field", field));

        var result = smt.Apply(Record(null, null))!;

        result.Value.Should().BeNull();
        result.ValueSchema.Should().BeNull();
    }

    [Test]
    public void Apply_NullStructWithSchema_KeepsNullWithUpdatedSchema()
    {
        using var smt = Create<TimestampConverter.Value>("unix", ("field", "ts"));
        var schema = SchemaBuilder.Struct().Field("ts", ConnectTimestamp.Schema).Optional().Build();

        var result = smt.Apply(Record(schema, null))!;

        result.Value.Should().BeNull();
        result.ValueSchema!.Field("ts")!.Schema.Should().Be(Schema.Int64);
    }

    [Test]
    public void Apply_SchemalessMissingField_AddsNull()
    {
        using var smt = Create<TimestampConverter.Value>("unix", ("field", "ts"));

        var map = (IDictionary)smt.Apply(Record(null, new Dictionary<object, object?> { ["a"] = 1 }))!.Value!;

        map.Contains("ts").Should().BeTrue();
        map["ts"].Should().BeNull();
        map["a"].Should().Be(1);
    }

    [TestCase(true, 1000L)]
    [TestCase(false, null)]
    public void Apply_NullFieldWithDefault_FollowsReplaceNullWithDefault(bool replace, long? expected)
    {
        using var smt = Create<TimestampConverter.Value>("unix", ("field", "ts"),
            ("replace.null.with.default", replace ? "true" : "false"));
        var tsSchema = ConnectTimestamp.Builder().Optional().Default(DateTime.UnixEpoch.AddSeconds(1)).Build();
        var otherSchema = SchemaBuilder.String().Optional().Default("d").Build();
        var schema = SchemaBuilder.Struct().Field("ts", tsSchema).Field("other", otherSchema).Build();
        var input = new Struct(schema).Put("ts", null).Put("other", null);

        var st = (Struct)smt.Apply(Record(schema, input))!.Value!;

        st.GetWithoutDefault("ts").Should().Be(expected);
        st.GetWithoutDefault("other").Should().Be(replace ? "d" : null);
        st.Schema.Field("ts")!.Schema.Should().Be(Schema.OptionalInt64, "Kafka drops the field's default from the new schema");
    }

    [Test]
    public void Apply_StructSchemaDefault_IsConverted()
    {
        using var smt = Create<TimestampConverter.Value>("unix", ("field", "ts"));
        var plain = SchemaBuilder.Struct().Field("ts", ConnectTimestamp.Schema).Optional().Build();
        var schema = SchemaBuilder.Struct().Field("ts", ConnectTimestamp.Schema).Optional()
            .Default(new Struct(plain).Put("ts", Instant)).Build();

        var result = smt.Apply(Record(schema, new Struct(schema).Put("ts", Day)))!;

        ((Struct)result.ValueSchema!.DefaultValue!).Get("ts").Should().Be(Millis);
        ((Struct)result.Value!).Get("ts").Should().Be(DayMillis);
    }

    [Test]
    public void Apply_UnparsableString_ThrowsKafkasMessage()
    {
        using var smt = Create<TimestampConverter.Value>("unix", ("format", Pattern));

        FluentActions.Invoking(() => smt.Apply(Record(Schema.String, "15/01/2024")))
            .Should().Throw<DataException>()
            .WithMessage("Could not parse timestamp: value (15/01/2024) does not match pattern (yyyy-MM-dd HH:mm:ss.SSS)");
    }

    [Test]
    public void Apply_UnsupportedSchema_ThrowsConnectException()
    {
        using var smt = Create<TimestampConverter.Value>("unix");

        FluentActions.Invoking(() => smt.Apply(Record(Schema.Int32, 5)))
            .Should().Throw<ConnectException>()
            .WithMessage("Schema Schema{INT32} does not correspond to a known timestamp type format");
    }

    [TestCase(5, "TimestampConverter does not support class java.lang.Integer objects as timestamps")]
    [TestCase(1.5, "TimestampConverter does not support class java.lang.Double objects as timestamps")]
    public void Apply_SchemalessUnsupportedValue_ThrowsDataException(object value, string message)
    {
        using var smt = Create<TimestampConverter.Value>("unix");

        FluentActions.Invoking(() => smt.Apply(Record(null, value))).Should().Throw<DataException>().WithMessage(message);
    }

    [Test]
    public void Apply_StringInputWithoutFormat_ThrowsDataException()
    {
        using var smt = Create<TimestampConverter.Value>("unix", ("format", ""));

        FluentActions.Invoking(() => smt.Apply(Record(null, "2024"))).Should().Throw<DataException>()
            .WithMessage("TimestampConverter requires format option to be specified when using string timestamps");
    }

    [Test]
    public void Apply_SchemalessNonMapWithField_ThrowsDataException()
    {
        using var smt = Create<TimestampConverter.Value>("unix", ("field", "ts"));

        FluentActions.Invoking(() => smt.Apply(Record(null, 5L))).Should().Throw<DataException>()
            .WithMessage("Only Map objects supported in absence of schema for [converting timestamp formats], found: java.lang.Long");
    }

    [Test]
    public void Apply_NonStructWithSchemaAndField_ThrowsDataException()
    {
        using var smt = Create<TimestampConverter.Value>("unix", ("field", "ts"));

        FluentActions.Invoking(() => smt.Apply(Record(Schema.Int64, 5L))).Should().Throw<DataException>()
            .WithMessage("Only Struct objects supported for [converting timestamp formats], found: java.lang.Long");
    }

    [TestCase("string", "")]
    [TestCase("string", "   ")]
    public void Configure_StringTargetWithoutFormat_Throws(string target, string format) =>
        FluentActions.Invoking(() => Create<TimestampConverter.Value>(target, ("format", format)))
            .Should().Throw<ConfigException>()
            .WithMessage("TimestampConverter requires format option to be specified when using string timestamps");

    [Test]
    public void Configure_InvalidPattern_Throws() =>
        FluentActions.Invoking(() => Create<TimestampConverter.Value>("unix", ("format", "yyyy-qq")))
            .Should().Throw<ConfigException>()
            .WithMessage("Invalid value java.lang.IllegalArgumentException: Illegal pattern character 'q' for configuration "
                + "TimestampConverter requires a SimpleDateFormat-compatible pattern for string timestamps: yyyy-qq");

    [TestCase("timestamp")]
    [TestCase("long")]
    public void Configure_UnknownTargetType_Throws(string target) =>
        FluentActions.Invoking(() => Create<TimestampConverter.Value>(target)).Should().Throw<ConfigException>()
            .WithMessage("*target.type*");

    [Test]
    public void Configure_MissingTargetType_Throws() =>
        FluentActions.Invoking(() => new TimestampConverter.Value().Configure(new Dictionary<string, string>()))
            .Should().Throw<ConfigException>().WithMessage("*target.type*");

    [Test]
    public void Configure_UnknownPrecision_Throws() =>
        FluentActions.Invoking(() => Create<TimestampConverter.Value>("unix", ("unix.precision", "minutes")))
            .Should().Throw<ConfigException>().WithMessage("*unix.precision*");

    private static DateTime ParseUtc(string text) =>
        DateTime.Parse(text, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.AdjustToUniversal);

    private static T Create<T>(string target, params (string Key, string Value)[] extra)
        where T : TimestampConverter, new()
    {
        var props = new Dictionary<string, string> { ["target.type"] = target, ["format"] = Pattern };
        foreach (var (key, value) in extra)
        {
            props[key] = value;
        }

        var smt = new T();
        smt.Configure(props);
        return smt;
    }

    private static SinkRecord Record(Schema? schema, object? value) =>
        new("topic", 0, Schema.String, "key", schema, value, 0, 42L, TimestampType.CreateTime);
}
