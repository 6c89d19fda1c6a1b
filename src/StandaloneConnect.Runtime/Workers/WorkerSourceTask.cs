using Microsoft.Extensions.Logging;
using StandaloneConnect.Runtime.Errors;
using StandaloneConnect.Runtime.Kafka;
using StandaloneConnect.Runtime.Storage;
using StandaloneConnect.Runtime.Transforms;
using StandaloneConnect.Sdk;
using StandaloneConnect.Sdk.Connectors;

namespace StandaloneConnect.Runtime.Workers;

/// <summary>Everything a source task runner needs, built by the <see cref="Worker"/>.</summary>
public sealed record SourceTaskSetup(
    SourceTask Task,
    IReadOnlyDictionary<string, string> TaskConfig,
    TaskConverters Converters,
    TransformationChain Transforms,
    ErrorHandler Errors,
    RecordProducer Producer,
    TopicCreator Topics,
    IOffsetStore OffsetStore,
    TimeSpan FlushInterval,
    TimeSpan FlushTimeout,
    ActiveTopicRecorder? TopicRecorder = null);

/// <summary>
/// Runs one source task (Kafka's <c>WorkerSourceTask</c>): poll, transform, convert key/value/headers, produce with
/// a per-batch delivery handler, and commit offsets of acknowledged records on the flush interval and at stop.
/// </summary>
public sealed partial class WorkerSourceTask : WorkerTask, IAckReceiver
{
    private readonly SourceTaskSetup _setup;
    private readonly SourceOffsetTracker _tracker = new();
    private readonly TimeProvider _time;
    private readonly bool _commitRecordOverridden;
    private readonly Type _taskType;
    private volatile Exception? _producerFailure;

    public WorkerSourceTask(ConnectorTaskId id, SourceTaskSetup setup, ITaskStatusListener listener, TimeProvider time, ILogger logger)
        : base(id, listener, logger)
    {
        _setup = setup;
        _time = time;
        _taskType = setup.Task.GetType();
        _commitRecordOverridden = _taskType.GetMethod(nameof(SourceTask.CommitRecord))?.DeclaringType != typeof(SourceTask);
    }

    /// <summary>Records skipped by tolerated errors.</summary>
    public long SkippedRecords => _setup.Errors.Skipped;

    void IAckReceiver.OnAck(in ProduceAck ack, object? state)
    {
        var (batch, record) = state switch
        {
            SubmittedBatch b => (b, null),
            RecordAck a => (a.Batch, a.Record),
            _ => throw new InvalidOperationException("unexpected delivery state"),
        };
        if (ack.IsError && !ToleratedProduceError(ack, record))
        {
            return; // never acknowledged: the offsets of this record and everything after it stay uncommitted
        }

        if (!ack.IsError)
        {
            _setup.TopicRecorder?.Record(ack.Topic); // KIP-558: the topic the record was written to, after transformations
            if (record is not null)
            {
                CommitRecordSafely(record, new RecordMetadata(ack.Topic, ack.Partition, ack.Offset, ack.Timestamp));
            }
        }

        batch.Acknowledge();
    }

    protected override Task Launch() => Task.Run(RunAsync);

    private async Task RunAsync()
    {
        var started = false;
        using var commits = new CancellationTokenSource();
        var committer = Task.CompletedTask;
        try
        {
            started = true; // as in Kafka: Stop() also cleans up after a Start() that threw
            _setup.Task.Initialize(new SourceTaskContext(_setup.TaskConfig, new StoreOffsetReader(_setup.OffsetStore, Id.Connector)));
            _setup.Task.Start(_setup.TaskConfig);
            SetStatus(IsPaused ? ConnectState.Paused : ConnectState.Running);
            LogStarted(Logger, Id.ToString());
            committer = Task.Run(() => CommitLoopAsync(commits.Token), CancellationToken.None);
            await LoopAsync().ConfigureAwait(false);
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
            await commits.CancelAsync().ConfigureAwait(false);
            await committer.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            await ShutdownAsync(started).ConfigureAwait(false);
        }
    }

    private async Task LoopAsync()
    {
        while (!StopToken.IsCancellationRequested)
        {
            ThrowIfProducerFailed();
            if (IsPaused)
            {
                SetStatus(ConnectState.Paused);
                await WaitWhilePausedAsync(Timeout.InfiniteTimeSpan).ConfigureAwait(false);
                if (!IsPaused && !StopToken.IsCancellationRequested)
                {
                    SetStatus(ConnectState.Running);
                }

                continue;
            }

            IReadOnlyList<SourceRecord> records;
            var token = PauseOrStopToken;
            try
            {
                records = await _setup.Task.PollAsync(token).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (token.IsCancellationRequested)
            {
                records = [];
            }
            catch (RetriableException e)
            {
                LogPollRetry(Logger, e, Id.ToString());
                records = [];
            }

            if (records.Count > 0)
            {
                await SendAsync(records).ConfigureAwait(false);
            }
        }
    }

    /// <summary>Commits on the flush interval, independently of polls (as Kafka's <c>SourceTaskOffsetCommitter</c>).</summary>
    private async Task CommitLoopAsync(CancellationToken cancellationToken)
    {
        try
        {
            while (!cancellationToken.IsCancellationRequested)
            {
                await Task.Delay(_setup.FlushInterval, _time, cancellationToken).ConfigureAwait(false);
                try
                {
                    await CommitOffsetsAsync(final: false).ConfigureAwait(false);
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    LogCommitFailed(Logger, e, Id.ToString());
                }
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
    }

    private async Task SendAsync(IReadOnlyList<SourceRecord> records)
    {
        var batch = new SubmittedBatch { Producer = _setup.Producer, Receiver = this };
        batch.Handler = _setup.Producer.CreateHandler(this, batch);
        var errors = _setup.Errors;
        var converters = _setup.Converters;
        var stop = StopToken;
        foreach (var original in records)
        {
            batch.Track(original.SourcePartition, original.SourceOffset, Id);
            var record = original;
            if (!_setup.Transforms.IsEmpty)
            {
                if (!_setup.Transforms.TryApply(original, errors, null, stop, out var transformed) || transformed is not SourceRecord sr)
                {
                    CommitSkipped(original);
                    continue;
                }

                record = sr;
            }

            if (!errors.TryExecute(Stage.KeyConverter, converters.Key.GetType(), (converters.Key, record),
                    static s => s.Key.FromConnectData(s.record.Topic, s.record.HasHeaders ? s.record.Headers : null, s.record.KeySchema, s.record.Key),
                    null, record, out var key, stop)
                || !errors.TryExecute(Stage.ValueConverter, converters.Value.GetType(), (converters.Value, record),
                    static s => s.Value.FromConnectData(s.record.Topic, s.record.HasHeaders ? s.record.Headers : null, s.record.ValueSchema, s.record.Value),
                    null, record, out var value, stop)
                || !errors.TryExecute(Stage.HeaderConverter, converters.Header.GetType(), (converters.Header, record),
                    static s => ConvertHeaders(s.Header, s.record), null, record, out var headers, stop))
            {
                CommitSkipped(original);
                continue;
            }

            ThrowIfProducerFailed();
            await _setup.Topics.EnsureAsync(record.Topic, stop).ConfigureAwait(false);
            var handler = _commitRecordOverridden ? batch.HandlerFor(original) : batch.Handler;
            batch.AddInFlight();
            try
            {
                await _setup.Producer.ProduceAsync(record.Topic, record.KafkaPartition, key, value, record.Timestamp, headers, handler, stop)
                    .ConfigureAwait(false);
            }
            catch (ProduceFailedException e)
            {
                batch.Acknowledge();
                errors.Handle(new ProcessingError(Stage.KafkaProduce, typeof(RecordProducer), e, null, record));
                CommitSkipped(original);
            }
        }

        batch.Seal(Id);
        _tracker.Add(batch);
    }

    private static IReadOnlyList<KeyValuePair<string, byte[]?>>? ConvertHeaders(Sdk.Storage.IHeaderConverter converter, SourceRecord record)
    {
        if (!record.HasHeaders)
        {
            return null;
        }

        var result = new List<KeyValuePair<string, byte[]?>>(record.Headers.Count);
        foreach (var header in record.Headers)
        {
            result.Add(new(header.Key, converter.FromConnectHeader(record.Topic, header.Key, header.Schema, header.Value)));
        }

        return result;
    }

    private void CommitSkipped(SourceRecord record)
    {
        if (_commitRecordOverridden)
        {
            CommitRecordSafely(record, null);
        }
    }

    /// <summary>True when error tolerance skips the failed record; otherwise the task is marked to fail.</summary>
    private bool ToleratedProduceError(in ProduceAck ack, SourceRecord? record)
    {
        var error = new ConnectException($"Failed to send a record to topic '{ack.Topic}': {ack.Error}");
        try
        {
            _setup.Errors.Handle(new ProcessingError(Stage.KafkaProduce, typeof(RecordProducer), error, null, record));
            return true;
        }
        catch (ConnectException e)
        {
            _producerFailure ??= new ConnectException("Unrecoverable exception from producer send callback", e.InnerException ?? e);
            return false;
        }
    }

    /// <summary>Kafka logs, and does not fail the task for, an exception from <c>commitRecord</c>.</summary>
    private void CommitRecordSafely(SourceRecord record, RecordMetadata? metadata)
    {
        try
        {
            _setup.Task.CommitRecord(record, metadata);
        }
        catch (Exception e)
        {
            LogCommitRecordFailed(Logger, e, Id.ToString());
        }
    }

    private void ThrowIfProducerFailed()
    {
        if (_producerFailure is { } failure)
        {
            throw failure as ConnectException ?? new ConnectException(failure.Message, failure);
        }
    }

    /// <summary>Commits the offsets of acknowledged records; on stop, first waits (bounded) for outstanding sends.</summary>
    private async Task CommitOffsetsAsync(bool final)
    {
        if (final && !_tracker.AllAcknowledged)
        {
            var producer = _setup.Producer;
            var timeout = _setup.FlushTimeout;
            if (!await Task.Run(() => producer.Flush(timeout)).ConfigureAwait(false))
            {
                LogFlushTimeout(Logger, Id.ToString(), (long)timeout.TotalMilliseconds);
            }
        }

        var offsets = _tracker.CollectCommittable();
        if (offsets.Count == 0)
        {
            return;
        }

        using var timeoutCts = new CancellationTokenSource(_setup.FlushTimeout, _time);
        try
        {
            await _setup.OffsetStore.SetAsync(Id.Connector, offsets.ToList(), timeoutCts.Token).ConfigureAwait(false);
            LogCommitted(Logger, Id.ToString(), offsets.Count);
            _tracker.Committed();
        }
        catch (OperationCanceledException) when (timeoutCts.IsCancellationRequested)
        {
            LogCommitTimedOut(Logger, Id.ToString(), (long)_setup.FlushTimeout.TotalMilliseconds);
            return;
        }
        catch (OffsetStoreException e)
        {
            LogCommitFailed(Logger, e, Id.ToString());
            return;
        }

        try
        {
            _setup.Task.Commit();
        }
        catch (Exception e)
        {
            LogTaskCommitFailed(Logger, e, Id.ToString());
        }
    }

    private async Task ShutdownAsync(bool started)
    {
        if (started)
        {
            try
            {
                await CommitOffsetsAsync(final: true).ConfigureAwait(false);
            }
            catch (Exception e)
            {
                LogCommitFailed(Logger, e, Id.ToString());
            }

            Safely(_setup.Task.Stop);
        }

        Safely(_setup.Producer.Dispose);
        Safely(_setup.Transforms.Dispose);
        Safely(_setup.Errors.Dispose);
        if (Status.State != ConnectState.Failed)
        {
            SetStatus(ConnectState.Unassigned);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "{TaskId} Failed to poll records from SourceTask. Will retry operation.")]
    private static partial void LogPollRetry(ILogger logger, Exception error, string taskId);

    [LoggerMessage(Level = LogLevel.Error, Message = "{TaskId} Exception thrown while calling task.commitRecord()")]
    private static partial void LogCommitRecordFailed(ILogger logger, Exception error, string taskId);

    [LoggerMessage(Level = LogLevel.Error, Message = "{TaskId} Exception thrown while calling task.commit()")]
    private static partial void LogTaskCommitFailed(ILogger logger, Exception error, string taskId);

    [LoggerMessage(Level = LogLevel.Information, Message = "{TaskId} Source task finished initialization and start")]
    private static partial void LogStarted(ILogger logger, string taskId);

    [LoggerMessage(Level = LogLevel.Debug, Message = "{TaskId} Committed offsets for {Count} source partition(s)")]
    private static partial void LogCommitted(ILogger logger, string taskId, int count);

    [LoggerMessage(Level = LogLevel.Error, Message = "{TaskId} Failed to commit offsets; will try again on the next flush interval")]
    private static partial void LogCommitFailed(ILogger logger, Exception error, string taskId);

    [LoggerMessage(Level = LogLevel.Error, Message = "{TaskId} Failed to commit offsets: the offset store did not finish within " +
        "offset.flush.timeout.ms={TimeoutMs}; will try again on the next flush interval (raise offset.flush.timeout.ms if this repeats)")]
    private static partial void LogCommitTimedOut(ILogger logger, string taskId, long timeoutMs);

    [LoggerMessage(Level = LogLevel.Error, Message = "{TaskId} Failed to flush, timed out while waiting for producer to flush outstanding messages (offset.flush.timeout.ms={TimeoutMs})")]
    private static partial void LogFlushTimeout(ILogger logger, string taskId, long timeoutMs);

}
