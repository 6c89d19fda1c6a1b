using Microsoft.Extensions.Logging;
using StandaloneConnect.Runtime.Configuration;
using StandaloneConnect.Runtime.Plugins;
using StandaloneConnect.Runtime.Storage;
using StandaloneConnect.Runtime.Workers;
using StandaloneConnect.Sdk;

namespace StandaloneConnect.Runtime.Herder;

/// <summary>Creating, restoring, replacing and patching connector configs.</summary>
public sealed partial class StandaloneHerder
{
    /// <summary>
    /// Creates (or, with <paramref name="allowReplace"/>, reconfigures) a connector and starts it in its target state.
    /// Throws <see cref="BadRequestException"/> for an invalid config, <see cref="AlreadyExistsException"/> for a
    /// duplicate name, and <see cref="ConnectException"/> when the connector failed to start (it stays registered as FAILED).
    /// </summary>
    public Task<(ConnectorInfo Info, bool Created)> PutConnectorConfigAsync(string name, IReadOnlyDictionary<string, string> config,
        TargetState? initialState, bool allowReplace, CancellationToken cancellationToken) =>
        PutAsync(name, config, initialState, allowReplace, checkName: true, cancellationToken);

    /// <summary>
    /// Creates a connector kept in the connector configs store, as <see cref="PutConnectorConfigAsync"/> does, except that
    /// a name new connectors may no longer have (<see cref="ConnectorNameRules"/>) is accepted with a warning saying how to
    /// address the connector, so that a stored connector keeps running and can still be deleted.
    /// </summary>
    public async Task RestoreConnectorAsync(StoredConnector connector, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(connector);
        if (ConnectorNameRules.Problem(connector.Name) is { } problem)
        {
            LogRestoringBadName(_logger, problem, ConnectorNameRules.UrlEscape(connector.Name));
        }

        await PutAsync(connector.Name, connector.Config, connector.Target, allowReplace: false, checkName: false, cancellationToken).ConfigureAwait(false);
    }

    private async Task<(ConnectorInfo Info, bool Created)> PutAsync(string name, IReadOnlyDictionary<string, string> config,
        TargetState? initialState, bool allowReplace, bool checkName, CancellationToken cancellationToken)
    {
        var descriptor = ValidateConfig(config);
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            ThrowIfStopped();
            if (checkName && Find(name) is null && ConnectorNameRules.Problem(name) is { } problem)
            {
                throw new BadRequestException(problem);
            }

            return await PutCoreAsync(name, config, descriptor, initialState, allowReplace).ConfigureAwait(false);
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>
    /// Kafka's <c>PATCH /connectors/{name}/config</c>: merges <paramref name="patch"/> into the current config (a null value
    /// removes the key), validates the result and applies it. Throws <see cref="NotFoundException"/> for an unknown connector.
    /// </summary>
    public async Task<ConnectorInfo> PatchConnectorConfigAsync(string name, IReadOnlyDictionary<string, string?> patch, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            ThrowIfStopped();
            var entry = Find(name) ?? throw new NotFoundException($"Connector {name} not found");
            var merged = new Dictionary<string, string>(entry.Config);
            foreach (var (key, value) in patch)
            {
                if (value is null)
                {
                    merged.Remove(key);
                }
                else
                {
                    merged[key] = value;
                }
            }

            if (merged.TryGetValue(ConnectorConfig.Name, out var newName) && newName != name)
            {
                throw new BadRequestException($"Connector name configuration ({newName}) doesn't match connector name in the URL ({name})");
            }

            merged[ConnectorConfig.Name] = name;
            var descriptor = ValidateConfig(merged);
            return (await PutCoreAsync(name, merged, descriptor, null, allowReplace: true).ConfigureAwait(false)).Info;
        }
        finally
        {
            _gate.Release();
        }
    }

    private PluginDescriptor ValidateConfig(IReadOnlyDictionary<string, string> config)
    {
        var validation = _validator.Validate(config);
        if (validation.ErrorCount > 0)
        {
            throw new BadRequestException(validation.ErrorMessage);
        }

        return _worker.Plugins.FindConnector(config[ConnectorConfig.ConnectorClass])
            ?? throw new BadRequestException(_worker.Plugins.UnknownConnectorMessage(config[ConnectorConfig.ConnectorClass]));
    }

    private async Task<(ConnectorInfo Info, bool Created)> PutCoreAsync(string name, IReadOnlyDictionary<string, string> config,
        PluginDescriptor descriptor, TargetState? initialState, bool allowReplace)
    {
        var existing = Find(name);
        if (existing is not null && !allowReplace)
        {
            throw new AlreadyExistsException($"Connector {name} already exists");
        }

        // The store is written first: if that fails, nothing has changed.
        PersistChange(name, new StoredConnector(name, config, initialState ?? existing?.Target ?? TargetState.Started));
        _unrestored.RemoveAll(u => u.Name == name);
        ConnectorEntry entry;
        if (existing is null)
        {
            entry = new ConnectorEntry(name, config, descriptor.Type, descriptor.Kind == PluginType.Sink, initialState ?? TargetState.Started);
            lock (_statusLock)
            {
                _connectors.Add(entry);
            }
        }
        else
        {
            entry = existing;
            await StopConnectorAndTasksAsync(entry).ConfigureAwait(false);
            entry.Config = config;
            entry.ConnectorType = descriptor.Type;
            entry.IsSink = descriptor.Kind == PluginType.Sink;
            entry.Target = initialState ?? entry.Target;
        }

        LogCreating(_logger, name, descriptor.ClassName, entry.Target.ToString().ToUpperInvariant());
        StartConnector(entry);
        if (entry.Status.State == ConnectState.Failed)
        {
            throw new ConnectException($"Failed to start connector {name}: {FirstLine(entry.Status.Trace)}");
        }

        return (InfoOf(entry), existing is null);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Loading a stored connector whose name new connectors may no longer have: {Problem} " +
        "It runs as before; to rename it, create it again under a new name and delete this one with DELETE /connectors/{EscapedName}")]
    private static partial void LogRestoringBadName(ILogger logger, string problem, string escapedName);
}
