using System.Globalization;
using StandaloneConnect.Runtime.Configuration;
using StandaloneConnect.Sdk.Config;

namespace StandaloneConnect.Runtime.Tests.Configuration.RuntimeConfigs;

public sealed class WorkerConfigTests
{
    private static Dictionary<string, string> Minimal() => new()
    {
        ["key.converter"] = "org.apache.kafka.connect.json.JsonConverter",
        ["value.converter"] = "org.apache.kafka.connect.json.JsonConverter",
        ["offset.storage.file.filename"] = "/tmp/connect.offsets",
    };

    // Reference §3: Kafka's defaults for the keys the worker defines.
    [TestCase("bootstrap.servers", "[localhost:9092]")]
    [TestCase("client.dns.lookup", "use_all_dns_ips")]
    [TestCase("header.converter", "org.apache.kafka.connect.storage.SimpleHeaderConverter")]
    [TestCase("offset.flush.interval.ms", "60000")]
    [TestCase("offset.flush.timeout.ms", "5000")]
    [TestCase("task.shutdown.graceful.timeout.ms", "5000")]
    [TestCase("plugin.path", "null")]
    [TestCase("plugin.discovery", "hybrid_warn")]
    [TestCase("config.providers", "[]")]
    [TestCase("connector.client.config.override.policy", "All")]
    [TestCase("topic.creation.enable", "true")]
    [TestCase("topic.tracking.enable", "true")]
    [TestCase("topic.tracking.allow.reset", "true")]
    [TestCase("offset.storage.type", "file")]
    public void Parse_KeyNotGiven_HasKafkasDefault(string key, string expected)
    {
        var config = WorkerConfig.Parse(Minimal(), "worker.properties");

        Render(config.Parsed.Get(key)).Should().Be(expected);
    }

    [TestCase("offset.flush.interval.ms", typeof(long))]
    [TestCase("offset.flush.timeout.ms", typeof(long))]
    [TestCase("task.shutdown.graceful.timeout.ms", typeof(long))]
    [TestCase("topic.creation.enable", typeof(bool))]
    [TestCase("bootstrap.servers", typeof(List<string>))]
    public void Parse_Defaults_HaveTheKeysType(string key, Type type)
    {
        var config = WorkerConfig.Parse(Minimal(), "worker.properties");

        config.Parsed.Get(key).Should().BeOfType(type);
    }

    [Test]
    public void Parse_Minimal_TypedPropertiesUseTheDefaults()
    {
        var config = WorkerConfig.Parse(Minimal(), "worker.properties");

        config.OffsetFlushInterval.Should().Be(TimeSpan.FromSeconds(60));
        config.OffsetFlushTimeout.Should().Be(TimeSpan.FromSeconds(5));
        config.GracefulShutdownTimeout.Should().Be(TimeSpan.FromSeconds(5));
        config.OffsetStoreType.Should().Be("file");
        config.OffsetFile.Should().Be("/tmp/connect.offsets");
        config.UsesEmbeddedKafka.Should().BeFalse();
        config.Source.Should().Be("worker.properties");
    }

    [Test]
    public void Parse_ShippedSampleConfig_IsAccepted()
    {
        var props = new Dictionary<string, string>
        {
            ["bootstrap.servers"] = "localhost:9092",
            ["key.converter"] = "org.apache.kafka.connect.json.JsonConverter",
            ["value.converter"] = "org.apache.kafka.connect.json.JsonConverter",
            ["key.converter.schemas.enable"] = "true",
            ["value.converter.schemas.enable"] = "true",
            ["offset.storage.file.filename"] = "/tmp/connect.offsets",
            ["offset.flush.interval.ms"] = "10000",
        };

        var config = WorkerConfig.Parse(props, "connect-standalone.properties");

        config.OffsetFlushInterval.Should().Be(TimeSpan.FromSeconds(10));
        config.Originals.Should().ContainKey("key.converter.schemas.enable");
    }

    [TestCase("embedded", true)]
    [TestCase("EMBEDDED", true)]
    [TestCase(" embedded ", true)]
    [TestCase("localhost:9092", false)]
    [TestCase("embedded:9092", false)]
    [TestCase("embedded.example.com:9092", false)]
    public void UsesEmbeddedKafka_BootstrapServers_OnlyTheSingleValueEmbedded(string bootstrap, bool expected)
    {
        var props = Minimal();
        props["bootstrap.servers"] = bootstrap;

        WorkerConfig.Parse(props, "worker.properties").UsesEmbeddedKafka.Should().Be(expected);
    }

    [Test]
    public void Parse_SeveralProblems_ReportsEveryOneAtOncePrefixedWithTheFileName()
    {
        var props = new Dictionary<string, string>
        {
            ["value.converter"] = "org.apache.kafka.connect.storage.StringConverter",
            ["offset.flush.interval.ms"] = "soon",
            ["topic.creation.enable"] = "maybe",
            ["embedded.kafka.brokers"] = "two",
            ["offset.storage.type"] = "mysql",
        };

        var act = () => WorkerConfig.Parse(props, "my-worker.properties");

        var problems = act.Should().Throw<ConfigValidationException>().Which.Problems;
        problems.Should().BeEquivalentTo(
            "my-worker.properties: Missing required configuration \"key.converter\" which has no default value.",
            "my-worker.properties: Missing required configuration \"offset.storage.file.filename\" which has no default value.",
            "my-worker.properties: Invalid value soon for configuration offset.flush.interval.ms: Not a number of type LONG",
            "my-worker.properties: Invalid value maybe for configuration topic.creation.enable: Expected value to be either true or false",
            "my-worker.properties: Invalid value two for configuration embedded.kafka.brokers: Not a number of type INT",
            "my-worker.properties: Invalid value mysql for configuration offset.storage.type: String must be one of: file, sqlite");
    }

    [Test]
    public void Parse_SeveralProblems_MessageListsEveryProblem()
    {
        var act = () => WorkerConfig.Parse(new Dictionary<string, string>(), "w.properties");

        act.Should().Throw<ConfigValidationException>()
            .WithMessage("*w.properties: Missing required configuration \"key.converter\"*" +
                "*w.properties: Missing required configuration \"value.converter\"*" +
                "*w.properties: Missing required configuration \"offset.storage.file.filename\"*");
    }

    [TestCase("offset.storage.file.filename", "", "String must be non-empty")]
    [TestCase("offset.flush.interval.ms", "-1", "Value must be at least 1")]
    [TestCase("offset.flush.interval.ms", "0", "Value must be at least 1")]
    [TestCase("offset.flush.timeout.ms", "0", "Value must be at least 1")]
    [TestCase("embedded.kafka.brokers", "17", "Value must be no more than 16")]
    [TestCase("connector.client.config.override.policy", "Everything", "String must be one of: All, None, Principal")]
    [TestCase("client.dns.lookup", "default", "String must be one of: use_all_dns_ips, resolve_canonical_bootstrap_servers_only")]
    public void Parse_InvalidValue_NamesKeyValueAndRule(string key, string value, string rule)
    {
        var props = Minimal();
        props[key] = value;

        var act = () => WorkerConfig.Parse(props, "worker.properties");

        act.Should().Throw<ConfigValidationException>().Which.Problems
            .Should().Equal($"worker.properties: Invalid value {value} for configuration {key}: {rule}");
    }

    [TestCase("embedded,localhost:9092")]
    [TestCase("localhost:9092,embedded")]
    public void Parse_EmbeddedWithOtherServers_IsRefused(string bootstrap)
    {
        var props = Minimal();
        props["bootstrap.servers"] = bootstrap;

        var act = () => WorkerConfig.Parse(props, "worker.properties");

        act.Should().Throw<ConfigValidationException>().Which.Problems.Should().ContainSingle()
            .Which.Should().Contain("for configuration bootstrap.servers: 'embedded' must be the only value");
    }

    [Test]
    public void Parse_ConfigStoreIsTheOffsetsFile_IsRefused()
    {
        var props = Minimal();
        props["offset.storage.file.filename"] = "data/connect.offsets";
        props["config.storage.file.filename"] = "data/../data/./connect.offsets";

        var act = () => WorkerConfig.Parse(props, "worker.properties");

        act.Should().Throw<ConfigValidationException>().Which.Problems.Should().ContainSingle()
            .Which.Should().StartWith("worker.properties: config.storage.file.filename and offset.storage.file.filename name the same file");
    }

    [TestCase("HYBRID_FAIL")]
    [TestCase("service_load")]
    public void Parse_PluginDiscovery_IsCaseInsensitive(string value)
    {
        var props = Minimal();
        props["plugin.discovery"] = value;

        WorkerConfig.Parse(props, "worker.properties").Parsed.GetString("plugin.discovery").Should().Be(value);
    }

    [Test]
    public void Parse_UnknownKeys_AreKeptInOriginals()
    {
        var props = Minimal();
        props["producer.acks"] = "1";
        props["rest.port"] = "8083";

        var config = WorkerConfig.Parse(props, "worker.properties");

        config.Originals.Should().Contain("producer.acks", "1").And.Contain("rest.port", "8083");
    }

    private static string Render(object? value) => value switch
    {
        null => "null",
        bool b => b ? "true" : "false",
        string s => s,
        IEnumerable<string> list => "[" + string.Join(", ", list) + "]",
        _ => Convert.ToString(value, CultureInfo.InvariantCulture) ?? "",
    };
}
