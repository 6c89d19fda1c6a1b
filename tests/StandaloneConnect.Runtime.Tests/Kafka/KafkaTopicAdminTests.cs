using Confluent.Kafka;
using StandaloneConnect.Runtime.Kafka;
using StandaloneConnect.Runtime.Kafka.Embedded;

namespace StandaloneConnect.Runtime.Tests.Kafka;

/// <summary>
/// Runs the real-cluster admin against the mock for what the mock supports (DescribeTopics, DescribeCluster).
/// The mock does not implement CreateTopics, which only lets us check that such a failure is not swallowed.
/// </summary>
public sealed class KafkaTopicAdminTests
{
    private MockKafkaCluster _cluster = null!;
    private IAdminClient _client = null!;
    private KafkaTopicAdmin _admin = null!;

    [SetUp]
    public void SetUp()
    {
        _cluster = new MockKafkaCluster();
        _client = new AdminClientBuilder(new AdminClientConfig { BootstrapServers = _cluster.BootstrapServers })
            .SetLogHandler((_, _) => { })
            .Build();
        _admin = new KafkaTopicAdmin(_client) { RequestTimeout = TimeSpan.FromSeconds(5) };
    }

    [TearDown]
    public void TearDown()
    {
        _client.Dispose();
        _cluster.Dispose();
    }

    [Test]
    public async Task DescribeTopicAsync_Existing_ReturnsPartitionCount()
    {
        _cluster.CreateTopic("described", 5);

        var description = await _admin.DescribeTopicAsync("described", CancellationToken.None);

        description.Should().Be(new TopicDescriptionInfo("described", 5, 1));
    }

    [Test]
    public async Task GetClusterIdAsync_Mock_ReturnsId()
    {
        var id = await _admin.GetClusterIdAsync(CancellationToken.None);

        id.Should().NotBeNullOrEmpty();
    }

    [Test]
    public async Task DescribeTopicAsync_Missing_ReturnsNullAndDoesNotCreateIt()
    {
        var description = await _admin.DescribeTopicAsync("missing", CancellationToken.None);

        description.Should().BeNull();
        _cluster.CreateTopic("missing", 1).Should().BeTrue("describing must not auto-create the topic");
    }

    [Test]
    public async Task CreateTopicAsync_BrokerWithoutCreateTopicsApi_ThrowsRatherThanReportingExisting()
    {
        var act = () => _admin.CreateTopicAsync(new NewTopicSpec("new-topic", 1, 1), CancellationToken.None);

        await act.Should().ThrowAsync<KafkaException>();
    }
}
