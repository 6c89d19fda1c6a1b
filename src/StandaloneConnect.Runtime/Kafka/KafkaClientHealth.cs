using Microsoft.Extensions.Logging;

namespace StandaloneConnect.Runtime.Kafka;

/// <summary>
/// Turns the stream of errors the worker's Kafka clients report while the cluster is unreachable (librdkafka retries
/// every few milliseconds, each failure once from each client) into three kinds of lines: one WARN when the problems
/// start, one WARN reminder per <see cref="ReminderInterval"/> with the count, one INFO when the connection is back (a
/// client succeeded, or no client reported an error for a whole interval). Every error is still logged at DEBUG;
/// fatal errors are logged at ERROR at once. One instance serves all clients of a worker. Thread-safe.
/// </summary>
public sealed partial class KafkaClientHealth : IDisposable
{
    /// <summary>How often an ongoing problem is summarized: 30 s.</summary>
    public static readonly TimeSpan DefaultReminderInterval = TimeSpan.FromSeconds(30);

    private readonly ILogger _logger;
    private readonly TimeProvider _time;
    private readonly Lock _lock = new();
    private readonly SortedSet<string> _clients = new(StringComparer.Ordinal);
    private ITimer? _timer;
    private DateTimeOffset _downSince;
    private long _sinceReminder;
    private long _total;
    private string _lastReason = "";
    private bool _disposed;

    public KafkaClientHealth(ILogger logger, TimeProvider time, TimeSpan? reminderInterval = null)
    {
        ArgumentNullException.ThrowIfNull(logger);
        ArgumentNullException.ThrowIfNull(time);
        _logger = logger;
        _time = time;
        ReminderInterval = reminderInterval ?? DefaultReminderInterval;
    }

    public TimeSpan ReminderInterval { get; }

    /// <summary>True while clients report errors and none has succeeded since.</summary>
    public bool IsDegraded
    {
        get
        {
            lock (_lock)
            {
                return _timer is not null;
            }
        }
    }

    /// <summary>A client reported an error (librdkafka's error callback, or a failed consume).</summary>
    public void OnError(string client, string code, string reason, bool fatal)
    {
        LogRaw(_logger, client, code, reason);
        if (fatal)
        {
            LogFatal(_logger, client, code, reason);
            return;
        }

        lock (_lock)
        {
            if (_disposed)
            {
                return;
            }

            _clients.Add(client);
            _lastReason = $"{client}: {reason}";
            if (_timer is not null)
            {
                _sinceReminder++;
                _total++;
                return;
            }

            _downSince = _time.GetUtcNow();
            _sinceReminder = 0;
            _total = 1;
            _timer = _time.CreateTimer(_ => OnReminder(), null, ReminderInterval, ReminderInterval);
        }

        LogProblemStarted(_logger, client, reason, (long)ReminderInterval.TotalSeconds);
    }

    /// <summary>A client completed an operation with the cluster (a record delivered or consumed, a commit).</summary>
    public void OnSuccess()
    {
        if (Volatile.Read(ref _timer) is null)
        {
            return; // the common case, without taking the lock
        }

        Recover("a client reached the cluster again");
    }

    public void Dispose()
    {
        lock (_lock)
        {
            _disposed = true;
            _timer?.Dispose();
            _timer = null;
        }
    }

    private void OnReminder()
    {
        long count;
        string reason;
        string clients;
        long downFor;
        lock (_lock)
        {
            if (_timer is null)
            {
                return;
            }

            count = _sinceReminder;
            reason = _lastReason;
            clients = string.Join(", ", _clients);
            downFor = (long)(_time.GetUtcNow() - _downSince).TotalSeconds;
            _sinceReminder = 0;
            _clients.Clear();
        }

        if (count == 0)
        {
            Recover($"no client reported an error for {(long)ReminderInterval.TotalSeconds} s");
        }
        else
        {
            LogStillFailing(_logger, downFor, count, (long)ReminderInterval.TotalSeconds, clients, reason);
        }
    }

    private void Recover(string why)
    {
        long total;
        long downFor;
        lock (_lock)
        {
            if (_timer is null)
            {
                return;
            }

            _timer.Dispose();
            _timer = null;
            total = _total;
            downFor = (long)(_time.GetUtcNow() - _downSince).TotalSeconds;
            _clients.Clear();
        }

        LogRecovered(_logger, downFor, why, total);
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Kafka client {Client} error {Code}: {Reason}")]
    private static partial void LogRaw(ILogger logger, string client, string code, string reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "Kafka client {Client} fatal error {Code}: {Reason}")]
    private static partial void LogFatal(ILogger logger, string client, string code, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Kafka connection problem ({Client}): {Reason}. The clients keep retrying; " +
        "further errors are counted and summarized every {IntervalSeconds} s until the connection is back (each one is logged at DEBUG)")]
    private static partial void LogProblemStarted(ILogger logger, string client, string reason, long intervalSeconds);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Kafka still unreachable after {DownSeconds} s: {Count} client error(s) in the " +
        "last {IntervalSeconds} s from {Clients}; last: {Reason}")]
    private static partial void LogStillFailing(ILogger logger, long downSeconds, long count, long intervalSeconds, string clients, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Kafka connection is back after {DownSeconds} s ({Why}); {Total} client error(s) " +
        "were reported meanwhile")]
    private static partial void LogRecovered(ILogger logger, long downSeconds, string why, long total);
}
