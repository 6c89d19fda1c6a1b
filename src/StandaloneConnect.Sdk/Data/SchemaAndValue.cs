namespace StandaloneConnect.Sdk.Data;

/// <summary>A schema and the value it describes; either may be null (Kafka's <c>SchemaAndValue</c>).</summary>
public readonly record struct SchemaAndValue(Schema? Schema, object? Value)
{
    /// <summary>No schema and no value (a tombstone).</summary>
    public static SchemaAndValue Null => default;
}
