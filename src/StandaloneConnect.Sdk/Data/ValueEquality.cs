using System.Collections;

namespace StandaloneConnect.Sdk.Data;

/// <summary>Deep equality for Connect values: byte arrays by content, lists, maps and structs element-wise.</summary>
public static class ValueEquality
{
    public static bool Equal(object? a, object? b)
    {
        if (ReferenceEquals(a, b))
        {
            return true;
        }

        if (a is null || b is null)
        {
            return false;
        }

        if (TryGetBytes(a, out var ba) && TryGetBytes(b, out var bb))
        {
            return ba.Span.SequenceEqual(bb.Span);
        }

        if (a is IDictionary da && b is IDictionary db)
        {
            if (da.Count != db.Count)
            {
                return false;
            }

            foreach (DictionaryEntry e in da)
            {
                if (!db.Contains(e.Key) || !Equal(e.Value, db[e.Key]))
                {
                    return false;
                }
            }

            return true;
        }

        if (a is IList la && b is IList lb)
        {
            if (la.Count != lb.Count)
            {
                return false;
            }

            for (var i = 0; i < la.Count; i++)
            {
                if (!Equal(la[i], lb[i]))
                {
                    return false;
                }
            }

            return true;
        }

        return a.Equals(b);
    }

    /// <summary>A hash code consistent with <see cref="Equal"/>.</summary>
    public static int Hash(object? value)
    {
        switch (value)
        {
            case null:
                return 0;
            case byte[] or ReadOnlyMemory<byte>:
                TryGetBytes(value, out var bytes);
                var h = new HashCode();
                h.AddBytes(bytes.Span);
                return h.ToHashCode();
            case IDictionary d:
                var sum = 0;
                foreach (DictionaryEntry e in d)
                {
                    sum += Hash(e.Key) ^ Hash(e.Value);
                }

                return sum;
            case IList l:
                var hc = new HashCode();
                foreach (var item in l)
                {
                    hc.Add(Hash(item));
                }

                return hc.ToHashCode();
            default:
                return value.GetHashCode();
        }
    }

    private static bool TryGetBytes(object value, out ReadOnlyMemory<byte> bytes)
    {
        switch (value)
        {
            case byte[] array:
                bytes = array;
                return true;
            case ReadOnlyMemory<byte> memory:
                bytes = memory;
                return true;
            default:
                bytes = default;
                return false;
        }
    }
}
