using StandaloneConnect.Runtime.Configuration;
using StandaloneConnect.Runtime.Storage;

namespace StandaloneConnect.Runtime.Herder;

/// <summary>
/// The config store side of the herder: connectors and their target states are written before each change is applied
/// (from the end of start-up on), and stored connectors that could not be restored are kept.
/// </summary>
public sealed partial class StandaloneHerder
{
    /// <summary>
    /// Marks start-up as complete (Kafka's <c>herder.ready()</c>) and writes the config store for the first time: until
    /// then it is not written, so a start-up that fails half-way never drops a stored connector.
    /// </summary>
    public async Task ReadyAsync(CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            IsReady = true;
            Persist();
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>
    /// Keeps a stored connector that could not be restored at start-up (its class is gone, its config no longer
    /// validates) in the config store, so fixing <c>plugin.path</c> and restarting brings it back. Creating a
    /// connector of that name replaces it; deleting it removes it.
    /// </summary>
    public async Task KeepUnrestoredAsync(StoredConnector connector, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            _unrestored.RemoveAll(u => u.Name == connector.Name);
            _unrestored.Add(connector);
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Writes every connector (and every unrestored stored one) to the config store, if there is one (under the gate).</summary>
    private void Persist() => PersistChange(null, null);

    /// <summary>
    /// Writes the config store as it will be after a change of <paramref name="name"/> (<paramref name="change"/>
    /// null: removed). Called before memory changes, so a failed write leaves the herder as it was.
    /// Not written before start-up completes.
    /// </summary>
    private void PersistChange(string? name, StoredConnector? change)
    {
        if (_configStore is null || !IsReady)
        {
            return;
        }

        List<StoredConnector> snapshot;
        lock (_statusLock)
        {
            snapshot = _connectors.Select(c => new StoredConnector(c.Name, c.Config, c.Target)).ToList();
        }

        snapshot.AddRange(_unrestored.Where(u => snapshot.TrueForAll(c => c.Name != u.Name)));
        if (name is not null)
        {
            var index = snapshot.FindIndex(c => c.Name == name);
            if (change is null)
            {
                snapshot.RemoveAll(c => c.Name == name);
            }
            else if (index >= 0)
            {
                snapshot[index] = change;
            }
            else
            {
                snapshot.Add(change);
            }
        }

        _configStore.Save(snapshot);
    }

    private void PersistTarget(ConnectorEntry entry, TargetState target)
    {
        if (entry.Target != target)
        {
            PersistChange(entry.Name, new StoredConnector(entry.Name, entry.Config, target));
        }
    }
}
