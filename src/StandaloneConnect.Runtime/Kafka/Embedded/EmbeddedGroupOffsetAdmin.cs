using Confluent.Kafka;
using Confluent.Kafka.Admin;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using SdkTopicPartition = StandaloneConnect.Sdk.TopicPartition;

namespace StandaloneConnect.Runtime.Kafka.Embedded;

/// <summary>
/// <see cref="IGroupOffsetAdmin"/> over librdkafka 2.16's mock broker, working around what it lacks: the in-process
/// <see cref="MockKafkaCluster"/>, or a mock in another process (<c>connect-standalone embedded-kafka</c>, found by
/// <see cref="KafkaConnection"/> because it does not implement DescribeGroups). It never calls DeleteGroups or DeleteConsumerGroupOffsets (the mock does not implement them and
/// librdkafka then aborts the process) nor ListConsumerGroups (crashes Confluent.Kafka 2.16).
/// </summary>
/// <remarks>
/// <para>What differs from a real cluster (measured against the mock):</para>
/// <list type="bullet">
/// <item><b>List</b>: OffsetFetch without partitions returns nothing on the mock, so only partitions of the given
/// <c>topics</c> (those that exist) are asked for; offsets committed for other topics are not listed.</item>
/// <item><b>Alter</b>: the mock never deletes a group, and accepts OffsetCommit for a group it knows only from one of its
/// current members; the admin client's commit (no member id) then fails with UNKNOWN_MEMBER_ID even when the group is
/// empty. The admin commit is tried first (it works for a group no consumer ever joined); otherwise the offsets are
/// committed by a short-lived member of the group (join, commit, leave: see <see cref="MemberSessionTimeout"/> for the
/// time this takes). The mock does not tell whether the group has other active members (DescribeGroups is not
/// implemented), so unlike Kafka an alter or reset of a group with running consumers is not refused: it rebalances them.</item>
/// <item><b>Reset</b>: librdkafka never sends a negative offset (the admin client rejects it, the consumer drops it), so the
/// mock's "no offset" (-1) cannot be written. Reset commits <see cref="ResetOffset"/> instead, beyond every log end: a
/// consumer of the group then gets OFFSET_OUT_OF_RANGE on its first fetch and applies its <c>auto.offset.reset</c>
/// exactly as with no committed offset (earliest and latest measured; with <c>none</c>/<c>error</c> the consumer fails
/// either way, only the error text differs).
/// <see cref="ListAsync"/> hides that marker, but other tools (kcat, other clients) see the raw value. Only partitions of
/// the given <c>topics</c> are reset for a whole-group reset. Partitions without an offset are left alone.</item>
/// </list>
/// Dispose this admin before the cluster. It does not own the cluster.
/// </remarks>
public sealed partial class EmbeddedGroupOffsetAdmin : IGroupOffsetAdmin, IDisposable
{
    /// <summary>The committed offset that stands for "no offset" on the mock (see the remarks).</summary>
    public const long ResetOffset = long.MaxValue;

    /// <summary>The session timeout the worker gives sink consumers on the embedded broker.</summary>
    public static readonly TimeSpan DefaultMemberSessionTimeout = TimeSpan.FromSeconds(6);

    private readonly string _bootstrapServers;
    private readonly ILogger _logger;
    private readonly Lazy<IAdminClient> _admin;
    private int _disposed;

    public EmbeddedGroupOffsetAdmin(MockKafkaCluster cluster, ILogger<EmbeddedGroupOffsetAdmin>? logger = null)
        : this((cluster ?? throw new ArgumentNullException(nameof(cluster))).BootstrapServers, logger)
    {
    }

    /// <summary>Over the mock cluster at <paramref name="bootstrapServers"/> (plaintext, as the mock only speaks that).</summary>
    public EmbeddedGroupOffsetAdmin(string bootstrapServers, ILogger<EmbeddedGroupOffsetAdmin>? logger = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(bootstrapServers);
        _bootstrapServers = bootstrapServers;
        _logger = (ILogger?)logger ?? NullLogger.Instance;
        _admin = new Lazy<IAdminClient>(CreateAdminClient, LazyThreadSafetyMode.ExecutionAndPublication);
    }

    /// <summary>Bound on each request, and on joining the group to commit. Default 30 s.</summary>
    public TimeSpan RequestTimeout { get; init; } = GroupOffsetAdmin.DefaultRequestTimeout;

    /// <summary>
    /// <c>session.timeout.ms</c> of the short-lived member that commits for a group the mock already knows. Keep it equal to
    /// the group's consumers' (the worker uses 6 s on the embedded broker): joining right after a member left waits up to
    /// that member's session timeout - 1 s, and after this member leaves, the next member's join waits up to this - 1 s;
    /// a member whose own session timeout is shorter than its wait is expired by the mock and must rejoin.
    /// </summary>
    public TimeSpan MemberSessionTimeout { get; init; } = DefaultMemberSessionTimeout;

    public async Task<IReadOnlyList<(SdkTopicPartition Partition, long Offset)>> ListAsync(
        string groupId, IReadOnlyCollection<string> topics, CancellationToken ct)
    {
        GroupOffsetAdmin.ValidateGroup(groupId);
        ArgumentNullException.ThrowIfNull(topics);
        var partitions = await PartitionsOfAsync(topics, groupId, GroupOffsetAdmin.Listing, ct).ConfigureAwait(false);
        var fetched = await FetchAsync(groupId, partitions, GroupOffsetAdmin.Listing, ct).ConfigureAwait(false);
        return GroupOffsetAdmin.Committed(fetched, ResetOffset);
    }

    public async Task AlterAsync(string groupId, IReadOnlyDictionary<SdkTopicPartition, long> offsets, CancellationToken ct)
    {
        GroupOffsetAdmin.ValidateGroup(groupId);
        GroupOffsetAdmin.ValidateOffsets(offsets, ResetOffset);
        if (offsets.Count == 0)
        {
            return;
        }

        // Kafka answers UNKNOWN_TOPIC_OR_PARTITION for these; the mock's answer would be hidden behind UNKNOWN_MEMBER_ID.
        var existing = await ExistingPartitionsAsync(groupId, GroupOffsetAdmin.Altering, ct).ConfigureAwait(false);
        var missing = offsets.Keys.Where(p => !existing.Contains(p)).OrderBy(p => p.Topic, StringComparer.Ordinal).ThenBy(p => p.Partition).ToList();
        if (missing.Count > 0)
        {
            throw GroupOffsetAdmin.Failed(groupId, GroupOffsetAdmin.Altering,
                string.Join("; ", missing.Select(p => $"{p}: {new Error(ErrorCode.UnknownTopicOrPart).Reason} ({ErrorCode.UnknownTopicOrPart})")));
        }

        await CommitAsync(groupId, offsets, GroupOffsetAdmin.Altering, ct).ConfigureAwait(false);
        LogCommitted(_logger, groupId, offsets.Count, "altered");
    }

    public async Task ResetAsync(string groupId, IReadOnlyCollection<SdkTopicPartition>? partitions, IReadOnlyCollection<string> topics,
        CancellationToken ct)
    {
        GroupOffsetAdmin.ValidateGroup(groupId);
        ArgumentNullException.ThrowIfNull(topics);
        IReadOnlyList<SdkTopicPartition> candidates;
        if (partitions is null)
        {
            candidates = await PartitionsOfAsync(topics, groupId, GroupOffsetAdmin.Resetting, ct).ConfigureAwait(false);
        }
        else
        {
            var existing = await ExistingPartitionsAsync(groupId, GroupOffsetAdmin.Resetting, ct).ConfigureAwait(false);
            candidates = partitions.Where(existing.Contains).Distinct().ToList();
        }

        var fetched = await FetchAsync(groupId, candidates, GroupOffsetAdmin.Resetting, ct).ConfigureAwait(false);
        var committed = GroupOffsetAdmin.Committed(fetched, ResetOffset);
        if (committed.Count == 0)
        {
            return; // nothing to reset; like Kafka's reset of an unknown group
        }

        await CommitAsync(groupId, committed.ToDictionary(c => c.Partition, _ => ResetOffset), GroupOffsetAdmin.Resetting, ct).ConfigureAwait(false);
        LogCommitted(_logger, groupId, committed.Count, "reset");
    }

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 0 && _admin.IsValueCreated)
        {
            _admin.Value.Dispose();
        }
    }

    /// <summary>Commits with the admin client when the mock allows it (group never joined), else as a member of the group.</summary>
    private async Task CommitAsync(string groupId, IReadOnlyDictionary<SdkTopicPartition, long> offsets, string operation, CancellationToken ct)
    {
        var request = new ConsumerGroupTopicPartitionOffsets(groupId, GroupOffsetAdmin.ToConfluent(offsets));
        var options = new AlterConsumerGroupOffsetsOptions { RequestTimeout = RequestTimeout };
        try
        {
            await GroupOffsetAdmin.BoundAsync(Admin().AlterConsumerGroupOffsetsAsync([request], options), RequestTimeout, groupId, operation, ct)
                .ConfigureAwait(false);
            return;
        }
        catch (AlterConsumerGroupOffsetsException e) when (e.Results.SelectMany(r => r.Partitions)
            .Where(p => p.Error.IsError).All(p => p.Error.Code == ErrorCode.UnknownMemberId))
        {
            // The mock knows the group (a consumer joined it once): only a member may commit.
        }
        catch (AlterConsumerGroupOffsetsException e)
        {
            throw GroupOffsetAdmin.Failed(groupId, operation, GroupOffsetAdmin.DescribeFailures(e.Results.SelectMany(r => r.Partitions)), e);
        }
        catch (KafkaException e)
        {
            throw GroupOffsetAdmin.Failed(groupId, operation, e.Error.Reason, e);
        }

        await MockGroupMember.CommitAsync(_bootstrapServers, groupId, offsets, MemberSessionTimeout, RequestTimeout, operation, _logger, ct)
            .ConfigureAwait(false);
    }

    private async Task<List<TopicPartitionOffsetError>> FetchAsync(string groupId, IReadOnlyList<SdkTopicPartition> partitions, string operation,
        CancellationToken ct)
    {
        if (partitions.Count == 0)
        {
            return [];
        }

        var request = new ConsumerGroupTopicPartitions(groupId, partitions.Select(p => new Confluent.Kafka.TopicPartition(p.Topic, p.Partition)).ToList());
        var options = new ListConsumerGroupOffsetsOptions { RequestTimeout = RequestTimeout };
        try
        {
            var results = await GroupOffsetAdmin.BoundAsync(Admin().ListConsumerGroupOffsetsAsync([request], options), RequestTimeout, groupId,
                operation, ct).ConfigureAwait(false);
            return results.SelectMany(r => r.Partitions).ToList();
        }
        catch (ListConsumerGroupOffsetsException e)
        {
            var report = e.Results.Find(r => r.Error.IsError);
            throw GroupOffsetAdmin.Failed(groupId, operation,
                report is not null ? report.Error.Reason : GroupOffsetAdmin.DescribeFailures(e.Results.SelectMany(r => r.Partitions)), e);
        }
        catch (KafkaException e)
        {
            throw GroupOffsetAdmin.Failed(groupId, operation, e.Error.Reason, e);
        }
    }

    /// <summary>Every partition of those <paramref name="topics"/> that exist, sorted.</summary>
    private async Task<IReadOnlyList<SdkTopicPartition>> PartitionsOfAsync(IReadOnlyCollection<string> topics, string groupId, string operation,
        CancellationToken ct)
    {
        if (topics.Count == 0)
        {
            return [];
        }

        var wanted = new HashSet<string>(topics, StringComparer.Ordinal);
        var existing = await ExistingPartitionsAsync(groupId, operation, ct).ConfigureAwait(false);
        return existing.Where(p => wanted.Contains(p.Topic))
            .OrderBy(p => p.Topic, StringComparer.Ordinal).ThenBy(p => p.Partition).ToList();
    }

    /// <summary>All partitions of the cluster, from a metadata request for ALL topics (naming one would auto-create it on the mock).</summary>
    private async Task<HashSet<SdkTopicPartition>> ExistingPartitionsAsync(string groupId, string operation, CancellationToken ct)
    {
        var admin = Admin();
        var timeout = RequestTimeout;
        Metadata metadata;
        try
        {
            metadata = await GroupOffsetAdmin.BoundAsync(Task.Run(() => admin.GetMetadata(timeout), ct), timeout, groupId, operation, ct)
                .ConfigureAwait(false);
        }
        catch (KafkaException e)
        {
            throw GroupOffsetAdmin.Failed(groupId, operation, $"could not read the cluster metadata: {e.Error.Reason}", e);
        }

        return metadata.Topics
            .Where(t => !t.Error.IsError)
            .SelectMany(t => t.Partitions.Select(p => new SdkTopicPartition(t.Topic, p.PartitionId)))
            .ToHashSet();
    }

    private IAdminClient Admin()
    {
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
        return _admin.Value;
    }

    private IAdminClient CreateAdminClient() => EmbeddedKafkaLog.CreateAdminClient(_bootstrapServers, "connect-standalone-group-offsets", _logger);

    [LoggerMessage(EventId = 1136, Level = LogLevel.Information,
        Message = "Consumer group {GroupId}: {Verb} the committed offsets of {Count} partition(s) on the embedded broker")]
    private static partial void LogCommitted(ILogger logger, string groupId, int count, string verb);
}
