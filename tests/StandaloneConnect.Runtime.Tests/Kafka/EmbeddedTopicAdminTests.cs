using StandaloneConnect.Runtime.Kafka;
using StandaloneConnect.Runtime.Kafka.Embedded;

namespace StandaloneConnect.Runtime.Tests.Kafka;

public sealed class EmbeddedTopicAdminTests
{
    private MockKafkaCluster _cluster = null!;
    private EmbeddedTopicAdmin _admin = null!;

    [SetUp]
    public void SetUp()
    {
        _cluster = new MockKafkaCluster(2);
        _admin = new EmbeddedTopicAdmin(_cluster) { RequestTimeout = TimeSpan.FromSeconds(5) };
    }

    [TearDown]
    public void TearDown()
    {
        _admin.Dispose();
        _cluster.Dispose();
    }

    [Test]
    public async Task CreateTopicAsync_New_CreatedWithRequestedPartitions()
    {
        var created = await _admin.CreateTopicAsync(new NewTopicSpec("orders", 6, 1), CancellationToken.None);
        var description = await _admin.DescribeTopicAsync("orders", CancellationToken.None);

        created.Should().BeTrue();
        description.Should().Be(new TopicDescriptionInfo("orders", 6, 1));
    }

    [Test]
    public async Task CreateTopicAsync_Existing_ReturnsFalseAndKeepsPartitions()
    {
        await _admin.CreateTopicAsync(new NewTopicSpec("orders", 3, 1), CancellationToken.None);

        var created = await _admin.CreateTopicAsync(new NewTopicSpec("orders", 9, 1), CancellationToken.None);

        created.Should().BeFalse();
        (await _admin.DescribeTopicAsync("orders", CancellationToken.None))!.PartitionCount.Should().Be(3);
    }

    [Test]
    public async Task CreateTopicAsync_BrokerDefaults_OnePartitionAndAllBrokersAsReplicas()
    {
        var spec = new NewTopicSpec("defaults", NewTopicSpec.BrokerDefault, NewTopicSpec.BrokerDefault,
            new Dictionary<string, string> { ["cleanup.policy"] = "compact" });

        await _admin.CreateTopicAsync(spec, CancellationToken.None);

        (await _admin.DescribeTopicAsync("defaults", CancellationToken.None))
            .Should().Be(new TopicDescriptionInfo("defaults", 1, 2));
    }

    [Test]
    public async Task CreateTopicAsync_ReplicationFactorAboveBrokerCount_Capped()
    {
        await _admin.CreateTopicAsync(new NewTopicSpec("capped", 2, 3), CancellationToken.None);

        (await _admin.DescribeTopicAsync("capped", CancellationToken.None))!.ReplicationFactor.Should().Be(2);
    }

    [TestCase(0, (short)1)]
    [TestCase(-2, (short)1)]
    [TestCase(1, (short)0)]
    public async Task CreateTopicAsync_InvalidCounts_Throws(int partitions, short replicationFactor)
    {
        var act = () => _admin.CreateTopicAsync(new NewTopicSpec("bad", partitions, replicationFactor), CancellationToken.None);

        await act.Should().ThrowAsync<ArgumentOutOfRangeException>();
    }

    [Test]
    public async Task DescribeTopicAsync_Missing_ReturnsNullAndDoesNotCreateIt()
    {
        var description = await _admin.DescribeTopicAsync("missing", CancellationToken.None);
        var again = await _admin.DescribeTopicAsync("missing", CancellationToken.None);

        description.Should().BeNull();
        again.Should().BeNull();
        _cluster.CreateTopic("missing", 1).Should().BeTrue("describing must not auto-create the topic");
    }

    [Test]
    public async Task GetClusterIdAsync_Mock_ReturnsId()
    {
        var id = await _admin.GetClusterIdAsync(CancellationToken.None);

        id.Should().NotBeNullOrEmpty();
    }

    [Test]
    public async Task DescribeTopicAsync_AfterDispose_ThrowsObjectDisposed()
    {
        _admin.Dispose();

        var act = () => _admin.DescribeTopicAsync("any", CancellationToken.None);

        await act.Should().ThrowAsync<ObjectDisposedException>();
    }
}
