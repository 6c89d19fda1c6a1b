namespace StandaloneConnect.Runtime.Storage;

/// <summary>The in-memory offsets of every connector, keyed by connector and canonical partition JSON.</summary>
internal sealed class OffsetTable
{
    private readonly Dictionary<(string Connector, string Partition), SourceOffsetEntry> _entries = [];

    public int Count => _entries.Count;

    public IEnumerable<(string Connector, SourceOffsetEntry Entry)> All =>
        _entries.Select(kv => (kv.Key.Connector, kv.Value));

    public IReadOnlyDictionary<string, object?>? Get(string connector, IReadOnlyDictionary<string, object?> partition) =>
        _entries.TryGetValue((connector, OffsetJson.Write(partition)), out var e) ? e.Offset : null;

    public IReadOnlyList<SourceOffsetEntry> GetAll(string connector) =>
        _entries.Where(kv => kv.Key.Connector == connector).Select(kv => kv.Value).ToList();

    public void Apply(string connector, SourceOffsetEntry entry)
    {
        var key = (connector, OffsetJson.Write(entry.Partition));
        if (entry.Offset is null)
        {
            _entries.Remove(key);
        }
        else
        {
            _entries[key] = entry;
        }
    }

    public OffsetTable Clone()
    {
        var copy = new OffsetTable();
        foreach (var (key, value) in _entries)
        {
            copy._entries[key] = value;
        }

        return copy;
    }
}
