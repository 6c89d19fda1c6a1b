using Microsoft.Extensions.Logging;
using StandaloneConnect.Rest;
using StandaloneConnect.Rest.Endpoints;
using StandaloneConnect.Runtime.Configuration;
using StandaloneConnect.Runtime.Herder;
using StandaloneConnect.Runtime.Kafka;
using StandaloneConnect.Runtime.Logging;
using StandaloneConnect.Runtime.Plugins;
using StandaloneConnect.Runtime.Storage;
using StandaloneConnect.Runtime.Workers;
using StandaloneConnect.Sdk.Config;

namespace StandaloneConnect.Cli;

/// <summary>A start-up problem (exit code 2); the message names the file and key.</summary>
internal sealed class StartupException(string message, Exception? inner = null) : Exception(message, inner);

/// <summary>A connector given at start-up could not be created (exit code 3); the message names where it came from.</summary>
internal sealed class ConnectorStartupException(string message, Exception? inner = null) : Exception(message, inner);

/// <summary>
/// One running worker: config, offset and connector stores, Kafka connection, herder, REST server and the start-up
/// connectors (stored ones, then the command-line files on top). The composition root shared by the CLI and the tests.
/// </summary>
internal sealed partial class ConnectHost : IAsyncDisposable
{
    private readonly IDisposable[] _resources;
    private bool _disposed;

    private ConnectHost(WorkerConfig config, StandaloneHerder herder, RestServer rest, IDisposable[] resources)
    {
        Config = config;
        Herder = herder;
        Rest = rest;
        _resources = resources;
    }

    public WorkerConfig Config { get; }

    public StandaloneHerder Herder { get; }

    public RestServer Rest { get; }

    /// <summary>Starts everything; throws <see cref="StartupException"/> or <see cref="ConnectorStartupException"/>.</summary>
    public static async Task<ConnectHost> StartAsync(string workerFile, IReadOnlyList<string> connectorFiles, ILoggerFactory loggerFactory,
        LoggerLevels levels, CancellationToken cancellationToken)
    {
        var logger = loggerFactory.CreateLogger("StandaloneConnect");
        var resources = new List<IDisposable>();
        try
        {
            var (config, transformer) = LoadWorkerConfig(workerFile);
            resources.Add(transformer);
            var restSettings = Startup(() => RestServerSettings.Parse(config));
            var plugins = Startup(() => new PluginRegistry(PluginAssemblies.Load(config.Parsed.GetList(WorkerConfig.PluginPath), logger), TimeProvider.System, loggerFactory));
            Startup(() => TaskConverters.CheckWorkerClasses(config, plugins));
            IOffsetStore offsets = config.OffsetStoreType == "sqlite" ? new SqliteOffsetStore(config.OffsetFile) : new FileOffsetStore(config.OffsetFile);
            resources.Add(offsets);
            Startup(offsets.Load);
            LogOffsets(logger, config.OffsetStoreType, offsets.Location);
            var configStore = config.ConfigStoreFile is { } storeFile ? new ConnectorConfigStore(storeFile) : null;
            var stored = configStore is null ? [] : Startup(configStore.Load);
            if (configStore is not null)
            {
                LogConfigStore(logger, configStore.Location, stored.Count);
            }

            var startup = MergeStartupConnectors(stored, connectorFiles, configStore?.Location, logger);
            var kafka = await StartupAsync(() => KafkaConnection.OpenAsync(config, loggerFactory, cancellationToken)).ConfigureAwait(false);
            resources.Add(kafka);
            var worker = new Worker(config, plugins, offsets, kafka, TimeProvider.System, loggerFactory);
            var herder = new StandaloneHerder(worker, transformer, loggerFactory, configStore);
            RestServer? rest = null;
            var api = new ConnectApiContext(herder, () => rest?.WorkerId ?? "", () => rest?.AdvertisedUrl ?? new Uri("http://127.0.0.1/"), TimeProvider.System);
            rest = new RestServer(restSettings, loggerFactory,
                app => app.MapConnectApi(api, loggerFactory),
                admin => admin.MapLoggers(levels, loggerFactory.CreateLogger("StandaloneConnect.Rest.LoggingResource")));
            var host = new ConnectHost(config, herder, rest, [.. resources]);
            resources.Clear(); // the host owns them now
            try
            {
                await Startup(() => rest.StartAsync(cancellationToken)).ConfigureAwait(false);
                await host.CreateStartupConnectorsAsync(startup, logger, cancellationToken).ConfigureAwait(false);
                await Startup(() => herder.ReadyAsync(cancellationToken)).ConfigureAwait(false);
                return host;
            }
            catch
            {
                await host.DisposeAsync().ConfigureAwait(false);
                throw;
            }
        }
        catch (Exception) when (DisposeAll(resources))
        {
            throw; // unreachable: DisposeAll returns false
        }
    }

    /// <summary>Stops the REST server, then every connector and task, then closes stores and the Kafka connection.</summary>
    public async ValueTask DisposeAsync()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        await Rest.DisposeAsync().ConfigureAwait(false);
        await Herder.DisposeAsync().ConfigureAwait(false);
        DisposeAll(_resources);
    }

    /// <summary>
    /// Creates the start-up connectors in order. A command-line file's connector that cannot be created stops the
    /// worker (exit 3, as in Kafka). A stored one does not: one that fails to start stays registered as FAILED, one
    /// that can no longer be created (class gone, config invalid) is logged and kept in the store untouched, so the
    /// worker stays up and reachable over REST.
    /// </summary>
    private async Task CreateStartupConnectorsAsync(IReadOnlyList<StartupConnector> connectors, ILogger logger, CancellationToken cancellationToken)
    {
        foreach (var connector in connectors)
        {
            var stored = new StoredConnector(connector.Name, connector.Config, connector.Target ?? TargetState.Started);
            try
            {
                if (connector.FromStore)
                {
                    await Herder.RestoreConnectorAsync(stored, cancellationToken).ConfigureAwait(false);
                }
                else
                {
                    await Herder.PutConnectorConfigAsync(connector.Name, connector.Config, connector.Target, allowReplace: false, cancellationToken)
                        .ConfigureAwait(false);
                }
            }
            catch (Exception e) when (e is not OperationCanceledException && connector.FromStore)
            {
                LogStoredConnectorFailed(logger, connector.Name, connector.Origin, Describe(e));
                if (!Herder.ConnectorNames.Contains(connector.Name))
                {
                    await Herder.KeepUnrestoredAsync(stored, cancellationToken).ConfigureAwait(false);
                }
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                throw new ConnectorStartupException($"Stopping after connector error in {connector.Origin}: {Describe(e)}", e);
            }
        }
    }

    /// <summary>
    /// Reads and resolves the worker file ("" for none); <paramref name="defaults"/> fill keys the file does not set.
    /// Throws <see cref="StartupException"/> naming the file and every problem.
    /// </summary>
    internal static (WorkerConfig, ConfigTransformer) LoadWorkerConfig(string workerFile, IReadOnlyDictionary<string, string>? defaults = null,
        string? sourceName = null) => Startup(() =>
    {
        var props = workerFile.Length == 0 ? new Dictionary<string, string>() : new Dictionary<string, string>(JavaProperties.Load(workerFile));
        foreach (var (key, value) in defaults ?? new Dictionary<string, string>())
        {
            props.TryAdd(key, value);
        }

        var source = sourceName ?? (workerFile.Length == 0 ? "(no worker file)" : workerFile);
        var transformer = ConfigTransformer.FromWorkerConfig(props, source);
        try
        {
            // plugin.path may not use config providers (as in Kafka): it is passed through unresolved.
            var resolved = transformer.Transform(props.Where(kv => kv.Key != WorkerConfig.PluginPath).ToDictionary());
            if (props.TryGetValue(WorkerConfig.PluginPath, out var pluginPath))
            {
                resolved = new Dictionary<string, string>(resolved) { [WorkerConfig.PluginPath] = pluginPath };
            }

            return (WorkerConfig.Parse(resolved, source), transformer);
        }
        catch
        {
            transformer.Dispose();
            throw;
        }
    });

    /// <summary>
    /// Stored connectors in their stored order, each replaced by a command-line file of the same name (the file's
    /// config wins; its initial_state if it has one, else the stored target state), then the other files in order.
    /// </summary>
    private static List<StartupConnector> MergeStartupConnectors(IReadOnlyList<StoredConnector> stored, IReadOnlyList<string> files,
        string? storeLocation, ILogger logger)
    {
        var result = stored.Select(s => new StartupConnector(s.Name, s.Config, s.Target, storeLocation ?? "", FromStore: true)).ToList();
        var fromFiles = new HashSet<string>(StringComparer.Ordinal);
        foreach (var file in files)
        {
            ConnectorFileConfig loaded;
            try
            {
                loaded = ConnectorConfigFile.Load(file);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                throw new ConnectorStartupException($"Stopping after connector error in {file}: {Describe(e)}", e);
            }

            if (!fromFiles.Add(loaded.Name))
            {
                throw new ConnectorStartupException($"Stopping after connector error in {file}: Connector {loaded.Name} already exists");
            }

            var index = result.FindIndex(c => c.Name == loaded.Name);
            if (index < 0)
            {
                result.Add(new StartupConnector(loaded.Name, loaded.Config, loaded.InitialState, file));
                continue;
            }

            var target = loaded.InitialState ?? result[index].Target;
            LogFileWins(logger, loaded.Name, file, storeLocation ?? "", (target ?? TargetState.Started).ToString().ToUpperInvariant());
            result[index] = new StartupConnector(loaded.Name, loaded.Config, target, file);
        }

        return result;
    }

    private static T Startup<T>(Func<T> step)
    {
        try
        {
            return step();
        }
        catch (Exception e) when (e is not (StartupException or ConnectorStartupException or OperationCanceledException))
        {
            throw new StartupException(Describe(e), e);
        }
    }

    private static void Startup(Action step) => Startup(() =>
    {
        step();
        return 0;
    });

    private static async Task<T> StartupAsync<T>(Func<Task<T>> step)
    {
        try
        {
            return await step().ConfigureAwait(false);
        }
        catch (Exception e) when (e is not (StartupException or ConnectorStartupException or OperationCanceledException))
        {
            throw new StartupException(Describe(e), e);
        }
    }

    private static Task Startup(Func<Task> step) => StartupAsync(async () =>
    {
        await step().ConfigureAwait(false);
        return 0;
    });

    private static bool DisposeAll(IEnumerable<IDisposable> resources)
    {
        foreach (var resource in resources.Reverse())
        {
            resource.Dispose();
        }

        return false;
    }

    /// <summary>The message of an expected error; the full exception of an unexpected one (a bug or an environment problem).</summary>
    internal static string Describe(Exception e) =>
        e is ConfigException or OffsetStoreException or ConnectorConfigStoreException or Sdk.ConnectException or IOException or OperationCanceledException
            ? e.Message
            : e.ToString();

    private sealed record StartupConnector(string Name, IReadOnlyDictionary<string, string> Config, TargetState? Target, string Origin,
        bool FromStore = false);

    [LoggerMessage(Level = LogLevel.Information, Message = "Source offsets: {Type} store at {Location}")]
    private static partial void LogOffsets(ILogger logger, string type, string location);

    [LoggerMessage(Level = LogLevel.Information, Message = "Connector configs are kept in {Location} ({Count} stored connector(s) restored)")]
    private static partial void LogConfigStore(ILogger logger, string location, int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Connector {Name}: the config in {File} replaces the one stored in {Store} (target state {Target})")]
    private static partial void LogFileWins(ILogger logger, string name, string file, string store, string target);

    [LoggerMessage(Level = LogLevel.Error, Message = "Stored connector {Name} (from {Store}) could not be restored; it stays in the store until it is deleted or replaced over REST: {Message}")]
    private static partial void LogStoredConnectorFailed(ILogger logger, string name, string store, string message);
}
