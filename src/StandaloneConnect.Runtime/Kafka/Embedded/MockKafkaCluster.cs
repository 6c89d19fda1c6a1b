using System.Runtime.InteropServices;
using Confluent.Kafka;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace StandaloneConnect.Runtime.Kafka.Embedded;

/// <summary>
/// An in-process Kafka cluster: librdkafka's mock cluster, which speaks the real Kafka wire protocol on
/// <c>127.0.0.1</c> (a random port per broker). Used for the embedded quickstart mode and for tests.
/// </summary>
/// <remarks>
/// <para>
/// The cluster is hosted by a private librdkafka handle that never connects anywhere. On <see cref="Dispose"/>
/// the cluster is destroyed before that handle (the other order aborts the process). Dispose every client
/// (consumers: <c>Close()</c> first) that talks to this cluster before disposing it.
/// </para>
/// <para>
/// Known behaviour of the mock (librdkafka 2.16.0): metadata requests for an unknown topic auto-create it with
/// 4 partitions; partition-level calls (<see cref="SetPartitionLeader"/>, <see cref="DeletePartitionRecords"/>) on
/// an unknown topic create it with <c>partition + 1</c> partitions; a downed broker's partitions do not fail over;
/// each partition keeps at most 5 MiB / 100,000 batches; topic admin APIs (CreateTopics, DeleteRecords,
/// DescribeConfigs, ...) are not implemented, and the admin calls ListConsumerGroups and DeleteGroups crash
/// the process. All members are thread-safe.
/// </para>
/// </remarks>
public sealed partial class MockKafkaCluster : IDisposable
{
    /// <summary>Broker id meaning "every broker" for <see cref="SetBrokerDown"/>, <see cref="SetBrokerUp"/> and <see cref="SetBrokerRtt"/>.</summary>
    public const int AllBrokers = -1;

    private const int ErrStrSize = 512;

    private readonly Lock _gate = new();
    private readonly ILogger _logger;
    private IntPtr _holder;
    private IntPtr _cluster;
    private bool _disposed;

    /// <summary>Starts a mock cluster with broker ids <c>1..<paramref name="brokers"/></c>.</summary>
    /// <param name="brokers">Number of brokers, at least 1.</param>
    /// <param name="logger">Optional logger; nothing is logged when null.</param>
    /// <exception cref="InvalidOperationException">librdkafka could not create the holder handle or the cluster.</exception>
    public MockKafkaCluster(int brokers = 1, ILogger<MockKafkaCluster>? logger = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(brokers, 1);
        _logger = (ILogger?)logger ?? NullLogger.Instance;
        RdKafkaNative.EnsureLoaded();

        _holder = CreateHolder();
        try
        {
            _cluster = RdKafkaNative.rd_kafka_mock_cluster_new(_holder, brokers);
            if (_cluster == IntPtr.Zero)
            {
                throw new InvalidOperationException($"rd_kafka_mock_cluster_new(brokers={brokers}) failed.");
            }

            BrokerCount = brokers;
            BootstrapServers = Marshal.PtrToStringUTF8(RdKafkaNative.rd_kafka_mock_cluster_bootstraps(_cluster))
                ?? throw new InvalidOperationException("rd_kafka_mock_cluster_bootstraps returned null.");

            // Consumers get their assignment at once instead of after the default 3 s.
            RdKafkaNative.rd_kafka_mock_group_initial_rebalance_delay_ms(_cluster, 0);
            // A real broker id as controller makes DescribeCluster/DescribeTopics work and unsupported admin calls
            // fail fast instead of timing out.
            RdKafkaNative.rd_kafka_mock_set_controller_id(_cluster, 1);
        }
        catch
        {
            DestroyNative();
            throw;
        }

        EmbeddedKafkaLog.ClusterStarted(_logger, BrokerCount, BootstrapServers);
    }

    /// <summary>Comma-separated <c>127.0.0.1:PORT</c> of every broker, usable as <c>bootstrap.servers</c>.</summary>
    public string BootstrapServers { get; }

    /// <summary>Number of brokers; their ids are 1..<see cref="BrokerCount"/>.</summary>
    public int BrokerCount { get; }

    /// <summary>
    /// Creates a topic. Replication factor is capped at <see cref="BrokerCount"/> by the mock.
    /// </summary>
    /// <returns>True if created, false if a topic with that name already existed (left unchanged).</returns>
    public bool CreateTopic(string topic, int partitions, int replicationFactor = 1)
    {
        ArgumentException.ThrowIfNullOrEmpty(topic);
        ArgumentOutOfRangeException.ThrowIfLessThan(partitions, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(replicationFactor, 1);

        int err;
        lock (_gate)
        {
            err = RdKafkaNative.rd_kafka_mock_topic_create(LiveCluster(), topic, partitions, replicationFactor);
        }

        var created = err != RdKafkaNative.TopicAlreadyExists;
        if (created)
        {
            Check(err, $"rd_kafka_mock_topic_create(topic={topic}, partitions={partitions}, rf={replicationFactor})");
        }

        EmbeddedKafkaLog.TopicCreated(_logger, topic, partitions, replicationFactor, created);
        return created;
    }

    /// <summary>Deletes a topic and its data.</summary>
    /// <exception cref="InvalidOperationException">The topic does not exist (UnknownTopicOrPart).</exception>
    public void DeleteTopic(string topic)
    {
        ArgumentException.ThrowIfNullOrEmpty(topic);
        Invoke(mc => RdKafkaNative.rd_kafka_mock_topic_delete(mc, topic), $"rd_kafka_mock_topic_delete(topic={topic})");
        EmbeddedKafkaLog.TopicDeleted(_logger, topic);
    }

    /// <summary>Stops a broker's listener and closes its connections (<see cref="AllBrokers"/> = every broker). Leaders do not move.</summary>
    public void SetBrokerDown(int brokerId)
    {
        Invoke(mc => RdKafkaNative.rd_kafka_mock_broker_set_down(mc, brokerId), $"rd_kafka_mock_broker_set_down(brokerId={brokerId})");
        EmbeddedKafkaLog.FaultInjected(_logger, "broker down", $"broker={brokerId}");
    }

    /// <summary>Restarts a broker's listener on the same port (<see cref="AllBrokers"/> = every broker).</summary>
    public void SetBrokerUp(int brokerId)
    {
        Invoke(mc => RdKafkaNative.rd_kafka_mock_broker_set_up(mc, brokerId), $"rd_kafka_mock_broker_set_up(brokerId={brokerId})");
        EmbeddedKafkaLog.FaultInjected(_logger, "broker up", $"broker={brokerId}");
    }

    /// <summary>Delays every response of a broker by <paramref name="rttMs"/> (<see cref="AllBrokers"/> = every broker; 0 = none).</summary>
    public void SetBrokerRtt(int brokerId, int rttMs)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(rttMs);
        Invoke(mc => RdKafkaNative.rd_kafka_mock_broker_set_rtt(mc, brokerId, rttMs),
            $"rd_kafka_mock_broker_set_rtt(brokerId={brokerId}, rttMs={rttMs})");
        EmbeddedKafkaLog.FaultInjected(_logger, "broker rtt", $"broker={brokerId} rtt={rttMs}ms");
    }

    /// <summary>
    /// Moves a partition's leadership (-1 = leaderless), e.g. to simulate fail-over after <see cref="SetBrokerDown"/>.
    /// Creates the topic with <c>partition + 1</c> partitions if it does not exist (mock behaviour).
    /// </summary>
    public void SetPartitionLeader(string topic, int partition, int brokerId)
    {
        ArgumentException.ThrowIfNullOrEmpty(topic);
        ArgumentOutOfRangeException.ThrowIfNegative(partition);
        Invoke(mc => RdKafkaNative.rd_kafka_mock_partition_set_leader(mc, topic, partition, brokerId),
            $"rd_kafka_mock_partition_set_leader(topic={topic}, partition={partition}, brokerId={brokerId})");
        EmbeddedKafkaLog.FaultInjected(_logger, "partition leader", $"{topic}[{partition}] -> broker {brokerId}");
    }

    /// <summary>
    /// Makes the next requests with <paramref name="apiKey"/> (see <see cref="KafkaApiKey"/>), to any broker, fail with
    /// these errors in order, one per request. <see cref="ErrorCode.Local_Transport"/> makes the mock drop the connection.
    /// </summary>
    public void PushRequestErrors(short apiKey, params ErrorCode[] errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        if (errors.Length == 0)
        {
            return;
        }

        var codes = Array.ConvertAll(errors, e => (int)e);
        lock (_gate)
        {
            RdKafkaNative.rd_kafka_mock_push_request_errors_array(LiveCluster(), apiKey, (UIntPtr)codes.Length, codes);
        }

        EmbeddedKafkaLog.FaultInjected(_logger, "request errors", $"apiKey={apiKey} errors=[{string.Join(", ", errors)}]");
    }

    /// <summary>Drops the not-yet-consumed errors pushed for <paramref name="apiKey"/>.</summary>
    public void ClearRequestErrors(short apiKey)
    {
        lock (_gate)
        {
            RdKafkaNative.rd_kafka_mock_clear_request_errors(LiveCluster(), apiKey);
        }
    }

    /// <summary>Advances a partition's log-start offset to <paramref name="beforeOffset"/> (the mock's DeleteRecords).</summary>
    /// <exception cref="InvalidOperationException">E.g. OffsetOutOfRange when the offset is beyond the high watermark.</exception>
    public void DeletePartitionRecords(string topic, int partition, long beforeOffset)
    {
        ArgumentException.ThrowIfNullOrEmpty(topic);
        ArgumentOutOfRangeException.ThrowIfNegative(partition);
        Invoke(mc => RdKafkaNative.rd_kafka_mock_partition_delete_records(mc, topic, partition, beforeOffset),
            $"rd_kafka_mock_partition_delete_records(topic={topic}, partition={partition}, beforeOffset={beforeOffset})");
    }

    /// <summary>
    /// Sets how long the first join of a new consumer group waits for more members (0 here by default; Kafka's is
    /// 3000 ms). Use ~1000 ms when several members must start together and share the partitions at once.
    /// </summary>
    public void SetGroupInitialRebalanceDelay(int delayMs)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(delayMs);
        lock (_gate)
        {
            RdKafkaNative.rd_kafka_mock_group_initial_rebalance_delay_ms(LiveCluster(), delayMs);
        }
    }

    /// <summary>Destroys the cluster (all data is lost), then its holder handle. Idempotent and thread-safe.</summary>
    public void Dispose()
    {
        lock (_gate)
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
            DestroyNative();
        }

        EmbeddedKafkaLog.ClusterStopped(_logger, BootstrapServers);
    }

    private static IntPtr CreateHolder()
    {
        var errstr = new byte[ErrStrSize];
        var conf = RdKafkaNative.rd_kafka_conf_new();
        if (conf == IntPtr.Zero)
        {
            throw new InvalidOperationException("rd_kafka_conf_new failed.");
        }

        // log_level=3 silences "CONFWARN No bootstrap.servers configured": this handle never connects anywhere.
        if (RdKafkaNative.rd_kafka_conf_set(conf, "log_level", "3", errstr, (UIntPtr)errstr.Length) != RdKafkaNative.ConfOk
            || RdKafkaNative.rd_kafka_conf_set(conf, "client.id", "standaloneconnect-embedded-kafka", errstr, (UIntPtr)errstr.Length) != RdKafkaNative.ConfOk)
        {
            RdKafkaNative.rd_kafka_conf_destroy(conf);
            throw new InvalidOperationException($"rd_kafka_conf_set failed: {ErrStr(errstr)}");
        }

        var holder = RdKafkaNative.rd_kafka_new(RdKafkaNative.ProducerType, conf, errstr, (UIntPtr)errstr.Length);
        if (holder == IntPtr.Zero)
        {
            RdKafkaNative.rd_kafka_conf_destroy(conf); // not consumed on failure
            throw new InvalidOperationException($"rd_kafka_new failed: {ErrStr(errstr)}");
        }

        return holder;
    }

    private static string ErrStr(byte[] errstr)
    {
        var length = Array.IndexOf(errstr, (byte)0);
        return System.Text.Encoding.UTF8.GetString(errstr, 0, length < 0 ? errstr.Length : length);
    }

    private static void Check(int err, string call)
    {
        if (err != 0)
        {
            var code = (ErrorCode)err;
            throw new InvalidOperationException($"{call} failed with {code} ({err}): {new Error(code).Reason}");
        }
    }

    private void Invoke(Func<IntPtr, int> call, string description)
    {
        int err;
        lock (_gate)
        {
            err = call(LiveCluster());
        }

        Check(err, description);
    }

    /// <remarks>Caller holds <see cref="_gate"/>.</remarks>
    private IntPtr LiveCluster()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        return _cluster;
    }

    /// <remarks>ORDER MATTERS: cluster first, then holder, or librdkafka asserts and aborts the process.</remarks>
    private void DestroyNative()
    {
        if (_cluster != IntPtr.Zero)
        {
            RdKafkaNative.rd_kafka_mock_cluster_destroy(_cluster);
            _cluster = IntPtr.Zero;
        }

        if (_holder != IntPtr.Zero)
        {
            RdKafkaNative.rd_kafka_destroy(_holder);
            _holder = IntPtr.Zero;
        }
    }
}
