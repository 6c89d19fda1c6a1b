using System.Net;
using System.Net.Sockets;
using Confluent.Kafka;
using Microsoft.Extensions.Logging.Abstractions;
using StandaloneConnect.Runtime.Configuration;
using StandaloneConnect.Runtime.Kafka;
using StandaloneConnect.Runtime.Kafka.Embedded;
using StandaloneConnect.Sdk;
using SdkTopicPartition = StandaloneConnect.Sdk.TopicPartition;

namespace StandaloneConnect.Runtime.Tests.Kafka;

/// <summary>
/// The real-cluster group offset admin as far as it can be run here (no Kafka broker on this machine): that librdkafka
/// accepts every request it builds (DeleteGroups and OffsetDelete against an address where nothing listens: the calls
/// must time out, not be refused before sending), the requests the mock implements (OffsetFetch, OffsetCommit), and
/// the capability probe that keeps it away from the mock.
/// </summary>
public sealed class KafkaGroupOffsetAdminTests
{
    private static readonly TimeSpan ShortTimeout = TimeSpan.FromSeconds(1);

    [Test]
    public async Task ResetAsync_WholeGroup_LibrdkafkaAcceptsTheDeleteGroupsRequest()
    {
        using var client = Client(ClosedPort());
        var admin = new KafkaGroupOffsetAdmin(client) { RequestTimeout = ShortTimeout };

        var act = () => admin.ResetAsync("connect-x", null, [], CancellationToken.None);

        var error = (await act.Should().ThrowAsync<ConnectException>()).Which.Message;
        error.Should().StartWith("Failed to reset the committed offsets of consumer group connect-x: ").And.Contain("Timed out");
        error.Should().NotContain("not supported", "the request must reach the network, not be refused by the client");
    }

    [Test]
    public async Task ResetAsync_SomePartitions_LibrdkafkaAcceptsTheOffsetDeleteRequest()
    {
        using var client = Client(ClosedPort());
        var admin = new KafkaGroupOffsetAdmin(client) { RequestTimeout = ShortTimeout };

        var act = () => admin.ResetAsync("connect-x", [new SdkTopicPartition("t", 0)], [], CancellationToken.None);

        var error = (await act.Should().ThrowAsync<ConnectException>()).Which.Message;
        error.Should().StartWith("Failed to reset the committed offsets of consumer group connect-x: ").And.Contain("Timed out");
        error.Should().NotContain("not supported");
    }

    [Test]
    public async Task ListAsync_OnTheMock_SendsOffsetFetch()
    {
        using var cluster = new MockKafkaCluster();
        using var client = Client(cluster.BootstrapServers);
        var admin = new KafkaGroupOffsetAdmin(client) { RequestTimeout = TimeSpan.FromSeconds(10) };
        cluster.StartRequestTracking();

        var offsets = await admin.ListAsync("connect-x", [], CancellationToken.None);

        offsets.Should().BeEmpty("the mock answers an OffsetFetch for all partitions with none");
        cluster.GetTrackedRequests().Should().Contain(r => r.ApiKey == KafkaApiKey.OffsetFetch);
    }

    [Test]
    public async Task SupportsGroupAdminAsync_Mock_IsFalse()
    {
        using var cluster = new MockKafkaCluster();
        using var client = Client(cluster.BootstrapServers);

        (await KafkaGroupOffsetAdmin.SupportsGroupAdminAsync(client, TimeSpan.FromSeconds(10), CancellationToken.None)).Should().BeFalse();
    }

    [Test]
    public async Task SupportsGroupAdminAsync_NoAnswer_IsTrue()
    {
        using var client = Client(ClosedPort());

        (await KafkaGroupOffsetAdmin.SupportsGroupAdminAsync(client, ShortTimeout, CancellationToken.None)).Should().BeTrue(
            "a cluster that does not answer in time is taken for a real one");
    }

    [Test]
    public async Task OpenAsync_MockAtBootstrapServers_UsesTheMockWorkarounds()
    {
        using var cluster = new MockKafkaCluster();
        var config = WorkerConfig.Parse(new Dictionary<string, string>
        {
            ["bootstrap.servers"] = cluster.BootstrapServers,
            ["key.converter"] = "org.apache.kafka.connect.storage.StringConverter",
            ["value.converter"] = "org.apache.kafka.connect.storage.StringConverter",
            ["offset.storage.file.filename"] = "offsets.json",
        }, "worker.properties");

        using var connection = await KafkaConnection.OpenAsync(config, NullLoggerFactory.Instance, CancellationToken.None);

        connection.IsEmbedded.Should().BeFalse();
        connection.IsMockCluster.Should().BeTrue();
        connection.GroupOffsets.Should().BeOfType<EmbeddedGroupOffsetAdmin>();
    }

    private static IAdminClient Client(string bootstrap) =>
        new AdminClientBuilder(new AdminClientConfig { BootstrapServers = bootstrap }).SetLogHandler((_, _) => { }).Build();

    /// <summary>An address on loopback where nothing listens (connections are refused).</summary>
    private static string ClosedPort()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return $"127.0.0.1:{port}";
    }
}
