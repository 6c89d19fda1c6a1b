using StandaloneConnect.Converters;
using StandaloneConnect.Sdk.Data;

namespace StandaloneConnect.Benchmarks;

/// <summary>
/// Converters configured as a user's worker file would (<c>value.converter.schemas.enable=...</c>), the inputs, and the
/// honesty check: the hand-written baselines must produce the converter's exact bytes (and read back equal values),
/// otherwise the benchmark refuses to run.
/// </summary>
public sealed class JsonFixture
{
    public JsonFixture()
    {
        SchemasOff = Converter(schemasEnable: false);
        SchemasOn = Converter(schemasEnable: true);
        StringOff = SchemasOff.FromConnectData(BenchData.Topic, null, Schema.String, BenchData.Line)!;
        StringOn = SchemasOn.FromConnectData(BenchData.Topic, null, Schema.String, BenchData.Line)!;
        StructOff = SchemasOff.FromConnectData(BenchData.Topic, null, BenchData.OrderSchema, Order)!;
        StructOn = SchemasOn.FromConnectData(BenchData.Topic, null, BenchData.OrderSchema, Order)!;
    }

    public Struct Order { get; } = BenchData.Order(42);
    public HandWrittenJson HandWritten { get; } = new();
    public JsonConverter SchemasOff { get; }
    public JsonConverter SchemasOn { get; }
    public byte[] StringOff { get; }
    public byte[] StringOn { get; }
    public byte[] StructOff { get; }
    public byte[] StructOn { get; }

    public static JsonConverter Converter(bool schemasEnable)
    {
        var converter = new JsonConverter();
        converter.Configure(new Dictionary<string, string> { ["schemas.enable"] = schemasEnable ? "true" : "false" }, isKey: false);
        return converter;
    }

    /// <summary>Throws when a baseline does not produce/read exactly what the converter does.</summary>
    public void Verify()
    {
        SameBytes("string, schemas.enable=false", StringOff, HandWritten.WriteString(BenchData.Line, envelope: false));
        SameBytes("string, schemas.enable=true", StringOn, HandWritten.WriteString(BenchData.Line, envelope: true));
        SameBytes("struct, schemas.enable=false", StructOff, HandWritten.WriteOrder(Order, envelope: false));
        SameBytes("struct, schemas.enable=true", StructOn, HandWritten.WriteOrder(Order, envelope: true));
        if (StringOn.Length != 158)
        {
            throw new InvalidOperationException($"The 100 B line's envelope must be Kafka's 158 B, was {StringOn.Length} B");
        }

        Same("read string, schemas off", SchemasOff.ToConnectData(BenchData.Topic, null, StringOff).Value,
            HandWrittenJson.ReadString(StringOff, envelope: false));
        Same("read string, schemas on", SchemasOn.ToConnectData(BenchData.Topic, null, StringOn).Value,
            HandWrittenJson.ReadString(StringOn, envelope: true));
        Same("read struct, schemas off", SchemasOff.ToConnectData(BenchData.Topic, null, StructOff).Value,
            HandWrittenJson.ReadMap(StructOff));
        Same("read struct, schemas on", SchemasOn.ToConnectData(BenchData.Topic, null, StructOn).Value,
            HandWritten.ReadOrder(StructOn));
    }

    private static void SameBytes(string what, byte[] converter, byte[] baseline)
    {
        if (!converter.AsSpan().SequenceEqual(baseline))
        {
            throw new InvalidOperationException($"Baseline bytes differ from JsonConverter's ({what}):\n converter: "
                + System.Text.Encoding.UTF8.GetString(converter) + "\n baseline:  " + System.Text.Encoding.UTF8.GetString(baseline));
        }
    }

    private static void Same(string what, object? converter, object? baseline)
    {
        var equal = (converter, baseline) switch
        {
            (IDictionary<object, object?> a, IDictionary<object, object?> b) =>
                a.Count == b.Count && a.All(kv => b.TryGetValue(kv.Key, out var v) && Equals(kv.Value, v)),
            _ => Equals(converter, baseline),
        };
        if (!equal)
        {
            throw new InvalidOperationException($"Baseline read differs from JsonConverter's ({what}): {converter} vs {baseline}");
        }
    }
}
