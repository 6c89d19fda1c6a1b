using Microsoft.Extensions.Logging;
using StandaloneConnect.Runtime.Errors;
using StandaloneConnect.Runtime.Kafka;
using StandaloneConnect.Runtime.Transforms;
using StandaloneConnect.Sdk;
using StandaloneConnect.Sdk.Connectors;

namespace StandaloneConnect.Runtime.Workers;

/// <summary>Everything a sink task runner needs, built by the <see cref="Worker"/>.</summary>
public sealed record SinkTaskSetup(
    SinkTask Task,
    IReadOnlyDictionary<string, string> TaskConfig,
    TaskConverters Converters,
    TransformationChain Transforms,
    ErrorHandler Errors,
    Func<IRebalanceListener, RecordConsumer> CreateConsumer,
    IReadOnlyList<string> Topics,
    string? TopicsRegex,
    int MaxPollRecords,
    TimeSpan CommitInterval,
    TimeSpan CommitTimeout,
    Func<CancellationToken, Task>? Prepare = null,
    ActiveTopicRecorder? TopicRecorder = null);

/// <summary>
/// Runs one sink task (Kafka's <c>WorkerSinkTask</c>) on a dedicated thread, because Kafka's consumer blocks and its
/// rebalance callbacks run inside <c>Consume</c>: consume a batch, convert, transform, put, and commit the group's
/// offsets (after <c>preCommit</c>) on the interval, on revocation and on stop.
/// </summary>
public sealed partial class WorkerSinkTask : WorkerTask, IRebalanceListener
{
    private static readonly TimeSpan PollTimeout = TimeSpan.FromMilliseconds(200);
    private readonly SinkTaskSetup _setup;
    private readonly TimeProvider _time;
    private readonly WorkerSinkTaskContext _context;
    private readonly Dictionary<TopicPartition, long> _currentOffsets = [];
    private readonly Dictionary<TopicPartition, long> _lastCommitted = [];
    private readonly HashSet<TopicPartition> _taskPaused = [];
    private readonly SinkRecordConverter _converter;
    private RecordConsumer? _consumer;
    private readonly HashSet<TopicPartition> _revokedDuringPoll = [];
    private readonly Dictionary<(string Topic, int Partition, long Offset), ConsumedRecordContext> _rawContexts = [];
    private SinkBatch? _retryBatch;
    private DateTimeOffset _retryAt;
    private bool _partitionsOpen;
    private readonly HashSet<TopicPartition> _consumerPaused = [];
    private bool _reportedPaused;

    public WorkerSinkTask(ConnectorTaskId id, SinkTaskSetup setup, ITaskStatusListener listener, TimeProvider time, ILogger logger)
        : base(id, listener, logger)
    {
        _setup = setup;
        _time = time;
        _converter = new SinkRecordConverter(setup.Converters, setup.Transforms, setup.Errors, setup.TopicRecorder);
        _context = new WorkerSinkTaskContext(setup.TaskConfig,
            setup.Errors.HasReporters || setup.Errors.Settings.LogEnabled || setup.Errors.Settings.TolerateAll
                ? new ErrantRecordReporter(setup.Errors, _rawContexts)
                : null);
    }

    public IReadOnlyDictionary<TopicPartition, long> OnAssigned(IReadOnlyList<TopicPartition> partitions)
    {
        foreach (var tp in partitions)
        {
            _context.AssignedPartitions.Add(tp);
        }

        _setup.Task.Open(partitions);
        _partitionsOpen = true;
        var requested = _context.TakeOffsets();
        foreach (var (tp, offset) in requested)
        {
            _currentOffsets[tp] = offset;
        }

        return requested;
    }

    public void OnRevoked(IReadOnlyList<TopicPartition> partitions)
    {
        _revokedDuringPoll.UnionWith(partitions);
        _retryBatch = _retryBatch?.Without(partitions);
        if (!_partitionsOpen)
        {
            return;
        }

        CommitOffsets(partitions.ToHashSet());
        ClosePartitions(partitions);
    }

    public void OnLost(IReadOnlyList<TopicPartition> partitions)
    {
        if (_partitionsOpen)
        {
            ClosePartitions(partitions);
        }
    }

    protected override Task Launch()
    {
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var thread = new Thread(() =>
        {
            try
            {
                Run();
            }
            catch (Exception e)
            {
                Fail(e); // never let an exception escape a raw thread: it would end the process
            }
            finally
            {
                done.SetResult();
            }
        })
        {
            IsBackground = true,
            Name = "task-thread-" + Id,
        };
        thread.Start();
        return done.Task;
    }

    private void Run()
    {
        var started = false;
        try
        {
            if (_setup.Prepare is { } prepare)
            {
                SyncOverAsync.Run(new ValueTask(prepare(StopToken)));
            }

            _consumer = _setup.CreateConsumer(this);
            started = true; // as in Kafka: Stop() also cleans up after a Start() that threw
            _setup.Task.Initialize(_context);
            _setup.Task.Start(_setup.TaskConfig);
            if (_setup.TopicsRegex is { Length: > 0 } regex)
            {
                _consumer.SubscribePattern(regex);
            }
            else
            {
                _consumer.Subscribe(_setup.Topics);
            }

            _reportedPaused = IsPaused;
            SetStatus(IsPaused ? ConnectState.Paused : ConnectState.Running);
            LogStarted(Logger, Id.ToString());
            Loop(_consumer);
        }
        catch (Exception e) when (e is not OperationCanceledException || !StopToken.IsCancellationRequested)
        {
            Fail(e);
        }
        catch (OperationCanceledException)
        {
            // stopping: the loop was interrupted on purpose
        }
        finally
        {
            Shutdown(started);
        }
    }

    private void Loop(RecordConsumer consumer)
    {
        var nextCommit = _time.GetUtcNow() + _setup.CommitInterval;
        while (!StopToken.IsCancellationRequested)
        {
            ApplyPauseState(consumer);
            var now = _time.GetUtcNow();
            if (now >= nextCommit || _context.CommitRequested)
            {
                _context.CommitRequested = false;
                CommitOffsets(null);
                nextCommit = now + _setup.CommitInterval;
            }

            if (_retryBatch is { } retry && !IsPaused)
            {
                if (_time.GetUtcNow() >= _retryAt)
                {
                    Deliver(retry);
                    continue;
                }
            }

            var batch = PollBatch(consumer);
            if (_retryBatch is null && !IsPaused)
            {
                Deliver(batch); // also when empty: Kafka calls put() on every poll, time-based sinks rely on it
            }
        }
    }

    /// <summary>
    /// Consumes up to max.poll.records. Offsets are only staged here: they become committable once put() accepted the
    /// batch. Records of partitions revoked while consuming are dropped (the new owner will read them).
    /// </summary>
    private SinkBatch PollBatch(RecordConsumer consumer)
    {
        var batch = new SinkBatch();
        _revokedDuringPoll.Clear();
        var first = consumer.Consume(PollTimeout);
        if (first is null)
        {
            return batch;
        }

        if (IsPaused || _retryBatch is not null || _taskPaused.Contains(new TopicPartition(first.Topic, first.Partition)))
        {
            // Fetched before the pause took effect: rewind so it is delivered after resume.
            consumer.Seek(new TopicPartition(first.Topic, first.Partition), first.Offset);
            return batch;
        }

        var keepRaw = _context.ErrantRecordReporter is not null;
        var consumed = 0;
        for (var raw = first; raw is not null; raw = ++consumed < _setup.MaxPollRecords ? consumer.Consume(TimeSpan.Zero) : null)
        {
            batch.Offsets[new TopicPartition(raw.Topic, raw.Partition)] = raw.Offset + 1;
            if (_converter.Convert(raw, StopToken) is { } record)
            {
                batch.Records.Add(record);
                if (keepRaw)
                {
                    batch.Raw.Add(raw);
                }
            }
        }

        return _revokedDuringPoll.Count == 0 ? batch : batch.Without(_revokedDuringPoll);
    }

    private void Deliver(SinkBatch batch)
    {
        _rawContexts.Clear();
        foreach (var raw in batch.Raw)
        {
            _rawContexts[(raw.Topic, raw.Partition, raw.Offset)] =
                new ConsumedRecordContext(raw.Topic, raw.Partition, raw.Offset, raw.Key, raw.Value, raw.Headers, raw.Timestamp);
        }

        try
        {
            SyncOverAsync.Run(_setup.Task.PutAsync(batch.Records, StopToken));
            _retryBatch = null;
            foreach (var (tp, offset) in batch.Offsets)
            {
                _currentOffsets[tp] = offset;
            }
        }
        catch (RetriableException e)
        {
            LogPutRetry(Logger, e, Id.ToString(), _context.TimeoutMs);
            _retryBatch = batch;
            _retryAt = _time.GetUtcNow() + TimeSpan.FromMilliseconds(_context.TimeoutMs);
        }

        foreach (var (tp, offset) in _context.TakeOffsets())
        {
            _consumer?.Seek(tp, offset);
            _currentOffsets[tp] = offset;
        }
    }

    /// <summary>Pauses the consumer while the connector is paused or a batch waits for redelivery; honours the task's own pause requests.</summary>
    private void ApplyPauseState(RecordConsumer consumer)
    {
        var (pause, resume) = _context.TakePauseRequests();
        _taskPaused.UnionWith(pause);
        _taskPaused.ExceptWith(resume);
        if (IsPaused != _reportedPaused)
        {
            _reportedPaused = IsPaused;
            SetStatus(IsPaused ? ConnectState.Paused : ConnectState.Running);
        }

        var pauseAll = IsPaused || _retryBatch is not null;
        var assigned = _context.AssignedPartitions;
        var toPause = assigned.Where(tp => (pauseAll || _taskPaused.Contains(tp)) && !_consumerPaused.Contains(tp)).ToList();
        var toResume = _consumerPaused.Where(tp => !assigned.Contains(tp) || (!pauseAll && !_taskPaused.Contains(tp))).ToList();
        if (toPause.Count > 0)
        {
            consumer.Pause(toPause);
            _consumerPaused.UnionWith(toPause);
        }

        if (toResume.Count > 0)
        {
            consumer.Resume(toResume.Where(assigned.Contains));
            _consumerPaused.ExceptWith(toResume);
        }
    }

    private void CommitOffsets(HashSet<TopicPartition>? only)
    {
        var current = _currentOffsets.Where(kv => only is null || only.Contains(kv.Key)).ToDictionary(kv => kv.Key, kv => kv.Value);
        if (current.Count == 0 || _consumer is null)
        {
            return;
        }

        IReadOnlyDictionary<TopicPartition, long> committable;
        try
        {
            // Not the stop token: the final commit runs after stop was requested, bounded by offset.flush.timeout.ms.
            using var timeout = new CancellationTokenSource(_setup.CommitTimeout, _time);
            committable = SyncOverAsync.Run(_setup.Task.PreCommitAsync(current, timeout.Token));
        }
        catch (Exception e)
        {
            // includes the flush timeout: the offsets stay pending for the next commit
            LogPreCommitFailed(Logger, e, Id.ToString());
            return;
        }

        _setup.Errors.FlushReporters(_setup.CommitTimeout);
        var changed = committable
            .Where(kv => _context.AssignedPartitions.Contains(kv.Key) && (!_lastCommitted.TryGetValue(kv.Key, out var last) || last != kv.Value))
            .ToDictionary(kv => kv.Key, kv => kv.Value);
        try
        {
            _consumer.Commit(changed);
            foreach (var (tp, offset) in changed)
            {
                _lastCommitted[tp] = offset;
            }
        }
        catch (Confluent.Kafka.KafkaException e)
        {
            LogCommitFailed(Logger, Id.ToString(), e.Message);
        }
    }

    private void ClosePartitions(IReadOnlyCollection<TopicPartition> partitions)
    {
        _setup.Task.Close(partitions);
        foreach (var tp in partitions)
        {
            _context.AssignedPartitions.Remove(tp);
            _currentOffsets.Remove(tp);
            _lastCommitted.Remove(tp);
            _consumerPaused.Remove(tp);
        }
    }

    private void Shutdown(bool started)
    {
        if (started && _partitionsOpen && Status.State != ConnectState.Failed)
        {
            Safely(() => CommitOffsets(null));
            Safely(() => ClosePartitions(_context.AssignedPartitions.ToList()));
        }

        _partitionsOpen = false;
        if (started)
        {
            Safely(_setup.Task.Stop);
        }

        Safely(() => _consumer?.Close());
        Safely(() => _consumer?.Dispose());
        Safely(_setup.Transforms.Dispose);
        Safely(_setup.Errors.Dispose);
        if (Status.State != ConnectState.Failed)
        {
            SetStatus(ConnectState.Unassigned);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "{TaskId} Sink task finished initialization and start")]
    private static partial void LogStarted(ILogger logger, string taskId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{TaskId} RetriableException from SinkTask; will retry the same records in {TimeoutMs} ms")]
    private static partial void LogPutRetry(ILogger logger, Exception error, string taskId, long timeoutMs);

    [LoggerMessage(Level = LogLevel.Error, Message = "{TaskId} Offset commit failed during preCommit/flush; offsets will be committed later")]
    private static partial void LogPreCommitFailed(ILogger logger, Exception error, string taskId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{TaskId} Commit of consumer offsets failed: {Reason}")]
    private static partial void LogCommitFailed(ILogger logger, string taskId, string reason);
}
