using StandaloneConnect.Transforms.Support;
using System.Collections;
using System.Globalization;
using System.Text.RegularExpressions;
using StandaloneConnect.Sdk;
using StandaloneConnect.Sdk.Config;
using StandaloneConnect.Sdk.Data;
using StandaloneConnect.Sdk.Transforms;

namespace StandaloneConnect.Transforms;

/// <summary>
/// Kafka's <c>Cast</c>: casts fields of a Struct or Map (<c>spec=field:type,...</c>) or the whole key/value
/// (<c>spec=type</c>) to int8..int64, float32, float64, boolean or string, with Java's conversions: narrowing wraps,
/// floats truncate, strings parse as Java does, numbers print as Java prints them, bytes become base64.
/// </summary>
public abstract partial class Cast : ITransformation, IVersioned
{
    public const string SpecConfig = "spec";
    public const string ReplaceNullWithDefaultConfig = "replace.null.with.default";

    private const string Purpose = "cast types";
    private const int SchemaCacheSize = 16;

    private static readonly SchemaType[] InputTypes =
    [
        SchemaType.Int8, SchemaType.Int16, SchemaType.Int32, SchemaType.Int64, SchemaType.Float32, SchemaType.Float64,
        SchemaType.Boolean, SchemaType.String, SchemaType.Bytes,
    ];

    private static readonly SchemaType[] OutputTypes = InputTypes[..^1];

    public static ConfigDef ConfigDef { get; } = new ConfigDef()
        .Define(SpecConfig, ConfigType.List, ConfigDef.NoDefault,
            Validators.Lambda(ValidateSpec, "list of colon-delimited pairs, e.g. <code>foo:bar,abc:xyz</code>"), Importance.High,
            "List of fields and the type to cast them to of the form field1:type,field2:type to cast fields of Maps or Structs. " +
            "A single type to cast the entire value. Valid types are int8, int16, int32, int64, float32, float64, boolean, and string. " +
            "Note that binary fields can only be cast to string.")
        .Define(ReplaceNullWithDefaultConfig, ConfigType.Boolean, true, Importance.Medium,
            "Whether to replace fields that have a default value and that are null to the default value. When set to true, the default value is used, otherwise null is used.");

    private readonly Dictionary<Schema, Schema> _schemaCache = [];
    private IReadOnlyList<(string Field, SchemaType Type)> _casts = [];
    private SchemaType? _wholeValueType;
    private bool _replaceNullWithDefault = true;

    private protected Cast()
    {
    }

    public ConfigDef Config => ConfigDef;

    public string Version => PluginVersion.Of(typeof(Cast));

    public void Configure(IReadOnlyDictionary<string, string> configs)
    {
        var parsed = ConfigDef.Parse(configs);
        var spec = ParseSpec(parsed.GetList(SpecConfig));
        _wholeValueType = spec.WholeValueType;
        _casts = spec.Fields;
        _replaceNullWithDefault = parsed.GetBoolean(ReplaceNullWithDefaultConfig);
        _schemaCache.Clear();
    }

    public ConnectRecord? Apply(ConnectRecord record)
    {
        var value = OperatingValue(record);
        if (value is null)
        {
            return record;
        }

        var schema = OperatingSchema(record);
        return schema is null ? ApplySchemaless(record, value) : ApplyWithSchema(record, schema, value);
    }

    public void Dispose() => GC.SuppressFinalize(this);

    private protected abstract Schema? OperatingSchema(ConnectRecord record);

    private protected abstract object? OperatingValue(ConnectRecord record);

    private protected abstract ConnectRecord NewRecord(ConnectRecord record, Schema? schema, object? value);

    private ConnectRecord ApplySchemaless(ConnectRecord record, object value)
    {
        if (_wholeValueType is { } whole)
        {
            return NewRecord(record, null, CastValue(null, value, whole));
        }

        var map = value as IDictionary ?? throw new DataException(
            $"Only Map objects supported in absence of schema for [{Purpose}], found: {FieldTransformSupport.JavaClassName(value)}");
        var updated = new Dictionary<string, object?>(StringComparer.Ordinal);
        foreach (DictionaryEntry entry in map)
        {
            updated[Convert.ToString(entry.Key, CultureInfo.InvariantCulture) ?? ""] = entry.Value;
        }

        foreach (var (field, type) in _casts)
        {
            updated[field] = CastValue(null, map.Contains(field) ? map[field] : null, type);
        }

        return NewRecord(record, null, updated);
    }

    private ConnectRecord ApplyWithSchema(ConnectRecord record, Schema schema, object value)
    {
        var updatedSchema = GetOrBuildSchema(schema);
        if (_wholeValueType is { } whole)
        {
            return NewRecord(record, updatedSchema, CastValue(schema, value, whole));
        }

        var st = value as Struct ?? throw new DataException(
            $"Only Struct objects supported for [{Purpose}], found: {FieldTransformSupport.JavaClassName(value)}");
        var updated = new Struct(updatedSchema);
        foreach (var field in st.Schema.Fields)
        {
            var original = _replaceNullWithDefault ? st.Get(field) : st.GetWithoutDefault(field.Name);
            var target = TargetType(field.Name);
            updated.Put(field.Name, target is { } type ? CastValue(field.Schema, original, type) : original);
        }

        return NewRecord(record, updatedSchema, updated);
    }

    private SchemaType? TargetType(string field)
    {
        foreach (var (name, type) in _casts)
        {
            if (name == field)
            {
                return type;
            }
        }

        return null;
    }

    private Schema GetOrBuildSchema(Schema schema)
    {
        if (_schemaCache.TryGetValue(schema, out var cached))
        {
            return cached;
        }

        SchemaBuilder builder;
        if (_wholeValueType is { } whole)
        {
            builder = FieldTransformSupport.CopySchemaBasics(schema, new SchemaBuilder(whole));
        }
        else
        {
            builder = FieldTransformSupport.CopySchemaBasics(schema, SchemaBuilder.Struct());
            foreach (var field in schema.Fields)
            {
                if (TargetType(field.Name) is not { } type)
                {
                    builder.Field(field.Name, field.Schema);
                    continue;
                }

                var fieldBuilder = new SchemaBuilder(type);
                if (field.Schema.IsOptional)
                {
                    fieldBuilder.Optional();
                }

                if (field.Schema.DefaultValue is { } fieldDefault)
                {
                    fieldBuilder.Default(CastValue(field.Schema, fieldDefault, type));
                }

                builder.Field(field.Name, fieldBuilder.Build());
            }
        }

        if (schema.IsOptional)
        {
            builder.Optional();
        }

        if (schema.DefaultValue is { } schemaDefault)
        {
            builder.Default(CastValue(schema, schemaDefault, builder.Type));
        }

        var built = builder.Build();
        if (_schemaCache.Count >= SchemaCacheSize)
        {
            _schemaCache.Clear();
        }

        _schemaCache[schema] = built;
        return built;
    }

    private static object? CastValue(Schema? schema, object? value, SchemaType target)
    {
        if (value is null)
        {
            return null;
        }

        var sourceType = schema?.Type ?? SchemaTypes.Infer(value) ?? throw new DataException(
            $"Cast transformation was passed a value of type class {FieldTransformSupport.JavaClassName(value)} which is not supported by Connect's data API");
        if (Array.IndexOf(InputTypes, sourceType) < 0)
        {
            throw new DataException($"Cast transformation does not support casting from {sourceType.KafkaName()}; supported types are {TypeList(InputTypes)}");
        }

        if (schema?.Name is { } logicalName && target != SchemaType.String && value is DateTime date)
        {
            value = logicalName switch
            {
                ConnectDate.LogicalName => ConnectDate.FromLogical(date),
                ConnectTime.LogicalName => ConnectTime.FromLogical(date),
                ConnectTimestamp.LogicalName => ConnectTimestamp.FromLogical(date),
                _ => value,
            };
        }

        try
        {
            return CastConversions.To(value, target);
        }
        catch (Exception e) when (e is FormatException or OverflowException)
        {
            throw new DataException($"Value ({JavaStringValue.Of(value)}) was out of range for requested data type", e);
        }
    }

    private static (SchemaType? WholeValueType, IReadOnlyList<(string Field, SchemaType Type)> Fields) ParseSpec(IReadOnlyList<string> mappings)
    {
        SchemaType? whole = null;
        var fields = new List<(string, SchemaType)>();
        foreach (var mapping in mappings)
        {
            var parts = JavaSplit(mapping);
            if (parts.Count is 0 or > 2)
            {
                throw new ConfigException(SpecConfig, string.Join(",", mappings), "Invalid rename mapping: " + mapping);
            }

            if (parts.Count == 1)
            {
                whole = OutputType(parts[0].Trim());
            }
            else
            {
                var field = parts[0].Trim();
                fields.RemoveAll(f => f.Item1 == field);
                fields.Add((field, OutputType(parts[1].Trim())));
            }
        }

        if (whole is not null && mappings.Count > 1)
        {
            throw new ConfigException("Cast transformations that specify a type to cast the entire value to may ony specify a single cast in their spec");
        }

        return (whole, fields);
    }

    private static void ValidateSpec(string name, object? value)
    {
        if (value is not IReadOnlyList<string> { Count: > 0 } list)
        {
            throw new ConfigException("Must specify at least one field to cast.");
        }

        ParseSpec(list);
    }

    private static SchemaType OutputType(string name)
    {
        var type = Enum.GetValues<SchemaType>().Cast<SchemaType?>()
            .FirstOrDefault(t => t!.Value.KafkaName() == name.ToUpperInvariant())
            ?? throw new ConfigException("Invalid type found in casting spec: " + name);
        if (Array.IndexOf(OutputTypes, type) < 0)
        {
            throw new ConfigException($"Cast transformation does not support casting to {type.KafkaName()}; supported types are {TypeList(OutputTypes)}");
        }

        return type;
    }

    /// <summary>Java's <c>String.split(":")</c>: trailing empty strings are dropped.</summary>
    private static List<string> JavaSplit(string mapping)
    {
        var parts = mapping.Split(':').ToList();
        while (parts.Count > 0 && parts[^1].Length == 0)
        {
            parts.RemoveAt(parts.Count - 1);
        }

        return parts;
    }

    private static string TypeList(SchemaType[] types) => "[" + string.Join(", ", types.Select(t => t.KafkaName())) + "]";

    /// <summary>Casts the record key.</summary>
    [PluginAlias("org.apache.kafka.connect.transforms.Cast$Key")]
    public sealed class Key : Cast
    {
        private protected override Schema? OperatingSchema(ConnectRecord record) => record.KeySchema;

        private protected override object? OperatingValue(ConnectRecord record) => record.Key;

        private protected override ConnectRecord NewRecord(ConnectRecord record, Schema? schema, object? value) =>
            record.NewRecord(record.Topic, record.KafkaPartition, schema, value, record.ValueSchema, record.Value, record.Timestamp);
    }

    /// <summary>Casts the record value.</summary>
    [PluginAlias("org.apache.kafka.connect.transforms.Cast$Value")]
    public sealed class Value : Cast
    {
        private protected override Schema? OperatingSchema(ConnectRecord record) => record.ValueSchema;

        private protected override object? OperatingValue(ConnectRecord record) => record.Value;

        private protected override ConnectRecord NewRecord(ConnectRecord record, Schema? schema, object? value) =>
            record.NewRecord(record.Topic, record.KafkaPartition, record.KeySchema, record.Key, schema, value, record.Timestamp);
    }

    /// <summary>Java's <c>Number.xxxValue()</c>, <c>Xxx.parseXxx</c> and <c>toString</c> as Kafka's Cast uses them.</summary>
    private static partial class CastConversions
    {
        private const long MillisPerDay = 86_400_000L;
        private static readonly JavaDateFormat TimeFormat = JavaDateFormat.Parse("HH:mm:ss.SSS'Z'");
        private static readonly JavaDateFormat DateFormat = JavaDateFormat.Parse("yyyy-MM-dd");
        private static readonly JavaDateFormat TimestampFormat = JavaDateFormat.Parse("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'");

        public static object To(object value, SchemaType target) => target switch
        {
            SchemaType.Int8 => value is string s ? sbyte.Parse(s, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture)
                : value is bool b ? (sbyte)(b ? 1 : 0) : unchecked((sbyte)JavaInt(value)),
            SchemaType.Int16 => value is string s ? short.Parse(s, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture)
                : value is bool b ? (short)(b ? 1 : 0) : unchecked((short)JavaInt(value)),
            SchemaType.Int32 => value is string s ? int.Parse(s, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture)
                : value is bool b ? (b ? 1 : 0) : JavaInt(value),
            SchemaType.Int64 => value is string s ? long.Parse(s, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture)
                : value is bool b ? (b ? 1L : 0L) : JavaLong(value),
            SchemaType.Float32 => value switch
            {
                string s => float.Parse(JavaFloatText(s), NumberStyles.Float, CultureInfo.InvariantCulture),
                bool b => b ? 1f : 0f,
                float f => f,
                double d => (float)d,
                decimal m => (float)m,
                _ => (float)JavaLong(value),
            },
            SchemaType.Float64 => value switch
            {
                string s => double.Parse(JavaFloatText(s), NumberStyles.Float, CultureInfo.InvariantCulture),
                bool b => b ? 1d : 0d,
                float f => (double)f,
                double d => d,
                decimal m => (double)m,
                _ => (double)JavaLong(value),
            },
            SchemaType.Boolean => value switch
            {
                string s => string.Equals(s, "true", StringComparison.OrdinalIgnoreCase),
                bool b => b,
                _ => JavaLong(value) != 0L,
            },
            SchemaType.String => value is DateTime date ? FormatDate(date) : JavaStringValue.Of(value),
            _ => throw new DataException(target.KafkaName() + " is not supported in the Cast transformation."),
        };

        /// <summary><c>Number.longValue()</c>: floats saturate (NaN is 0), decimals truncate and keep the low 64 bits.</summary>
        private static long JavaLong(object value) => value switch
        {
            sbyte or short or int or long => Convert.ToInt64(value, CultureInfo.InvariantCulture),
            float f => SaturatingLong(f),
            double d => SaturatingLong(d),
            decimal m => unchecked((long)(Int128)decimal.Truncate(m)),
            _ => throw Unexpected(value),
        };

        /// <summary><c>Number.intValue()</c>: integers keep their low 32 bits, floats saturate (NaN is 0).</summary>
        private static int JavaInt(object value) => value switch
        {
            float f => SaturatingInt(f),
            double d => SaturatingInt(d),
            decimal m => unchecked((int)(Int128)decimal.Truncate(m)),
            _ => unchecked((int)JavaLong(value)),
        };

        private static long SaturatingLong(double d) =>
            double.IsNaN(d) ? 0L : d >= long.MaxValue ? long.MaxValue : d <= long.MinValue ? long.MinValue : (long)d;

        private static int SaturatingInt(double d) =>
            double.IsNaN(d) ? 0 : d >= int.MaxValue ? int.MaxValue : d <= int.MinValue ? int.MinValue : (int)d;

        /// <summary>Accepts what <c>Double.parseDouble</c> accepts (decimal forms only, no hex), minus the f/d suffix.</summary>
        private static string JavaFloatText(string text)
        {
            var trimmed = text.Trim();
            if (JavaSpecialFloat().IsMatch(trimmed))
            {
                return trimmed;
            }

            if (!JavaDecimalFloat().IsMatch(trimmed))
            {
                throw new FormatException("For input string: \"" + text + "\"");
            }

            return trimmed[^1] is 'f' or 'F' or 'd' or 'D' ? trimmed[..^1] : trimmed;
        }

        /// <summary><c>Values.dateFormatFor</c>: a time before the first day, a date at midnight, otherwise a timestamp (UTC).</summary>
        private static string FormatDate(DateTime date)
        {
            var millis = ConnectTimestamp.FromLogical(date);
            var format = millis < MillisPerDay ? TimeFormat : millis % MillisPerDay == 0 ? DateFormat : TimestampFormat;
            return format.Format(millis);
        }

        private static DataException Unexpected(object value) =>
            new("Unexpected type in Cast transformation: class " + FieldTransformSupport.JavaClassName(value));

        [GeneratedRegex(@"^[+-]?(NaN|Infinity)$")]
        private static partial Regex JavaSpecialFloat();

        [GeneratedRegex(@"^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?[fFdD]?$")]
        private static partial Regex JavaDecimalFloat();
    }
}
