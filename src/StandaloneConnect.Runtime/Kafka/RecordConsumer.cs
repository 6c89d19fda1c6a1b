using System.Text.RegularExpressions;
using Confluent.Kafka;
using Microsoft.Extensions.Logging;
using StandaloneConnect.Sdk;
using SdkTopicPartition = StandaloneConnect.Sdk.TopicPartition;
using SdkTimestampType = StandaloneConnect.Sdk.TimestampType;

namespace StandaloneConnect.Runtime.Kafka;

/// <summary>One record read from Kafka, as raw bytes.</summary>
public sealed record ConsumedRecord(string Topic, int Partition, long Offset, byte[]? Key, byte[]? Value,
    IReadOnlyList<KeyValuePair<string, byte[]?>> Headers, long? Timestamp, SdkTimestampType TimestampType);

/// <summary>Partition assignment changes, called on the consuming thread from inside <see cref="RecordConsumer.Consume"/>.</summary>
public interface IRebalanceListener
{
    /// <summary>Partitions were assigned; returns start offsets for some of them (others resume from the committed offset).</summary>
    IReadOnlyDictionary<SdkTopicPartition, long> OnAssigned(IReadOnlyList<SdkTopicPartition> partitions);

    /// <summary>Partitions are being revoked; offsets for them may still be committed during this call.</summary>
    void OnRevoked(IReadOnlyList<SdkTopicPartition> partitions);

    /// <summary>Partitions were lost (the group moved on); their offsets can no longer be committed.</summary>
    void OnLost(IReadOnlyList<SdkTopicPartition> partitions);
}

/// <summary>
/// A sink task's Kafka consumer. <see cref="Consume"/> blocks, so every call on this type must come from the one
/// dedicated thread the sink task runs on (the <c>WorkerSinkTask</c> loop).
/// </summary>
public sealed partial class RecordConsumer : IDisposable
{
    private static readonly IReadOnlyList<KeyValuePair<string, byte[]?>> NoHeaders = [];
    private readonly IConsumer<byte[]?, byte[]?> _consumer;
    private readonly ILogger _logger;
    private readonly KafkaClientHealth _health;
    private readonly string _client;
    private readonly bool _staticMember;

    /// <summary>A consumer; its client errors go to <paramref name="health"/> (the worker's, shared by all its clients).</summary>
    public RecordConsumer(IReadOnlyDictionary<string, string> config, string origin, IRebalanceListener listener, ILogger logger,
        KafkaClientHealth health)
    {
        ArgumentNullException.ThrowIfNull(health);
        _logger = logger;
        _health = health;
        _client = config.GetValueOrDefault("client.id") ?? "consumer";
        _staticMember = config.TryGetValue("group.instance.id", out var instance) && instance.Length > 0;
        try
        {
            _consumer = new ConsumerBuilder<byte[]?, byte[]?>(config)
                .SetLogHandler((_, m) => LogClient(_logger, SyslogLevels.LevelOf(m), m.Name, m.Message))
                .SetErrorHandler((_, e) => health.OnError(_client, e.Code.ToString(), e.Reason, e.IsFatal))
                .SetPartitionsAssignedHandler((_, parts) => StartOffsets(parts, listener.OnAssigned(parts.Select(ToSdk).ToList())))
                .SetPartitionsRevokedHandler((_, parts) => listener.OnRevoked(parts.Select(p => ToSdk(p.TopicPartition)).ToList()))
                .SetPartitionsLostHandler((_, parts) => listener.OnLost(parts.Select(p => ToSdk(p.TopicPartition)).ToList()))
                .Build();
        }
        catch (Exception e) when (e is ArgumentException or KafkaException or InvalidOperationException)
        {
            throw new ConnectException($"Invalid consumer configuration ({origin}): {e.Message}", e);
        }
    }

    public IReadOnlyList<SdkTopicPartition> Assignment => _consumer.Assignment.Select(ToSdk).ToList();

    public void Subscribe(IReadOnlyList<string> topics) => _consumer.Subscribe(topics);

    /// <summary>
    /// Subscribes to every topic that fully matches a regex. librdkafka matches with POSIX extended regular expressions,
    /// so the pattern is anchored with a plain group (<c>(?:</c> is not POSIX and makes librdkafka reject it); Java-only
    /// constructs are rejected by librdkafka the same way.
    /// </summary>
    public void SubscribePattern(string pattern)
    {
        _ = new Regex(pattern, RegexOptions.None, TimeSpan.FromSeconds(1));
        try
        {
            _consumer.Subscribe("^(" + pattern + ")$");
        }
        catch (KafkaException e)
        {
            throw new ConnectException(
                $"topics.regex '{pattern}' cannot be used for the subscription: the Kafka client accepts POSIX extended regular expressions only " +
                $"(no (?:...), lookarounds or \\d-style classes) ({e.Error.Reason})", e);
        }
    }

    /// <summary>The next record, or null when none arrived within <paramref name="timeout"/>.</summary>
    public ConsumedRecord? Consume(TimeSpan timeout)
    {
        ConsumeResult<byte[]?, byte[]?>? result;
        try
        {
            result = _consumer.Consume(timeout);
        }
        catch (ConsumeException e) when (!e.Error.IsFatal)
        {
            _health.OnError(_client, e.Error.Code.ToString(), e.Error.Reason, fatal: false);
            return null;
        }

        if (result?.Message is not { } message)
        {
            return null;
        }

        _health.OnSuccess();

        IReadOnlyList<KeyValuePair<string, byte[]?>> headers = NoHeaders;
        if (message.Headers is { Count: > 0 } h)
        {
            headers = h.Select(x => new KeyValuePair<string, byte[]?>(x.Key, x.GetValueBytes())).ToList();
        }

        var ts = message.Timestamp;
        return new ConsumedRecord(result.Topic, result.Partition.Value, result.Offset.Value, message.Key, message.Value, headers,
            ts.Type == Confluent.Kafka.TimestampType.NotAvailable ? null : ts.UnixTimestampMs,
            ts.Type switch
            {
                Confluent.Kafka.TimestampType.CreateTime => SdkTimestampType.CreateTime,
                Confluent.Kafka.TimestampType.LogAppendTime => SdkTimestampType.LogAppendTime,
                _ => SdkTimestampType.NoTimestampType,
            });
    }

    /// <summary>Synchronously commits the given next-offsets for the group.</summary>
    public void Commit(IReadOnlyDictionary<SdkTopicPartition, long> offsets)
    {
        if (offsets.Count == 0)
        {
            return;
        }

        _consumer.Commit(offsets.Select(kv => new TopicPartitionOffset(kv.Key.Topic, kv.Key.Partition, kv.Value)));
        _health.OnSuccess();
    }

    /// <summary>The group's committed offsets for these partitions (missing when none).</summary>
    public IReadOnlyDictionary<SdkTopicPartition, long> Committed(IEnumerable<SdkTopicPartition> partitions, TimeSpan timeout) =>
        _consumer.Committed(partitions.Select(p => new Confluent.Kafka.TopicPartition(p.Topic, p.Partition)), timeout)
            .Where(tpo => tpo.Offset.Value >= 0)
            .ToDictionary(tpo => ToSdk(tpo.TopicPartition), tpo => tpo.Offset.Value);

    public void Seek(SdkTopicPartition partition, long offset) =>
        _consumer.Seek(new TopicPartitionOffset(partition.Topic, partition.Partition, offset));

    public void Pause(IEnumerable<SdkTopicPartition> partitions) => _consumer.Pause(partitions.Select(ToConfluent));

    public void Resume(IEnumerable<SdkTopicPartition> partitions) => _consumer.Resume(partitions.Select(ToConfluent));

    /// <summary>
    /// Leaves the group (revocation callbacks run) and closes the consumer. A static member (<c>group.instance.id</c>)
    /// unsubscribes first and waits (at most 5 s) until its partitions are revoked: librdkafka sends LeaveGroup for a
    /// static member on unsubscribe but not on close (KIP-345), and without it the group keeps the member, and its
    /// partitions, until its session times out (offsets could not be changed meanwhile).
    /// </summary>
    public void Close()
    {
        try
        {
            if (_staticMember)
            {
                _consumer.Unsubscribe();
                var deadline = Environment.TickCount64 + 5000;
                while (_consumer.Assignment.Count > 0 && Environment.TickCount64 < deadline)
                {
                    _consumer.Consume(TimeSpan.FromMilliseconds(10));
                }
            }

            _consumer.Close();
        }
        catch (KafkaException e)
        {
            LogConsumeProblem(_logger, e.Message);
        }
    }

    public void Dispose() => _consumer.Dispose();

    private static IEnumerable<TopicPartitionOffset> StartOffsets(List<Confluent.Kafka.TopicPartition> assigned,
        IReadOnlyDictionary<SdkTopicPartition, long> requested) =>
        assigned.Select(tp => new TopicPartitionOffset(tp,
            requested.TryGetValue(ToSdk(tp), out var offset) ? new Offset(offset) : Offset.Unset)).ToList();

    private static SdkTopicPartition ToSdk(Confluent.Kafka.TopicPartition tp) => new(tp.Topic, tp.Partition.Value);

    private static Confluent.Kafka.TopicPartition ToConfluent(SdkTopicPartition tp) => new(tp.Topic, tp.Partition);

    [LoggerMessage(Message = "Kafka consumer [{Name}]: {Message}")]
    private static partial void LogClient(ILogger logger, LogLevel level, string name, string message);


    [LoggerMessage(Level = LogLevel.Warning, Message = "Kafka consumer: {Reason}")]
    private static partial void LogConsumeProblem(ILogger logger, string reason);
}
