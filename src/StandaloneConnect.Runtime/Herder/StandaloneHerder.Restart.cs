using StandaloneConnect.Runtime.Configuration;
using StandaloneConnect.Runtime.Workers;
using StandaloneConnect.Sdk;

namespace StandaloneConnect.Runtime.Herder;

/// <summary>Restarts (Kafka's <c>POST /connectors/{name}/restart</c> and task restart) with Kafka's restart plan.</summary>
public sealed partial class StandaloneHerder
{
    /// <summary>
    /// Restarts the connector instance (and, with <paramref name="includeTasks"/>, its tasks) per Kafka's restart plan.
    /// Returns null for a plain restart (both flags false), else the status as planned: the restarted parts RESTARTING.
    /// </summary>
    public async Task<ConnectorStatusInfo?> RestartConnectorAsync(string name, bool includeTasks, bool onlyFailed, CancellationToken cancellationToken)
    {
        ConnectorStatusInfo? plan = null;
        await MutateAsync(name, includeTasks || onlyFailed ? $"Unknown connector: {name}" : $"Connector {name} not found", async entry =>
        {
            var restartConnector = !onlyFailed || entry.Status.State == ConnectState.Failed;
            List<int> tasksToRestart;
            lock (_statusLock)
            {
                tasksToRestart = includeTasks
                    ? entry.TaskStatus.Where(t => !onlyFailed || t.Value.State == ConnectState.Failed).Select(t => t.Key).Order().ToList()
                    : [];
                if (includeTasks || onlyFailed)
                {
                    var restarting = new StatusSnapshot(ConnectState.Restarting, null);
                    plan = new ConnectorStatusInfo(entry.Name, restartConnector ? restarting : entry.Status,
                        entry.TaskStatus.OrderBy(t => t.Key)
                            .Select(t => new TaskStatusInfo(t.Key, tasksToRestart.Contains(t.Key) ? restarting : t.Value)).ToList(),
                        entry.TypeName);
                }
            }

            if (restartConnector && entry.Target != TargetState.Stopped)
            {
                SetConnectorStatus(entry, ConnectState.Restarting);
                SuspendInstance(entry);
                entry.Instance = null;
                if (StartInstance(entry))
                {
                    if (entry.Target == TargetState.Paused)
                    {
                        SuspendInstance(entry);
                        SetConnectorStatus(entry, ConnectState.Paused);
                    }
                    else if (await UpdateTasksAsync(entry).ConfigureAwait(false))
                    {
                        tasksToRestart.Clear(); // new task configs: every task was just replaced
                    }
                }
            }

            foreach (var id in tasksToRestart)
            {
                await RestartTaskCoreAsync(entry, id).ConfigureAwait(false);
            }
        }, cancellationToken).ConfigureAwait(false);
        return plan;
    }

    public Task RestartTaskAsync(string name, int task, CancellationToken cancellationToken) =>
        MutateAsync(name, $"Connector {name} not found", entry =>
        {
            if (task < 0 || task >= entry.TaskConfigs.Count)
            {
                throw new NotFoundException($"Task {name}-{task} not found");
            }

            return RestartTaskCoreAsync(entry, task);
        }, cancellationToken);
}
