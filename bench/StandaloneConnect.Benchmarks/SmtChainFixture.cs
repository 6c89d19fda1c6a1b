using System.Collections;
using StandaloneConnect.Converters;
using StandaloneConnect.Runtime.Configuration;
using StandaloneConnect.Runtime.Plugins;
using StandaloneConnect.Runtime.Transforms;
using StandaloneConnect.Sdk;
using StandaloneConnect.Sdk.Data;
using StandaloneConnect.Transforms;

namespace StandaloneConnect.Benchmarks;

/// <summary>
/// Scenario S3's chain, built the way the worker builds it: a connector properties text with Kafka's class names,
/// parsed by <see cref="JavaProperties"/>, resolved through a <see cref="PluginRegistry"/> scanning the built-in
/// plugin assemblies, instantiated by <see cref="TransformationChain.Build"/>.
/// </summary>
public sealed class SmtChainFixture : IDisposable
{
    /// <summary>The five stages in chain order, as <c>transforms=</c> lists them.</summary>
    public static readonly string[] Aliases = ["insert", "rename", "mask", "route", "filter"];

    /// <summary>Filter drops the records that carry the header (1 in <see cref="BenchData.BatchSize"/>): keeps 90%.</summary>
    public const string ConnectorProperties = """
        name=s3-bench
        connector.class=FileStreamSource
        transforms=insert,rename,mask,route,filter
        transforms.insert.type=org.apache.kafka.connect.transforms.InsertField$Value
        transforms.insert.static.field=source
        transforms.insert.static.value=bench
        transforms.rename.type=org.apache.kafka.connect.transforms.ReplaceField$Value
        transforms.rename.renames=id:order_id
        transforms.mask.type=org.apache.kafka.connect.transforms.MaskField$Value
        transforms.mask.fields=email
        transforms.route.type=org.apache.kafka.connect.transforms.RegexRouter
        transforms.route.regex=(.*)-raw
        transforms.route.replacement=$1-clean
        transforms.filter.type=org.apache.kafka.connect.transforms.Filter
        transforms.filter.predicate=marked
        predicates=marked
        predicates.marked.type=org.apache.kafka.connect.transforms.predicates.HasHeaderKey
        predicates.marked.name=bench.drop
        """;

    private readonly List<TransformationChain> _owned = [];

    public SmtChainFixture(bool schemaless)
    {
        var registry = new PluginRegistry([typeof(JsonConverter).Assembly, typeof(TransformsAssembly).Assembly]);
        var config = JavaProperties.Parse(ConnectorProperties, "s3-bench.properties");
        Records = BenchData.Batch(schemaless);
        Chain = Own(TransformationChain.Build(config, registry));
        Single = Aliases.ToDictionary(a => a, a => Own(TransformationChain.Build(WithOnly(config, a), registry)));
        Converter = JsonFixture.Converter(schemasEnable: false);
        Verify();
    }

    public SourceRecord[] Records { get; }

    public TransformationChain Chain { get; }

    /// <summary>One-stage chains (same settings) for the per-SMT breakdown.</summary>
    public IReadOnlyDictionary<string, TransformationChain> Single { get; }

    /// <summary>The S1(b) converter: JsonConverter with schemas.enable=false.</summary>
    public JsonConverter Converter { get; }

    public void Dispose()
    {
        foreach (var chain in _owned)
        {
            chain.Dispose();
        }
    }

    private TransformationChain Own(TransformationChain chain)
    {
        _owned.Add(chain);
        return chain;
    }

    private static Dictionary<string, string> WithOnly(IReadOnlyDictionary<string, string> config, string alias) =>
        config.Select(kv => kv.Key == "transforms" ? new KeyValuePair<string, string>(kv.Key, alias) : kv)
            .ToDictionary(kv => kv.Key, kv => kv.Value);

    /// <summary>Throws unless the chain does what the scenario says (so a misconfigured chain cannot look fast).</summary>
    private void Verify()
    {
        if (Chain.Stages.Count != Aliases.Length)
        {
            throw new InvalidOperationException($"Expected {Aliases.Length} stages, got {Chain.Stages.Count}");
        }

        var kept = Records.Select(Chain.Apply).OfType<ConnectRecord>().ToList();
        if (kept.Count != BenchData.BatchSize - 1)
        {
            throw new InvalidOperationException($"Filter should keep {BenchData.BatchSize - 1} of {BenchData.BatchSize}, kept {kept.Count}");
        }

        var first = kept[0];
        var (source, orderId, email, id) = first.Value switch
        {
            Struct s => (s.Get("source"), s.Get("order_id"), s.Get("email"), s.Schema.Fields.Any(f => f.Name == "id")),
            IDictionary m => (m["source"], m["order_id"], m["email"], m.Contains("id")),
            var v => throw new InvalidOperationException("Unexpected value " + v),
        };
        if (first.Topic != "orders-clean" || !Equals(source, "bench") || !Equals(orderId, 1000L) || !Equals(email, "") || id)
        {
            throw new InvalidOperationException("The chain did not transform the record as configured: " + first);
        }

        if (Converter.FromConnectData(first.Topic, null, first.ValueSchema, first.Value) is not { Length: > 0 })
        {
            throw new InvalidOperationException("The transformed record did not convert");
        }
    }
}
