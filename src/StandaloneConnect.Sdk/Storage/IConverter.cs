using StandaloneConnect.Sdk.Config;
using StandaloneConnect.Sdk.Data;

namespace StandaloneConnect.Sdk.Storage;

/// <summary>
/// Converts between Connect data and the bytes stored in Kafka (Kafka's <c>Converter</c>). One instance converts
/// either keys or values of one task; it is called from that task's thread only.
/// </summary>
public interface IConverter
{
    /// <summary>The converter's settings, for <c>/connector-plugins</c>; empty by default.</summary>
    ConfigDef Config => new();

    /// <summary>Called once with the converter's settings (prefix removed) before use.</summary>
    void Configure(IReadOnlyDictionary<string, string> configs, bool isKey);

    /// <summary>Serializes a value; returns null for a tombstone.</summary>
    byte[]? FromConnectData(string topic, ConnectHeaders? headers, Schema? schema, object? value);

    /// <summary>Deserializes bytes (null for a tombstone) into a schema and value.</summary>
    SchemaAndValue ToConnectData(string topic, ConnectHeaders? headers, byte[]? value);
}

/// <summary>Converts header values to and from bytes (Kafka's <c>HeaderConverter</c>).</summary>
public interface IHeaderConverter
{
    ConfigDef Config => new();

    void Configure(IReadOnlyDictionary<string, string> configs);

    SchemaAndValue ToConnectHeader(string topic, string headerKey, byte[]? value);

    byte[]? FromConnectHeader(string topic, string headerKey, Schema? schema, object? value);
}

/// <summary>The <c>converter.type</c> values the framework passes to converters.</summary>
public static class ConverterType
{
    public const string ConfigKey = "converter.type";
    public const string Key = "key";
    public const string Value = "value";
    public const string Header = "header";
}
