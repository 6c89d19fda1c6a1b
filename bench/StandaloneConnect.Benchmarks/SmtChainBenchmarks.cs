using BenchmarkDotNet.Attributes;
using StandaloneConnect.Runtime.Transforms;
using StandaloneConnect.Sdk;

namespace StandaloneConnect.Benchmarks;

/// <summary>
/// Scenario S3: the five-SMT chain per record, against JsonConverter (schemas off) on the same record as the in-run
/// baseline. Every method processes the same 10 records (one dropped by Filter), so all figures are per record.
/// </summary>
[MemoryDiagnoser]
public class SmtChain
{
    private const int N = BenchData.BatchSize;
    private SmtChainFixture _f = null!;
    private SourceRecord[] _records = null!;

    public enum RecordKind
    {
        Struct,
        Map,
    }

    [Params(RecordKind.Struct, RecordKind.Map)]
    public RecordKind Records { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _f = new SmtChainFixture(schemaless: Records == RecordKind.Map);
        _records = _f.Records;
    }

    [GlobalCleanup]
    public void Cleanup() => _f.Dispose();

    /// <summary>S1(b): conversion only (JsonConverter, schemas.enable=false) of the untransformed record.</summary>
    [Benchmark(Baseline = true, OperationsPerInvoke = N)]
    public int ConvertOnly()
    {
        var bytes = 0;
        foreach (var r in _records)
        {
            bytes += _f.Converter.FromConnectData(r.Topic, null, r.ValueSchema, r.Value)!.Length;
        }

        return bytes;
    }

    /// <summary>The whole chain; divide by 5 for ns per SMT per record.</summary>
    [Benchmark(OperationsPerInvoke = N)]
    public int Chain() => Run(_f.Chain);

    /// <summary>S3 itself: chain, then conversion of the records the chain kept.</summary>
    [Benchmark(OperationsPerInvoke = N)]
    public int ChainThenConvert()
    {
        var bytes = 0;
        foreach (var r in _records)
        {
            if (_f.Chain.Apply(r) is { } t)
            {
                bytes += _f.Converter.FromConnectData(t.Topic, null, t.ValueSchema, t.Value)!.Length;
            }
        }

        return bytes;
    }

    [Benchmark(OperationsPerInvoke = N)]
    public int Only_InsertField() => Run(_f.Single["insert"]);

    [Benchmark(OperationsPerInvoke = N)]
    public int Only_ReplaceField() => Run(_f.Single["rename"]);

    [Benchmark(OperationsPerInvoke = N)]
    public int Only_MaskField() => Run(_f.Single["mask"]);

    [Benchmark(OperationsPerInvoke = N)]
    public int Only_RegexRouter() => Run(_f.Single["route"]);

    [Benchmark(OperationsPerInvoke = N)]
    public int Only_FilterHasHeaderKey() => Run(_f.Single["filter"]);

    private int Run(TransformationChain chain)
    {
        var kept = 0;
        foreach (var r in _records)
        {
            if (chain.Apply(r) is not null)
            {
                kept++;
            }
        }

        return kept;
    }
}
