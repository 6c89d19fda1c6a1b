using Confluent.Kafka;
using StandaloneConnect.Sdk;
using SdkTopicPartition = StandaloneConnect.Sdk.TopicPartition;

namespace StandaloneConnect.Runtime.Kafka;

/// <summary>
/// The committed offsets of a consumer group, as KIP-875 needs them for sink connectors (whose offsets are the
/// committed offsets of group <c>connect-&lt;name&gt;</c>): <c>GET</c>, <c>PATCH</c> and <c>DELETE /connectors/{name}/offsets</c>.
/// </summary>
/// <remarks>
/// Every call is bounded (30 s by default) and cancellable; Kafka errors surface as <see cref="ConnectException"/> whose
/// message names the group and what failed. A real cluster uses <see cref="KafkaGroupOffsetAdmin"/>, the embedded
/// broker <see cref="Embedded.EmbeddedGroupOffsetAdmin"/>; see the latter for what the mock cluster cannot do.
/// </remarks>
public interface IGroupOffsetAdmin
{
    /// <summary>The committed offsets of <paramref name="groupId"/>.</summary>
    /// <param name="groupId">The consumer group.</param>
    /// <param name="topics">
    /// The topics the group may have consumed (a connector's <c>topics</c> list or the topics matching
    /// <c>topics.regex</c>), used when the cluster cannot list all partitions of a group (the embedded broker).
    /// </param>
    /// <param name="ct">Cancels the call.</param>
    /// <returns>Only partitions with a committed offset, sorted by topic (ordinal) then partition; empty for an unknown group.</returns>
    Task<IReadOnlyList<(SdkTopicPartition Partition, long Offset)>> ListAsync(string groupId, IReadOnlyCollection<string> topics, CancellationToken ct);

    /// <summary>
    /// Commits these offsets for <paramref name="groupId"/>. The group must have no active members (Kafka refuses
    /// with UNKNOWN_MEMBER_ID otherwise); a group that does not exist yet is created.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">An offset is negative.</exception>
    /// <exception cref="ConnectException">Kafka refused (e.g. active members, unknown topic or partition) or the call timed out.</exception>
    Task AlterAsync(string groupId, IReadOnlyDictionary<SdkTopicPartition, long> offsets, CancellationToken ct);

    /// <summary>
    /// Removes committed offsets: of <paramref name="partitions"/>, or of the whole group when it is null. Afterwards
    /// <see cref="ListAsync"/> does not return them and a new consumer of the group starts from its
    /// <c>auto.offset.reset</c>. Idempotent: an unknown group or a partition without an offset is not an error.
    /// </summary>
    /// <param name="groupId">The consumer group.</param>
    /// <param name="partitions">The partitions to reset, or null for every partition of the group.</param>
    /// <param name="topics">As for <see cref="ListAsync"/>: used when the cluster cannot list all partitions of a group.</param>
    /// <param name="ct">Cancels the call.</param>
    /// <exception cref="ConnectException">Kafka refused (e.g. the group has active members) or the call timed out.</exception>
    Task ResetAsync(string groupId, IReadOnlyCollection<SdkTopicPartition>? partitions, IReadOnlyCollection<string> topics, CancellationToken ct);
}

/// <summary>What both <see cref="IGroupOffsetAdmin"/> implementations share: validation, result shaping, error messages.</summary>
internal static class GroupOffsetAdmin
{
    /// <summary>Default bound on each admin request.</summary>
    public static readonly TimeSpan DefaultRequestTimeout = TimeSpan.FromSeconds(30);

    public const string Listing = "list the committed offsets";
    public const string Altering = "alter the committed offsets";
    public const string Resetting = "reset the committed offsets";

    /// <summary>Partitions that have a committed offset (no error, offset ≥ 0, not <paramref name="excluded"/>), sorted.</summary>
    public static IReadOnlyList<(SdkTopicPartition Partition, long Offset)> Committed(
        IEnumerable<TopicPartitionOffsetError> partitions, long? excluded = null) =>
        partitions
            .Where(p => !p.Error.IsError && p.Offset.Value >= 0 && p.Offset.Value != excluded)
            .Select(p => (Partition: new SdkTopicPartition(p.Topic, p.Partition.Value), Offset: p.Offset.Value))
            .OrderBy(p => p.Partition.Topic, StringComparer.Ordinal)
            .ThenBy(p => p.Partition.Partition)
            .ToList();

    public static void ValidateGroup(string groupId) => ArgumentException.ThrowIfNullOrEmpty(groupId);

    /// <summary>Throws if a partition or offset cannot be committed (Java's <c>OffsetAndMetadata</c> rejects negative offsets too).</summary>
    public static void ValidateOffsets(IReadOnlyDictionary<SdkTopicPartition, long> offsets, long maxExclusive = long.MaxValue)
    {
        ArgumentNullException.ThrowIfNull(offsets);
        foreach (var (partition, offset) in offsets)
        {
            if (string.IsNullOrEmpty(partition.Topic) || partition.Partition < 0)
            {
                throw new ArgumentException($"Invalid topic partition '{partition}'.", nameof(offsets));
            }

            if (offset < 0 || offset >= maxExclusive)
            {
                throw new ArgumentOutOfRangeException(nameof(offsets), offset,
                    $"The offset for {partition} must be between 0 and {maxExclusive - 1}.");
            }
        }
    }

    public static List<Confluent.Kafka.TopicPartitionOffset> ToConfluent(IEnumerable<KeyValuePair<SdkTopicPartition, long>> offsets) =>
        offsets.Select(o => new Confluent.Kafka.TopicPartitionOffset(o.Key.Topic, o.Key.Partition, o.Value)).ToList();

    /// <summary>"t-0: Broker: Unknown member (UnknownMemberId); …" for the partitions that failed, sorted.</summary>
    public static string DescribeFailures(IEnumerable<TopicPartitionOffsetError> partitions) =>
        string.Join("; ", partitions
            .Where(p => p.Error.IsError)
            .OrderBy(p => p.Topic, StringComparer.Ordinal)
            .ThenBy(p => p.Partition.Value)
            .Select(p => $"{p.Topic}-{p.Partition.Value}: {p.Error.Reason} ({p.Error.Code})"));

    public static ConnectException Failed(string groupId, string operation, string detail, Exception? inner = null) =>
        new($"Failed to {operation} of consumer group {groupId}: {detail}", inner);

    /// <summary>Kafka refuses offset changes while a group has members (UNKNOWN_MEMBER_ID, NON_EMPTY_GROUP, GROUP_SUBSCRIBED_TO_TOPIC).</summary>
    public static ConnectException ActiveMembers(string groupId, string operation, ErrorCode code, Exception? inner = null) =>
        new($"Failed to {operation} of consumer group {groupId} because the group has active members (Kafka answered {code}). " +
            "Only the offsets of a group without members can be changed: stop every consumer of the group (for a sink " +
            "connector: stop the connector and wait until its tasks have stopped) and retry.", inner);

    public static bool IsActiveMembersError(ErrorCode code) =>
        code is ErrorCode.UnknownMemberId or ErrorCode.NonEmptyGroup or ErrorCode.GroupSubscribedToTopic;

    /// <summary>Awaits an admin call with a deadline; a timeout becomes a <see cref="ConnectException"/> naming the group.</summary>
    public static async Task<T> BoundAsync<T>(Task<T> call, TimeSpan timeout, string groupId, string operation, CancellationToken ct)
    {
        try
        {
            // The request timeout in the admin options should fire first; this also covers a client that never answers.
            return await call.WaitAsync(timeout + TimeSpan.FromSeconds(1), ct).ConfigureAwait(false);
        }
        catch (TimeoutException e)
        {
            throw Failed(groupId, operation, $"no answer from Kafka within {timeout.TotalSeconds:0.###} s", e);
        }
    }

    public static async Task BoundAsync(Task call, TimeSpan timeout, string groupId, string operation, CancellationToken ct)
    {
        try
        {
            await call.WaitAsync(timeout + TimeSpan.FromSeconds(1), ct).ConfigureAwait(false);
        }
        catch (TimeoutException e)
        {
            throw Failed(groupId, operation, $"no answer from Kafka within {timeout.TotalSeconds:0.###} s", e);
        }
    }
}
