namespace StandaloneConnect.Runtime.Kafka;

/// <summary>
/// The few topic operations the runtime needs (internal topics, DLQ topics), so that embedded mode can use the mock
/// cluster's own calls (the mock does not implement the CreateTopics API) and real mode the Kafka admin API.
/// </summary>
public interface ITopicAdmin
{
    /// <summary>Creates a topic.</summary>
    /// <returns>True if it was created, false if a topic with that name already existed (it is left unchanged).</returns>
    Task<bool> CreateTopicAsync(NewTopicSpec spec, CancellationToken ct);

    /// <summary>Describes a topic without creating it.</summary>
    /// <returns>The description, or null if the topic does not exist.</returns>
    Task<TopicDescriptionInfo?> DescribeTopicAsync(string topic, CancellationToken ct);

    /// <summary>The cluster id, or null if the cluster does not report one.</summary>
    Task<string?> GetClusterIdAsync(CancellationToken ct);

    /// <summary>The names of every topic in the cluster (from metadata; creates nothing).</summary>
    Task<IReadOnlyList<string>> ListTopicsAsync(CancellationToken ct);

    /// <summary>A topic's configs as the cluster reports them (DescribeConfigs).</summary>
    /// <returns>The configs by name, or null when the cluster does not answer DescribeConfigs (the embedded broker).</returns>
    Task<IReadOnlyDictionary<string, string?>?> DescribeTopicConfigsAsync(string topic, CancellationToken ct);
}

/// <summary>What to create.</summary>
/// <param name="Name">Topic name.</param>
/// <param name="Partitions">Partition count, or -1 for the broker default.</param>
/// <param name="ReplicationFactor">Replication factor, or -1 for the broker default.</param>
/// <param name="Configs">Topic-level configs such as <c>cleanup.policy</c>; empty for none.</param>
public sealed record NewTopicSpec(
    string Name,
    int Partitions,
    short ReplicationFactor,
    IReadOnlyDictionary<string, string> Configs)
{
    /// <summary>Means "let the broker decide" for <see cref="Partitions"/> and <see cref="ReplicationFactor"/>.</summary>
    public const int BrokerDefault = -1;

    /// <summary>A spec without topic configs.</summary>
    public NewTopicSpec(string name, int partitions, short replicationFactor)
        : this(name, partitions, replicationFactor, new Dictionary<string, string>())
    {
    }

    /// <summary>Throws if the spec cannot describe a valid topic.</summary>
    internal void Validate()
    {
        ArgumentException.ThrowIfNullOrEmpty(Name, nameof(Name));
        ArgumentNullException.ThrowIfNull(Configs, nameof(Configs));
        if (Partitions is 0 or < BrokerDefault)
        {
            throw new ArgumentOutOfRangeException(nameof(Partitions), Partitions, "Partitions must be positive or -1 (broker default).");
        }

        if (ReplicationFactor is 0 or < BrokerDefault)
        {
            throw new ArgumentOutOfRangeException(nameof(ReplicationFactor), ReplicationFactor, "ReplicationFactor must be positive or -1 (broker default).");
        }
    }
}

/// <summary>What <see cref="ITopicAdmin.DescribeTopicAsync"/> reports about an existing topic.</summary>
/// <param name="Name">Topic name.</param>
/// <param name="PartitionCount">Number of partitions.</param>
/// <param name="ReplicationFactor">Replica count of the first partition (0 if unknown).</param>
public sealed record TopicDescriptionInfo(string Name, int PartitionCount, int ReplicationFactor);
