using StandaloneConnect.Runtime.Errors;
using StandaloneConnect.Sdk;
using StandaloneConnect.Sdk.Connectors;

namespace StandaloneConnect.Runtime.Workers;

/// <summary>Reports a record the task could not write, with its original bytes (for the dead letter queue).</summary>
internal sealed class ErrantRecordReporter(ErrorHandler errors,
    Dictionary<(string Topic, int Partition, long Offset), ConsumedRecordContext> rawContexts) : IErrantRecordReporter
{
    public ValueTask ReportAsync(SinkRecord record, Exception error, CancellationToken cancellationToken)
    {
        var key = (record.OriginalTopic, record.OriginalKafkaPartition, record.OriginalKafkaOffset);
        var consumed = rawContexts.GetValueOrDefault(key)
            ?? new ConsumedRecordContext(key.OriginalTopic, key.OriginalKafkaPartition, key.OriginalKafkaOffset, null, null, [], record.Timestamp);
        errors.Handle(new ProcessingError(Stage.TaskPut, typeof(SinkTask), error, consumed, record));
        return ValueTask.CompletedTask;
    }
}
