using StandaloneConnect.Transforms.Support;
using System.Collections;
using System.Globalization;
using StandaloneConnect.Sdk;
using StandaloneConnect.Sdk.Config;
using StandaloneConnect.Sdk.Data;
using StandaloneConnect.Sdk.Transforms;

namespace StandaloneConnect.Transforms;

/// <summary>
/// Kafka's <c>MaskField</c>: replaces the listed fields with the "null value" of their type (0, false, "", an empty
/// list or map) or with a configured replacement (numeric and string fields only). Use <see cref="Key"/> or
/// <see cref="Value"/>.
/// </summary>
public abstract class MaskField : ITransformation, IVersioned
{
    public const string FieldsConfig = "fields";
    public const string ReplacementConfig = "replacement";
    public const string ReplaceNullWithDefaultConfig = "replace.null.with.default";
    private const string Purpose = "mask fields";

    private HashSet<string> _maskedFields = [];
    private string? _replacement;
    private bool _replaceNullWithDefault = true;

    private protected MaskField()
    {
    }

    public ConfigDef Config => CreateConfigDef();

    public string Version => PluginVersion.Of(typeof(MaskField));

    public static ConfigDef CreateConfigDef() => new ConfigDef()
        .Define(FieldsConfig, ConfigType.List, ConfigDef.NoDefault, FieldTransformSupport.NonEmptyList, Importance.High, "Names of fields to mask.")
        .Define(ReplacementConfig, ConfigType.String, null, Validators.NonEmptyString, Importance.Low,
            "Custom value replacement, that will be applied to all 'fields' values (numeric or non-empty string values only).")
        .Define(ReplaceNullWithDefaultConfig, ConfigType.Boolean, true, null, Importance.Medium,
            "Whether to replace fields that have a default value and that are null to the default value. " +
            "When set to true, the default value is used, otherwise null is used.");

    public void Configure(IReadOnlyDictionary<string, string> configs)
    {
        var parsed = CreateConfigDef().Parse(configs);
        _maskedFields = [.. parsed.GetList(FieldsConfig)];
        _replacement = parsed.GetString(ReplacementConfig);
        _replaceNullWithDefault = parsed.GetBoolean(ReplaceNullWithDefaultConfig);
    }

    public ConnectRecord? Apply(ConnectRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        return OperatingSchema(record) is null ? ApplySchemaless(record) : ApplyWithSchema(record);
    }

    public void Dispose() => GC.SuppressFinalize(this);

    private protected abstract Schema? OperatingSchema(ConnectRecord record);

    private protected abstract object? OperatingValue(ConnectRecord record);

    private protected abstract ConnectRecord NewRecord(ConnectRecord record, object? updatedValue);

    private ConnectRecord ApplySchemaless(ConnectRecord record)
    {
        if (OperatingValue(record) is not IDictionary value)
        {
            throw new DataException(
                $"Only Map objects supported in absence of schema for [{Purpose}], found: {FieldTransformSupport.JavaClassName(OperatingValue(record))}");
        }

        var updated = new Dictionary<object, object?>();
        foreach (DictionaryEntry entry in value)
        {
            updated[entry.Key] = entry.Value;
        }

        foreach (var field in _maskedFields)
        {
            updated[field] = Masked(value[field]);
        }

        return NewRecord(record, updated);
    }

    private ConnectRecord ApplyWithSchema(ConnectRecord record)
    {
        if (OperatingValue(record) is not Struct value)
        {
            throw new DataException($"Only Struct objects supported for [{Purpose}], found: {FieldTransformSupport.JavaClassName(OperatingValue(record))}");
        }

        var updated = new Struct(value.Schema);
        foreach (var field in value.Schema.Fields)
        {
            var original = _replaceNullWithDefault ? value.Get(field) : value.GetWithoutDefault(field.Name);
            updated.Put(field, _maskedFields.Contains(field.Name) ? Masked(original) : original);
        }

        return NewRecord(record, updated);
    }

    private object? Masked(object? value)
    {
        if (value is null)
        {
            return null;
        }

        return _replacement is null ? MaskWithNullValue(value) : MaskWithReplacement(value, _replacement);
    }

    private static object MaskWithNullValue(object value) => value switch
    {
        bool => false,
        sbyte => (sbyte)0,
        short => (short)0,
        int => 0,
        long => 0L,
        float => 0f,
        double => 0d,
        decimal => 0m,
        DateTime => DateTime.UnixEpoch,
        string => "",
        byte[] or ReadOnlyMemory<byte> => throw new DataException("Cannot mask value of type: " + value.GetType()),
        IList => new List<object?>(),
        IDictionary => new Dictionary<object, object?>(),
        _ => throw new DataException("Cannot mask value of type: " + value.GetType()),
    };

    private static object MaskWithReplacement(object value, string replacement)
    {
        if (value is string)
        {
            return replacement;
        }

        if (value is not (sbyte or short or int or long or float or double or decimal))
        {
            throw new DataException($"Cannot mask value of type {value.GetType()} with custom replacement.");
        }

        try
        {
            return value switch
            {
                float => float.Parse(replacement, NumberStyles.Float, CultureInfo.InvariantCulture),
                double => double.Parse(replacement, NumberStyles.Float, CultureInfo.InvariantCulture),
                decimal => decimal.Parse(replacement, NumberStyles.Float, CultureInfo.InvariantCulture),
                _ => ToIntegral(value, ParseWhole(replacement)),
            };
        }
        catch (Exception e) when (e is FormatException or OverflowException)
        {
            throw new DataException($"Unable to convert {replacement} (class java.lang.String) to number", e);
        }
    }

    // Kafka converts through Values.convertToXxx: whole numbers are narrowed, fractions truncated.
    private static long ParseWhole(string text) =>
        long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var whole)
            ? whole
            : (long)Math.Truncate(double.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture));

    private static object ToIntegral(object template, long number) => template switch
    {
        // Each arm is boxed on its own; without the casts the switch's natural type would be long.
        sbyte => (object)unchecked((sbyte)number),
        short => (object)unchecked((short)number),
        int => (object)unchecked((int)number),
        _ => (object)number,
    };

    /// <summary>Masks fields of the record key.</summary>
    [PluginAlias("org.apache.kafka.connect.transforms.MaskField$Key")]
    public sealed class Key : MaskField
    {
        private protected override Schema? OperatingSchema(ConnectRecord record) => record.KeySchema;

        private protected override object? OperatingValue(ConnectRecord record) => record.Key;

        private protected override ConnectRecord NewRecord(ConnectRecord record, object? updatedValue) =>
            record.NewRecord(record.Topic, record.KafkaPartition, record.KeySchema, updatedValue, record.ValueSchema,
                record.Value, record.Timestamp);
    }

    /// <summary>Masks fields of the record value.</summary>
    [PluginAlias("org.apache.kafka.connect.transforms.MaskField$Value")]
    public sealed class Value : MaskField
    {
        private protected override Schema? OperatingSchema(ConnectRecord record) => record.ValueSchema;

        private protected override object? OperatingValue(ConnectRecord record) => record.Value;

        private protected override ConnectRecord NewRecord(ConnectRecord record, object? updatedValue) =>
            record.NewRecord(record.Topic, record.KafkaPartition, record.KeySchema, record.Key, record.ValueSchema,
                updatedValue, record.Timestamp);
    }
}
