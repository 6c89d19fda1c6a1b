using System.Diagnostics;
using Microsoft.Extensions.Logging;
using StandaloneConnect.Runtime.Configuration;
using StandaloneConnect.Runtime.Herder;
using StandaloneConnect.Runtime.Kafka;
using StandaloneConnect.Runtime.Plugins;
using StandaloneConnect.Runtime.Storage;
using StandaloneConnect.Runtime.Workers;
using StandaloneConnect.Sdk.Config;

namespace StandaloneConnect.Cli;

/// <summary>
/// <c>connect-standalone worker.properties [connector files...]</c>: the composition root. Start-up problems exit
/// with 2, a connector that cannot be created with 3, a signal stops everything gracefully and exits 0.
/// </summary>
internal static partial class StandaloneRunner
{
    public static async Task<int> RunAsync(string workerFile, IReadOnlyList<string> connectorFiles, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        using var loggerFactory = Logging.Create();
        var logger = loggerFactory.CreateLogger("StandaloneConnect");
        using var signal = new ShutdownSignal(cancellationToken);

        WorkerConfig config;
        ConfigTransformer transformer;
        IOffsetStore store;
        KafkaConnection kafka;
        PluginRegistry plugins;
        try
        {
            var props = workerFile.Length == 0 ? new Dictionary<string, string>() : JavaProperties.Load(workerFile);
            var source = workerFile.Length == 0 ? "(no worker file)" : workerFile;
            transformer = ConfigTransformer.FromWorkerConfig(props, source);
            var resolved = transformer.Transform(props.Where(kv => kv.Key != WorkerConfig.PluginPath).ToDictionary());
            if (props.TryGetValue(WorkerConfig.PluginPath, out var pluginPath))
            {
                resolved = new Dictionary<string, string>(resolved) { [WorkerConfig.PluginPath] = pluginPath };
            }

            config = WorkerConfig.Parse(resolved, source);
            plugins = new PluginRegistry(PluginAssemblies.Load(config.Parsed.GetList(WorkerConfig.PluginPath), logger), TimeProvider.System, loggerFactory);
            store = config.OffsetStoreType == "sqlite" ? new SqliteOffsetStore(config.OffsetFile) : new FileOffsetStore(config.OffsetFile);
            store.Load();
            LogOffsets(logger, config.OffsetStoreType, store.Location);
            kafka = KafkaConnection.Open(config, loggerFactory);
        }
        catch (Exception e)
        {
            LogStartupFailed(logger, Describe(e));
            return ExitCodes.StartupError;
        }

        using (kafka)
        using (store)
        using (transformer)
        {
            var worker = new Worker(config, plugins, store, kafka, TimeProvider.System, loggerFactory);
            await using var herder = new StandaloneHerder(worker, transformer, loggerFactory);
            foreach (var file in connectorFiles)
            {
                try
                {
                    var connector = ConnectorConfigFile.Load(file);
                    await herder.PutConnectorConfigAsync(connector.Name, connector.Config, connector.InitialState, allowReplace: false, signal.Token)
                        .ConfigureAwait(false);
                }
                catch (Exception e)
                {
                    LogConnectorFailed(logger, file, Describe(e));
                    return ExitCodes.ConnectorError;
                }
            }

            LogStarted(logger, herder.ConnectorNames.Count, clock.ElapsedMilliseconds);
            try
            {
                await Task.Delay(Timeout.Infinite, signal.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                LogStopping(logger);
            }

            await herder.StopAsync().ConfigureAwait(false);
        }

        LogStopped(logger);
        return ExitCodes.Ok;
    }

    /// <summary>The message of an expected error; the full exception of an unexpected one (a bug or an environment problem).</summary>
    private static string Describe(Exception e) =>
        e is ConfigException or OffsetStoreException or Sdk.ConnectException or IOException or OperationCanceledException ? e.Message : e.ToString();

    [LoggerMessage(Level = LogLevel.Critical, Message = "Stopping due to error: {Message}")]
    private static partial void LogStartupFailed(ILogger logger, string message);

    [LoggerMessage(Level = LogLevel.Critical, Message = "Stopping after connector error in {File}: {Message}")]
    private static partial void LogConnectorFailed(ILogger logger, string file, string message);

    [LoggerMessage(Level = LogLevel.Information, Message = "Source offsets: {Type} store at {Location}")]
    private static partial void LogOffsets(ILogger logger, string type, string location);

    [LoggerMessage(Level = LogLevel.Information, Message = "Kafka Connect started with {Count} connector(s) in {ElapsedMs} ms")]
    private static partial void LogStarted(ILogger logger, int count, long elapsedMs);

    [LoggerMessage(Level = LogLevel.Information, Message = "Kafka Connect stopping")]
    private static partial void LogStopping(ILogger logger);

    [LoggerMessage(Level = LogLevel.Information, Message = "Kafka Connect stopped")]
    private static partial void LogStopped(ILogger logger);
}
