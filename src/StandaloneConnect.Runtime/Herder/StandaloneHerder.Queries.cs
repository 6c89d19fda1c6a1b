using StandaloneConnect.Runtime.Configuration;
using StandaloneConnect.Runtime.Workers;
using StandaloneConnect.Sdk;

namespace StandaloneConnect.Runtime.Herder;

/// <summary>Read-only views for the REST API: task configs and states, active topics, worker-wide counts.</summary>
public sealed partial class StandaloneHerder
{
    /// <summary>
    /// The connector's task configs (Kafka's <c>GET /connectors/{name}/tasks</c>). As in Kafka, values that came from a
    /// config provider placeholder in the connector config are shown as the placeholder, never resolved.
    /// </summary>
    public IReadOnlyList<TaskConfigInfo> GetTaskConfigs(string name)
    {
        lock (_statusLock)
        {
            var entry = Find(name) ?? throw new NotFoundException($"Connector {name} not found");
            var placeholders = entry.Config.Where(kv => ConfigTransformer.HasReference(kv.Value)).ToList();
            return entry.TaskConfigs.Select((config, i) =>
            {
                var shown = new Dictionary<string, string>(config);
                foreach (var (key, raw) in placeholders)
                {
                    if (shown.ContainsKey(key))
                    {
                        shown[key] = raw;
                    }
                }

                return new TaskConfigInfo(new ConnectorTaskId(name, i), shown);
            }).ToList();
        }
    }

    /// <summary>One task's state; <see cref="NotFoundException"/> with Kafka's text when there is no such task.</summary>
    public TaskStatusInfo GetTaskStatus(string name, int task)
    {
        lock (_statusLock)
        {
            if (Find(name) is { } entry && entry.TaskStatus.TryGetValue(task, out var status))
            {
                return new TaskStatusInfo(task, status);
            }

            throw new NotFoundException($"No status found for task {name}-{task}");
        }
    }

    /// <summary>The topics the connector has used since its topics were last reset (KIP-558); as in Kafka, none for an unknown name.</summary>
    public IReadOnlyList<string> GetActiveTopics(string name) => _worker.ActiveTopics.Get(name);

    /// <summary>Forgets the connector's active topics; tasks record them again as they use them.</summary>
    public void ResetActiveTopics(string name) => _worker.ActiveTopics.Reset(name);

    /// <summary>Every connector's status, for worker-wide views (cluster endpoints, <c>expand=status</c>).</summary>
    public IReadOnlyList<ConnectorStatusInfo> GetAllStatuses()
    {
        lock (_statusLock)
        {
            return _connectors.Select(e => GetConnectorStatus(e.Name)).ToList();
        }
    }

    /// <summary>True when the herder can take a request within <paramref name="timeout"/> (no operation is stuck holding it).</summary>
    public async Task<bool> ProbeAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        if (!await _gate.WaitAsync(timeout, cancellationToken).ConfigureAwait(false))
        {
            return false;
        }

        _gate.Release();
        return !_stopped;
    }
}
