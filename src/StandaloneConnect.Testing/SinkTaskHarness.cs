using StandaloneConnect.Sdk;
using StandaloneConnect.Sdk.Connectors;
using StandaloneConnect.Sdk.Data;

namespace StandaloneConnect.Testing;

/// <summary>
/// Runs a <see cref="SinkTask"/> the way the worker does, without Kafka: initialize with a
/// <see cref="RecordingSinkTaskContext"/>, start, open partitions, put, pre-commit (flush), close, stop. The harness
/// tracks the next offset to consume per partition from the records put, as the worker does.
/// </summary>
public sealed class SinkTaskHarness : IAsyncDisposable
{
    private readonly Dictionary<TopicPartition, long> _currentOffsets = [];
    private readonly Dictionary<TopicPartition, long> _committedOffsets = [];
    private bool _started;
    private bool _stopped;

    public SinkTaskHarness(SinkTask task, IReadOnlyDictionary<string, string> config)
    {
        ArgumentNullException.ThrowIfNull(task);
        ArgumentNullException.ThrowIfNull(config);
        Task = task;
        Context = new RecordingSinkTaskContext(config);
    }

    public SinkTask Task { get; }

    /// <summary>What the task asked of the framework (pauses, rewinds, timeouts, commit requests).</summary>
    public RecordingSinkTaskContext Context { get; }

    /// <summary>The next offset to consume per partition, from the records put so far.</summary>
    public IReadOnlyDictionary<TopicPartition, long> CurrentOffsets => _currentOffsets;

    /// <summary>The offsets returned by the last <see cref="PreCommitAsync"/> calls, per partition.</summary>
    public IReadOnlyDictionary<TopicPartition, long> CommittedOffsets => _committedOffsets;

    /// <summary>Creates a harness, initializes and starts the task, and opens <paramref name="partitions"/>.</summary>
    public static SinkTaskHarness Start(SinkTask task, IReadOnlyDictionary<string, string> config, params TopicPartition[] partitions)
    {
        var harness = new SinkTaskHarness(task, config);
        harness.Start();
        if (partitions.Length > 0)
        {
            harness.Open(partitions);
        }

        return harness;
    }

    /// <summary>A record for <see cref="PutAsync"/> with a string value (or any value with its schema).</summary>
    public static SinkRecord Record(string topic, int partition, long offset, object? value, Schema? valueSchema = null,
        object? key = null, Schema? keySchema = null, long? timestamp = null) =>
        new(topic, partition, keySchema, key, valueSchema ?? (value is string ? Schema.String : null), value, offset, timestamp,
            timestamp is null ? TimestampType.NoTimestampType : TimestampType.CreateTime);

    public void Start()
    {
        if (_started)
        {
            throw new InvalidOperationException("The task was already started");
        }

        Task.Initialize(Context);
        Task.Start(Context.Configs);
        _started = true;
    }

    /// <summary>Assigns partitions to the task (<see cref="SinkTask.Open"/>).</summary>
    public void Open(params TopicPartition[] partitions)
    {
        EnsureRunning();
        Context.AddAssignment(partitions);
        Task.Open(partitions);
    }

    /// <summary>Revokes partitions from the task (<see cref="SinkTask.Close"/>).</summary>
    public void Close(params TopicPartition[] partitions)
    {
        EnsureRunning();
        Task.Close(partitions);
        Context.RemoveAssignment(partitions);
        foreach (var partition in partitions)
        {
            _currentOffsets.Remove(partition);
        }
    }

    /// <summary>Delivers a batch, then records each partition's next offset.</summary>
    public async ValueTask PutAsync(IReadOnlyList<SinkRecord> records, CancellationToken cancellationToken = default)
    {
        EnsureRunning();
        await Task.PutAsync(records, cancellationToken).ConfigureAwait(false);
        foreach (var record in records)
        {
            _currentOffsets[new TopicPartition(record.Topic, record.KafkaPartition ?? record.OriginalKafkaPartition)] =
                record.KafkaOffset + 1;
        }
    }

    public ValueTask PutAsync(params SinkRecord[] records) => PutAsync((IReadOnlyList<SinkRecord>)records);

    /// <summary>Calls <see cref="SinkTask.FlushAsync"/> with <see cref="CurrentOffsets"/>.</summary>
    public ValueTask FlushAsync(CancellationToken cancellationToken = default)
    {
        EnsureRunning();
        return Task.FlushAsync(Snapshot(), cancellationToken);
    }

    /// <summary>
    /// Calls <see cref="SinkTask.PreCommitAsync"/> with <see cref="CurrentOffsets"/> (the default flushes) and keeps
    /// the offsets it returns as <see cref="CommittedOffsets"/>.
    /// </summary>
    public async ValueTask<IReadOnlyDictionary<TopicPartition, long>> PreCommitAsync(CancellationToken cancellationToken = default)
    {
        EnsureRunning();
        var committable = await Task.PreCommitAsync(Snapshot(), cancellationToken).ConfigureAwait(false);
        foreach (var (partition, offset) in committable)
        {
            _committedOffsets[partition] = offset;
        }

        return committable;
    }

    /// <summary>Stops the task as the worker does: closes every assigned partition, then calls <see cref="ConnectTask.Stop"/>.</summary>
    public ValueTask StopAsync()
    {
        if (_started && !_stopped)
        {
            _stopped = true;
            var assigned = Context.Assignment.ToArray();
            if (assigned.Length > 0)
            {
                Task.Close(assigned);
                Context.RemoveAssignment(assigned);
            }

            Task.Stop();
        }

        return ValueTask.CompletedTask;
    }

    public ValueTask DisposeAsync() => StopAsync();

    private Dictionary<TopicPartition, long> Snapshot() => new(_currentOffsets);

    private void EnsureRunning()
    {
        if (!_started || _stopped)
        {
            throw new InvalidOperationException(_stopped ? "The task was stopped" : "The task was not started");
        }
    }
}

/// <summary>An <see cref="ISinkTaskContext"/> that records what the task asks for. Thread-safe.</summary>
public sealed class RecordingSinkTaskContext(IReadOnlyDictionary<string, string> configs) : ISinkTaskContext
{
    private readonly Lock _gate = new();
    private readonly HashSet<TopicPartition> _assignment = [];
    private readonly HashSet<TopicPartition> _paused = [];
    private readonly Dictionary<TopicPartition, long> _requestedOffsets = [];
    private long? _timeoutMs;
    private int _commitRequests;

    public IReadOnlyDictionary<string, string> Configs { get; } = configs;

    public IReadOnlyCollection<TopicPartition> Assignment => Locked(() => _assignment.ToArray());

    /// <summary>Partitions currently paused by the task.</summary>
    public IReadOnlyCollection<TopicPartition> Paused => Locked(() => _paused.ToArray());

    /// <summary>Offsets the task asked to consume from next (<see cref="Offset(TopicPartition, long)"/>), latest per partition.</summary>
    public IReadOnlyDictionary<TopicPartition, long> RequestedOffsets => Locked(() => new Dictionary<TopicPartition, long>(_requestedOffsets));

    /// <summary>The last retry back-off the task set with <see cref="Timeout"/>, or null.</summary>
    public long? TimeoutMs => Locked(() => _timeoutMs);

    /// <summary>How many times the task called <see cref="RequestCommit"/>.</summary>
    public int CommitRequests => Locked(() => _commitRequests);

    /// <summary>The reporter the task sees; null (none configured) unless a test sets one.</summary>
    public IErrantRecordReporter? ErrantRecordReporter { get; set; }

    public void Offset(IReadOnlyDictionary<TopicPartition, long> offsets)
    {
        ArgumentNullException.ThrowIfNull(offsets);
        lock (_gate)
        {
            foreach (var (partition, offset) in offsets)
            {
                _requestedOffsets[partition] = offset;
            }
        }
    }

    public void Offset(TopicPartition partition, long offset)
    {
        lock (_gate)
        {
            _requestedOffsets[partition] = offset;
        }
    }

    public void Timeout(long timeoutMs)
    {
        lock (_gate)
        {
            _timeoutMs = timeoutMs;
        }
    }

    public void Pause(params TopicPartition[] partitions)
    {
        lock (_gate)
        {
            foreach (var partition in partitions)
            {
                if (!_assignment.Contains(partition))
                {
                    throw new IllegalWorkerStateException("SinkTasks may not pause partitions that are not currently assigned to them.");
                }

                _paused.Add(partition);
            }
        }
    }

    public void Resume(params TopicPartition[] partitions)
    {
        lock (_gate)
        {
            foreach (var partition in partitions)
            {
                if (!_assignment.Contains(partition))
                {
                    throw new IllegalWorkerStateException("SinkTasks may not resume partitions that are not currently assigned to them.");
                }

                _paused.Remove(partition);
            }
        }
    }

    public void RequestCommit()
    {
        lock (_gate)
        {
            _commitRequests++;
        }
    }

    internal void AddAssignment(IEnumerable<TopicPartition> partitions)
    {
        lock (_gate)
        {
            _assignment.UnionWith(partitions);
        }
    }

    internal void RemoveAssignment(IEnumerable<TopicPartition> partitions)
    {
        lock (_gate)
        {
            foreach (var partition in partitions)
            {
                _assignment.Remove(partition);
                _paused.Remove(partition);
            }
        }
    }

    private T Locked<T>(Func<T> read)
    {
        lock (_gate)
        {
            return read();
        }
    }
}
