using StandaloneConnect.Runtime.Kafka;
using StandaloneConnect.Sdk;

namespace StandaloneConnect.Runtime.Tests.Configuration.RuntimeConfigs;

public sealed class ClientConfigsTests
{
    private static IEnumerable<KeyValuePair<string, ClientProperty>> Layer(string origin, params (string Key, string Value)[] entries) =>
        ClientConfigs.Defaults(entries.ToDictionary(e => e.Key, e => e.Value), origin);

    private static Dictionary<string, string> BuildOne(string key, string value) =>
        ClientConfigs.Build(Layer("worker.properties", (key, value)));

    [TestCase("acks", "0", TestName = "Build_KeyInEveryLayer_ConnectorOverrideWins")]
    [TestCase("linger.ms", "10", TestName = "Build_KeyInDefaultsAndWorker_WorkerWins")]
    [TestCase("client.id", "connector-producer-c-0", TestName = "Build_KeyOnlyInDefaults_DefaultIsKept")]
    [TestCase("batch.size", "1000", TestName = "Build_KeyOnlyInConnectorOverride_IsUsed")]
    public void Build_ThreeLayers_LaterLayerWins(string key, string expected)
    {
        var defaults = Layer("framework", ("acks", "all"), ("linger.ms", "5"), ("client.id", "connector-producer-c-0"));
        var worker = ClientConfigs.WithPrefix(
            new Dictionary<string, string> { ["producer.acks"] = "1", ["producer.linger.ms"] = "10", ["bootstrap.servers"] = "b:9092" },
            "producer.", "worker.properties");
        var connector = ClientConfigs.WithPrefix(
            new Dictionary<string, string> { ["producer.override.acks"] = "0", ["producer.override.batch.size"] = "1000", ["topic"] = "t" },
            "producer.override.", "connector c");

        var result = ClientConfigs.Build(defaults, worker, connector);

        result.Should().Contain(key, expected);
        result.Should().NotContainKeys("bootstrap.servers", "topic", "override.acks");
    }

    [Test]
    public void WithPrefix_Keys_StripsThePrefixAndRecordsTheOrigin()
    {
        var props = new Dictionary<string, string> { ["consumer.max.poll.interval.ms"] = "1000", ["consumer."] = "x", ["producer.acks"] = "1" };

        var result = ClientConfigs.WithPrefix(props, "consumer.", "worker.properties");

        result.Keys.Should().Equal("max.poll.interval.ms");
        result["max.poll.interval.ms"].Should().Be(new ClientProperty("1000", "consumer.max.poll.interval.ms in worker.properties"));
    }

    [Test]
    public void Build_SynonymsInDifferentLayers_HigherLayerWinsWhateverTheKeyInsertionOrder()
    {
        // Embedded mode puts librdkafka's fetch.wait.max.ms among the defaults; the worker uses Java's name and the
        // connector override librdkafka's: the override must still win.
        var defaults = Layer("framework", ("fetch.wait.max.ms", "50"));
        var worker = Layer("worker.properties", ("fetch.max.wait.ms", "500"));
        var connector = Layer("connector c", ("fetch.wait.max.ms", "100"));

        ClientConfigs.Build(defaults, worker, connector).Should().Contain("fetch.wait.max.ms", "100");
    }

    [TestCase("key.serializer")]
    [TestCase("value.serializer")]
    [TestCase("key.deserializer")]
    [TestCase("value.deserializer")]
    [TestCase("max.block.ms")]
    [TestCase("interceptor.classes")]
    [TestCase("partitioner.class")]
    [TestCase("metric.reporters")]
    [TestCase("client.dns.lookup")]
    [TestCase("retries")]
    [TestCase("max.poll.records")]
    [TestCase("ssl.truststore.type")]
    [TestCase("ssl.truststore.password")]
    [TestCase("ssl.enabled.protocols")]
    public void Build_JavaOnlyKey_IsDropped(string key)
    {
        var result = ClientConfigs.Build(Layer("framework", (key, "x"), ("acks", "all")));

        result.Should().NotContainKey(key).And.ContainKey("acks");
    }

    [TestCase("fetch.max.wait.ms", "fetch.wait.max.ms")]
    [TestCase("send.buffer.bytes", "socket.send.buffer.bytes")]
    [TestCase("receive.buffer.bytes", "socket.receive.buffer.bytes")]
    [TestCase("ssl.truststore.location", "ssl.ca.location")]
    [TestCase("compression.type", "compression.codec")]
    public void Build_JavaKeyWithAnotherLibrdkafkaName_IsRenamed(string javaKey, string librdkafkaKey)
    {
        var result = BuildOne(javaKey, "123");

        result.Should().Equal(new Dictionary<string, string> { [librdkafkaKey] = "123" });
    }

    [TestCase("", "none")]
    [TestCase("https", "https")]
    public void Build_EndpointIdentificationAlgorithm_EmptyMeansNone(string value, string expected)
    {
        BuildOne("ssl.endpoint.identification.algorithm", value)
            .Should().Equal(new Dictionary<string, string> { ["ssl.endpoint.identification.algorithm"] = expected });
    }

    [Test]
    public void Build_JksTruststore_FailsWithAnExplanation()
    {
        var act = () => BuildOne("ssl.truststore.location", "/etc/kafka/truststore.jks");

        act.Should().Throw<StandaloneConnect.Sdk.ConnectException>().WithMessage("*Java KeyStore (.jks)*ssl.ca.location*");
    }

    [TestCase("33554432", "32768")]
    [TestCase("1048576", "1024")]
    [TestCase("1000", "1")]
    public void Build_BufferMemoryInBytes_BecomesQueueBufferingMaxKbytes(string bytes, string kbytes)
    {
        BuildOne("buffer.memory", bytes).Should().Equal(new Dictionary<string, string> { ["queue.buffering.max.kbytes"] = kbytes });
    }

    [TestCase("120000", "120000")]
    [TestCase("2147483647", "2147483647")]
    [TestCase("9223372036854775807", "2147483647")]
    public void Build_DeliveryTimeout_IsCappedAtIntMaxValue(string value, string expected)
    {
        BuildOne("delivery.timeout.ms", value).Should().Equal(new Dictionary<string, string> { ["delivery.timeout.ms"] = expected });
    }

    [TestCase("buffer.memory")]
    [TestCase("delivery.timeout.ms")]
    public void Build_NumericKeyNotANumber_ThrowsNamingTheOrigin(string key)
    {
        var worker = ClientConfigs.WithPrefix(new Dictionary<string, string> { ["producer." + key] = "lots" }, "producer.", "worker.properties");

        var act = () => ClientConfigs.Build(worker);

        act.Should().Throw<ConnectException>()
            .WithMessage($"Invalid value lots for producer.{key} in worker.properties: expected a whole number for {key}");
    }

    [TestCase("org.apache.kafka.common.security.plain.PlainLoginModule required username=\"alice\" password=\"s3=cr;t\";", "alice", "s3=cr;t")]
    [TestCase("org.apache.kafka.common.security.scram.ScramLoginModule required\n  username = \"bob\"\n  password = \"pw\";", "bob", "pw")]
    public void Build_SaslJaasConfigWithUsernameAndPassword_BecomesSaslUsernameAndPassword(string jaas, string user, string password)
    {
        var result = BuildOne("sasl.jaas.config", jaas);

        result.Should().Equal(new Dictionary<string, string> { ["sasl.username"] = user, ["sasl.password"] = password });
    }

    [TestCase("com.sun.security.auth.module.Krb5LoginModule required useKeyTab=true keyTab=\"/k.keytab\";")]
    [TestCase("org.apache.kafka.common.security.plain.PlainLoginModule required username=\"alice\";")]
    public void Build_UntranslatableSaslJaasConfig_ThrowsNamingTheOriginAndTheAlternative(string jaas)
    {
        var worker = ClientConfigs.WithPrefix(new Dictionary<string, string> { ["consumer.sasl.jaas.config"] = jaas }, "consumer.", "worker.properties");

        var act = () => ClientConfigs.Build(worker);

        act.Should().Throw<ConnectException>()
            .WithMessage("consumer.sasl.jaas.config in worker.properties: *set sasl.username and sasl.password instead");
    }

    [Test]
    public void OverridePolicyViolations_All_AllowsEveryOverride()
    {
        var config = new Dictionary<string, string>
        {
            ["producer.override.acks"] = "1", ["consumer.override.max.poll.records"] = "5", ["admin.override.request.timeout.ms"] = "1",
        };

        ClientConfigs.OverridePolicyViolations(config, "All").Should().BeEmpty();
    }

    [Test]
    public void OverridePolicyViolations_None_RejectsEveryOverrideWithKafkasMessage()
    {
        var config = new Dictionary<string, string>
        {
            ["name"] = "c", ["producer.acks"] = "1", ["producer.override.acks"] = "1", ["admin.override.sasl.mechanism"] = "PLAIN",
        };

        ClientConfigs.OverridePolicyViolations(config, "None").Should().BeEquivalentTo(
            "producer.override.acks: The 'None' policy does not allow 'acks' to be overridden in the connector configuration.",
            "admin.override.sasl.mechanism: The 'None' policy does not allow 'sasl.mechanism' to be overridden in the connector configuration.");
    }

    [TestCase("producer.override.security.protocol", true)]
    [TestCase("consumer.override.sasl.jaas.config", true)]
    [TestCase("admin.override.sasl.mechanism", true)]
    [TestCase("producer.override.acks", false)]
    [TestCase("consumer.override.sasl.username", false)]
    [TestCase("admin.override.bootstrap.servers", false)]
    public void OverridePolicyViolations_Principal_AllowsOnlySecurityProtocolAndSasl(string key, bool allowed)
    {
        var problems = ClientConfigs.OverridePolicyViolations(new Dictionary<string, string> { [key] = "x" }, "Principal");

        if (allowed)
        {
            problems.Should().BeEmpty();
        }
        else
        {
            problems.Should().ContainSingle().Which.Should().StartWith(key + ": The 'Principal' policy does not allow '");
        }
    }
}
