using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace StandaloneConnect.Rest;

/// <summary>
/// The embedded web host's lifetime: started and stopped by <see cref="RestServer"/> only. The default console lifetime
/// would catch Ctrl+C and SIGTERM, which belong to the CLI's own shutdown.
/// </summary>
internal sealed class EmbeddedHostLifetime : IHostLifetime
{
    public Task WaitForStartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}

/// <summary>
/// Sends the web host's log entries (Kestrel, routing) to the worker's logger factory. The generic host's own errors
/// ("Hosting failed to start" with the whole Kestrel stack) are logged at DEBUG: <see cref="RestServer"/> turns the
/// failure into one clear line (the listener that cannot be bound), which the CLI prints as FATAL.
/// </summary>
internal sealed class ForwardingLoggerProvider(ILoggerFactory target) : ILoggerProvider
{
    private const string HostCategory = "Microsoft.Extensions.Hosting.Internal.Host";

    public ILogger CreateLogger(string categoryName) =>
        categoryName == HostCategory ? new DemotedErrors(target.CreateLogger(categoryName)) : target.CreateLogger(categoryName);

    public void Dispose()
    {
        // The target factory belongs to the caller.
    }

    /// <summary>Logs ERROR and CRITICAL entries at DEBUG; other levels unchanged.</summary>
    private sealed class DemotedErrors(ILogger inner) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => inner.BeginScope(state);

        public bool IsEnabled(LogLevel logLevel) => inner.IsEnabled(Demote(logLevel));

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            inner.Log(Demote(logLevel), eventId, state, exception, formatter);

        private static LogLevel Demote(LogLevel level) => level is LogLevel.Error or LogLevel.Critical ? LogLevel.Debug : level;
    }
}
