namespace StandaloneConnect.Sdk.Connectors;

/// <summary>
/// The root of source and sink tasks (Kafka's <c>Task</c>). A task instance runs on one dedicated worker thread;
/// the framework never calls it concurrently, except <see cref="SourceTask.CommitRecord"/>, which may come from the
/// producer's delivery thread.
/// </summary>
public abstract class ConnectTask : IVersioned
{
    public virtual string Version => PluginVersion.Of(GetType());

    /// <summary>Parses the task configuration and opens resources.</summary>
    public abstract void Start(IReadOnlyDictionary<string, string> props);

    /// <summary>Releases resources. Called once, after the last poll/put returned.</summary>
    public abstract void Stop();
}

/// <summary>A task that reads records from an external system (Kafka's <c>SourceTask</c>).</summary>
public abstract class SourceTask : ConnectTask
{
    private ISourceTaskContext? _context;

    protected ISourceTaskContext Context => _context ?? throw new InvalidOperationException("The task was not initialized");

    public virtual void Initialize(ISourceTaskContext context) => _context = context;

    /// <summary>
    /// Returns the next batch of records, or an empty list after a bounded wait when there is no data. The token is
    /// cancelled when the task is asked to pause or stop; return promptly then (returning what you have is fine).
    /// </summary>
    public abstract ValueTask<IReadOnlyList<SourceRecord>> PollAsync(CancellationToken cancellationToken);

    /// <summary>Called after offsets up to the last acknowledged records were committed.</summary>
    public virtual void Commit()
    {
    }

    /// <summary>
    /// Called for each record once Kafka acknowledged it (<paramref name="metadata"/> set), or once it was dropped by a
    /// transformation or skipped by error tolerance (<paramref name="metadata"/> null).
    /// </summary>
    public virtual void CommitRecord(SourceRecord record, RecordMetadata? metadata)
    {
    }
}

/// <summary>A task that writes records consumed from Kafka to an external system (Kafka's <c>SinkTask</c>).</summary>
public abstract class SinkTask : ConnectTask
{
    private ISinkTaskContext? _context;

    protected ISinkTaskContext Context => _context ?? throw new InvalidOperationException("The task was not initialized");

    public virtual void Initialize(ISinkTaskContext context) => _context = context;

    /// <summary>Partitions were assigned to the task.</summary>
    public virtual void Open(IReadOnlyCollection<TopicPartition> partitions)
    {
    }

    /// <summary>Writes (or buffers) records. Throw <see cref="RetriableException"/> to have the batch redelivered.</summary>
    public abstract ValueTask PutAsync(IReadOnlyList<SinkRecord> records, CancellationToken cancellationToken);

    /// <summary>Makes everything given to <see cref="PutAsync"/> durable. <paramref name="currentOffsets"/> are the next offsets to consume.</summary>
    public virtual ValueTask FlushAsync(IReadOnlyDictionary<TopicPartition, long> currentOffsets, CancellationToken cancellationToken) =>
        ValueTask.CompletedTask;

    /// <summary>
    /// Called before consumer offsets are committed; returns the offsets that are safe to commit. The default flushes
    /// and returns <paramref name="currentOffsets"/>.
    /// </summary>
    public virtual async ValueTask<IReadOnlyDictionary<TopicPartition, long>> PreCommitAsync(
        IReadOnlyDictionary<TopicPartition, long> currentOffsets, CancellationToken cancellationToken)
    {
        await FlushAsync(currentOffsets, cancellationToken).ConfigureAwait(false);
        return currentOffsets;
    }

    /// <summary>Partitions were revoked from the task; its writers for them may be closed.</summary>
    public virtual void Close(IReadOnlyCollection<TopicPartition> partitions)
    {
    }
}
