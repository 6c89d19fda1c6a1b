namespace StandaloneConnect.Runtime.Errors;

/// <summary>Where in the pipeline an error happened (the <c>__connect.errors.stage</c> header values).</summary>
public enum Stage
{
    TaskPoll,
    TaskPut,
    Transformation,
    KeyConverter,
    ValueConverter,
    HeaderConverter,
    KafkaProduce,
    KafkaConsume,
}

public static class StageNames
{
    public static string KafkaName(this Stage stage) => stage switch
    {
        Stage.TaskPoll => "TASK_POLL",
        Stage.TaskPut => "TASK_PUT",
        Stage.Transformation => "TRANSFORMATION",
        Stage.KeyConverter => "KEY_CONVERTER",
        Stage.ValueConverter => "VALUE_CONVERTER",
        Stage.HeaderConverter => "HEADER_CONVERTER",
        Stage.KafkaProduce => "KAFKA_PRODUCE",
        Stage.KafkaConsume => "KAFKA_CONSUME",
        _ => throw new ArgumentOutOfRangeException(nameof(stage)),
    };
}

/// <summary>The raw consumed record an error is about (sink path), for the log and the dead letter queue.</summary>
public sealed record ConsumedRecordContext(string Topic, int Partition, long Offset, byte[]? Key, byte[]? Value,
    IReadOnlyList<KeyValuePair<string, byte[]?>> Headers, long? Timestamp);

/// <summary>One error handed to reporters.</summary>
public sealed record ProcessingError(Stage Stage, Type ExecutingClass, Exception Exception, ConsumedRecordContext? Consumed, object? Record);

/// <summary>Receives tolerated errors (log, dead letter queue).</summary>
public interface IErrorReporter
{
    void Report(ProcessingError error);

    /// <summary>Waits until what was reported is durable (the DLQ producer acknowledged it); called before offsets are committed.</summary>
    void Flush(TimeSpan timeout)
    {
    }
}
