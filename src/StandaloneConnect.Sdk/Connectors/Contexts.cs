using StandaloneConnect.Sdk.Storage;

namespace StandaloneConnect.Sdk.Connectors;

/// <summary>What the framework offers a running connector (Kafka's <c>ConnectorContext</c>).</summary>
public interface IConnectorContext
{
    /// <summary>Asks the framework to call <see cref="Connector.TaskConfigs"/> again and restart tasks if they changed.</summary>
    void RequestTaskReconfiguration();

    /// <summary>Fails the connector with this error (it will not be restarted automatically).</summary>
    void RaiseError(Exception error);
}

/// <summary>Context of a source connector: adds read access to committed offsets.</summary>
public interface ISourceConnectorContext : IConnectorContext
{
    IOffsetStorageReader OffsetStorageReader { get; }
}

/// <summary>Context of a sink connector.</summary>
public interface ISinkConnectorContext : IConnectorContext;

/// <summary>What the framework offers a source task (Kafka's <c>SourceTaskContext</c>).</summary>
public interface ISourceTaskContext
{
    /// <summary>The task's configuration, as given to <see cref="ConnectTask.Start"/>.</summary>
    IReadOnlyDictionary<string, string> Configs { get; }

    IOffsetStorageReader OffsetStorageReader { get; }
}

/// <summary>Reports a record that failed in a sink task to the framework's error handling (log, DLQ, tolerance).</summary>
public interface IErrantRecordReporter
{
    ValueTask ReportAsync(SinkRecord record, Exception error, CancellationToken cancellationToken);
}

/// <summary>What the framework offers a sink task (Kafka's <c>SinkTaskContext</c>).</summary>
public interface ISinkTaskContext
{
    IReadOnlyDictionary<string, string> Configs { get; }

    /// <summary>Rewinds or skips: the next records consumed start at these offsets.</summary>
    void Offset(IReadOnlyDictionary<TopicPartition, long> offsets);

    void Offset(TopicPartition partition, long offset);

    /// <summary>After a <see cref="RetriableException"/> from put, retry after this many milliseconds.</summary>
    void Timeout(long timeoutMs);

    /// <summary>The partitions currently assigned to the task.</summary>
    IReadOnlyCollection<TopicPartition> Assignment { get; }

    void Pause(params TopicPartition[] partitions);

    void Resume(params TopicPartition[] partitions);

    /// <summary>Asks for an offset commit as soon as possible.</summary>
    void RequestCommit();

    /// <summary>The error reporter, or null when the framework has none configured.</summary>
    IErrantRecordReporter? ErrantRecordReporter { get; }
}
