using StandaloneConnect.Sdk.Data;
using StandaloneConnect.Sdk.Storage;

namespace StandaloneConnect.Testing;

/// <summary>
/// A source offset store in memory: what a test seeds as "already committed", and what
/// <see cref="SourceTaskHarness.Commit"/> writes. Partitions are compared by content (see
/// <see cref="OffsetMapComparer"/>), so <c>{"file": "a", "n": 1}</c> finds an offset stored under <c>{"file": "a", "n": 1L}</c>.
/// Thread-safe.
/// </summary>
public sealed class InMemoryOffsetStorageReader : IOffsetStorageReader
{
    private readonly Lock _gate = new();
    private readonly Dictionary<IReadOnlyDictionary<string, object?>, IReadOnlyDictionary<string, object?>> _offsets =
        new(OffsetMapComparer.Instance);

    public InMemoryOffsetStorageReader()
    {
    }

    /// <summary>A store seeded with these offsets (a null offset is skipped).</summary>
    public InMemoryOffsetStorageReader(
        IEnumerable<KeyValuePair<IReadOnlyDictionary<string, object?>, IReadOnlyDictionary<string, object?>?>> offsets)
    {
        ArgumentNullException.ThrowIfNull(offsets);
        foreach (var (partition, offset) in offsets)
        {
            Set(partition, offset);
        }
    }

    /// <summary>The number of partitions with an offset.</summary>
    public int Count
    {
        get
        {
            lock (_gate)
            {
                return _offsets.Count;
            }
        }
    }

    /// <summary>Stores a copy of the offset for a copy of the partition; a null offset removes it (a tombstone).</summary>
    public void Set(IReadOnlyDictionary<string, object?> partition, IReadOnlyDictionary<string, object?>? offset)
    {
        ArgumentNullException.ThrowIfNull(partition);
        var key = Copy(partition);
        lock (_gate)
        {
            if (offset is null)
            {
                _offsets.Remove(key);
            }
            else
            {
                _offsets[key] = Copy(offset);
            }
        }
    }

    public IReadOnlyDictionary<string, object?>? Offset(IReadOnlyDictionary<string, object?> partition)
    {
        ArgumentNullException.ThrowIfNull(partition);
        lock (_gate)
        {
            return _offsets.GetValueOrDefault(partition);
        }
    }

    public IReadOnlyList<KeyValuePair<IReadOnlyDictionary<string, object?>, IReadOnlyDictionary<string, object?>>> Offsets(
        IEnumerable<IReadOnlyDictionary<string, object?>> partitions)
    {
        ArgumentNullException.ThrowIfNull(partitions);
        var result = new List<KeyValuePair<IReadOnlyDictionary<string, object?>, IReadOnlyDictionary<string, object?>>>();
        lock (_gate)
        {
            foreach (var partition in partitions)
            {
                if (_offsets.TryGetValue(partition, out var offset))
                {
                    result.Add(new(partition, offset));
                }
            }
        }

        return result;
    }

    /// <summary>A snapshot of every stored partition and offset.</summary>
    public IReadOnlyList<KeyValuePair<IReadOnlyDictionary<string, object?>, IReadOnlyDictionary<string, object?>>> All()
    {
        lock (_gate)
        {
            return [.. _offsets];
        }
    }

    private static IReadOnlyDictionary<string, object?> Copy(IReadOnlyDictionary<string, object?> map) =>
        new Dictionary<string, object?>(map, StringComparer.Ordinal).AsReadOnly();
}

/// <summary>
/// Compares source partition and offset maps by content: same keys, and values equal as Connect values (byte
/// arrays by content), with integral numbers of any width equal when their value is (<c>1 == 1L</c>) and floating
/// point numbers likewise (<c>1.5f == 1.5d</c>).
/// </summary>
public sealed class OffsetMapComparer : IEqualityComparer<IReadOnlyDictionary<string, object?>>
{
    public static OffsetMapComparer Instance { get; } = new();

    public bool Equals(IReadOnlyDictionary<string, object?>? x, IReadOnlyDictionary<string, object?>? y)
    {
        if (ReferenceEquals(x, y))
        {
            return true;
        }

        if (x is null || y is null || x.Count != y.Count)
        {
            return false;
        }

        foreach (var (key, value) in x)
        {
            if (!y.TryGetValue(key, out var other) || !ValueEquality.Equal(Normalize(value), Normalize(other)))
            {
                return false;
            }
        }

        return true;
    }

    public int GetHashCode(IReadOnlyDictionary<string, object?> obj)
    {
        ArgumentNullException.ThrowIfNull(obj);
        var hash = 0;
        foreach (var (key, value) in obj)
        {
            // Order-independent, like the comparison.
            hash += HashCode.Combine(StringComparer.Ordinal.GetHashCode(key), ValueEquality.Hash(Normalize(value)));
        }

        return hash;
    }

    private static object? Normalize(object? value) => value switch
    {
        sbyte or byte or short or ushort or int or uint or long => Convert.ToInt64(value, System.Globalization.CultureInfo.InvariantCulture),
        float f => (double)f,
        _ => value,
    };
}
