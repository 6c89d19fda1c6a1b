namespace StandaloneConnect.Runtime.Storage;

/// <summary>
/// What both offset stores share: every offset held in memory for reads, writes serialized, and the in-memory view
/// switched to the new state only after the store has made it durable.
/// </summary>
public abstract class OffsetStoreBase : IOffsetStore
{
    private readonly Lock _lock = new();
    private readonly SemaphoreSlim _writeGate = new(1, 1);
    private OffsetTable _table = new();

    protected OffsetStoreBase(string path) => Location = Path.GetFullPath(path);

    public string Location { get; }

    public abstract void Load();

    public IReadOnlyDictionary<string, object?>? Get(string connector, IReadOnlyDictionary<string, object?> partition)
    {
        lock (_lock)
        {
            return _table.Get(connector, partition);
        }
    }

    public IReadOnlyList<SourceOffsetEntry> GetAll(string connector)
    {
        lock (_lock)
        {
            return _table.GetAll(connector);
        }
    }

    public async Task SetAsync(string connector, IReadOnlyCollection<SourceOffsetEntry> offsets, CancellationToken cancellationToken)
    {
        await _writeGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            OffsetTable next;
            lock (_lock)
            {
                next = _table.Clone();
            }

            foreach (var entry in offsets)
            {
                next.Apply(connector, entry);
            }

            await PersistAsync(connector, offsets, next, cancellationToken).ConfigureAwait(false);
            Replace(next);
        }
        finally
        {
            _writeGate.Release();
        }
    }

    public void Dispose()
    {
        Dispose(disposing: true);
        GC.SuppressFinalize(this);
    }

    /// <summary>Makes the change durable: <paramref name="changes"/> of one connector, <paramref name="next"/> the whole resulting state.</summary>
    private protected abstract Task PersistAsync(string connector, IReadOnlyCollection<SourceOffsetEntry> changes, OffsetTable next,
        CancellationToken cancellationToken);

    /// <summary>Replaces the in-memory view (after loading or persisting).</summary>
    private protected void Replace(OffsetTable table)
    {
        lock (_lock)
        {
            _table = table;
        }
    }

    protected virtual void Dispose(bool disposing)
    {
        if (disposing)
        {
            _writeGate.Dispose();
        }
    }
}
