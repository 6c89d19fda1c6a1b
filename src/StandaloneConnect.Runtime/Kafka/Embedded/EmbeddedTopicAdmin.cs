using Confluent.Kafka;
using Confluent.Kafka.Admin;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace StandaloneConnect.Runtime.Kafka.Embedded;

/// <summary>
/// <see cref="ITopicAdmin"/> over a <see cref="MockKafkaCluster"/>: creates topics through the mock's own call (the
/// mock does not implement the CreateTopics API) and describes them through a metadata request for ALL topics
/// (a metadata request naming an unknown topic would auto-create it on the mock).
/// </summary>
/// <remarks>
/// Broker defaults in <see cref="CreateTopicAsync"/>: partitions -1 means 1 partition; replication factor -1 means
/// min(3, brokers), like the mock's auto-creation; any replication factor is capped at the broker count. Topic
/// configs are ignored: the mock has no topic configs (no compaction, fixed 5 MiB per partition retention).
/// Dispose this admin before the cluster. It does not own the cluster.
/// </remarks>
public sealed class EmbeddedTopicAdmin : ITopicAdmin, IDisposable
{
    private readonly MockKafkaCluster _cluster;
    private readonly ILogger _logger;
    private readonly Lazy<IAdminClient> _admin;
    private int _disposed;

    public EmbeddedTopicAdmin(MockKafkaCluster cluster, ILogger<EmbeddedTopicAdmin>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(cluster);
        _cluster = cluster;
        _logger = (ILogger?)logger ?? NullLogger.Instance;
        _admin = new Lazy<IAdminClient>(CreateAdminClient, LazyThreadSafetyMode.ExecutionAndPublication);
    }

    /// <summary>Bound on each metadata/describe request. Default 10 s.</summary>
    public TimeSpan RequestTimeout { get; init; } = TimeSpan.FromSeconds(10);

    public Task<bool> CreateTopicAsync(NewTopicSpec spec, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(spec);
        spec.Validate();
        ct.ThrowIfCancellationRequested();

        var partitions = spec.Partitions == NewTopicSpec.BrokerDefault ? 1 : spec.Partitions;
        var replicationFactor = spec.ReplicationFactor == NewTopicSpec.BrokerDefault
            ? Math.Min(3, _cluster.BrokerCount)
            : Math.Min((int)spec.ReplicationFactor, _cluster.BrokerCount);
        if (spec.Configs.Count > 0)
        {
            EmbeddedKafkaLog.TopicConfigsIgnored(_logger, spec.Name, spec.Configs.Count);
        }

        // An in-process call that completes in about a millisecond.
        return Task.FromResult(_cluster.CreateTopic(spec.Name, partitions, replicationFactor));
    }

    public async Task<TopicDescriptionInfo?> DescribeTopicAsync(string topic, CancellationToken ct)
    {
        ArgumentException.ThrowIfNullOrEmpty(topic);
        var admin = Admin();
        var timeout = RequestTimeout;

        // GetMetadata blocks; all topics, never GetMetadata(topic), which auto-creates an unknown topic on the mock.
        var metadata = await Task.Run(() => admin.GetMetadata(timeout), ct).WaitAsync(ct).ConfigureAwait(false);
        var found = metadata.Topics.Find(t => string.Equals(t.Topic, topic, StringComparison.Ordinal));
        if (found is null || found.Error.Code == ErrorCode.UnknownTopicOrPart)
        {
            return null;
        }

        var replicas = found.Partitions.Count > 0 ? found.Partitions[0].Replicas.Length : 0;
        return new TopicDescriptionInfo(found.Topic, found.Partitions.Count, replicas);
    }

    public async Task<IReadOnlyList<string>> ListTopicsAsync(CancellationToken ct)
    {
        var admin = Admin();
        var timeout = RequestTimeout;
        var metadata = await Task.Run(() => admin.GetMetadata(timeout), ct).WaitAsync(ct).ConfigureAwait(false);
        return metadata.Topics.Where(t => t.Error.Code == ErrorCode.NoError).Select(t => t.Topic).ToList();
    }

    public async Task<string?> GetClusterIdAsync(CancellationToken ct)
    {
        var admin = Admin();
        var result = await admin.DescribeClusterAsync(new DescribeClusterOptions { RequestTimeout = RequestTimeout })
            .WaitAsync(ct).ConfigureAwait(false);
        return string.IsNullOrEmpty(result.ClusterId) ? null : result.ClusterId;
    }

    /// <summary>The mock cluster does not implement DescribeConfigs.</summary>
    public Task<IReadOnlyDictionary<string, string?>?> DescribeTopicConfigsAsync(string topic, CancellationToken ct) =>
        Task.FromResult<IReadOnlyDictionary<string, string?>?>(null);

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 0 && _admin.IsValueCreated)
        {
            _admin.Value.Dispose();
        }
    }

    private IAdminClient Admin()
    {
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
        return _admin.Value;
    }

    private IAdminClient CreateAdminClient() => EmbeddedKafkaLog.CreateAdminClient(_cluster, "standaloneconnect-embedded-topic-admin", _logger);
}
