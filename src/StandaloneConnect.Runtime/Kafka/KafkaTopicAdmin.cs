using Confluent.Kafka;
using Confluent.Kafka.Admin;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace StandaloneConnect.Runtime.Kafka;

/// <summary>
/// <see cref="ITopicAdmin"/> over a real Kafka cluster through a Confluent <see cref="IAdminClient"/>, which this
/// class does not own (dispose it yourself, after this admin is no longer used).
/// </summary>
/// <remarks>Not for the embedded (mock) broker: it does not implement CreateTopics; use the embedded admin there.</remarks>
public sealed partial class KafkaTopicAdmin : ITopicAdmin
{
    private readonly IAdminClient _admin;
    private readonly ILogger _logger;

    public KafkaTopicAdmin(IAdminClient admin, ILogger<KafkaTopicAdmin>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(admin);
        _admin = admin;
        _logger = (ILogger?)logger ?? NullLogger.Instance;
    }

    /// <summary>Bound on each admin request (and on topic creation on the controller). Default 30 s.</summary>
    public TimeSpan RequestTimeout { get; init; } = TimeSpan.FromSeconds(30);

    public async Task<bool> CreateTopicAsync(NewTopicSpec spec, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(spec);
        spec.Validate();

        // -1 for partitions / replication factor asks the broker for its defaults (KIP-464).
        var topic = new TopicSpecification
        {
            Name = spec.Name,
            NumPartitions = spec.Partitions,
            ReplicationFactor = spec.ReplicationFactor,
            Configs = new Dictionary<string, string>(spec.Configs),
        };
        var options = new CreateTopicsOptions { RequestTimeout = RequestTimeout, OperationTimeout = RequestTimeout };
        try
        {
            await _admin.CreateTopicsAsync([topic], options).WaitAsync(ct).ConfigureAwait(false);
        }
        catch (CreateTopicsException e) when (e.Results.TrueForAll(r => r.Error.Code == ErrorCode.TopicAlreadyExists))
        {
            LogTopicExists(_logger, spec.Name);
            return false;
        }

        LogTopicCreated(_logger, spec.Name, spec.Partitions, spec.ReplicationFactor);
        return true;
    }

    public async Task<TopicDescriptionInfo?> DescribeTopicAsync(string topic, CancellationToken ct)
    {
        ArgumentException.ThrowIfNullOrEmpty(topic);
        var options = new DescribeTopicsOptions { RequestTimeout = RequestTimeout };
        DescribeTopicsResult result;
        try
        {
            result = await _admin.DescribeTopicsAsync(TopicCollection.OfTopicNames([topic]), options)
                .WaitAsync(ct).ConfigureAwait(false);
        }
        catch (DescribeTopicsException e) when (e.Results.TopicDescriptions.TrueForAll(
            d => d.Error.Code == ErrorCode.UnknownTopicOrPart))
        {
            return null;
        }

        var description = result.TopicDescriptions.Find(d => string.Equals(d.Name, topic, StringComparison.Ordinal));
        if (description is null)
        {
            return null;
        }

        var replicas = description.Partitions.Count > 0 ? description.Partitions[0].Replicas.Count : 0;
        return new TopicDescriptionInfo(description.Name, description.Partitions.Count, replicas);
    }

    public async Task<IReadOnlyList<string>> ListTopicsAsync(CancellationToken ct)
    {
        var timeout = RequestTimeout;
        var metadata = await Task.Run(() => _admin.GetMetadata(timeout), ct).WaitAsync(ct).ConfigureAwait(false);
        return metadata.Topics.Where(t => t.Error.Code == ErrorCode.NoError).Select(t => t.Topic).ToList();
    }

    public async Task<string?> GetClusterIdAsync(CancellationToken ct)
    {
        var result = await _admin.DescribeClusterAsync(new DescribeClusterOptions { RequestTimeout = RequestTimeout })
            .WaitAsync(ct).ConfigureAwait(false);
        return string.IsNullOrEmpty(result.ClusterId) ? null : result.ClusterId;
    }

    public async Task<IReadOnlyDictionary<string, string?>?> DescribeTopicConfigsAsync(string topic, CancellationToken ct)
    {
        ArgumentException.ThrowIfNullOrEmpty(topic);
        var results = await _admin.DescribeConfigsAsync([new ConfigResource { Type = ResourceType.Topic, Name = topic }],
            new DescribeConfigsOptions { RequestTimeout = RequestTimeout }).WaitAsync(ct).ConfigureAwait(false);
        return results.SelectMany(r => r.Entries.Values).ToDictionary(e => e.Name, e => e.IsSensitive ? null : e.Value);
    }

    [LoggerMessage(EventId = 1120, Level = LogLevel.Information,
        Message = "Created topic {Topic} (partitions {Partitions}, replication factor {ReplicationFactor}; -1 = broker default)")]
    private static partial void LogTopicCreated(ILogger logger, string topic, int partitions, short replicationFactor);

    [LoggerMessage(EventId = 1121, Level = LogLevel.Debug, Message = "Topic {Topic} already exists")]
    private static partial void LogTopicExists(ILogger logger, string topic);
}
