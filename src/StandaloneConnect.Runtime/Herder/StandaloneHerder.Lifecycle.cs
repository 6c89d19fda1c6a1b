using Microsoft.Extensions.Logging;
using StandaloneConnect.Runtime.Configuration;
using StandaloneConnect.Runtime.Storage;
using StandaloneConnect.Runtime.Workers;
using StandaloneConnect.Sdk;
using StandaloneConnect.Sdk.Config;
using StandaloneConnect.Sdk.Connectors;
using StandaloneConnect.Sdk.Storage;

namespace StandaloneConnect.Runtime.Herder;

/// <summary>Starting and stopping connector instances and tasks; always called under the herder's gate.</summary>
public sealed partial class StandaloneHerder
{
    /// <summary>Brings a connector to its target state from scratch: instance, task configs, tasks.</summary>
    private void StartConnector(ConnectorEntry entry)
    {
        if (entry.Target == TargetState.Stopped)
        {
            SetConnectorStatus(entry, ConnectState.Stopped);
            return;
        }

        if (!StartInstance(entry) || !GenerateTaskConfigs(entry))
        {
            return;
        }

        var paused = entry.Target == TargetState.Paused;
        for (var i = 0; i < entry.TaskConfigs.Count; i++)
        {
            StartTask(entry, i, paused);
        }

        if (paused)
        {
            SuspendInstance(entry);
            SetConnectorStatus(entry, ConnectState.Paused);
        }
    }

    /// <summary>Creates, initializes and starts the connector instance; false (status FAILED) on error.</summary>
    private bool StartInstance(ConnectorEntry entry)
    {
        if (entry.InstanceStarted)
        {
            SetConnectorStatus(entry, ConnectState.Running);
            return true;
        }

        try
        {
            var config = _transformer.Transform(entry.Config);
            var connector = entry.Instance ?? _worker.Plugins.Create<Connector>(entry.ConnectorType);
            entry.Instance = connector;
            connector.Initialize(entry.IsSink
                ? new HerderConnectorContext(this, entry.Name, null)
                : new HerderConnectorContext(this, entry.Name, new StoreOffsetReader(_worker.Offsets, entry.Name)));
            connector.Start(config);
            entry.InstanceStarted = true;
            SetConnectorStatus(entry, ConnectState.Running);
            return true;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            LogConnectorFailed(_logger, e, entry.Name);
            SetConnectorStatus(entry, ConnectState.Failed, e.ToString());
            return false;
        }
    }

    /// <summary>Stops the connector instance (pause, stop, delete); its tasks are not touched.</summary>
    private void SuspendInstance(ConnectorEntry entry)
    {
        if (!entry.InstanceStarted || entry.Instance is null)
        {
            return;
        }

        try
        {
            entry.Instance.Stop();
        }
        catch (Exception e)
        {
            LogConnectorStopFailed(_logger, e, entry.Name);
        }

        entry.InstanceStarted = false;
    }

    private bool GenerateTaskConfigs(ConnectorEntry entry)
    {
        var connector = entry.Instance ?? throw new InvalidOperationException("connector not started");
        try
        {
            var parsed = ConnectorConfig.Common.Parse(_transformer.Transform(entry.Config));
            var max = parsed.GetInt(ConnectorConfig.TasksMax);
            var configs = connector.TaskConfigs(max);
            if (configs.Count > max && parsed.GetBoolean(ConnectorConfig.TasksMaxEnforce))
            {
                throw new ConnectException(
                    $"The connector {entry.Name} has generated {configs.Count} tasks, which is greater than {max}, the maximum number of tasks it is configured to create. " +
                    "This behaviour should be considered a bug and is disallowed. If necessary, it can be permitted by reconfiguring the connector with 'tasks.max.enforce' set to false; however, this option will be removed in a future release of Kafka Connect.");
            }

            // task.class shows the Kafka class name a task stands in for (its first alias), else its .NET name.
            var taskClass = connector.TaskType.GetCustomAttributes(typeof(PluginAliasAttribute), false).OfType<PluginAliasAttribute>().FirstOrDefault()?.Name
                            ?? connector.TaskType.FullName ?? connector.TaskType.Name;
            entry.TaskConfigs = configs
                .Select(c => (IReadOnlyDictionary<string, string>)new Dictionary<string, string>(c) { [TaskClassConfig] = taskClass })
                .ToList();
            return true;
        }
        catch (Exception e) when (e is ConnectException or ConfigException)
        {
            LogConnectorFailed(_logger, e, entry.Name);
            SetConnectorStatus(entry, ConnectState.Failed, e.ToString());
            return false;
        }
    }

    private void StartTask(ConnectorEntry entry, int index, bool paused)
    {
        var id = new ConnectorTaskId(entry.Name, index);
        lock (_statusLock)
        {
            entry.TaskStatus[index] = new StatusSnapshot(ConnectState.Unassigned, null);
        }

        try
        {
            var connector = entry.Instance ?? throw new InvalidOperationException("connector not started");
            var task = _worker.CreateTask(id, connector.TaskType, _transformer.Transform(entry.Config),
                _transformer.Transform(entry.TaskConfigs[index]), this);
            entry.Tasks[index] = task;
            task.Start(paused);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            LogTaskStartFailed(_logger, e, id.ToString());
            lock (_statusLock)
            {
                entry.TaskStatus[index] = new StatusSnapshot(ConnectState.Failed, e.ToString());
            }
        }
    }

    private async Task RestartTaskCoreAsync(ConnectorEntry entry, int index)
    {
        if (entry.Tasks.TryRemove(index, out var running))
        {
            await running.StopAsync(_worker.Config.GracefulShutdownTimeout).ConfigureAwait(false);
            running.Dispose();
        }

        if (entry.Target != TargetState.Stopped && index < entry.TaskConfigs.Count)
        {
            if (entry.Instance is null)
            {
                StartInstance(entry);
            }

            StartTask(entry, index, entry.Target == TargetState.Paused);
        }
    }

    private async Task StopConnectorAndTasksAsync(ConnectorEntry entry)
    {
        await StopTasksAsync(entry).ConfigureAwait(false);
        SuspendInstance(entry);
        entry.Instance = null;
    }

    private void SetConnectorStatus(ConnectorEntry entry, ConnectState state, string? trace = null)
    {
        lock (_statusLock)
        {
            entry.Status = new StatusSnapshot(state, trace);
        }
    }

    private void OnConnectorError(string name, Exception error)
    {
        lock (_statusLock)
        {
            if (Find(name) is { } entry)
            {
                LogConnectorFailed(_logger, error, name);
                entry.Status = new StatusSnapshot(ConnectState.Failed, error.ToString());
            }
        }
    }

    /// <summary>The connector asked for reconfiguration (on its own thread): regenerate task configs under the gate.</summary>
    private async Task ReconfigureTasksAsync(string name)
    {
        await _gate.WaitAsync().ConfigureAwait(false);
        try
        {
            if (!_stopped && Find(name) is { Target: not TargetState.Stopped, Instance: not null } entry)
            {
                await UpdateTasksAsync(entry).ConfigureAwait(false);
            }
        }
        catch (Exception e)
        {
            LogConnectorFailed(_logger, e, name);
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Regenerates task configs; when they changed, replaces the running tasks and returns true.</summary>
    private async Task<bool> UpdateTasksAsync(ConnectorEntry entry)
    {
        var old = entry.TaskConfigs;
        if (!GenerateTaskConfigs(entry) || old.Count == entry.TaskConfigs.Count && old.Zip(entry.TaskConfigs).All(p => SameConfig(p.First, p.Second)))
        {
            return false;
        }

        await StopTasksAsync(entry).ConfigureAwait(false);
        for (var i = 0; i < entry.TaskConfigs.Count; i++)
        {
            StartTask(entry, i, entry.Target == TargetState.Paused);
        }

        return true;
    }

    private async Task StopTasksAsync(ConnectorEntry entry)
    {
        var timeout = _worker.Config.GracefulShutdownTimeout;
        await Task.WhenAll(entry.Tasks.Values.Select(t => t.StopAsync(timeout))).ConfigureAwait(false);
        foreach (var task in entry.Tasks.Values)
        {
            task.Dispose();
        }

        entry.Tasks.Clear();
        lock (_statusLock)
        {
            entry.TaskStatus.Clear();
        }
    }

    private static bool SameConfig(IReadOnlyDictionary<string, string> a, IReadOnlyDictionary<string, string> b) =>
        a.Count == b.Count && a.All(kv => b.TryGetValue(kv.Key, out var v) && v == kv.Value);

    [LoggerMessage(Level = LogLevel.Information, Message = "Creating connector {Name} of type {ClassName} in state {Target}")]
    private static partial void LogCreating(ILogger logger, string name, string className, string target);

    [LoggerMessage(Level = LogLevel.Error, Message = "Connector {Name} failed")]
    private static partial void LogConnectorFailed(ILogger logger, Exception error, string name);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Connector {Name} threw while stopping")]
    private static partial void LogConnectorStopFailed(ILogger logger, Exception error, string name);

    [LoggerMessage(Level = LogLevel.Error, Message = "Failed to start task {TaskId}")]
    private static partial void LogTaskStartFailed(ILogger logger, Exception error, string taskId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Stopped {Count} connector(s)")]
    private static partial void LogStopped(ILogger logger, int count);

    /// <summary>The context handed to connector instances.</summary>
    private sealed class HerderConnectorContext(StandaloneHerder herder, string name, IOffsetStorageReader? offsets)
        : ISourceConnectorContext, ISinkConnectorContext
    {
        public IOffsetStorageReader OffsetStorageReader =>
            offsets ?? throw new InvalidOperationException("Sink connectors have no source offsets");

        public void RequestTaskReconfiguration() => _ = herder.ReconfigureTasksAsync(name);

        public void RaiseError(Exception error) => herder.OnConnectorError(name, error);
    }
}
