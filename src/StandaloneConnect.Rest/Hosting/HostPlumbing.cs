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

/// <summary>Sends the web host's log entries (Kestrel, routing) to the worker's logger factory.</summary>
internal sealed class ForwardingLoggerProvider(ILoggerFactory target) : ILoggerProvider
{
    public ILogger CreateLogger(string categoryName) => target.CreateLogger(categoryName);

    public void Dispose()
    {
        // The target factory belongs to the caller.
    }
}
