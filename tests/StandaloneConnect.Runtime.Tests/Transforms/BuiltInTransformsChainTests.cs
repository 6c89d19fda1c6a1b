using System.Text;
using StandaloneConnect.Converters;
using StandaloneConnect.Runtime.Configuration;
using StandaloneConnect.Runtime.Plugins;
using StandaloneConnect.Runtime.Transforms;
using StandaloneConnect.Sdk;
using StandaloneConnect.Sdk.Data;

namespace StandaloneConnect.Runtime.Tests.Transforms;

/// <summary>
/// Every built-in SMT and predicate as a user's connector file names it (Kafka's class names, keys with the
/// <c>transforms.&lt;alias&gt;.</c> prefix), resolved by the worker's <see cref="PluginRegistry"/> and run by the
/// <see cref="TransformationChain"/> a task uses. Records are written and compared as JsonConverter envelopes.
/// </summary>
public sealed class BuiltInTransformsChainTests
{
    private const string Str = """{"type":"string","optional":false}""";
    private const string Person = """{"type":"struct","fields":[{"type":"int64","optional":false,"field":"id"},{"type":"string","optional":true,"field":"name"}],"optional":false}""";
    private const string Alice = """{"schema":""" + Person + ""","payload":{"id":1,"name":"alice"}}""";

    private static readonly PluginRegistry Plugins = new([typeof(JsonConverter).Assembly, typeof(StandaloneConnect.Transforms.TransformsAssembly).Assembly]);
    private static readonly JsonConverter Envelope = CreateEnvelope();

    private static IEnumerable<TestCaseData> Cases()
    {
        yield return Case("Cast$Value", "Cast$Value\nspec=id:string", Alice,
            """{"schema":{"type":"struct","fields":[{"type":"string","optional":false,"field":"id"},{"type":"string","optional":true,"field":"name"}],"optional":false},"payload":{"id":"1","name":"alice"}}""");
        yield return Case("Cast$Key", "Cast$Key\nspec=int32", Alice, Alice, key: """{"schema":null,"payload":"7"}""",
            expectedKey: """{"schema":null,"payload":7}""");
        yield return Case("DropHeaders", "DropHeaders\nheaders=a", Alice, Alice, headers: ["a", "b"], expectedHeaders: ["b"]);
        yield return Case("ExtractField$Value", "ExtractField$Value\nfield=name", Alice, """{"schema":{"type":"string","optional":true},"payload":"alice"}""");
        yield return Case("ExtractField$Value V2", "ExtractField$Value\nfield=outer.inner\nfield.syntax.version=V2",
            """{"schema":null,"payload":{"outer":{"inner":5}}}""", """{"schema":null,"payload":5}""");
        yield return Case("Filter", "Filter", Alice, null);
        yield return Case("Flatten$Value", "Flatten$Value\ndelimiter=_", """{"schema":null,"payload":{"a":{"b":1}}}""", """{"schema":null,"payload":{"a_b":1}}""");
        yield return Case("HeaderFrom$Value", "HeaderFrom$Value\nfields=name\nheaders=who\noperation=move", Alice,
            """{"schema":{"type":"struct","fields":[{"type":"int64","optional":false,"field":"id"}],"optional":false},"payload":{"id":1}}""",
            expectedHeaders: ["who"]);
        yield return Case("HoistField$Value", "HoistField$Value\nfield=line", """{"schema":""" + Str + ""","payload":"hi"}""",
            """{"schema":{"type":"struct","fields":[{"type":"string","optional":false,"field":"line"}],"optional":false},"payload":{"line":"hi"}}""");
        yield return Case("InsertField$Value", "InsertField$Value\ntopic.field=t\nstatic.field=s\nstatic.value=v", """{"schema":null,"payload":{"id":1}}""",
            """{"schema":null,"payload":{"id":1,"t":"orders","s":"v"}}""");
        yield return Case("InsertHeader", "InsertHeader\nheader=h\nvalue.literal=x", Alice, Alice, expectedHeaders: ["h"]);
        yield return Case("MaskField$Value", "MaskField$Value\nfields=name", Alice,
            """{"schema":""" + Person + ""","payload":{"id":1,"name":""}}""");
        yield return Case("RegexRouter", "RegexRouter\nregex=ord(.*)\nreplacement=x$1", Alice, Alice, expectedTopic: "xers");
        yield return Case("ReplaceField$Value", "ReplaceField$Value\nexclude=name\nrenames=id:key", Alice,
            """{"schema":{"type":"struct","fields":[{"type":"int64","optional":false,"field":"key"}],"optional":false},"payload":{"key":1}}""");
        yield return Case("SetSchemaMetadata$Value", "SetSchemaMetadata$Value\nschema.name=com.example.Person\nschema.version=2", Alice,
            """{"schema":{"type":"struct","fields":[{"type":"int64","optional":false,"field":"id"},{"type":"string","optional":true,"field":"name"}],"optional":false,"name":"com.example.Person","version":2},"payload":{"id":1,"name":"alice"}}""");
        yield return Case("TimestampConverter$Value", "TimestampConverter$Value\ntarget.type=string\nformat=yyyy-MM-dd",
            """{"schema":{"type":"int64","optional":false,"name":"org.apache.kafka.connect.data.Timestamp","version":1},"payload":86400000}""",
            """{"schema":{"type":"string","optional":false},"payload":"1970-01-02"}""");
        yield return Case("TimestampRouter", "TimestampRouter\ntopic.format=${topic}-${timestamp}\ntimestamp.format=yyyyMMdd", Alice, Alice,
            expectedTopic: "orders-19700102", timestamp: 86_400_000);
        yield return Case("ValueToKey", "ValueToKey\nfields=id", Alice, Alice,
            expectedKey: """{"schema":{"type":"struct","fields":[{"type":"int64","optional":false,"field":"id"}],"optional":false},"payload":{"id":1}}""");
    }

    [TestCaseSource(nameof(Cases))]
    public void KafkaClassName_ResolvesAndTransforms(string type, string settings, string key, string value, string? expectedKey, string? expectedValue,
        string expectedTopic, string[] headers, string[] expectedHeaders, long? timestamp)
    {
        var lines = settings.Split('\n');
        var properties = $"transforms=t\ntransforms.t.type=org.apache.kafka.connect.transforms.{lines[0]}\n" +
            string.Concat(lines.Skip(1).Select(l => "transforms.t." + l + "\n"));
        using var chain = TransformationChain.Build(JavaProperties.Parse(properties, "test"), Plugins);
        var k = Read(key);
        var v = Read(value);
        var record = new SourceRecord(null, null, "orders", null, k.Schema, k.Value, v.Schema, v.Value, timestamp,
            headers.Select(h => new Header(h, Schema.String, "x")));

        var result = chain.Apply(record);

        if (expectedValue is null)
        {
            result.Should().BeNull($"{type} drops the record");
            return;
        }

        result.Should().NotBeNull();
        Write(result!.KeySchema, result.Key).Should().Be(expectedKey ?? key);
        Write(result.ValueSchema, result.Value).Should().Be(expectedValue);
        result.Topic.Should().Be(expectedTopic);
        result.Headers.Select(h => h.Key).Should().Equal(expectedHeaders);
    }

    [Test]
    public void Predicates_ByKafkaClassName_GuardTheirTransformation()
    {
        const string properties = """
            transforms=route,tag,drop
            transforms.route.type=org.apache.kafka.connect.transforms.RegexRouter
            transforms.route.regex=.*
            transforms.route.replacement=matched
            transforms.route.predicate=isOrders
            transforms.tag.type=org.apache.kafka.connect.transforms.InsertHeader
            transforms.tag.header=tagged
            transforms.tag.value.literal=true
            transforms.tag.predicate=hasTrace
            transforms.tag.negate=true
            transforms.drop.type=org.apache.kafka.connect.transforms.Filter
            transforms.drop.predicate=tombstone
            predicates=isOrders,hasTrace,tombstone
            predicates.isOrders.type=org.apache.kafka.connect.transforms.predicates.TopicNameMatches
            predicates.isOrders.pattern=ord.*
            predicates.hasTrace.type=org.apache.kafka.connect.transforms.predicates.HasHeaderKey
            predicates.hasTrace.name=trace
            predicates.tombstone.type=org.apache.kafka.connect.transforms.predicates.RecordIsTombstone
            """;
        using var chain = TransformationChain.Build(JavaProperties.Parse(properties, "test"), Plugins);

        var orders = chain.Apply(new SourceRecord(null, null, "orders", null, "v"))!;
        var traced = chain.Apply(new SourceRecord(null, null, "other", null, null, null, null, "v", null, [new Header("trace", null, "1")]))!;
        var tombstone = chain.Apply(new SourceRecord(null, null, "orders", null, null));

        orders.Topic.Should().Be("matched");
        orders.Headers.Select(h => h.Key).Should().Equal("tagged");
        traced.Topic.Should().Be("other");
        traced.Headers.Select(h => h.Key).Should().Equal("trace");
        tombstone.Should().BeNull();
    }

    private static TestCaseData Case(string name, string settings, string value, string? expectedValue, string key = "null",
        string? expectedKey = null, string expectedTopic = "orders", string[]? headers = null, string[]? expectedHeaders = null,
        long? timestamp = null) =>
        new TestCaseData(name, settings, key, value, expectedKey, expectedValue, expectedTopic, headers ?? [], expectedHeaders ?? headers ?? [], timestamp)
            .SetName(name);

    private static SchemaAndValue Read(string envelope) =>
        envelope == "null" ? SchemaAndValue.Null : Envelope.ToConnectData("orders", null, Encoding.UTF8.GetBytes(envelope));

    private static string Write(Schema? schema, object? value) =>
        Envelope.FromConnectData("orders", null, schema, value) is { } bytes ? Encoding.UTF8.GetString(bytes) : "null";

    private static JsonConverter CreateEnvelope()
    {
        var converter = new JsonConverter();
        converter.Configure(new Dictionary<string, string> { ["schemas.enable"] = "true", ["replace.null.with.default"] = "false" }, isKey: false);
        return converter;
    }
}
