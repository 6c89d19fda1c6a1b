using StandaloneConnect.Sdk.Data;

namespace StandaloneConnect.Converters.Tests;

public sealed partial class JsonConverterTests
{
    private static readonly Schema EverythingSchema = SchemaBuilder.Struct().SetName("everything").SetVersion(3).SetDoc("all types")
        .Field("i8", Schema.Int8).Field("i16", Schema.Int16).Field("i32", Schema.Int32).Field("i64", Schema.Int64)
        .Field("f32", Schema.Float32).Field("f64", Schema.Float64).Field("bool", Schema.Boolean).Field("str", Schema.String)
        .Field("bytes", Schema.Bytes).Field("opt", Schema.OptionalString)
        .Field("dflt", SchemaBuilder.String().Optional().Default("d").Build())
        .Field("dec", ConnectDecimal.Schema(3)).Field("date", ConnectDate.Schema).Field("time", ConnectTime.Schema)
        .Field("ts", ConnectTimestamp.Schema)
        .Field("list", SchemaBuilder.Array(Schema.OptionalInt32).Build())
        .Field("smap", SchemaBuilder.Map(Schema.String, Schema.Float64).Build())
        .Field("imap", SchemaBuilder.Map(Schema.Int64, SchemaBuilder.Array(Schema.String).Build()).Build())
        .Field("nested", SchemaBuilder.Struct().Field("s", Schema.String).Optional().Build())
        .Build();

    private static IEnumerable<TestCaseData> RoundTripCases()
    {
        yield return new TestCaseData(Schema.Int8, (sbyte)-7).SetName("RoundTrip_Int8_Equal");
        yield return new TestCaseData(Schema.Int16, short.MaxValue).SetName("RoundTrip_Int16_Equal");
        yield return new TestCaseData(Schema.Int32, int.MinValue).SetName("RoundTrip_Int32_Equal");
        yield return new TestCaseData(Schema.Int64, long.MaxValue).SetName("RoundTrip_Int64_Equal");
        yield return new TestCaseData(Schema.Float32, 3.4028235e38f).SetName("RoundTrip_Float32_Equal");
        yield return new TestCaseData(Schema.Float64, 0.1 + 0.2).SetName("RoundTrip_Float64_Equal");
        yield return new TestCaseData(Schema.Float64, 1e-300).SetName("RoundTrip_TinyFloat64_Equal");
        yield return new TestCaseData(Schema.Boolean, false).SetName("RoundTrip_Boolean_Equal");
        yield return new TestCaseData(Schema.String, "héllo 😀 \"q\" \\ \n\u0001</>").SetName("RoundTrip_StringWithSpecials_Equal");
        yield return new TestCaseData(Schema.Bytes, new byte[] { 0, 255, 128, 7 }).SetName("RoundTrip_Bytes_Equal");
        yield return new TestCaseData(Schema.OptionalString, null).SetName("RoundTrip_OptionalNull_Equal");
        yield return new TestCaseData(ConnectDecimal.Schema(2), -123456.78m).SetName("RoundTrip_Decimal_Equal");
        yield return new TestCaseData(ConnectDate.Schema, Utc(1969, 7, 20)).SetName("RoundTrip_DateBeforeEpoch_Equal");
        yield return new TestCaseData(ConnectTime.Schema, DateTime.UnixEpoch.AddMilliseconds(86_399_999)).SetName("RoundTrip_Time_Equal");
        yield return new TestCaseData(ConnectTimestamp.Schema, Utc(2024, 2, 29, 23, 59, 59, 999)).SetName("RoundTrip_Timestamp_Equal");
        yield return new TestCaseData(SchemaBuilder.Array(Schema.String).Build(), new List<object?> { "a", "b" }).SetName("RoundTrip_Array_Equal");
        yield return new TestCaseData(SchemaBuilder.Map(Schema.String, Schema.Int32).Optional().SetName("m").Build(),
            new Dictionary<object, object?> { ["x"] = 1, ["y"] = 2 }).SetName("RoundTrip_StringKeyMap_Equal");
        yield return new TestCaseData(SchemaBuilder.Map(Schema.Int32, Schema.Boolean).Build(),
            new Dictionary<object, object?> { [1] = true, [-2] = false }).SetName("RoundTrip_IntKeyMap_Equal");
        yield return new TestCaseData(SchemaBuilder.Int32().Optional().Default(42).SetDoc("with default").Parameter("p", "v").Build(), 1)
            .SetName("RoundTrip_SchemaWithDefaultDocParameters_Equal");
        yield return new TestCaseData(ConnectDecimal.Builder(2).Default(1.25m).Build(), 2.50m).SetName("RoundTrip_DecimalWithDefault_Equal");
        yield return new TestCaseData(EverythingSchema, Everything()).SetName("RoundTrip_StructWithEveryType_Equal");
    }

    [TestCaseSource(nameof(RoundTripCases))]
    public void RoundTrip(Schema schema, object? value)
    {
        foreach (var decimalFormat in new[] { "BASE64", "NUMERIC" })
        {
            var converter = Converter(decimalFormat: decimalFormat);

            var result = converter.ToConnectData(Topic, null, converter.FromConnectData(Topic, null, schema, value));

            result.Schema.Should().Be(schema);
            ValueEquality.Equal(result.Value, value).Should().BeTrue("{0} should read back as written ({1})", value, decimalFormat);
        }
    }

    [TestCaseSource(nameof(RoundTripCases))]
    public void RoundTrip_WithoutSchemas_PayloadRewritesIdentically(Schema schema, object? value)
    {
        var converter = Converter(schemas: false);
        var bytes = converter.FromConnectData(Topic, null, schema, value);

        var schemaless = converter.ToConnectData(Topic, null, bytes);

        schemaless.Schema.Should().BeNull();
        var rewritten = converter.FromConnectData(Topic, null, null, schemaless.Value);
        if (value is null)
        {
            // A null without schema is a tombstone, as in Kafka.
            rewritten.Should().BeNull();
        }
        else
        {
            rewritten.Should().Equal(bytes);
        }
    }

    private static Struct Everything()
    {
        var nestedSchema = EverythingSchema.Field("nested")!.Schema;
        return new Struct(EverythingSchema)
            .Put("i8", (sbyte)1).Put("i16", (short)2).Put("i32", 3).Put("i64", 4L).Put("f32", 5.5f).Put("f64", 6.25)
            .Put("bool", true).Put("str", "s").Put("bytes", new byte[] { 9 }).Put("dflt", "x").Put("dec", 1.234m)
            .Put("date", Utc(2000, 1, 1)).Put("time", DateTime.UnixEpoch.AddMilliseconds(1234)).Put("ts", Utc(2001, 2, 3, 4, 5, 6, 7))
            .Put("list", new List<object?> { 1, null, 3 })
            .Put("smap", new Dictionary<object, object?> { ["pi"] = 3.14 })
            .Put("imap", new Dictionary<object, object?> { [10L] = new List<object?> { "ten" } })
            .Put("nested", new Struct(nestedSchema).Put("s", "inner"));
    }
}
