using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using StandaloneConnect.Sdk.Data;

namespace StandaloneConnect.Benchmarks;

// BenchmarkDotNet requires public, non-sealed benchmark classes.

/// <summary>JsonConverter.FromConnectData vs a hand-written Utf8JsonWriter producing the same bytes.</summary>
[MemoryDiagnoser]
[GroupBenchmarksBy(BenchmarkLogicalGroupRule.ByCategory)]
[CategoriesColumn]
public class JsonFromConnectData
{
    private JsonFixture _f = null!;

    [GlobalSetup]
    public void Setup()
    {
        _f = new JsonFixture();
        _f.Verify();
    }

    [Benchmark(Baseline = true), BenchmarkCategory(Groups.StringOff)]
    public byte[] StringOff_Utf8JsonWriter() => _f.HandWritten.WriteString(BenchData.Line, envelope: false);

    [Benchmark, BenchmarkCategory(Groups.StringOff)]
    public byte[]? StringOff_JsonConverter() => _f.SchemasOff.FromConnectData(BenchData.Topic, null, Schema.String, BenchData.Line);

    [Benchmark(Baseline = true), BenchmarkCategory(Groups.StringOn)]
    public byte[] StringOn_Utf8JsonWriter() => _f.HandWritten.WriteString(BenchData.Line, envelope: true);

    [Benchmark, BenchmarkCategory(Groups.StringOn)]
    public byte[]? StringOn_JsonConverter() => _f.SchemasOn.FromConnectData(BenchData.Topic, null, Schema.String, BenchData.Line);

    [Benchmark(Baseline = true), BenchmarkCategory(Groups.StructOff)]
    public byte[] StructOff_Utf8JsonWriter() => _f.HandWritten.WriteOrder(_f.Order, envelope: false);

    [Benchmark, BenchmarkCategory(Groups.StructOff)]
    public byte[]? StructOff_JsonConverter() => _f.SchemasOff.FromConnectData(BenchData.Topic, null, BenchData.OrderSchema, _f.Order);

    [Benchmark(Baseline = true), BenchmarkCategory(Groups.StructOn)]
    public byte[] StructOn_Utf8JsonWriter() => _f.HandWritten.WriteOrder(_f.Order, envelope: true);

    [Benchmark, BenchmarkCategory(Groups.StructOn)]
    public byte[]? StructOn_JsonConverter() => _f.SchemasOn.FromConnectData(BenchData.Topic, null, BenchData.OrderSchema, _f.Order);

    public static class Groups
    {
        public const string StringOff = "string 100 B, schemas.enable=false";
        public const string StringOn = "string 100 B, schemas.enable=true";
        public const string StructOff = "Struct 5 fields, schemas.enable=false";
        public const string StructOn = "Struct 5 fields, schemas.enable=true";
    }
}

/// <summary>JsonConverter.ToConnectData vs a hand-written Utf8JsonReader building the same value.</summary>
[MemoryDiagnoser]
[GroupBenchmarksBy(BenchmarkLogicalGroupRule.ByCategory)]
[CategoriesColumn]
public class JsonToConnectData
{
    private JsonFixture _f = null!;

    [GlobalSetup]
    public void Setup()
    {
        _f = new JsonFixture();
        _f.Verify();
    }

    [Benchmark(Baseline = true), BenchmarkCategory(JsonFromConnectData.Groups.StringOff)]
    public object StringOff_Utf8JsonReader() => HandWrittenJson.ReadString(_f.StringOff, envelope: false);

    [Benchmark, BenchmarkCategory(JsonFromConnectData.Groups.StringOff)]
    public object? StringOff_JsonConverter() => _f.SchemasOff.ToConnectData(BenchData.Topic, null, _f.StringOff).Value;

    [Benchmark(Baseline = true), BenchmarkCategory(JsonFromConnectData.Groups.StringOn)]
    public object StringOn_Utf8JsonReader() => HandWrittenJson.ReadString(_f.StringOn, envelope: true);

    [Benchmark, BenchmarkCategory(JsonFromConnectData.Groups.StringOn)]
    public object? StringOn_JsonConverter() => _f.SchemasOn.ToConnectData(BenchData.Topic, null, _f.StringOn).Value;

    [Benchmark(Baseline = true), BenchmarkCategory(JsonFromConnectData.Groups.StructOff)]
    public object StructOff_Utf8JsonReader() => HandWrittenJson.ReadMap(_f.StructOff);

    [Benchmark, BenchmarkCategory(JsonFromConnectData.Groups.StructOff)]
    public object? StructOff_JsonConverter() => _f.SchemasOff.ToConnectData(BenchData.Topic, null, _f.StructOff).Value;

    [Benchmark(Baseline = true), BenchmarkCategory(JsonFromConnectData.Groups.StructOn)]
    public object StructOn_Utf8JsonReader() => _f.HandWritten.ReadOrder(_f.StructOn);

    [Benchmark, BenchmarkCategory(JsonFromConnectData.Groups.StructOn)]
    public object? StructOn_JsonConverter() => _f.SchemasOn.ToConnectData(BenchData.Topic, null, _f.StructOn).Value;
}
