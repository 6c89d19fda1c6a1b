using System.Diagnostics.CodeAnalysis;

namespace StandaloneConnect.Converters.Json;

/// <summary>
/// A bounded least-recently-used cache (Kafka's <c>LRUCache</c>), owned by one converter instance and used from
/// one thread. A capacity of zero or less caches nothing.
/// </summary>
internal sealed class LruCache<TKey, TValue>
    where TKey : notnull
{
    private readonly int _capacity;
    private readonly Dictionary<TKey, LinkedListNode<KeyValuePair<TKey, TValue>>> _entries;
    private readonly LinkedList<KeyValuePair<TKey, TValue>> _recency = new();

    public LruCache(int capacity, IEqualityComparer<TKey>? comparer = null)
    {
        _capacity = capacity;
        _entries = new Dictionary<TKey, LinkedListNode<KeyValuePair<TKey, TValue>>>(comparer);
    }

    public int Count => _entries.Count;

    public bool TryGetValue(TKey key, [MaybeNullWhen(false)] out TValue value) =>
        Found(_entries.TryGetValue(key, out var node) ? node : null, out value);

    /// <summary>Looks up by an alternate key (a span, say) when the comparer supports it, without allocating a key.</summary>
    public bool TryGetValue<TAlternate>(TAlternate key, [MaybeNullWhen(false)] out TValue value)
        where TAlternate : notnull, allows ref struct
    {
        // The entry used last is compared first (one comparison instead of hashing the key): a stream of records
        // sharing one schema hits it every time. Keys are unique, so this finds the node the look-up would find.
        if (_recency.First is { } mostRecent && _entries.Comparer is IAlternateEqualityComparer<TAlternate, TKey> comparer
            && comparer.Equals(key, mostRecent.Value.Key))
        {
            value = mostRecent.Value.Value;
            return true;
        }

        return Found(_entries.GetAlternateLookup<TAlternate>().TryGetValue(key, out var node) ? node : null, out value);
    }

    public void Add(TKey key, TValue value)
    {
        if (_capacity <= 0)
        {
            return;
        }

        if (_entries.TryGetValue(key, out var existing))
        {
            _recency.Remove(existing);
            _entries.Remove(key);
        }
        else if (_entries.Count >= _capacity && _recency.Last is { } eldest)
        {
            _recency.RemoveLast();
            _entries.Remove(eldest.Value.Key);
        }

        _entries[key] = _recency.AddFirst(new KeyValuePair<TKey, TValue>(key, value));
    }

    private bool Found(LinkedListNode<KeyValuePair<TKey, TValue>>? node, [MaybeNullWhen(false)] out TValue value)
    {
        if (node is null)
        {
            value = default;
            return false;
        }

        if (node != _recency.First)
        {
            _recency.Remove(node);
            _recency.AddFirst(node);
        }

        value = node.Value.Value;
        return true;
    }
}

/// <summary>Compares byte arrays by content; also looks them up by <see cref="ReadOnlySpan{T}"/>.</summary>
internal sealed class ByteArrayContentComparer : IEqualityComparer<byte[]>, IAlternateEqualityComparer<ReadOnlySpan<byte>, byte[]>
{
    public static ByteArrayContentComparer Instance { get; } = new();

    public bool Equals(byte[]? x, byte[]? y) => ReferenceEquals(x, y) || (x is not null && y is not null && x.AsSpan().SequenceEqual(y));

    public int GetHashCode(byte[] obj) => GetHashCode(obj.AsSpan());

    public bool Equals(ReadOnlySpan<byte> alternate, byte[] other) => alternate.SequenceEqual(other);

    public int GetHashCode(ReadOnlySpan<byte> alternate)
    {
        var hash = new HashCode();
        hash.AddBytes(alternate);
        return hash.ToHashCode();
    }

    public byte[] Create(ReadOnlySpan<byte> alternate) => alternate.ToArray();
}
