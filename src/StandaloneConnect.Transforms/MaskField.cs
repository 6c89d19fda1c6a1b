using System.Collections;
using StandaloneConnect.Sdk;
using StandaloneConnect.Sdk.Config;
using StandaloneConnect.Sdk.Data;
using StandaloneConnect.Sdk.Transforms;
using StandaloneConnect.Transforms.Support;
using static StandaloneConnect.Transforms.Support.FieldTransformSupport;

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
    public const string ReplaceNullWithDefaultConfig = FieldTransformSupport.ReplaceNullWithDefaultConfig;
    private const string Purpose = "mask fields";

    private readonly Part _part;
    private readonly SchemaUpdateCache<bool[]> _maskPlans;
    private HashSet<string> _maskedFields = [];
    private string? _replacement;
    private bool _replaceNullWithDefault = true;

    private protected MaskField(Part part)
    {
        _part = part;
        _maskPlans = new SchemaUpdateCache<bool[]>(MaskPlan);
    }

    public ConfigDef Config => CreateConfigDef();

    public string Version => PluginVersion.Of(typeof(MaskField));

    public static ConfigDef CreateConfigDef() => new ConfigDef()
        .Define(FieldsConfig, ConfigType.List, ConfigDef.NoDefault, FieldTransformSupport.NonEmptyList, Importance.High, "Names of fields to mask.")
        .Define(ReplacementConfig, ConfigType.String, null, Validators.NonEmptyString, Importance.Low,
            "Custom value replacement, that will be applied to all 'fields' values (numeric or non-empty string values only).")
        .DefineReplaceNullWithDefault();

    public void Configure(IReadOnlyDictionary<string, string> configs)
    {
        var parsed = CreateConfigDef().Parse(configs);
        _maskedFields = new HashSet<string>(parsed.GetList(FieldsConfig), StringComparer.Ordinal);
        _replacement = parsed.GetString(ReplacementConfig);
        _replaceNullWithDefault = parsed.GetBoolean(ReplaceNullWithDefaultConfig);
        _maskPlans.Clear();
    }

    public ConnectRecord? Apply(ConnectRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        var schema = _part.OperatingSchema(record);
        return schema is null ? ApplySchemaless(record) : ApplyWithSchema(record, schema);
    }

    public void Dispose() => GC.SuppressFinalize(this);

    private ConnectRecord ApplySchemaless(ConnectRecord record)
    {
        var value = FieldTransformSupport.RequireMap(_part.OperatingValue(record), Purpose);
        var updated = FieldTransformSupport.CopyMap(value);
        foreach (var field in _maskedFields)
        {
            updated[field] = Masked(value[field]);
        }

        return _part.NewRecord(record, null, updated);
    }

    private ConnectRecord ApplyWithSchema(ConnectRecord record, Schema schema)
    {
        var value = FieldTransformSupport.RequireStruct(_part.OperatingValue(record), Purpose);
        var masked = _maskPlans.Get(value.Schema);
        var fields = value.Schema.Fields;
        var updated = new Struct(value.Schema);
        for (var i = 0; i < fields.Count; i++)
        {
            var field = fields[i];
            var original = FieldTransformSupport.GetFieldValue(value, field, _replaceNullWithDefault);
            updated.Put(field, masked[i] ? Masked(original) : original);
        }

        // Like Kafka, the record keeps the schema it came with (the struct's own schema is the one used above).
        return _part.NewRecord(record, schema, updated);
    }

    /// <summary>Which fields of a struct schema (by position) are masked.</summary>
    private bool[] MaskPlan(Schema schema)
    {
        var fields = schema.Fields;
        var plan = new bool[fields.Count];
        for (var i = 0; i < plan.Length; i++)
        {
            plan[i] = _maskedFields.Contains(fields[i].Name);
        }

        return plan;
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
        byte[] or ReadOnlyMemory<byte> => throw CannotMask(value),
        IList => new List<object?>(),
        IDictionary => new Dictionary<object, object?>(),
        _ => throw CannotMask(value),
    };

    // Kafka prints value.getClass(): "Cannot mask value of type: class [B".
    private static DataException CannotMask(object value) =>
        new("Cannot mask value of type: class " + FieldTransformSupport.JavaClassName(value));

    private static object MaskWithReplacement(object value, string replacement)
    {
        if (value is string)
        {
            return replacement;
        }

        if (value is not (sbyte or short or int or long or float or double or decimal))
        {
            throw new DataException(
                $"Cannot mask value of type class {FieldTransformSupport.JavaClassName(value)} with custom replacement.");
        }

        if (value is decimal)
        {
            // Kafka: new BigDecimal(replacement); its NumberFormatException becomes "... to number".
            return MaskReplacement.TryParseDecimal(replacement, out var number)
                ? number
                : throw new DataException($"Unable to convert {replacement} (class java.lang.String) to number");
        }

        // Kafka: Values.convertToXxx -> new BigDecimal(text).longValue()/doubleValue(), narrowed like a Java cast.
        if (!MaskReplacement.IsJavaDecimal(replacement))
        {
            throw new DataException($"Unable to convert {replacement} (class java.lang.String) to a number");
        }

        return value switch
        {
            float => (object)(float)MaskReplacement.ToDouble(replacement),
            double => (object)MaskReplacement.ToDouble(replacement),
            sbyte => (object)unchecked((sbyte)MaskReplacement.ToLong(replacement)),
            short => (object)unchecked((short)MaskReplacement.ToLong(replacement)),
            int => (object)unchecked((int)MaskReplacement.ToLong(replacement)),
            _ => (object)MaskReplacement.ToLong(replacement),
        };
    }

    /// <summary>Masks fields of the record key.</summary>
    [PluginAlias("org.apache.kafka.connect.transforms.MaskField$Key")]
    public sealed class Key() : MaskField(Part.Key);

    /// <summary>Masks fields of the record value.</summary>
    [PluginAlias("org.apache.kafka.connect.transforms.MaskField$Value")]
    public sealed class Value() : MaskField(Part.Value);
}
