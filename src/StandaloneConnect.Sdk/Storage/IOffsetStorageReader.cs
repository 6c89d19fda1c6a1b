namespace StandaloneConnect.Sdk.Storage;

/// <summary>Reads a source connector's committed offsets (Kafka's <c>OffsetStorageReader</c>).</summary>
public interface IOffsetStorageReader
{
    /// <summary>The last committed offset for a source partition, or null when none was committed.</summary>
    IReadOnlyDictionary<string, object?>? Offset(IReadOnlyDictionary<string, object?> partition);

    /// <summary>The committed offsets of several partitions; partitions without an offset are left out.</summary>
    IReadOnlyList<KeyValuePair<IReadOnlyDictionary<string, object?>, IReadOnlyDictionary<string, object?>>> Offsets(
        IEnumerable<IReadOnlyDictionary<string, object?>> partitions);
}
