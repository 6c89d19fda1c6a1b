using Microsoft.Extensions.Logging;
using StandaloneConnect.Runtime.Configuration;
using StandaloneConnect.Runtime.Storage;
using StandaloneConnect.Runtime.Workers;
using StandaloneConnect.Sdk;

namespace StandaloneConnect.Runtime.Herder;

/// <summary>
/// Keeps the connectors of one standalone worker (Kafka's <c>StandaloneHerder</c>): validates and starts them,
/// generates and runs their tasks, applies target states (pause, resume, stop), restarts and deletes, and reports
/// status. Mutations are serialized; status reads are lock-light and safe from any thread.
/// </summary>
public sealed partial class StandaloneHerder : ITaskStatusListener, IAsyncDisposable
{
    private const string TaskClassConfig = "task.class";
    private readonly Worker _worker;
    private readonly ConfigTransformer _transformer;
    private readonly ConnectorValidator _validator;
    private readonly ILogger _logger;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly Lock _statusLock = new();
    private readonly List<ConnectorEntry> _connectors = [];
    private readonly ConnectorConfigStore? _configStore;
    private readonly List<StoredConnector> _unrestored = [];
    private bool _stopped;
    private bool _ready;

    /// <param name="configStore">Where connector configs and target states are kept across restarts; null keeps them in memory only (Kafka's behaviour).</param>
    public StandaloneHerder(Worker worker, ConfigTransformer transformer, ILoggerFactory loggerFactory, ConnectorConfigStore? configStore = null)
    {
        _worker = worker;
        _transformer = transformer;
        _configStore = configStore;
        _validator = new ConnectorValidator(worker.Plugins, worker.Config, transformer);
        _logger = loggerFactory.CreateLogger<StandaloneHerder>();
    }

    public ConnectorValidator Validator => _validator;

    public Worker Worker => _worker;

    /// <summary>True once start-up has created the configured connectors (<c>GET /health</c> answers healthy from then on).</summary>
    public bool IsReady
    {
        get => Volatile.Read(ref _ready);
        private set => Volatile.Write(ref _ready, value);
    }

    public IReadOnlyList<string> ConnectorNames
    {
        get
        {
            lock (_statusLock)
            {
                return _connectors.Select(c => c.Name).ToList();
            }
        }
    }

    public ConnectorInfo GetConnectorInfo(string name) =>
        InfoOf(Find(name) ?? throw new NotFoundException($"Connector {name} not found"));

    public ConnectorStatusInfo GetConnectorStatus(string name)
    {
        lock (_statusLock)
        {
            var entry = Find(name) ?? throw new NotFoundException($"No status found for connector {name}");
            var tasks = entry.TaskStatus.OrderBy(t => t.Key).Select(t => new TaskStatusInfo(t.Key, t.Value)).ToList();
            return new ConnectorStatusInfo(entry.Name, entry.Status, tasks, entry.TypeName);
        }
    }

    public void OnTaskStatus(WorkerTask source, StatusSnapshot status)
    {
        lock (_statusLock)
        {
            // Only the current runner of a task id may report: a replaced one that stopped late must not overwrite it.
            if (Find(source.Id.Connector) is { } entry && entry.Tasks.TryGetValue(source.Id.Task, out var current)
                && ReferenceEquals(current, source))
            {
                entry.TaskStatus[source.Id.Task] = status;
            }
        }
    }

    /// <summary>Sets the target state PAUSED: the connector instance stops, tasks stay but stop working.</summary>
    public Task PauseConnectorAsync(string name, CancellationToken cancellationToken) =>
        MutateAsync(name, $"Unknown connector {name}", entry =>
        {
            PersistTarget(entry, TargetState.Paused);
            entry.Target = TargetState.Paused;
            if (entry.Status.State != ConnectState.Failed)
            {
                SuspendInstance(entry);
                SetConnectorStatus(entry, ConnectState.Paused);
            }

            foreach (var task in entry.Tasks.Values)
            {
                task.Pause();
            }

            return Task.CompletedTask;
        }, cancellationToken);

    /// <summary>Sets the target state STARTED: resumes a paused connector, or starts a stopped one.</summary>
    public Task ResumeConnectorAsync(string name, CancellationToken cancellationToken) =>
        MutateAsync(name, $"Unknown connector {name}", entry =>
        {
            var wasStopped = entry.Target == TargetState.Stopped;
            PersistTarget(entry, TargetState.Started);
            entry.Target = TargetState.Started;
            if (!wasStopped && entry.Status.State == ConnectState.Failed)
            {
                return Task.CompletedTask; // as in Kafka, a failed connector stays FAILED until it is restarted
            }

            if (wasStopped || entry.Tasks.Count == 0 && entry.TaskConfigs.Count == 0)
            {
                StartConnector(entry);
                return Task.CompletedTask;
            }

            StartInstance(entry);
            foreach (var task in entry.Tasks.Values)
            {
                task.Resume();
            }

            return Task.CompletedTask;
        }, cancellationToken);

    /// <summary>Sets the target state STOPPED: tasks are shut down and their configs removed.</summary>
    public Task StopConnectorAsync(string name, CancellationToken cancellationToken) =>
        MutateAsync(name, $"Connector {name} not found", async entry =>
        {
            PersistTarget(entry, TargetState.Stopped);
            entry.Target = TargetState.Stopped;
            await StopConnectorAndTasksAsync(entry).ConfigureAwait(false);
            entry.TaskConfigs = [];
            SetConnectorStatus(entry, ConnectState.Stopped);
        }, cancellationToken);

    /// <summary>Stops and removes a connector (its committed source offsets are kept, as in Kafka).</summary>
    public async Task DeleteConnectorAsync(string name, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            ThrowIfStopped();
            var entry = Find(name);
            if (entry is null)
            {
                // A stored connector that could not be restored at start-up can still be deleted (from the store).
                if (!_unrestored.Exists(u => u.Name == name))
                {
                    throw new NotFoundException($"Connector {name} not found");
                }

                PersistChange(name, null);
                _unrestored.RemoveAll(u => u.Name == name);
                return;
            }

            PersistChange(name, null);
            await StopConnectorAndTasksAsync(entry).ConfigureAwait(false);
            lock (_statusLock)
            {
                _connectors.Remove(entry);
            }

            _worker.ActiveTopics.Reset(entry.Name);
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Stops every task (within task.shutdown.graceful.timeout.ms in total) and every connector.</summary>
    public async Task StopAsync()
    {
        await _gate.WaitAsync().ConfigureAwait(false);
        try
        {
            if (_stopped)
            {
                return;
            }

            _stopped = true;
            List<ConnectorEntry> entries;
            lock (_statusLock)
            {
                entries = [.. _connectors];
            }

            var allTasks = entries.SelectMany(e => e.Tasks.Values).ToList();
            var timeout = _worker.Config.GracefulShutdownTimeout;
            await Task.WhenAll(allTasks.Select(t => t.StopAsync(timeout))).ConfigureAwait(false);
            foreach (var entry in entries)
            {
                foreach (var task in entry.Tasks.Values)
                {
                    task.Dispose();
                }

                entry.Tasks.Clear();
                SuspendInstance(entry);
            }

            LogStopped(_logger, entries.Count);
        }
        finally
        {
            _gate.Release();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync().ConfigureAwait(false);
        _gate.Dispose();
    }

    private async Task MutateAsync(string name, string notFound, Func<ConnectorEntry, Task> change, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            ThrowIfStopped();
            var entry = Find(name) ?? throw new NotFoundException(notFound);
            await change(entry).ConfigureAwait(false);
        }
        finally
        {
            _gate.Release();
        }
    }

    private ConnectorEntry? Find(string name)
    {
        lock (_statusLock)
        {
            return _connectors.Find(c => c.Name == name);
        }
    }

    private void ThrowIfStopped()
    {
        if (_stopped)
        {
            throw new IllegalWorkerStateException("The worker is shutting down");
        }
    }

    private ConnectorInfo InfoOf(ConnectorEntry entry) =>
        new(entry.Name, entry.Config, entry.TaskConfigs.Select((_, i) => new ConnectorTaskId(entry.Name, i)).ToList(), entry.TypeName);

    private static string FirstLine(string? text) => text?.Split('\n')[0].Trim() ?? "unknown error";
}
