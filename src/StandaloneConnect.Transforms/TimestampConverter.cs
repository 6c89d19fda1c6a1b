using StandaloneConnect.Transforms.Support;
using StandaloneConnect.Sdk;
using StandaloneConnect.Sdk.Config;
using StandaloneConnect.Sdk.Data;
using StandaloneConnect.Sdk.Transforms;

namespace StandaloneConnect.Transforms;

/// <summary>
/// Kafka's <c>TimestampConverter</c>: converts a timestamp field of a Struct or Map (<c>field</c>), or the whole
/// key/value, between a formatted string, Unix time (INT64 at <c>unix.precision</c>) and the Connect Date, Time and
/// Timestamp logical types. Conversions pass through a UTC instant; Date keeps the day, Time the time of day.
/// </summary>
public abstract class TimestampConverter : ITransformation, IVersioned
{
    public const string FieldConfig = "field";
    public const string TargetTypeConfig = "target.type";
    public const string FormatConfig = "format";
    public const string UnixPrecisionConfig = "unix.precision";
    public const string ReplaceNullWithDefaultConfig = FieldTransformSupport.ReplaceNullWithDefaultConfig;

    private const string Purpose = "converting timestamp formats";
    private const string TypeString = "string";
    private const string TypeUnix = "unix";
    private const string TypeDate = "Date";
    private const string TypeTime = "Time";
    private const string TypeTimestamp = "Timestamp";
    private const string PrecisionMillis = "milliseconds";
    private const string PrecisionMicros = "microseconds";
    private const string PrecisionNanos = "nanoseconds";
    private const string PrecisionSeconds = "seconds";
    private const long MillisPerDay = 86_400_000L;

    public static ConfigDef ConfigDef { get; } = new ConfigDef()
        .Define(FieldConfig, ConfigType.String, "", Importance.High,
            "The field containing the timestamp, or empty if the entire value is a timestamp")
        .Define(TargetTypeConfig, ConfigType.String, ConfigDef.NoDefault,
            Validators.In(TypeString, TypeUnix, TypeDate, TypeTime, TypeTimestamp), Importance.High,
            "The desired timestamp representation: string, unix, Date, Time, or Timestamp")
        .Define(FormatConfig, ConfigType.String, "", Importance.Medium,
            "A SimpleDateFormat-compatible format for the timestamp. Used to generate the output when type=string "
            + "or used to parse the input if the input is a string.")
        .Define(UnixPrecisionConfig, ConfigType.String, PrecisionMillis,
            Validators.In(PrecisionNanos, PrecisionMicros, PrecisionMillis, PrecisionSeconds), Importance.Low,
            "The desired Unix precision for the timestamp: seconds, milliseconds, microseconds, or nanoseconds. "
            + "Used to generate the output when type=unix or used to parse the input if the input is a Long."
            + "Note: This SMT will cause precision loss during conversions from, and to, values with sub-millisecond components.")
        .DefineReplaceNullWithDefault();

    private readonly FieldTransformSupport.Part _part;
    private readonly SchemaUpdateCache<Schema> _schemaCache;
    private string _field = "";
    private string _targetType = TypeTimestamp;
    private JavaDateFormat? _format;
    private string _unixPrecision = PrecisionMillis;
    private bool _replaceNullWithDefault = true;

    private protected TimestampConverter(FieldTransformSupport.Part part)
    {
        _part = part;
        _schemaCache = new SchemaUpdateCache<Schema>(BuildSchema);
    }

    public ConfigDef Config => ConfigDef;

    public string Version => PluginVersion.Of(typeof(TimestampConverter));

    public void Configure(IReadOnlyDictionary<string, string> configs)
    {
        var parsed = ConfigDef.Parse(configs);
        var targetType = parsed.GetString(TargetTypeConfig)!;
        var pattern = parsed.GetString(FormatConfig);
        if (targetType == TypeString && string.IsNullOrWhiteSpace(pattern))
        {
            throw new ConfigException("TimestampConverter requires format option to be specified when using string timestamps");
        }

        JavaDateFormat? format = null;
        if (!string.IsNullOrWhiteSpace(pattern))
        {
            try
            {
                format = JavaDateFormat.Parse(pattern);
            }
            catch (ConfigException e)
            {
                // Kafka passes the IllegalArgumentException as the value of ConfigException(String name, Object value),
                // so its message reads "Invalid value java.lang.IllegalArgumentException: ... for configuration ..."
                throw new ConfigException(
                    "TimestampConverter requires a SimpleDateFormat-compatible pattern for string timestamps: " + pattern,
                    "java.lang.IllegalArgumentException: " + e.Message, null);
            }
        }

        _field = parsed.GetString(FieldConfig) ?? "";
        _targetType = targetType;
        _format = format;
        _unixPrecision = parsed.GetString(UnixPrecisionConfig)!;
        _replaceNullWithDefault = parsed.GetBoolean(ReplaceNullWithDefaultConfig);
        _schemaCache.Clear();
    }

    public ConnectRecord? Apply(ConnectRecord record)
    {
        var schema = _part.OperatingSchema(record);
        var value = _part.OperatingValue(record);
        return schema is null ? ApplySchemaless(record, value) : ApplyWithSchema(record, schema, value);
    }

    public void Dispose() => GC.SuppressFinalize(this);

    private ConnectRecord ApplySchemaless(ConnectRecord record, object? value)
    {
        if (value is null || _field.Length == 0)
        {
            return _part.NewRecord(record, null, Convert(value, null));
        }

        var map = FieldTransformSupport.RequireMap(value, Purpose);
        var updated = FieldTransformSupport.CopyMap(map);
        updated[_field] = Convert(map.Contains(_field) ? map[_field] : null, null);
        return _part.NewRecord(record, null, updated);
    }

    private ConnectRecord ApplyWithSchema(ConnectRecord record, Schema schema, object? value)
    {
        if (_field.Length == 0)
        {
            return _part.NewRecord(record, TargetSchema(schema.IsOptional), Convert(value, TypeFromSchema(schema)));
        }

        var st = FieldTransformSupport.RequireStructOrNull(value, Purpose);
        var updatedSchema = _schemaCache.Get(schema);
        return _part.NewRecord(record, updatedSchema, ApplyToStruct(st, updatedSchema));
    }

    private Schema BuildSchema(Schema schema)
    {
        var builder = FieldTransformSupport.CopySchemaBasics(schema, SchemaBuilder.Struct());
        foreach (var field in schema.Fields)
        {
            builder.Field(field.Name, field.Name == _field ? TargetSchema(field.Schema.IsOptional) : field.Schema);
        }

        if (schema.IsOptional)
        {
            builder.Optional();
        }

        if (schema.DefaultValue is Struct defaultValue)
        {
            builder.Default(ApplyToStruct(defaultValue, builder.Build()));
        }

        return builder.Build();
    }

    private Struct? ApplyToStruct(Struct? value, Schema updatedSchema)
    {
        if (value is null)
        {
            return null;
        }

        var updated = new Struct(updatedSchema);
        foreach (var field in value.Schema.Fields)
        {
            var original = FieldTransformSupport.GetFieldValue(value, field, _replaceNullWithDefault);
            updated.Put(field.Name, field.Name == _field ? Convert(original, TypeFromSchema(field.Schema)) : original);
        }

        return updated;
    }

    private Schema TargetSchema(bool optional) => _targetType switch
    {
        TypeString => optional ? Schema.OptionalString : Schema.String,
        TypeUnix => optional ? Schema.OptionalInt64 : Schema.Int64,
        TypeDate => optional ? ConnectDate.Builder().Optional().Build() : ConnectDate.Schema,
        TypeTime => optional ? ConnectTime.Builder().Optional().Build() : ConnectTime.Schema,
        _ => optional ? ConnectTimestamp.Builder().Optional().Build() : ConnectTimestamp.Schema,
    };

    /// <summary>Kafka's <c>timestampTypeFromSchema</c>.</summary>
    private static string TypeFromSchema(Schema schema) => schema.Name switch
    {
        ConnectTimestamp.LogicalName => TypeTimestamp,
        ConnectDate.LogicalName => TypeDate,
        ConnectTime.LogicalName => TypeTime,
        _ when schema.Type == SchemaType.String => TypeString,
        _ when schema.Type == SchemaType.Int64 => TypeUnix,
        _ => throw new ConnectException($"Schema {schema} does not correspond to a known timestamp type format"),
    };

    /// <summary>Kafka's <c>inferTimestampType</c>: Date/Time/Timestamp share one runtime type, so a DateTime is a Timestamp.</summary>
    private static string InferType(object value) => value switch
    {
        DateTime => TypeTimestamp,
        long => TypeUnix,
        string => TypeString,
        _ => throw new DataException($"TimestampConverter does not support class {FieldTransformSupport.JavaClassName(value)} objects as timestamps"),
    };

    private object? Convert(object? value, string? sourceType)
    {
        if (value is null)
        {
            return null;
        }

        var millis = ToMillis(value, sourceType ?? InferType(value));
        return FromMillis(millis);
    }

    /// <summary>The source translator's <c>toRaw</c>: the instant as milliseconds since the epoch.</summary>
    private long ToMillis(object value, string sourceType)
    {
        switch (sourceType)
        {
            case TypeString:
                if (value is not string text)
                {
                    throw new DataException("Expected string timestamp to be a String, but found class " + FieldTransformSupport.JavaClassName(value));
                }

                // Kafka dereferences its null format here (a NullPointerException); say what is missing instead
                var format = _format ?? throw new DataException(
                    "TimestampConverter requires format option to be specified when using string timestamps");
                return format.TryParse(text, out var parsed) ? parsed : throw new DataException(
                    $"Could not parse timestamp: value ({text}) does not match pattern ({format.Pattern})");
            case TypeUnix:
                if (value is not long unix)
                {
                    throw new DataException("Expected Unix timestamp to be a Long, but found class " + FieldTransformSupport.JavaClassName(value));
                }

                return _unixPrecision switch
                {
                    PrecisionSeconds => SaturatingMultiply(unix, 1000L),
                    PrecisionMicros => unix / 1000L,
                    PrecisionNanos => unix / 1_000_000L,
                    _ => unix,
                };
            default:
                if (value is not DateTime date)
                {
                    throw new DataException($"Expected {sourceType} to be a java.util.Date, but found class {FieldTransformSupport.JavaClassName(value)}");
                }

                return ConnectTimestamp.FromLogical(date);
        }
    }

    /// <summary>The target translator's <c>toType</c>.</summary>
    private object FromMillis(long millis) => _targetType switch
    {
        TypeString => _format!.Format(millis),
        TypeUnix => _unixPrecision switch
        {
            PrecisionSeconds => millis / 1000L,
            PrecisionMicros => SaturatingMultiply(millis, 1000L),
            PrecisionNanos => SaturatingMultiply(millis, 1_000_000L),
            _ => millis,
        },
        TypeDate => ToDateTime(millis - FloorMod(millis, MillisPerDay)),
        TypeTime => ToDateTime(FloorMod(millis, MillisPerDay)),
        _ => ToDateTime(millis),
    };

    private static long FloorMod(long value, long divisor) => ((value % divisor) + divisor) % divisor;

    private static DateTime ToDateTime(long millis)
    {
        try
        {
            return ConnectTimestamp.ToLogical(millis);
        }
        catch (ArgumentOutOfRangeException e)
        {
            throw new DataException($"Timestamp {millis} is outside the supported range (years 1 to 9999)", e);
        }
    }

    /// <summary>Java's <c>TimeUnit</c> conversions saturate at <c>Long.MIN_VALUE</c>/<c>Long.MAX_VALUE</c>.</summary>
    private static long SaturatingMultiply(long value, long factor)
    {
        try
        {
            return checked(value * factor);
        }
        catch (OverflowException)
        {
            return value < 0 ? long.MinValue : long.MaxValue;
        }
    }

    /// <summary>Converts a timestamp in the record key.</summary>
    [PluginAlias("org.apache.kafka.connect.transforms.TimestampConverter$Key")]
    public sealed class Key() : TimestampConverter(FieldTransformSupport.Part.Key);

    /// <summary>Converts a timestamp in the record value.</summary>
    [PluginAlias("org.apache.kafka.connect.transforms.TimestampConverter$Value")]
    public sealed class Value() : TimestampConverter(FieldTransformSupport.Part.Value);
}
