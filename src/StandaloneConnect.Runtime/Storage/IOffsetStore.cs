namespace StandaloneConnect.Runtime.Storage;

/// <summary>A source partition and its offset (null offset: a tombstone that removes the partition).</summary>
public sealed record SourceOffsetEntry(IReadOnlyDictionary<string, object?> Partition, IReadOnlyDictionary<string, object?>? Offset);

/// <summary>
/// Durable storage of source connector offsets. Implementations load everything at start-up (failing with
/// <see cref="OffsetStoreException"/> on a corrupt store, never resetting it), answer reads from memory and make
/// every <see cref="SetAsync"/> durable and atomic before it completes. Thread-safe.
/// </summary>
public interface IOffsetStore : IDisposable
{
    /// <summary>Where the offsets live, for messages (a file path).</summary>
    string Location { get; }

    /// <summary>Reads the store; throws <see cref="OffsetStoreException"/> naming the file when it cannot be read.</summary>
    void Load();

    IReadOnlyDictionary<string, object?>? Get(string connector, IReadOnlyDictionary<string, object?> partition);

    IReadOnlyList<SourceOffsetEntry> GetAll(string connector);

    /// <summary>Writes offsets of one connector atomically; a null offset removes that partition.</summary>
    Task SetAsync(string connector, IReadOnlyCollection<SourceOffsetEntry> offsets, CancellationToken cancellationToken);
}

/// <summary>The offset store cannot be read or written; the message names the file.</summary>
public sealed class OffsetStoreException(string message, Exception? inner = null) : Exception(message, inner);
