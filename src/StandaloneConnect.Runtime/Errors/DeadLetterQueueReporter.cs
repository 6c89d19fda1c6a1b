using System.Globalization;
using System.Text;
using Microsoft.Extensions.Logging;
using StandaloneConnect.Runtime.Kafka;
using StandaloneConnect.Runtime.Plugins;

namespace StandaloneConnect.Runtime.Errors;

/// <summary>
/// Writes the original bytes of a sink record that failed (and was tolerated) to the dead letter queue topic
/// (Kafka's <c>DeadLetterQueueReporter</c>), optionally with the <c>__connect.errors.*</c> context headers.
/// </summary>
public sealed partial class DeadLetterQueueReporter(string topic, bool contextHeaders, string connector, int taskId,
    RecordProducer producer, ILogger logger) : IErrorReporter, IAckReceiver, IDisposable
{
    public const string HeaderPrefix = "__connect.errors.";
    private RecordProducer.DeliveryHandler? _handler;

    public string Topic => topic;

    public void Report(ProcessingError error)
    {
        if (error.Consumed is not { } consumed)
        {
            return; // as in Kafka, only sink records (with their original bytes) go to the DLQ
        }

        var headers = new List<KeyValuePair<string, byte[]?>>(consumed.Headers);
        if (contextHeaders)
        {
            Add(headers, "topic", consumed.Topic);
            Add(headers, "partition", consumed.Partition.ToString(CultureInfo.InvariantCulture));
            Add(headers, "offset", consumed.Offset.ToString(CultureInfo.InvariantCulture));
            Add(headers, "connector.name", connector);
            Add(headers, "task.id", taskId.ToString(CultureInfo.InvariantCulture));
            Add(headers, "stage", error.Stage.KafkaName());
            Add(headers, "class.name", KafkaClassNames.Of(error.ExecutingClass));
            Add(headers, "exception.class.name", KafkaClassNames.OfException(error.Exception));
            Add(headers, "exception.message", error.Exception.Message);
            Add(headers, "exception.stacktrace", error.Exception.ToString());
        }

        var send = producer.ProduceAsync(topic, null, consumed.Key, consumed.Value, consumed.Timestamp, headers,
            _handler ??= producer.CreateHandler(this, null), CancellationToken.None);
        if (!send.IsCompletedSuccessfully)
        {
            _ = send.AsTask().ContinueWith(t => LogFailed(logger, topic, t.Exception?.GetBaseException().Message ?? "cancelled"),
                CancellationToken.None, TaskContinuationOptions.NotOnRanToCompletion, TaskScheduler.Default);
        }
    }

    void IAckReceiver.OnAck(in ProduceAck ack, object? state)
    {
        if (ack.IsError)
        {
            LogFailed(logger, topic, ack.Error ?? "unknown error");
        }
    }

    public void Flush(TimeSpan timeout)
    {
        if (!producer.Flush(timeout))
        {
            LogFailed(logger, topic, "not every record was acknowledged within " + timeout);
        }
    }

    public void Dispose()
    {
        producer.Flush(TimeSpan.FromSeconds(5));
        producer.Dispose();
    }

    private static void Add(List<KeyValuePair<string, byte[]?>> headers, string name, string value) =>
        headers.Add(new(HeaderPrefix + name, Encoding.UTF8.GetBytes(value)));

    [LoggerMessage(Level = LogLevel.Error, Message = "Could not produce message to dead letter queue topic {Topic}: {Reason}")]
    private static partial void LogFailed(ILogger logger, string topic, string reason);
}
