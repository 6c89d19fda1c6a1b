using Confluent.Kafka;
using Microsoft.Extensions.Logging;
using StandaloneConnect.Sdk;

namespace StandaloneConnect.Runtime.Kafka;

/// <summary>The outcome of one produced record, delivered on the producer's delivery thread.</summary>
public readonly record struct ProduceAck(string Topic, int Partition, long Offset, long Timestamp, string? Error, bool IsFatal)
{
    public bool IsError => Error is not null;
}

/// <summary>Receives delivery outcomes; must be fast and must not throw (it runs on the producer's delivery thread).</summary>
public interface IAckReceiver
{
    void OnAck(in ProduceAck ack, object? state);
}

/// <summary>
/// A worker's Kafka producer: Confluent.Kafka's <c>Produce</c> with delivery handlers (no Task per record), byte
/// keys and values. One handler object serves a whole batch, so the per-record cost is the message itself.
/// </summary>
public sealed partial class RecordProducer : IDisposable
{
    private readonly IProducer<byte[]?, byte[]?> _producer;
    private readonly ILogger _logger;
    private readonly KafkaClientHealth _health;

    /// <summary>A producer; its client errors go to <paramref name="health"/> (the worker's, shared by all its clients).</summary>
    public RecordProducer(IReadOnlyDictionary<string, string> config, string origin, ILogger logger, KafkaClientHealth health)
    {
        ArgumentNullException.ThrowIfNull(health);
        _logger = logger;
        _health = health;
        var client = config.GetValueOrDefault("client.id") ?? "producer";
        try
        {
            _producer = new ProducerBuilder<byte[]?, byte[]?>(config)
                .SetLogHandler((_, m) => LogClient(_logger, SyslogLevels.LevelOf(m), m.Name, m.Message))
                .SetErrorHandler((_, e) => health.OnError(client, e.Code.ToString(), e.Reason, e.IsFatal))
                .Build();
        }
        catch (Exception e) when (e is ArgumentException or KafkaException or InvalidOperationException)
        {
            throw new ConnectException($"Invalid producer configuration ({origin}): {e.Message}", e);
        }
    }

    /// <summary>Makes a delivery handler that forwards every outcome to <paramref name="receiver"/> with <paramref name="state"/>.</summary>
    public DeliveryHandler CreateHandler(IAckReceiver receiver, object? state) => new(receiver, state, _health);

    /// <summary>
    /// Queues one record. Waits (cancellably) while librdkafka's local queue is full. Throws
    /// <see cref="ProduceFailedException"/> when the record is rejected at once (e.g. too large).
    /// </summary>
    public async ValueTask ProduceAsync(string topic, int? partition, byte[]? key, byte[]? value, long? timestamp,
        IReadOnlyList<KeyValuePair<string, byte[]?>>? headers, DeliveryHandler handler, CancellationToken cancellationToken)
    {
        var message = new Message<byte[]?, byte[]?>
        {
            Key = key,
            Value = value,
            Headers = ToHeaders(headers),
            Timestamp = timestamp is { } ts ? new Timestamp(ts, Confluent.Kafka.TimestampType.CreateTime) : Timestamp.Default,
        };
        while (true)
        {
            try
            {
                if (partition is { } p)
                {
                    _producer.Produce(new Confluent.Kafka.TopicPartition(topic, new Partition(p)), message, handler.Callback);
                }
                else
                {
                    _producer.Produce(topic, message, handler.Callback);
                }

                return;
            }
            catch (ProduceException<byte[]?, byte[]?> e) when (e.Error.Code == ErrorCode.Local_QueueFull)
            {
                await Task.Delay(5, cancellationToken).ConfigureAwait(false);
            }
            catch (ProduceException<byte[]?, byte[]?> e)
            {
                throw new ProduceFailedException($"Failed to send a record to topic '{topic}': {e.Error.Reason}", e);
            }
        }
    }

    /// <summary>Waits until every queued record was acknowledged or failed; false on timeout.</summary>
    public bool Flush(TimeSpan timeout) => _producer.Flush(timeout) == 0;

    public void Dispose() => _producer.Dispose();

    private static Headers? ToHeaders(IReadOnlyList<KeyValuePair<string, byte[]?>>? headers)
    {
        if (headers is null || headers.Count == 0)
        {
            return null;
        }

        var result = new Headers();
        foreach (var (key, value) in headers)
        {
            result.Add(key, value);
        }

        return result;
    }

    [LoggerMessage(Message = "Kafka producer [{Name}]: {Message}")]
    private static partial void LogClient(ILogger logger, LogLevel level, string name, string message);


    /// <summary>A Confluent delivery callback bound to one receiver and state object.</summary>
    public sealed class DeliveryHandler
    {
        internal DeliveryHandler(IAckReceiver receiver, object? state, KafkaClientHealth health)
        {
            Callback = report =>
            {
                if (!report.Error.IsError)
                {
                    health.OnSuccess();
                }

                var ack = new ProduceAck(report.Topic, report.Partition.Value, report.Offset.Value, report.Timestamp.UnixTimestampMs,
                    report.Error.IsError ? report.Error.Reason : null, report.Error.IsFatal);
                receiver.OnAck(ack, state);
            };
        }

        internal Action<DeliveryReport<byte[]?, byte[]?>> Callback { get; }
    }
}

/// <summary>A record was rejected by the producer before it was sent.</summary>
public sealed class ProduceFailedException(string message, Exception inner) : ConnectException(message, inner);

internal static class SyslogLevels
{
    public static LogLevel ToLogLevel(this SyslogLevel level) => level switch
    {
        SyslogLevel.Emergency or SyslogLevel.Alert or SyslogLevel.Critical or SyslogLevel.Error => LogLevel.Error,
        SyslogLevel.Warning => LogLevel.Warning,
        SyslogLevel.Notice or SyslogLevel.Info => LogLevel.Information,
        _ => LogLevel.Debug,
    };

    /// <summary>
    /// The level a librdkafka log line is written at: a connection failure (facility FAIL) at DEBUG, because the same
    /// failure also arrives through the error callback, which <see cref="KafkaClientHealth"/> summarizes.
    /// </summary>
    public static LogLevel LevelOf(LogMessage message) =>
        message.Facility == "FAIL" ? LogLevel.Debug : message.Level.ToLogLevel();
}
