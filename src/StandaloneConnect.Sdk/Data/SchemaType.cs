namespace StandaloneConnect.Sdk.Data;

/// <summary>The Connect schema types (Kafka's <c>Schema.Type</c>).</summary>
public enum SchemaType
{
    Int8,
    Int16,
    Int32,
    Int64,
    Float32,
    Float64,
    Boolean,
    String,
    Bytes,
    Array,
    Map,
    Struct,
}

/// <summary>Helpers over <see cref="SchemaType"/>.</summary>
public static class SchemaTypes
{
    /// <summary>The upper-case name Kafka prints (<c>INT32</c>, <c>STRUCT</c>).</summary>
    public static string KafkaName(this SchemaType type) => type switch
    {
        SchemaType.Int8 => "INT8",
        SchemaType.Int16 => "INT16",
        SchemaType.Int32 => "INT32",
        SchemaType.Int64 => "INT64",
        SchemaType.Float32 => "FLOAT32",
        SchemaType.Float64 => "FLOAT64",
        SchemaType.Boolean => "BOOLEAN",
        SchemaType.String => "STRING",
        SchemaType.Bytes => "BYTES",
        SchemaType.Array => "ARRAY",
        SchemaType.Map => "MAP",
        SchemaType.Struct => "STRUCT",
        _ => throw new ArgumentOutOfRangeException(nameof(type)),
    };

    /// <summary>True for every type except ARRAY, MAP and STRUCT.</summary>
    public static bool IsPrimitive(this SchemaType type) => type < SchemaType.Array;

    /// <summary>
    /// The schema type of a plain value, as Kafka's <c>ConnectSchema.schemaType(Class)</c> infers it, or null
    /// when the value's CLR type has no Connect equivalent.
    /// </summary>
    public static SchemaType? Infer(object? value) => value switch
    {
        sbyte => SchemaType.Int8,
        short => SchemaType.Int16,
        int => SchemaType.Int32,
        long => SchemaType.Int64,
        float => SchemaType.Float32,
        double => SchemaType.Float64,
        bool => SchemaType.Boolean,
        string => SchemaType.String,
        byte[] => SchemaType.Bytes,
        ReadOnlyMemory<byte> => SchemaType.Bytes,
        Struct => SchemaType.Struct,
        System.Collections.IDictionary => SchemaType.Map,
        System.Collections.IList => SchemaType.Array,
        _ => null,
    };
}
