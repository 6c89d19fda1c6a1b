using System.Collections;
using StandaloneConnect.Sdk;
using StandaloneConnect.Sdk.Config;
using StandaloneConnect.Sdk.Data;

namespace StandaloneConnect.Transforms.Support;

/// <summary>
/// Helpers shared by the SMTs: which part of the
/// record a <c>$Key</c>/<c>$Value</c> variant works on, Kafka's <c>Requirements</c> checks with Kafka's messages,
/// schema copying and the <c>replace.null.with.default</c> lookup (KIP-1040).
/// </summary>
internal static class FieldTransformSupport
{
    public const string ReplaceNullWithDefaultConfig = "replace.null.with.default";

    public const string ReplaceNullWithDefaultDoc =
        "Whether to replace fields that have a default value and that are null to the default value. "
        + "When set to true, the default value is used, otherwise null is used.";

    /// <summary>The record part a <c>$Key</c> or <c>$Value</c> variant operates on.</summary>
    public enum Part
    {
        Key,
        Value,
    }

    public static Schema? OperatingSchema(this Part part, ConnectRecord record) =>
        part == Part.Key ? record.KeySchema : record.ValueSchema;

    public static object? OperatingValue(this Part part, ConnectRecord record) =>
        part == Part.Key ? record.Key : record.Value;

    /// <summary>A copy of the record with the operated-on part replaced; everything else (headers too) is kept.</summary>
    public static ConnectRecord NewRecord(this Part part, ConnectRecord record, Schema? schema, object? value) =>
        part == Part.Key
            ? record.NewRecord(record.Topic, record.KafkaPartition, schema, value, record.ValueSchema, record.Value, record.Timestamp)
            : record.NewRecord(record.Topic, record.KafkaPartition, record.KeySchema, record.Key, schema, value, record.Timestamp);

    /// <summary>A copy of the record with the operated-on part and the headers replaced.</summary>
    public static ConnectRecord NewRecord(this Part part, ConnectRecord record, Schema? schema, object? value,
        ConnectHeaders headers) =>
        part == Part.Key
            ? record.NewRecord(record.Topic, record.KafkaPartition, schema, value, record.ValueSchema, record.Value,
                record.Timestamp, headers)
            : record.NewRecord(record.Topic, record.KafkaPartition, record.KeySchema, record.Key, schema, value,
                record.Timestamp, headers);

    /// <summary>Adds the <c>replace.null.with.default</c> key (BOOLEAN, default true).</summary>
    public static ConfigDef DefineReplaceNullWithDefault(this ConfigDef def) =>
        def.Define(ReplaceNullWithDefaultConfig, ConfigType.Boolean, true, Importance.Medium, ReplaceNullWithDefaultDoc);

    public static Struct RequireStruct(object? value, string purpose) =>
        value as Struct
        ?? throw new DataException($"Only Struct objects supported for [{purpose}], found: {JavaClassName(value)}");

    public static Struct? RequireStructOrNull(object? value, string purpose) =>
        value is null ? null : RequireStruct(value, purpose);

    public static IDictionary RequireMap(object? value, string purpose) =>
        value as IDictionary
        ?? throw new DataException(
            $"Only Map objects supported in absence of schema for [{purpose}], found: {JavaClassName(value)}");

    public static IDictionary? RequireMapOrNull(object? value, string purpose) =>
        value is null ? null : RequireMap(value, purpose);

    public static SinkRecord RequireSinkRecord(ConnectRecord record, string purpose) =>
        record as SinkRecord
        ?? throw new DataException($"Only SinkRecord supported for [{purpose}], found: {JavaClassName(record)}");

    /// <summary>Kafka's <c>SchemaUtil.copySchemaBasics</c>: name, version, doc and parameters (not optionality).</summary>
    public static SchemaBuilder CopySchemaBasics(Schema source, SchemaBuilder builder)
    {
        builder.SetName(source.Name).SetVersion(source.Version).SetDoc(source.Doc);
        return builder.SetParameters(source.Parameters);
    }

    /// <summary>The field's value, or (with <paramref name="replaceNullWithDefault"/>) its schema default when null.</summary>
    public static object? GetFieldValue(Struct value, Field field, bool replaceNullWithDefault) =>
        replaceNullWithDefault ? value.Get(field) : value.GetWithoutDefault(field);

    /// <summary>A mutable copy of a schemaless map, in the shape JsonConverter produces.</summary>
    /// <param name="source">The map to copy; its entries keep their order.</param>
    /// <param name="extraCapacity">Room for entries the caller is about to add (avoids a resize).</param>
    public static Dictionary<object, object?> CopyMap(IDictionary source, int extraCapacity = 0)
    {
        switch (source)
        {
            case Dictionary<object, object?> typed:
                // What the converters produce: copied entry by entry without boxing, re-hashing or an enumerator
                // (growing, when needed, keeps the stored hash codes and the order).
                var copied = new Dictionary<object, object?>(typed, typed.Comparer);
                if (extraCapacity > 0)
                {
                    copied.EnsureCapacity(copied.Count + extraCapacity);
                }

                return copied;
            case Dictionary<string, object?> strings:
                // What a schemaless source typically builds: the generic enumerator boxes nothing.
                var fromStrings = new Dictionary<object, object?>(strings.Count + extraCapacity);
                foreach (var (key, value) in strings)
                {
                    fromStrings[key] = value;
                }

                return fromStrings;
        }

        var copy = new Dictionary<object, object?>(source.Count + extraCapacity);
        foreach (DictionaryEntry entry in source)
        {
            copy[entry.Key] = entry.Value;
        }

        return copy;
    }

    /// <summary>Kafka's <c>NonEmptyListValidator</c>: a LIST that must have at least one element.</summary>
    public static IValidator NonEmptyList { get; } = Validators.Lambda((name, value) =>
    {
        if (value is not IReadOnlyCollection<string> { Count: > 0 })
        {
            throw new ConfigException(name, value is null ? null : "[]", "Empty list");
        }
    }, "non-empty list");

    /// <summary>The Java class name Kafka would print for a value (its messages say <c>found: java.lang.String</c>).</summary>
    public static string JavaClassName(object? value) => value switch
    {
        null => "null",
        string => "java.lang.String",
        sbyte => "java.lang.Byte",
        short => "java.lang.Short",
        int => "java.lang.Integer",
        long => "java.lang.Long",
        float => "java.lang.Float",
        double => "java.lang.Double",
        bool => "java.lang.Boolean",
        decimal => "java.math.BigDecimal",
        DateTime => "java.util.Date",
        byte[] or ReadOnlyMemory<byte> => "[B",
        Struct => "org.apache.kafka.connect.data.Struct",
        SinkRecord => "org.apache.kafka.connect.sink.SinkRecord",
        SourceRecord => "org.apache.kafka.connect.source.SourceRecord",
        IDictionary => "java.util.HashMap",
        IList => "java.util.ArrayList",
        _ => value.GetType().FullName ?? value.GetType().Name,
    };
}
