using System.Diagnostics;
using Microsoft.Extensions.Logging;

namespace StandaloneConnect.Cli;

/// <summary>
/// <c>connect-standalone worker.properties [connector files...]</c>: start-up problems exit with 2, a connector that
/// cannot be created with 3, a signal stops everything gracefully and exits 0.
/// </summary>
internal static partial class StandaloneRunner
{
    public static async Task<int> RunAsync(string workerFile, IReadOnlyList<string> connectorFiles, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        using var loggerFactory = Logging.Create(out var levels);
        var logger = loggerFactory.CreateLogger("StandaloneConnect");

        ConnectHost host;
        try
        {
            host = await ConnectHost.StartAsync(workerFile, connectorFiles, loggerFactory, levels, cancellationToken).ConfigureAwait(false);
        }
        catch (StartupException e)
        {
            LogStartupFailed(logger, e.Message);
            return ExitCodes.StartupError;
        }
        catch (ConnectorStartupException e)
        {
            LogConnectorFailed(logger, e.Message);
            return ExitCodes.ConnectorError;
        }
        catch (OperationCanceledException)
        {
            LogStopped(logger);
            return ExitCodes.Ok;
        }

        await using (host.ConfigureAwait(false))
        {
            LogStarted(logger, host.Herder.ConnectorNames.Count, clock.ElapsedMilliseconds);
            try
            {
                await Task.Delay(Timeout.Infinite, cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                LogStopping(logger);
            }
        }

        LogStopped(logger);
        return ExitCodes.Ok;
    }

    [LoggerMessage(Level = LogLevel.Critical, Message = "Stopping due to error: {Message}")]
    private static partial void LogStartupFailed(ILogger logger, string message);

    [LoggerMessage(Level = LogLevel.Critical, Message = "{Message}")]
    private static partial void LogConnectorFailed(ILogger logger, string message);

    [LoggerMessage(Level = LogLevel.Information, Message = "Kafka Connect started with {Count} connector(s) in {ElapsedMs} ms")]
    private static partial void LogStarted(ILogger logger, int count, long elapsedMs);

    [LoggerMessage(Level = LogLevel.Information, Message = "Kafka Connect stopping")]
    private static partial void LogStopping(ILogger logger);

    [LoggerMessage(Level = LogLevel.Information, Message = "Kafka Connect stopped")]
    private static partial void LogStopped(ILogger logger);
}
