using Confluent.Kafka;
using Confluent.Kafka.Admin;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using SdkTopicPartition = StandaloneConnect.Sdk.TopicPartition;

namespace StandaloneConnect.Runtime.Kafka;

/// <summary>
/// <see cref="IGroupOffsetAdmin"/> over a real Kafka cluster with the admin calls Kafka Connect itself uses for
/// KIP-875: ListConsumerGroupOffsets, AlterConsumerGroupOffsets, DeleteConsumerGroupOffsets (reset of some partitions)
/// and DeleteGroups (reset of the whole group). The <see cref="IAdminClient"/> is not owned: dispose it yourself.
/// </summary>
/// <remarks>
/// Never use this against librdkafka's mock broker (embedded, or <c>embedded-kafka</c> in another process): it does not
/// implement OffsetDelete or DeleteGroups, and librdkafka 2.16 then aborts the process when the admin client is destroyed
/// (assert in rd_kafka_q_destroy0) — <see cref="KafkaConnection"/> finds the mock with <see cref="SupportsGroupAdminAsync"/>
/// and uses <see cref="Embedded.EmbeddedGroupOffsetAdmin"/> there.
/// The <c>topics</c> arguments are not needed here: Kafka lists every partition of a group.
/// </remarks>
public sealed partial class KafkaGroupOffsetAdmin : IGroupOffsetAdmin
{
    private readonly IAdminClient _admin;
    private readonly ILogger _logger;

    public KafkaGroupOffsetAdmin(IAdminClient admin, ILogger<KafkaGroupOffsetAdmin>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(admin);
        _admin = admin;
        _logger = (ILogger?)logger ?? NullLogger.Instance;
    }

    /// <summary>Bound on each admin request. Default 30 s.</summary>
    public TimeSpan RequestTimeout { get; init; } = GroupOffsetAdmin.DefaultRequestTimeout;

    public async Task<IReadOnlyList<(SdkTopicPartition Partition, long Offset)>> ListAsync(
        string groupId, IReadOnlyCollection<string> topics, CancellationToken ct)
    {
        GroupOffsetAdmin.ValidateGroup(groupId);
        var request = new ConsumerGroupTopicPartitions(groupId, null); // null = every partition of the group
        var options = new ListConsumerGroupOffsetsOptions { RequestTimeout = RequestTimeout };
        try
        {
            var results = await GroupOffsetAdmin.BoundAsync(_admin.ListConsumerGroupOffsetsAsync([request], options),
                RequestTimeout, groupId, GroupOffsetAdmin.Listing, ct).ConfigureAwait(false);
            return GroupOffsetAdmin.Committed(results.SelectMany(r => r.Partitions));
        }
        catch (ListConsumerGroupOffsetsException e) when (e.Results.TrueForAll(r => r.Error.Code == ErrorCode.GroupIdNotFound))
        {
            return [];
        }
        catch (ListConsumerGroupOffsetsException e)
        {
            var report = e.Results.Find(r => r.Error.IsError);
            var detail = report is not null ? report.Error.Reason : GroupOffsetAdmin.DescribeFailures(e.Results.SelectMany(r => r.Partitions));
            throw GroupOffsetAdmin.Failed(groupId, GroupOffsetAdmin.Listing, detail, e);
        }
        catch (KafkaException e)
        {
            throw GroupOffsetAdmin.Failed(groupId, GroupOffsetAdmin.Listing, e.Error.Reason, e);
        }
    }

    public async Task AlterAsync(string groupId, IReadOnlyDictionary<SdkTopicPartition, long> offsets, CancellationToken ct)
    {
        GroupOffsetAdmin.ValidateGroup(groupId);
        GroupOffsetAdmin.ValidateOffsets(offsets);
        if (offsets.Count == 0)
        {
            return;
        }

        var request = new ConsumerGroupTopicPartitionOffsets(groupId, GroupOffsetAdmin.ToConfluent(offsets));
        var options = new AlterConsumerGroupOffsetsOptions { RequestTimeout = RequestTimeout };
        try
        {
            await GroupOffsetAdmin.BoundAsync(_admin.AlterConsumerGroupOffsetsAsync([request], options),
                RequestTimeout, groupId, GroupOffsetAdmin.Altering, ct).ConfigureAwait(false);
        }
        catch (AlterConsumerGroupOffsetsException e)
        {
            throw AlterFailure(groupId, e.Results.SelectMany(r => r.Partitions).ToList(), e.Results.Find(r => r.Error.IsError)?.Error, e);
        }
        catch (KafkaException e)
        {
            throw GroupOffsetAdmin.Failed(groupId, GroupOffsetAdmin.Altering, e.Error.Reason, e);
        }

        LogAltered(_logger, groupId, offsets.Count);
    }

    public async Task ResetAsync(string groupId, IReadOnlyCollection<SdkTopicPartition>? partitions, IReadOnlyCollection<string> topics,
        CancellationToken ct)
    {
        GroupOffsetAdmin.ValidateGroup(groupId);
        if (partitions is null)
        {
            await DeleteGroupAsync(groupId, ct).ConfigureAwait(false);
        }
        else if (partitions.Count > 0)
        {
            await DeleteOffsetsAsync(groupId, partitions, ct).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// False when the cluster does not implement the consumer group admin APIs (DescribeGroups, and with it DeleteGroups
    /// and OffsetDelete): librdkafka's mock broker. Asks DescribeGroups for a group nobody uses; any answer of the
    /// broker, even an error, or no answer within <paramref name="timeout"/> counts as a real cluster.
    /// </summary>
    public static async Task<bool> SupportsGroupAdminAsync(IAdminClient admin, TimeSpan timeout, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(admin);
        var options = new DescribeConsumerGroupsOptions { RequestTimeout = timeout };
        try
        {
            await admin.DescribeConsumerGroupsAsync(["connect-standalone-capability-probe"], options).WaitAsync(timeout + TimeSpan.FromSeconds(1), ct)
                .ConfigureAwait(false);
            return true;
        }
        catch (DescribeConsumerGroupsException e)
        {
            var groups = e.Results.ConsumerGroupDescriptions;
            return groups.Count == 0 || !groups.TrueForAll(d => d.Error.Code == ErrorCode.Local_UnsupportedFeature);
        }
        catch (Exception e) when (e is KafkaException or TimeoutException)
        {
            return e is not KafkaException { Error.Code: ErrorCode.Local_UnsupportedFeature };
        }
    }

    /// <summary>The error for a failed AlterConsumerGroupOffsets: active members, or the partitions that failed.</summary>
    internal static Sdk.ConnectException AlterFailure(string groupId, IReadOnlyList<TopicPartitionOffsetError> partitions, Error? groupError,
        Exception? inner)
    {
        var active = partitions.Select(p => p.Error.Code).Append(groupError?.Code ?? ErrorCode.NoError)
            .FirstOrDefault(GroupOffsetAdmin.IsActiveMembersError);
        if (active != ErrorCode.NoError)
        {
            return GroupOffsetAdmin.ActiveMembers(groupId, GroupOffsetAdmin.Altering, active, inner);
        }

        var detail = groupError is { IsError: true } ? groupError.Reason : GroupOffsetAdmin.DescribeFailures(partitions);
        return GroupOffsetAdmin.Failed(groupId, GroupOffsetAdmin.Altering, detail, inner);
    }

    /// <summary>Kafka Connect's reset of a sink connector: delete the group; an unknown group is already reset.</summary>
    private async Task DeleteGroupAsync(string groupId, CancellationToken ct)
    {
        // No OperationTimeout: librdkafka refuses it for DeleteGroups ("operation_timeout" is not supported for this operation).
        var options = new DeleteGroupsOptions { RequestTimeout = RequestTimeout };
        try
        {
            await GroupOffsetAdmin.BoundAsync(_admin.DeleteGroupsAsync([groupId], options), RequestTimeout, groupId, GroupOffsetAdmin.Resetting, ct)
                .ConfigureAwait(false);
        }
        catch (DeleteGroupsException e) when (e.Results.TrueForAll(r => r.Error.Code is ErrorCode.GroupIdNotFound or ErrorCode.NoError))
        {
            return;
        }
        catch (DeleteGroupsException e)
        {
            var error = e.Results.First(r => r.Error.IsError).Error;
            throw GroupOffsetAdmin.IsActiveMembersError(error.Code)
                ? GroupOffsetAdmin.ActiveMembers(groupId, GroupOffsetAdmin.Resetting, error.Code, e)
                : GroupOffsetAdmin.Failed(groupId, GroupOffsetAdmin.Resetting, error.Reason, e);
        }
        catch (KafkaException e)
        {
            throw GroupOffsetAdmin.Failed(groupId, GroupOffsetAdmin.Resetting, e.Error.Reason, e);
        }

        LogGroupDeleted(_logger, groupId);
    }

    private async Task DeleteOffsetsAsync(string groupId, IReadOnlyCollection<SdkTopicPartition> partitions, CancellationToken ct)
    {
        var request = partitions.Select(p => new Confluent.Kafka.TopicPartition(p.Topic, p.Partition)).ToList();
        var options = new DeleteConsumerGroupOffsetsOptions { RequestTimeout = RequestTimeout };
        try
        {
            await GroupOffsetAdmin.BoundAsync(_admin.DeleteConsumerGroupOffsetsAsync(groupId, request, options), RequestTimeout, groupId,
                GroupOffsetAdmin.Resetting, ct).ConfigureAwait(false);
        }
        catch (DeleteConsumerGroupOffsetsException e) when (e.Result.Error.Code == ErrorCode.GroupIdNotFound)
        {
            return;
        }
        catch (DeleteConsumerGroupOffsetsException e)
        {
            var active = e.Result.Partitions.Select(p => p.Error.Code).Append(e.Result.Error.Code)
                .FirstOrDefault(GroupOffsetAdmin.IsActiveMembersError);
            throw active != ErrorCode.NoError
                ? GroupOffsetAdmin.ActiveMembers(groupId, GroupOffsetAdmin.Resetting, active, e)
                : GroupOffsetAdmin.Failed(groupId, GroupOffsetAdmin.Resetting,
                    e.Result.Error.IsError ? e.Result.Error.Reason : GroupOffsetAdmin.DescribeFailures(e.Result.Partitions), e);
        }
        catch (KafkaException e)
        {
            throw GroupOffsetAdmin.Failed(groupId, GroupOffsetAdmin.Resetting, e.Error.Reason, e);
        }

        LogOffsetsDeleted(_logger, groupId, partitions.Count);
    }

    [LoggerMessage(EventId = 1130, Level = LogLevel.Information, Message = "Altered {Count} committed offset(s) of consumer group {GroupId}")]
    private static partial void LogAltered(ILogger logger, string groupId, int count);

    [LoggerMessage(EventId = 1131, Level = LogLevel.Information, Message = "Deleted consumer group {GroupId} to reset its committed offsets")]
    private static partial void LogGroupDeleted(ILogger logger, string groupId);

    [LoggerMessage(EventId = 1132, Level = LogLevel.Information, Message = "Deleted the committed offsets of {Count} partition(s) of consumer group {GroupId}")]
    private static partial void LogOffsetsDeleted(ILogger logger, string groupId, int count);
}
