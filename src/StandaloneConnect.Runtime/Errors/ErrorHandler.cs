using System.Diagnostics.CodeAnalysis;
using Microsoft.Extensions.Logging;
using StandaloneConnect.Runtime.Plugins;
using StandaloneConnect.Sdk;

namespace StandaloneConnect.Runtime.Errors;

/// <summary>
/// Kafka's <c>RetryWithToleranceOperator</c>: runs one pipeline step, retries <see cref="RetriableException"/>s for
/// up to <c>errors.retry.timeout</c>, and on failure either fails the task (<c>errors.tolerance=none</c>) or reports
/// the error (log, dead letter queue) and skips the record (<c>errors.tolerance=all</c>).
/// </summary>
public sealed partial class ErrorHandler(ErrorHandlerSettings settings, string taskId, IReadOnlyList<IErrorReporter> reporters,
    TimeProvider timeProvider, ILogger logger) : IDisposable
{
    private static readonly TimeSpan InitialBackoff = TimeSpan.FromMilliseconds(300);
    private long _skipped;

    public ErrorHandlerSettings Settings => settings;

    /// <summary>True when tolerated errors go somewhere besides the log (the dead letter queue).</summary>
    public bool HasReporters => reporters.Count > 0;

    /// <summary>How many records were skipped because of tolerated errors.</summary>
    public long Skipped => Interlocked.Read(ref _skipped);

    /// <summary>
    /// Runs <paramref name="operation"/>; returns true with its result, or false when the error was tolerated.
    /// Throws <see cref="ConnectException"/> ("Tolerance exceeded in error handler") when it is not.
    /// </summary>
    public bool TryExecute<TState, TResult>(Stage stage, Type executingClass, TState state, Func<TState, TResult> operation,
        ConsumedRecordContext? consumed, object? record, [MaybeNullWhen(false)] out TResult result, CancellationToken cancellationToken)
    {
        // Runs for every record: read the clock only when retries are configured (errors.retry.timeout > 0).
        var deadline = settings.RetryTimeout == TimeSpan.Zero ? DateTimeOffset.MinValue
            : settings.RetryTimeout == Timeout.InfiniteTimeSpan ? DateTimeOffset.MaxValue
            : timeProvider.GetUtcNow() + settings.RetryTimeout;
        var backoff = settings.RetryMaxDelay < InitialBackoff ? settings.RetryMaxDelay : InitialBackoff;
        while (true)
        {
            try
            {
                result = operation(state);
                return true;
            }
            catch (RetriableException) when (MayRetry(deadline, backoff, cancellationToken))
            {
                cancellationToken.WaitHandle.WaitOne(backoff);
                backoff = TimeSpan.FromTicks(Math.Min(backoff.Ticks * 2, settings.RetryMaxDelay.Ticks));
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                Handle(new ProcessingError(stage, executingClass, e, consumed, record));
                result = default;
                return false;
            }
        }
    }

    private bool MayRetry(DateTimeOffset deadline, TimeSpan backoff, CancellationToken cancellationToken) =>
        deadline != DateTimeOffset.MinValue && timeProvider.GetUtcNow() + backoff < deadline && !cancellationToken.IsCancellationRequested;

    /// <summary>Handles an error that happened outside <see cref="TryExecute{TState,TResult}"/> (e.g. a failed produce).</summary>
    public void Handle(ProcessingError error)
    {
        if (!settings.TolerateAll)
        {
            throw new ConnectException("Tolerance exceeded in error handler", error.Exception);
        }

        Interlocked.Increment(ref _skipped);
        if (settings.LogEnabled)
        {
            var where = error.Consumed is { } c && settings.LogIncludeMessages
                ? $", where consumed record is {{topic='{c.Topic}', partition={c.Partition}, offset={c.Offset}, timestamp={c.Timestamp}}}"
                : error.Record is not null && settings.LogIncludeMessages ? $", where source record is = {error.Record}" : "";
            LogToleratedError(logger, error.Exception, taskId, error.Stage.KafkaName(), KafkaClassNames.Of(error.ExecutingClass), where);
        }

        foreach (var reporter in reporters)
        {
            reporter.Report(error);
        }
    }

    /// <summary>Makes reported records durable before the offsets past them are committed.</summary>
    public void FlushReporters(TimeSpan timeout)
    {
        foreach (var reporter in reporters)
        {
            reporter.Flush(timeout);
        }
    }

    /// <summary>Disposes the reporters that own resources (the dead letter queue producer).</summary>
    public void Dispose()
    {
        foreach (var reporter in reporters.OfType<IDisposable>())
        {
            reporter.Dispose();
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Error encountered in task {TaskId}. Executing stage '{Stage}' with class '{ClassName}'{Where}.")]
    private static partial void LogToleratedError(ILogger logger, Exception exception, string taskId, string stage, string className, string where);
}
