using StandaloneConnect.Runtime.Kafka;
using StandaloneConnect.Sdk.Config;

namespace StandaloneConnect.Runtime.Tests.Kafka;

public sealed class BootstrapServerListTests
{
    [TestCase("localhost:9092", "localhost", 9092)]
    [TestCase(" broker-1.example.com:19092 ", "broker-1.example.com", 19092)]
    [TestCase("PLAINTEXT://broker:9092", "broker", 9092)]
    [TestCase("SASL_SSL://broker:9093/", "broker", 9093)]
    [TestCase("[::1]:9092", "::1", 9092)]
    [TestCase("127.0.0.1:0", "127.0.0.1", 0)]
    [TestCase("10.0.0.255:65535", "10.0.0.255", 65535)]
    public void Parse_ValidEntry_GivesHostAndPort(string entry, string host, int port)
    {
        BootstrapServerList.Parse([entry]).Should().Equal((host, port));
    }

    [TestCase("kafka", "Invalid url in bootstrap.servers: kafka (expected host:port)")]
    [TestCase("kafka:", "Invalid url in bootstrap.servers: kafka: (expected host:port)")]
    [TestCase("kafka:9092x", "Invalid url in bootstrap.servers: kafka:9092x (expected host:port)")]
    [TestCase("kafka :9092", "Invalid url in bootstrap.servers: kafka :9092 (expected host:port)")]
    [TestCase("kafka:99999", "Invalid port in bootstrap.servers: kafka:99999 (ports are 0-65535)")]
    [TestCase("kafka:99999999999", "Invalid port in bootstrap.servers: kafka:99999999999 (ports are 0-65535)")]
    [TestCase("256.1.1.1:9092", "Unknown host in bootstrap.servers: 256.1.1.1:9092 (256.1.1.1 is not a valid IPv4 address)")]
    [TestCase("", "No resolvable bootstrap urls given in bootstrap.servers")]
    public void Parse_InvalidEntry_ThrowsKafkasMessage(string entry, string message)
    {
        var act = () => BootstrapServerList.Parse([entry]);

        act.Should().Throw<ConfigException>().WithMessage(message);
    }

    [Test]
    public async Task UnresolvableAsync_NoHostResolves_NamesThem()
    {
        var unknown = await BootstrapServerList.UnresolvableAsync([("no-such-host.invalid", 9092), ("other.invalid", 9092)],
            TimeSpan.FromSeconds(10), CancellationToken.None);

        unknown.Should().Equal("no-such-host.invalid", "other.invalid");
    }

    [Test]
    public async Task UnresolvableAsync_OneHostResolves_IsEmpty()
    {
        (await BootstrapServerList.UnresolvableAsync([("no-such-host.invalid", 9092), ("localhost", 9092)], TimeSpan.FromSeconds(10),
            CancellationToken.None)).Should().BeEmpty();
        (await BootstrapServerList.UnresolvableAsync([("127.0.0.1", 9092)], TimeSpan.FromSeconds(10), CancellationToken.None)).Should().BeEmpty();
    }
}
