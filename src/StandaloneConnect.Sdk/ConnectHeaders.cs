using System.Collections;
using StandaloneConnect.Sdk.Data;

namespace StandaloneConnect.Sdk;

/// <summary>
/// The ordered, mutable header list of a record (Kafka's <c>ConnectHeaders</c>). Several headers may share a key.
/// </summary>
public sealed class ConnectHeaders : IReadOnlyCollection<Header>
{
    private readonly List<Header> _headers;

    public ConnectHeaders() => _headers = [];

    public ConnectHeaders(IEnumerable<Header> headers) => _headers = [.. headers];

    public int Count => _headers.Count;

    public bool IsEmpty => _headers.Count == 0;

    public ConnectHeaders Add(Header header)
    {
        ArgumentNullException.ThrowIfNull(header);
        _headers.Add(header);
        return this;
    }

    public ConnectHeaders Add(string key, Schema? schema, object? value)
    {
        ArgumentNullException.ThrowIfNull(key);
        if (schema is not null)
        {
            Schema.ValidateValue(schema, value);
        }

        return Add(new Header(key, schema, value));
    }

    public ConnectHeaders Add(string key, SchemaAndValue schemaAndValue) => Add(key, schemaAndValue.Schema, schemaAndValue.Value);

    public ConnectHeaders AddString(string key, string? value) => Add(key, Schema.OptionalString, value);

    public ConnectHeaders AddBytes(string key, byte[]? value) => Add(key, Schema.OptionalBytes, value);

    public ConnectHeaders AddBoolean(string key, bool value) => Add(key, Schema.Boolean, value);

    public ConnectHeaders AddInt(string key, int value) => Add(key, Schema.Int32, value);

    public ConnectHeaders AddLong(string key, long value) => Add(key, Schema.Int64, value);

    /// <summary>The last header with this key, or null.</summary>
    public Header? LastWithName(string key) => _headers.FindLast(h => h.Key == key);

    public IEnumerable<Header> AllWithName(string key) => _headers.Where(h => h.Key == key);

    /// <summary>Removes every header with this key.</summary>
    public ConnectHeaders Remove(string key)
    {
        _headers.RemoveAll(h => h.Key == key);
        return this;
    }

    public ConnectHeaders Clear()
    {
        _headers.Clear();
        return this;
    }

    /// <summary>A shallow copy (headers are immutable).</summary>
    public ConnectHeaders Duplicate() => new(_headers);

    public IEnumerator<Header> GetEnumerator() => _headers.GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
