using Confluent.Kafka;
using StandaloneConnect.Runtime.Kafka.Embedded;

namespace StandaloneConnect.Testing;

/// <summary>
/// An in-process Kafka cluster for tests (librdkafka's mock cluster: the real wire protocol on 127.0.0.1), with
/// helpers to create topics, inject faults, produce and read back records, and inspect offsets.
/// </summary>
/// <remarks>
/// <para>
/// Creating one takes a few milliseconds; one per test or per fixture is fine, and several can run at once.
/// Clients you build yourself must be closed/disposed before this cluster (a consumer's <c>Close()</c> against a
/// vanished cluster blocks for its session timeout). <see cref="CreateProducerConfig"/> and
/// <see cref="CreateConsumerConfig"/> give settings that suit the mock (fast fetches).
/// </para>
/// <para>
/// Mock behaviour worth knowing: producing to (or asking metadata for) an unknown topic auto-creates it with 4
/// partitions, so create topics first; a downed broker's partitions do not fail over; each partition keeps at most
/// 5 MiB; the admin calls ListConsumerGroups and DeleteGroups crash the process, never call them.
/// </para>
/// </remarks>
public sealed partial class EmbeddedKafkaCluster : IDisposable
{
    private readonly MockKafkaCluster _cluster;
    private readonly Lock _gate = new();
    private readonly CancellationTokenSource _lifetime = new();
    private IProducer<byte[]?, byte[]?>? _producer;
    private IAdminClient? _admin;
    private IConsumer<byte[]?, byte[]?>? _watermarkConsumer;
    private int _activeConsumers;
    private bool _disposed;

    /// <summary>Starts a cluster with broker ids 1..<paramref name="brokers"/>.</summary>
    public EmbeddedKafkaCluster(int brokers = 1)
    {
        _cluster = new MockKafkaCluster(brokers);
    }

    /// <summary>The underlying mock cluster, for fault injection not wrapped here (e.g. request tracking).</summary>
    public MockKafkaCluster Cluster => _cluster;

    /// <summary>Comma-separated <c>127.0.0.1:PORT</c> of every broker.</summary>
    public string BootstrapServers => _cluster.BootstrapServers;

    /// <summary>Number of brokers; their ids are 1..<see cref="BrokerCount"/>.</summary>
    public int BrokerCount => _cluster.BrokerCount;

    /// <summary>How long the synchronous produce helpers wait for delivery. Default 30 s.</summary>
    public TimeSpan ProduceTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Creates a topic; returns false if it already existed. Replication factor is capped at the broker count.</summary>
    public bool CreateTopic(string topic, int partitions = 1, int replicationFactor = 1) =>
        _cluster.CreateTopic(topic, partitions, replicationFactor);

    /// <inheritdoc cref="MockKafkaCluster.DeleteTopic"/>
    public void DeleteTopic(string topic) => _cluster.DeleteTopic(topic);

    /// <inheritdoc cref="MockKafkaCluster.SetBrokerDown"/>
    public void SetBrokerDown(int brokerId) => _cluster.SetBrokerDown(brokerId);

    /// <inheritdoc cref="MockKafkaCluster.SetBrokerUp"/>
    public void SetBrokerUp(int brokerId) => _cluster.SetBrokerUp(brokerId);

    /// <inheritdoc cref="MockKafkaCluster.SetBrokerRtt"/>
    public void SetBrokerRtt(int brokerId, int rttMs) => _cluster.SetBrokerRtt(brokerId, rttMs);

    /// <inheritdoc cref="MockKafkaCluster.SetPartitionLeader"/>
    public void SetPartitionLeader(string topic, int partition, int brokerId) =>
        _cluster.SetPartitionLeader(topic, partition, brokerId);

    /// <inheritdoc cref="MockKafkaCluster.PushRequestErrors"/>
    public void PushRequestErrors(short apiKey, params ErrorCode[] errors) => _cluster.PushRequestErrors(apiKey, errors);

    /// <inheritdoc cref="MockKafkaCluster.ClearRequestErrors"/>
    public void ClearRequestErrors(short apiKey) => _cluster.ClearRequestErrors(apiKey);

    /// <inheritdoc cref="MockKafkaCluster.DeletePartitionRecords"/>
    public void DeletePartitionRecords(string topic, int partition, long beforeOffset) =>
        _cluster.DeletePartitionRecords(topic, partition, beforeOffset);

    /// <inheritdoc cref="MockKafkaCluster.SetGroupInitialRebalanceDelay"/>
    public void SetGroupInitialRebalanceDelay(int delayMs) => _cluster.SetGroupInitialRebalanceDelay(delayMs);

    /// <summary>Producer settings for this cluster: all acks, short linger, bounded delivery timeout.</summary>
    public ProducerConfig CreateProducerConfig() => new()
    {
        BootstrapServers = BootstrapServers,
        Acks = Acks.All,
        LingerMs = 5,
        MessageTimeoutMs = (int)ProduceTimeout.TotalMilliseconds,
    };

    /// <summary>
    /// Consumer settings for this cluster: fetches return within 10 ms, no fetch back-off, read from the earliest
    /// offset, no auto-commit; a unique group id unless <paramref name="groupId"/> is given. If several group
    /// members join at different times, also lower <c>SessionTimeoutMs</c> (the mock waits session timeout - 1 s).
    /// </summary>
    public ConsumerConfig CreateConsumerConfig(string? groupId = null) => new()
    {
        BootstrapServers = BootstrapServers,
        GroupId = groupId ?? $"embedded-kafka-{Guid.NewGuid():N}",
        AutoOffsetReset = AutoOffsetReset.Earliest,
        EnableAutoCommit = false,
        FetchWaitMaxMs = 10,
        FetchQueueBackoffMs = 0, // fetch.queue.backoff.ms: the 1 s default caps consume throughput
    };

    /// <summary>Closes the helper clients (waiting briefly for running consumes to stop), then destroys the cluster.</summary>
    public void Dispose()
    {
        IProducer<byte[]?, byte[]?>? producer;
        IAdminClient? admin;
        IConsumer<byte[]?, byte[]?>? watermarkConsumer;
        lock (_gate)
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
            (producer, _producer) = (_producer, null);
            (admin, _admin) = (_admin, null);
            (watermarkConsumer, _watermarkConsumer) = (_watermarkConsumer, null);
        }

        _lifetime.Cancel();
        SpinWait.SpinUntil(() => Volatile.Read(ref _activeConsumers) == 0, TimeSpan.FromSeconds(10));

        if (watermarkConsumer is not null)
        {
            watermarkConsumer.Close();
            watermarkConsumer.Dispose();
        }

        producer?.Dispose();
        admin?.Dispose();
        _cluster.Dispose();
        _lifetime.Dispose();
    }

    private T GetOrCreate<T>(ref T? field, Func<T> factory)
        where T : class
    {
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            return field ??= factory();
        }
    }

    private IProducer<byte[]?, byte[]?> Producer() => GetOrCreate(ref _producer, () =>
        new ProducerBuilder<byte[]?, byte[]?>(CreateProducerConfig()).Quiet().Build());

    private IAdminClient Admin() => GetOrCreate(ref _admin, () =>
        new AdminClientBuilder(new AdminClientConfig { BootstrapServers = BootstrapServers })
            .SetLogHandler(static (_, _) => { })
            .SetErrorHandler(static (_, _) => { })
            .Build());

    private IConsumer<byte[]?, byte[]?> WatermarkConsumer() => GetOrCreate(ref _watermarkConsumer, () =>
        new ConsumerBuilder<byte[]?, byte[]?>(CreateConsumerConfig()).Quiet().Build());
}
