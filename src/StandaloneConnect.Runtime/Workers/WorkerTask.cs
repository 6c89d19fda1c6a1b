using Microsoft.Extensions.Logging;

namespace StandaloneConnect.Runtime.Workers;

/// <summary>Receives task state changes (the herder's status store).</summary>
public interface ITaskStatusListener
{
    /// <summary>A task runner changed state; <paramref name="source"/> tells a replaced runner's late reports apart.</summary>
    void OnTaskStatus(WorkerTask source, StatusSnapshot status);
}

/// <summary>
/// What source and sink task runners share: the state machine (running, paused, failed), pause/resume signalling
/// and a bounded stop. Each runner owns its task instance and its Kafka client and runs its loop on its own thread.
/// </summary>
public abstract partial class WorkerTask : IDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly Lock _pauseLock = new();
    private readonly ITaskStatusListener _listener;
    private TaskCompletionSource _resumed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private CancellationTokenSource _pauseOrStop;
    private volatile bool _paused;
    private Task _execution = Task.CompletedTask;

    protected WorkerTask(ConnectorTaskId id, ITaskStatusListener listener, ILogger logger)
    {
        Id = id;
        _listener = listener;
        Logger = logger;
        _pauseOrStop = CancellationTokenSource.CreateLinkedTokenSource(_stop.Token);
        Status = new StatusSnapshot(ConnectState.Unassigned, null);
    }

    public ConnectorTaskId Id { get; }

    public StatusSnapshot Status { get; private set; }

    protected ILogger Logger { get; }

    protected bool IsPaused => _paused;

    protected CancellationToken StopToken => _stop.Token;

    /// <summary>Cancelled when the task is paused or stopped; a fresh token after each resume.</summary>
    protected CancellationToken PauseOrStopToken
    {
        get
        {
            lock (_pauseLock)
            {
                return _pauseOrStop.Token;
            }
        }
    }

    /// <summary>Starts the task's loop; <paramref name="paused"/> starts it in the PAUSED state.</summary>
    public void Start(bool paused)
    {
        _paused = paused;
        _execution = Launch();
    }

    public void Pause()
    {
        lock (_pauseLock)
        {
            if (_paused)
            {
                return;
            }

            _paused = true;
            _pauseOrStop.Cancel();
        }
    }

    public void Resume()
    {
        lock (_pauseLock)
        {
            if (!_paused)
            {
                return;
            }

            _paused = false;
            _pauseOrStop.Dispose();
            _pauseOrStop = CancellationTokenSource.CreateLinkedTokenSource(_stop.Token);
            _resumed.TrySetResult();
            _resumed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        }
    }

    /// <summary>Asks the loop to stop and waits up to <paramref name="timeout"/>; false if it did not finish in time.</summary>
    public async Task<bool> StopAsync(TimeSpan timeout)
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        try
        {
            await _execution.WaitAsync(timeout).ConfigureAwait(false);
            return true;
        }
        catch (TimeoutException)
        {
            LogStopTimeout(Logger, Id.ToString(), (long)timeout.TotalMilliseconds);
            return false;
        }
        catch (Exception e)
        {
            // the loop reports its own failures; whatever still escaped must not stop the other tasks' shutdown
            LogStopFailed(Logger, e, Id.ToString());
            return true;
        }
    }

    public void Dispose()
    {
        _stop.Cancel();
        if (_execution.IsCompleted)
        {
            // A loop that did not stop within the graceful timeout may still read the tokens: leave them to the GC.
            _pauseOrStop.Dispose();
            _stop.Dispose();
        }

        GC.SuppressFinalize(this);
    }

    /// <summary>Starts <see cref="Run"/> on the runner's thread and returns its completion.</summary>
    protected abstract Task Launch();

    /// <summary>Waits until resumed or stopped, or at most <paramref name="maxWait"/>.</summary>
    protected async Task WaitWhilePausedAsync(TimeSpan maxWait)
    {
        Task resumed;
        lock (_pauseLock)
        {
            if (!_paused)
            {
                return;
            }

            resumed = _resumed.Task;
        }

        try
        {
            await resumed.WaitAsync(maxWait, _stop.Token).ConfigureAwait(false);
        }
        catch (Exception e) when (e is TimeoutException or OperationCanceledException)
        {
        }
    }

    protected void SetStatus(ConnectState state, string? trace = null)
    {
        Status = new StatusSnapshot(state, trace);
        _listener.OnTaskStatus(this, Status);
    }

    /// <summary>Runs one cleanup step; a failure is logged and does not skip the steps after it.</summary>
    protected void Safely(Action action)
    {
        try
        {
            action();
        }
        catch (Exception e)
        {
            LogCleanupFailed(Logger, e, Id.ToString());
        }
    }

    /// <summary>Marks the task FAILED with the full exception text as trace; it stays failed until restarted.</summary>
    protected void Fail(Exception error)
    {
        LogTaskFailed(Logger, error, Id.ToString());
        SetStatus(ConnectState.Failed, error.ToString());
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "{TaskId} Task threw an uncaught and unrecoverable exception. Task is being killed and will not recover until manually restarted")]
    private static partial void LogTaskFailed(ILogger logger, Exception error, string taskId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{TaskId} Exception while stopping the task")]
    private static partial void LogCleanupFailed(ILogger logger, Exception error, string taskId);

    [LoggerMessage(Level = LogLevel.Error, Message = "{TaskId} Task ended with an unexpected error while stopping")]
    private static partial void LogStopFailed(ILogger logger, Exception error, string taskId);

    [LoggerMessage(Level = LogLevel.Error, Message = "{TaskId} Graceful stop of task failed: it did not finish within {TimeoutMs} ms")]
    private static partial void LogStopTimeout(ILogger logger, string taskId, long timeoutMs);
}
