using System.Diagnostics;
using Confluent.Kafka;
using Microsoft.Extensions.Logging;
using StandaloneConnect.Sdk;
using SdkTopicPartition = StandaloneConnect.Sdk.TopicPartition;

namespace StandaloneConnect.Runtime.Kafka.Embedded;

/// <summary>
/// Commits offsets for a consumer group of the mock cluster as a short-lived member of that group: join, commit,
/// leave. The mock only accepts OffsetCommit for a group it has ever seen from one of its current members (the group
/// is never deleted, even when empty), so the admin client's member-less commit fails there with UNKNOWN_MEMBER_ID.
/// </summary>
/// <remarks>
/// The join takes the mock's rebalance delay: the initial delay when the group is empty, but up to
/// <c>session.timeout.ms - 1 s</c> (of the last member that joined) when a member left less than that long ago; leaving
/// starts such a window again. A member must use a session timeout at least as long as that wait, or the mock expires
/// it while it waits. Runs on its own thread (Confluent's consumer calls block); returns after the member has left.
/// </remarks>
internal static partial class MockGroupMember
{
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(100);

    /// <summary>Joins <paramref name="groupId"/> (subscribed to the offsets' topics, assigned nothing), commits, leaves.</summary>
    /// <exception cref="ConnectException">Kafka refused the commit, or the join did not finish within <paramref name="timeout"/>.</exception>
    public static Task CommitAsync(string bootstrapServers, string groupId, IReadOnlyDictionary<SdkTopicPartition, long> offsets,
        TimeSpan sessionTimeout, TimeSpan timeout, string operation, ILogger logger, CancellationToken ct) =>
        Task.Factory.StartNew(
            () => Commit(bootstrapServers, groupId, offsets, sessionTimeout, timeout, operation, logger, ct),
            CancellationToken.None,
            TaskCreationOptions.LongRunning,
            TaskScheduler.Default);

    /// <summary>The member's settings: the same session timeout as the group's other members, a short join-request timeout.</summary>
    internal static ConsumerConfig Config(string bootstrapServers, string groupId, TimeSpan sessionTimeout, TimeSpan timeout)
    {
        var sessionMs = (int)Math.Max(1000, sessionTimeout.TotalMilliseconds);
        return new ConsumerConfig
        {
            BootstrapServers = bootstrapServers,
            GroupId = groupId,
            ClientId = "connect-standalone-group-offsets",
            EnableAutoCommit = false,
            EnableAutoOffsetStore = false,
            AllowAutoCreateTopics = false,
            SessionTimeoutMs = sessionMs,
            HeartbeatIntervalMs = Math.Max(100, sessionMs / 3),
            // librdkafka times a JoinGroup request out after max.poll.interval.ms + 3 s and then rejoins: keep it short
            // so a member that the mock expired while it waited rejoins soon (max.poll.interval.ms >= session timeout).
            MaxPollIntervalMs = sessionMs,
            SocketTimeoutMs = (int)Math.Clamp(timeout.TotalMilliseconds, 1000, 60_000),
        };
    }

    private static void Commit(string bootstrapServers, string groupId, IReadOnlyDictionary<SdkTopicPartition, long> offsets,
        TimeSpan sessionTimeout, TimeSpan timeout, string operation, ILogger logger, CancellationToken ct)
    {
        var clock = Stopwatch.StartNew();
        var joined = false;
        using var consumer = new ConsumerBuilder<Ignore, Ignore>(Config(bootstrapServers, groupId, sessionTimeout, timeout))
            .SetLogHandler((_, m) => EmbeddedKafkaLog.ClientLog(logger, m.Facility, m.Message))
            .SetErrorHandler((_, e) => EmbeddedKafkaLog.ClientError(logger, e.Code, e.Reason))
            // Take no partitions: the member exists only to commit, it must not fetch.
            .SetPartitionsAssignedHandler((_, _) =>
            {
                joined = true;
                return [];
            })
            .SetPartitionsRevokedHandler((_, _) =>
            {
                joined = false;
                return [];
            })
            .SetPartitionsLostHandler((_, _) =>
            {
                joined = false;
                return [];
            })
            .Build();
        try
        {
            consumer.Subscribe(offsets.Keys.Select(p => p.Topic).Distinct(StringComparer.Ordinal));
            var request = GroupOffsetAdmin.ToConfluent(offsets);
            while (true)
            {
                ct.ThrowIfCancellationRequested();
                if (clock.Elapsed > timeout)
                {
                    throw GroupOffsetAdmin.Failed(groupId, operation,
                        $"could not join the group on the embedded broker within {timeout.TotalSeconds:0.###} s to commit");
                }

                Poll(consumer);
                if (joined && TryCommit(consumer, request, groupId, operation))
                {
                    LogCommitted(logger, groupId, offsets.Count, (long)clock.Elapsed.TotalMilliseconds);
                    return;
                }
            }
        }
        finally
        {
            consumer.Close(); // LeaveGroup; commits nothing (auto-commit is off)
        }
    }

    private static void Poll(IConsumer<Ignore, Ignore> consumer)
    {
        try
        {
            consumer.Consume(PollInterval); // serves the group protocol; nothing is assigned, so no record arrives
        }
        catch (ConsumeException e) when (!e.Error.IsFatal)
        {
            // e.g. a subscribed topic disappeared meanwhile: the commit reports it
        }
    }

    /// <returns>True when committed; false when the group is rebalancing and the commit should be retried after rejoining.</returns>
    private static bool TryCommit(IConsumer<Ignore, Ignore> consumer, List<TopicPartitionOffset> request, string groupId, string operation)
    {
        try
        {
            consumer.Commit(request);
            return true;
        }
        catch (TopicPartitionOffsetException e)
        {
            if (e.Results.Where(r => r.Error.IsError).All(r => IsRetriable(r.Error.Code)))
            {
                return false;
            }

            throw GroupOffsetAdmin.Failed(groupId, operation, GroupOffsetAdmin.DescribeFailures(e.Results), e);
        }
        catch (KafkaException e) when (IsRetriable(e.Error.Code))
        {
            return false;
        }
        catch (KafkaException e)
        {
            throw GroupOffsetAdmin.Failed(groupId, operation, e.Error.Reason, e);
        }
    }

    private static bool IsRetriable(ErrorCode code) =>
        code is ErrorCode.RebalanceInProgress or ErrorCode.IllegalGeneration or ErrorCode.UnknownMemberId
            or ErrorCode.NotCoordinatorForGroup or ErrorCode.GroupLoadInProgress or ErrorCode.Local_State;

    [LoggerMessage(EventId = 1135, Level = LogLevel.Debug,
        Message = "Committed {Count} offset(s) for consumer group {GroupId} as a temporary member of the group on the embedded broker ({ElapsedMs} ms)")]
    private static partial void LogCommitted(ILogger logger, string groupId, int count, long elapsedMs);
}
