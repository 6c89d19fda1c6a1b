using System.Text;

namespace StandaloneConnect.Testing;

/// <summary>A record read back from an <see cref="EmbeddedKafkaCluster"/> topic.</summary>
/// <param name="Topic">Topic it was read from.</param>
/// <param name="Partition">Partition it was read from.</param>
/// <param name="Offset">Its offset in that partition.</param>
/// <param name="Key">Raw key bytes, or null.</param>
/// <param name="Value">Raw value bytes, or null (tombstone).</param>
/// <param name="Headers">Headers in order; a header value may be null.</param>
/// <param name="Timestamp">The record timestamp (create or log-append time).</param>
public sealed record ConsumedRecord(
    string Topic,
    int Partition,
    long Offset,
    byte[]? Key,
    byte[]? Value,
    IReadOnlyList<KeyValuePair<string, byte[]?>> Headers,
    DateTimeOffset Timestamp)
{
    /// <summary>The key decoded as UTF-8, or null.</summary>
    public string? KeyAsString => Key is null ? null : Encoding.UTF8.GetString(Key);

    /// <summary>The value decoded as UTF-8, or null.</summary>
    public string? ValueAsString => Value is null ? null : Encoding.UTF8.GetString(Value);
}
