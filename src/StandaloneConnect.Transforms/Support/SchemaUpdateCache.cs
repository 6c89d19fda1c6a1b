using StandaloneConnect.Sdk.Data;

namespace StandaloneConnect.Transforms.Support;

/// <summary>
/// Kafka's <c>SynchronizedCache(LRUCache(16))</c> of derived schemas, keyed by the input schema (by equality, as
/// Kafka's <c>HashMap</c> is). The entry used last is checked first by reference, so a stream of records sharing
/// one schema instance costs one comparison and no allocation. When full, the cache starts over (the entries are
/// pure functions of their key, so what is evicted never changes a result). Safe for concurrent use.
/// </summary>
/// <typeparam name="TValue">What is derived from a schema: usually the updated schema, or a plan holding it.</typeparam>
internal sealed class SchemaUpdateCache<TValue>
    where TValue : class
{
    private const int Capacity = 16;

    private readonly Func<Schema, TValue> _build;
    private readonly Dictionary<Schema, TValue> _entries = [];
    private readonly Lock _lock = new();
    private volatile Entry? _last;

    /// <param name="build">Derives the value for a schema; called at most once per cached schema.</param>
    public SchemaUpdateCache(Func<Schema, TValue> build) => _build = build;

    /// <summary>The value derived from <paramref name="schema"/>, built on first use.</summary>
    public TValue Get(Schema schema)
    {
        var last = _last;
        if (last is not null && ReferenceEquals(last.Schema, schema))
        {
            return last.Value;
        }

        return GetSlow(schema);
    }

    /// <summary>Forgets every entry (after the owner is reconfigured).</summary>
    public void Clear()
    {
        lock (_lock)
        {
            _entries.Clear();
            _last = null;
        }
    }

    private TValue GetSlow(Schema schema)
    {
        lock (_lock)
        {
            if (!_entries.TryGetValue(schema, out var value))
            {
                value = _build(schema);
                if (_entries.Count >= Capacity)
                {
                    _entries.Clear();
                }

                _entries[schema] = value;
            }

            _last = new Entry(schema, value);
            return value;
        }
    }

    private sealed record Entry(Schema Schema, TValue Value);
}
