using System.Diagnostics;
using Confluent.Kafka;
using Microsoft.Extensions.Logging.Abstractions;
using StandaloneConnect.Runtime.Kafka;
using StandaloneConnect.Runtime.Kafka.Embedded;
using StandaloneConnect.Sdk;
using SdkTopicPartition = StandaloneConnect.Sdk.TopicPartition;

namespace StandaloneConnect.Runtime.Tests.Kafka;

/// <summary>The pure parts shared by both group offset admins.</summary>
public sealed class GroupOffsetAdminTests
{
    [Test]
    public void Committed_MixedResults_KeepsOnlyCommittedOffsetsSortedOrdinally()
    {
        var results = new[]
        {
            Result("b", 1, 7),
            Result("a", 0, Offset.Unset.Value),
            Result("B", 0, 4),
            Result("b", 0, 5),
            Result("a", 1, 9, ErrorCode.UnknownTopicOrPart),
            Result("a", 2, EmbeddedGroupOffsetAdmin.ResetOffset),
            Result("a", 3, 0),
        };

        var committed = GroupOffsetAdmin.Committed(results, EmbeddedGroupOffsetAdmin.ResetOffset);

        committed.Should().Equal((Tp("B", 0), 4L), (Tp("a", 3), 0L), (Tp("b", 0), 5L), (Tp("b", 1), 7L));
    }

    [Test]
    public void Committed_NoExcludedValue_KeepsLargeOffsets()
    {
        GroupOffsetAdmin.Committed([Result("a", 0, long.MaxValue)]).Should().Equal((Tp("a", 0), long.MaxValue));
    }

    [TestCase("t", 0, -1L)]
    [TestCase("t", 0, 100L)]
    [TestCase("t", -1, 1L)]
    [TestCase("", 0, 1L)]
    public void ValidateOffsets_InvalidPartitionOrOffset_ThrowsArgumentException(string topic, int partition, long offset)
    {
        var act = () => GroupOffsetAdmin.ValidateOffsets(new Dictionary<SdkTopicPartition, long> { [Tp(topic, partition)] = offset }, maxExclusive: 100);

        act.Should().Throw<ArgumentException>();
    }

    [Test]
    public void ValidateOffsets_ZeroAndJustBelowMaximum_Accepted()
    {
        var act = () => GroupOffsetAdmin.ValidateOffsets(new Dictionary<SdkTopicPartition, long> { [Tp("t", 0)] = 0, [Tp("t", 1)] = 99 }, maxExclusive: 100);

        act.Should().NotThrow();
    }

    [Test]
    public void DescribeFailures_SomeFailed_ListsOnlyFailedPartitionsSorted()
    {
        var description = GroupOffsetAdmin.DescribeFailures([
            Result("t", 2, 1, ErrorCode.UnknownTopicOrPart), Result("t", 0, 1), Result("s", 1, 1, ErrorCode.OffsetMetadataTooLarge)]);

        description.Should().Be($"s-1: {new Error(ErrorCode.OffsetMetadataTooLarge).Reason} (OffsetMetadataTooLarge); " +
                                 $"t-2: {new Error(ErrorCode.UnknownTopicOrPart).Reason} (UnknownTopicOrPart)");
    }

    [TestCase(ErrorCode.UnknownMemberId)]
    [TestCase(ErrorCode.NonEmptyGroup)]
    [TestCase(ErrorCode.GroupSubscribedToTopic)]
    public void AlterFailure_ActiveMembersError_SaysTheGroupHasActiveMembers(ErrorCode code)
    {
        var error = KafkaGroupOffsetAdmin.AlterFailure("connect-x", [Result("t", 0, 1, code), Result("t", 1, 1)], null, null);

        error.Message.Should().StartWith("Failed to alter the committed offsets of consumer group connect-x because the group has active members")
            .And.Contain(code.ToString());
    }

    [Test]
    public void AlterFailure_OtherPartitionError_NamesGroupAndPartition()
    {
        var error = KafkaGroupOffsetAdmin.AlterFailure("connect-x", [Result("t", 3, 1, ErrorCode.TopicAuthorizationFailed)], null, null);

        error.Message.Should().StartWith("Failed to alter the committed offsets of consumer group connect-x: t-3: ")
            .And.EndWith("(TopicAuthorizationFailed)");
    }

    [Test]
    public void AlterFailure_GroupError_UsesItsReason()
    {
        var error = KafkaGroupOffsetAdmin.AlterFailure("connect-x", [], new Error(ErrorCode.GroupAuthorizationFailed), null);

        error.Message.Should().Be($"Failed to alter the committed offsets of consumer group connect-x: {new Error(ErrorCode.GroupAuthorizationFailed).Reason}");
    }

    [TestCase(6000, 2000)]
    [TestCase(2000, 666)]
    [TestCase(10, 333)]
    public void MockGroupMemberConfig_SessionTimeout_HeartbeatBelowSessionAndJoinRequestShort(int sessionMs, int heartbeatMs)
    {
        var config = MockGroupMember.Config("127.0.0.1:1", "connect-x", TimeSpan.FromMilliseconds(sessionMs), TimeSpan.FromSeconds(30));

        config.SessionTimeoutMs.Should().Be(Math.Max(1000, sessionMs));
        config.HeartbeatIntervalMs.Should().Be(heartbeatMs);
        config.MaxPollIntervalMs.Should().Be(config.SessionTimeoutMs);
        config.EnableAutoCommit.Should().BeFalse();
        config.GroupId.Should().Be("connect-x");
    }

    private static SdkTopicPartition Tp(string topic, int partition) => new(topic, partition);

    private static TopicPartitionOffsetError Result(string topic, int partition, long offset, ErrorCode error = ErrorCode.NoError) =>
        new(topic, partition, offset, new Error(error));
}
