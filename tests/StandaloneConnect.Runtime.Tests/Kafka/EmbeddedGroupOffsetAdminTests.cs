using System.Diagnostics;
using Confluent.Kafka;
using Microsoft.Extensions.Logging.Abstractions;
using StandaloneConnect.Runtime.Kafka;
using StandaloneConnect.Runtime.Kafka.Embedded;
using StandaloneConnect.Sdk;
using SdkTopicPartition = StandaloneConnect.Sdk.TopicPartition;

namespace StandaloneConnect.Runtime.Tests.Kafka;

/// <summary>
/// The embedded broker's group offsets, driven by real consumers of group <c>connect-x</c> like a sink task's. Consumers
/// and the admin's temporary member use the same 2 s session timeout (the mock makes a join wait up to the last
/// member's session timeout - 1 s after a member left).
/// </summary>
public sealed class EmbeddedGroupOffsetAdminTests
{
    private const string Group = "connect-x";
    private const int RecordsPerPartition = 3;
    private static readonly TimeSpan SessionTimeout = TimeSpan.FromSeconds(2);
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(20);

    private EmbeddedKafkaCluster _kafka = null!;
    private EmbeddedGroupOffsetAdmin _admin = null!;

    [SetUp]
    public void SetUp()
    {
        _kafka = new EmbeddedKafkaCluster();
        _admin = new EmbeddedGroupOffsetAdmin(_kafka.Cluster) { RequestTimeout = Timeout, MemberSessionTimeout = SessionTimeout };
        _kafka.CreateTopic("beta", partitions: 2);
        _kafka.CreateTopic("alpha", partitions: 1);
        ProduceToEveryPartition();
    }

    [TearDown]
    public void TearDown()
    {
        _admin.Dispose();
        _kafka.Dispose();
    }

    [Test]
    public async Task ListAsync_AfterSinkConsumerCommitted_ReturnsOffsetsSortedByTopicThenPartition()
    {
        ConsumeAllAndCommit();

        var offsets = await _admin.ListAsync(Group, ["beta", "alpha"], CancellationToken.None);

        offsets.Should().Equal((Tp("alpha", 0), 3L), (Tp("beta", 0), 3L), (Tp("beta", 1), 3L));
    }

    [Test]
    public async Task ListAsync_UnknownGroup_ReturnsEmpty()
    {
        ConsumeAllAndCommit();

        (await _admin.ListAsync("connect-unknown", ["alpha", "beta"], CancellationToken.None)).Should().BeEmpty();
        (await _admin.ListAsync(Group, [], CancellationToken.None)).Should().BeEmpty();
    }

    [Test]
    public async Task ListAsync_UnknownTopic_ReturnsEmptyAndDoesNotCreateTopic()
    {
        var offsets = await _admin.ListAsync(Group, ["missing"], CancellationToken.None);

        offsets.Should().BeEmpty();
        _kafka.HighWatermarks("missing").Should().BeEmpty();
    }

    [Test]
    public async Task AlterAsync_ConsumerLeftGroup_NewConsumerStartsAtAlteredOffsets()
    {
        ConsumeAllAndCommit();

        await _admin.AlterAsync(Group, new Dictionary<SdkTopicPartition, long> { [Tp("alpha", 0)] = 2, [Tp("beta", 1)] = 1 }, CancellationToken.None);

        (await _admin.ListAsync(Group, ["alpha", "beta"], CancellationToken.None))
            .Should().Equal((Tp("alpha", 0), 2L), (Tp("beta", 0), 3L), (Tp("beta", 1), 1L));
        FirstOffsets(AutoOffsetReset.Earliest, Tp("alpha", 0), Tp("beta", 1))
            .Should().Equal(new Dictionary<SdkTopicPartition, long> { [Tp("alpha", 0)] = 2, [Tp("beta", 1)] = 1 });
    }

    [Test]
    public async Task AlterAsync_GroupNeverJoined_CommitsWithoutJoiningTheGroup()
    {
        _kafka.Cluster.StartRequestTracking();

        await _admin.AlterAsync("connect-new", new Dictionary<SdkTopicPartition, long> { [Tp("beta", 0)] = 1 }, CancellationToken.None);

        (await _admin.ListAsync("connect-new", ["beta"], CancellationToken.None)).Should().Equal((Tp("beta", 0), 1L));
        _kafka.Cluster.GetTrackedRequests().Should().NotContain(r => r.ApiKey == KafkaApiKey.JoinGroup);
    }

    [Test]
    public async Task AlterAsync_UnknownPartition_ThrowsConnectExceptionNamingGroupAndPartition()
    {
        var act = () => _admin.AlterAsync(Group, new Dictionary<SdkTopicPartition, long> { [Tp("beta", 7)] = 1, [Tp("alpha", 0)] = 1 },
            CancellationToken.None);

        (await act.Should().ThrowAsync<ConnectException>())
            .Which.Message.Should().Contain("connect-x").And.Contain("beta-7").And.Contain("UnknownTopicOrPart").And.NotContain("alpha-0");
        (await _admin.ListAsync(Group, ["alpha"], CancellationToken.None)).Should().BeEmpty();
    }

    [TestCase(-1L)]
    [TestCase(long.MaxValue)]
    public async Task AlterAsync_OffsetOutOfRange_ThrowsArgumentOutOfRange(long offset)
    {
        var act = () => _admin.AlterAsync(Group, new Dictionary<SdkTopicPartition, long> { [Tp("alpha", 0)] = offset }, CancellationToken.None);

        await act.Should().ThrowAsync<ArgumentOutOfRangeException>();
    }

    [Test]
    public async Task ResetAsync_OnePartition_ListOmitsItAndNewConsumerStartsFromEarliest()
    {
        ConsumeAllAndCommit();

        await _admin.ResetAsync(Group, [Tp("beta", 1)], ["alpha", "beta"], CancellationToken.None);

        (await _admin.ListAsync(Group, ["alpha", "beta"], CancellationToken.None))
            .Should().Equal((Tp("alpha", 0), 3L), (Tp("beta", 0), 3L));
        FirstOffsets(AutoOffsetReset.Earliest, Tp("beta", 1)).Should().Equal(new Dictionary<SdkTopicPartition, long> { [Tp("beta", 1)] = 0 });
    }

    [Test]
    public async Task ResetAsync_WholeGroup_ListEmptyAndNewConsumerStartsFromEarliest()
    {
        ConsumeAllAndCommit();

        await _admin.ResetAsync(Group, null, ["alpha", "beta"], CancellationToken.None);

        (await _admin.ListAsync(Group, ["alpha", "beta"], CancellationToken.None)).Should().BeEmpty();
        (await _kafka.GetCommittedOffsetsAsync(Group, "beta")).Values.Should().OnlyContain(o => o == EmbeddedGroupOffsetAdmin.ResetOffset);
        FirstOffsets(AutoOffsetReset.Earliest, Tp("alpha", 0), Tp("beta", 0), Tp("beta", 1))
            .Should().Equal(new Dictionary<SdkTopicPartition, long> { [Tp("alpha", 0)] = 0, [Tp("beta", 0)] = 0, [Tp("beta", 1)] = 0 });
    }

    [Test]
    public async Task ResetAsync_WholeGroupThenLatestConsumer_SkipsExistingRecords()
    {
        ConsumeAllAndCommit();
        await _admin.ResetAsync(Group, null, ["alpha"], CancellationToken.None);

        using var consumer = new ConsumerBuilder<Ignore, string>(SinkConsumerConfig(AutoOffsetReset.Latest)).SetLogHandler((_, _) => { }).Build();
        consumer.Subscribe("alpha");
        ConsumeResult<Ignore, string>? first = null;
        var clock = Stopwatch.StartNew();
        var lastProduce = TimeSpan.FromSeconds(-1);
        while (first is null && clock.Elapsed < Timeout)
        {
            // When the consumer resolves "latest" is unknown: keep adding records until one arrives.
            if (consumer.Assignment.Count > 0 && clock.Elapsed - lastProduce > TimeSpan.FromMilliseconds(300))
            {
                _kafka.ProduceStrings("alpha", ["new"]);
                lastProduce = clock.Elapsed;
            }

            first = consumer.Consume(TimeSpan.FromMilliseconds(50)) is { Message: not null } result ? result : null;
        }

        consumer.Close();
        first.Should().NotBeNull();
        first!.Message.Value.Should().Be("new");
        first.Offset.Value.Should().BeGreaterThanOrEqualTo(RecordsPerPartition);
    }

    [Test]
    public async Task ResetAsync_NothingCommitted_ReturnsWithoutJoiningTheGroup()
    {
        _kafka.Cluster.StartRequestTracking();

        await _admin.ResetAsync(Group, null, ["alpha", "beta"], CancellationToken.None);
        await _admin.ResetAsync(Group, [Tp("beta", 0), Tp("missing", 0)], ["alpha", "beta"], CancellationToken.None);

        _kafka.Cluster.GetTrackedRequests().Should().NotContain(r => r.ApiKey == KafkaApiKey.JoinGroup || r.ApiKey == KafkaApiKey.OffsetCommit);
        _kafka.HighWatermarks("missing").Should().BeEmpty();
    }

    [Test]
    public async Task ListAsync_BrokerDown_ThrowsConnectExceptionNamingGroup()
    {
        using var admin = new EmbeddedGroupOffsetAdmin(_kafka.Cluster) { RequestTimeout = TimeSpan.FromSeconds(1) };
        _kafka.SetBrokerDown(MockKafkaCluster.AllBrokers);
        try
        {
            var act = () => admin.ListAsync(Group, ["alpha"], CancellationToken.None);

            (await act.Should().ThrowAsync<ConnectException>()).Which.Message.Should().StartWith("Failed to list the committed offsets of consumer group connect-x");
        }
        finally
        {
            _kafka.SetBrokerUp(MockKafkaCluster.AllBrokers);
        }
    }

    [Test]
    public async Task ListAsync_Cancelled_ThrowsOperationCanceled()
    {
        using var cts = new CancellationTokenSource();
        await cts.CancelAsync();

        var act = () => _admin.ListAsync(Group, ["alpha"], cts.Token);

        await act.Should().ThrowAsync<OperationCanceledException>();
    }

    [Test]
    public async Task KafkaConnectionForEmbedded_GroupOffsets_ListsCommittedOffsets()
    {
        ConsumeAllAndCommit();
        using var connection = KafkaConnection.ForEmbedded(_kafka.Cluster, NullLoggerFactory.Instance);

        var offsets = await connection.GroupOffsets.ListAsync(Group, ["alpha"], CancellationToken.None);

        connection.GroupOffsets.Should().BeOfType<EmbeddedGroupOffsetAdmin>();
        offsets.Should().Equal((Tp("alpha", 0), 3L));
    }

    [Test]
    public async Task KafkaConnectionForEmbedded_AlterAndResetRightAfterWorkerLikeConsumerLeft_NewConsumerStartsThere()
    {
        // The worker's sink consumers use a 6 s session timeout on the embedded broker, as does the connection's admin.
        var workerSession = EmbeddedGroupOffsetAdmin.DefaultMemberSessionTimeout;
        ConsumeAllAndCommit(workerSession);
        using var connection = KafkaConnection.ForEmbedded(_kafka.Cluster, NullLoggerFactory.Instance);

        await connection.GroupOffsets.AlterAsync(Group, new Dictionary<SdkTopicPartition, long> { [Tp("beta", 0)] = 1 }, CancellationToken.None);
        await connection.GroupOffsets.ResetAsync(Group, [Tp("beta", 1)], ["alpha", "beta"], CancellationToken.None);

        (await connection.GroupOffsets.ListAsync(Group, ["alpha", "beta"], CancellationToken.None))
            .Should().Equal((Tp("alpha", 0), 3L), (Tp("beta", 0), 1L));
        FirstOffsets(AutoOffsetReset.Earliest, workerSession, Tp("beta", 0), Tp("beta", 1))
            .Should().Equal(new Dictionary<SdkTopicPartition, long> { [Tp("beta", 0)] = 1, [Tp("beta", 1)] = 0 });
    }

    [Test]
    public async Task KafkaGroupOffsetAdminAlterAsync_GroupWithMembersOnRecord_ThrowsActiveMembersConnectException()
    {
        ConsumeAllAndCommit(); // the mock answers UNKNOWN_MEMBER_ID, as Kafka does for a group with members
        using var client = new AdminClientBuilder(new AdminClientConfig { BootstrapServers = _kafka.BootstrapServers }).SetLogHandler((_, _) => { }).Build();
        var admin = new KafkaGroupOffsetAdmin(client) { RequestTimeout = Timeout };

        var act = () => admin.AlterAsync(Group, new Dictionary<SdkTopicPartition, long> { [Tp("alpha", 0)] = 1 }, CancellationToken.None);

        (await act.Should().ThrowAsync<ConnectException>())
            .Which.Message.Should().Contain("consumer group connect-x because the group has active members (Kafka answered UnknownMemberId)");
    }

    [Test]
    public async Task KafkaGroupOffsetAdminAlterAsync_NewGroup_CommitsOffsets()
    {
        using var client = new AdminClientBuilder(new AdminClientConfig { BootstrapServers = _kafka.BootstrapServers }).SetLogHandler((_, _) => { }).Build();
        var admin = new KafkaGroupOffsetAdmin(client) { RequestTimeout = Timeout };

        await admin.AlterAsync("connect-new", new Dictionary<SdkTopicPartition, long> { [Tp("beta", 1)] = 2 }, CancellationToken.None);

        (await _kafka.GetCommittedOffsetsAsync("connect-new", "beta")).Should().Equal(new Dictionary<int, long> { [1] = 2 });
    }

    private static SdkTopicPartition Tp(string topic, int partition) => new(topic, partition);

    private ConsumerConfig SinkConsumerConfig(AutoOffsetReset reset, TimeSpan? sessionTimeout = null)
    {
        var config = _kafka.CreateConsumerConfig(Group);
        config.AutoOffsetReset = reset;
        config.SessionTimeoutMs = (int)(sessionTimeout ?? SessionTimeout).TotalMilliseconds;
        config.HeartbeatIntervalMs = config.SessionTimeoutMs / 4;
        return config;
    }

    private void ProduceToEveryPartition()
    {
        using var producer = new ProducerBuilder<Null, string>(_kafka.CreateProducerConfig()).SetLogHandler((_, _) => { }).Build();
        foreach (var (topic, partitions) in new[] { ("alpha", 1), ("beta", 2) })
        {
            for (var p = 0; p < partitions; p++)
            {
                for (var i = 0; i < RecordsPerPartition; i++)
                {
                    producer.Produce(new Confluent.Kafka.TopicPartition(topic, p), new Message<Null, string> { Value = $"{topic}-{p}-{i}" });
                }
            }
        }

        producer.Flush(Timeout).Should().Be(0);
    }

    /// <summary>Like a sink task: subscribes as <see cref="Group"/>, reads everything, commits, leaves the group.</summary>
    private void ConsumeAllAndCommit(TimeSpan? sessionTimeout = null)
    {
        using var consumer = new ConsumerBuilder<Ignore, Ignore>(SinkConsumerConfig(AutoOffsetReset.Earliest, sessionTimeout)).SetLogHandler((_, _) => { }).Build();
        consumer.Subscribe(["alpha", "beta"]);
        var read = 0;
        var clock = Stopwatch.StartNew();
        while (read < 3 * RecordsPerPartition && clock.Elapsed < Timeout)
        {
            read += consumer.Consume(TimeSpan.FromMilliseconds(50)) is { Message: not null } ? 1 : 0;
        }

        read.Should().Be(3 * RecordsPerPartition);
        consumer.Commit();
        consumer.Close();
    }

    /// <summary>A new consumer of <see cref="Group"/>: the offset of the first record it reads from each of <paramref name="partitions"/>.</summary>
    private Dictionary<SdkTopicPartition, long> FirstOffsets(AutoOffsetReset reset, params SdkTopicPartition[] partitions) =>
        FirstOffsets(reset, SessionTimeout, partitions);

    private Dictionary<SdkTopicPartition, long> FirstOffsets(AutoOffsetReset reset, TimeSpan sessionTimeout, params SdkTopicPartition[] partitions)
    {
        using var consumer = new ConsumerBuilder<Ignore, Ignore>(SinkConsumerConfig(reset, sessionTimeout)).SetLogHandler((_, _) => { }).Build();
        consumer.Subscribe(["alpha", "beta"]);
        var first = new Dictionary<SdkTopicPartition, long>();
        var clock = Stopwatch.StartNew();
        while (!partitions.All(first.ContainsKey) && clock.Elapsed < Timeout)
        {
            if (consumer.Consume(TimeSpan.FromMilliseconds(50)) is { Message: not null } result)
            {
                first.TryAdd(Tp(result.Topic, result.Partition.Value), result.Offset.Value);
            }
        }

        consumer.Close();
        return first.Where(f => partitions.Contains(f.Key)).ToDictionary();
    }
}
