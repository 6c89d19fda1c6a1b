using StandaloneConnect.Sdk.Storage;

namespace StandaloneConnect.Runtime.Storage;

/// <summary>A connector's view of the committed offsets in an <see cref="IOffsetStore"/>.</summary>
internal sealed class StoreOffsetReader(IOffsetStore store, string connector) : IOffsetStorageReader
{
    public IReadOnlyDictionary<string, object?>? Offset(IReadOnlyDictionary<string, object?> partition) =>
        store.Get(connector, partition);

    public IReadOnlyList<KeyValuePair<IReadOnlyDictionary<string, object?>, IReadOnlyDictionary<string, object?>>> Offsets(
        IEnumerable<IReadOnlyDictionary<string, object?>> partitions)
    {
        var result = new List<KeyValuePair<IReadOnlyDictionary<string, object?>, IReadOnlyDictionary<string, object?>>>();
        foreach (var partition in partitions)
        {
            if (store.Get(connector, partition) is { } offset)
            {
                result.Add(new(partition, offset));
            }
        }

        return result;
    }
}
