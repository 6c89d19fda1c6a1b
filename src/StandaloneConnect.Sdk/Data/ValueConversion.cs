using System.Collections;
using System.Globalization;
using System.Numerics;

namespace StandaloneConnect.Sdk.Data;

/// <summary>
/// Kafka's <c>Values.convertTo</c>, as far as <see cref="ValueParser"/> needs it: aligns the elements of a parsed
/// array or map with their common schema (an INT8 element of an INT32 array becomes an <see cref="int"/>).
/// </summary>
internal static class ValueConversion
{
    public static List<object?> AlignList(Schema elementSchema, List<object?> input) =>
        input.ConvertAll(value => ConvertTo(elementSchema, null, value));

    public static Dictionary<object, object?> AlignMap(Schema keySchema, Schema? valueSchema, Dictionary<object, object?> input)
    {
        var result = new Dictionary<object, object?>(input.Count);
        foreach (var (key, value) in input)
        {
            var newKey = ConvertTo(keySchema, null, key)
                ?? throw new DataException("Map entry may not have a null key");
            result[newKey] = valueSchema is null ? value : ConvertTo(valueSchema, null, value);
        }

        return result;
    }

    private static object? ConvertTo(Schema toSchema, Schema? fromSchema, object? value)
    {
        if (value is null)
        {
            return toSchema.IsOptional
                ? null
                : throw new DataException("Unable to convert a null value to a schema that requires a value");
        }

        switch (toSchema.Name)
        {
            case ConnectDecimal.LogicalName:
                return ToDecimal(toSchema, value);
            case ConnectDate.LogicalName:
                return ToTemporal(toSchema, fromSchema, value, ConnectDate.LogicalName);
            case ConnectTime.LogicalName:
                return ToTemporal(toSchema, fromSchema, value, ConnectTime.LogicalName);
            case ConnectTimestamp.LogicalName:
                return ToTemporal(toSchema, fromSchema, value, ConnectTimestamp.LogicalName);
        }

        return toSchema.Type switch
        {
            SchemaType.String => Values.ConvertToString(fromSchema, value),
            SchemaType.Boolean => value is bool b ? b
                : value is string s && Values.ParseString(s).Value is bool parsed ? parsed
                : AsLong(value, fromSchema) != 0,
            SchemaType.Int8 => value as sbyte? ?? (sbyte)AsLong(value, fromSchema),
            SchemaType.Int16 => value as short? ?? (short)AsLong(value, fromSchema),
            SchemaType.Int32 => value as int? ?? (int)AsLong(value, fromSchema),
            SchemaType.Int64 => value as long? ?? AsLong(value, fromSchema),
            SchemaType.Float32 => value as float? ?? (float)AsDouble(value, fromSchema),
            SchemaType.Float64 => value as double? ?? AsDouble(value, fromSchema),
            SchemaType.Bytes => value switch
            {
                byte[] bytes => bytes,
                ReadOnlyMemory<byte> memory => memory.ToArray(),
                decimal m => ConnectDecimal.FromLogical(toSchema, m),
                _ => throw UnableToConvert(value, toSchema),
            },
            SchemaType.Array => (value is string text ? Values.ParseString(text).Value : value) as IList
                ?? throw UnableToConvert(value, toSchema),
            SchemaType.Map => (value is string text ? Values.ParseString(text).Value : value) as IDictionary
                ?? throw UnableToConvert(value, toSchema),
            SchemaType.Struct => value as Struct ?? throw UnableToConvert(value, toSchema),
            _ => throw UnableToConvert(value, toSchema),
        };
    }

    private static decimal ToDecimal(Schema toSchema, object value) => value switch
    {
        byte[] bytes => ConnectDecimal.ToLogical(toSchema, bytes),
        ReadOnlyMemory<byte> memory => ConnectDecimal.ToLogical(toSchema, memory.Span),
        decimal m => m,
        double or float or sbyte or short or int or long => decimal.Parse(
            JavaNumberFormat.FormatDouble(Convert.ToDouble(value, CultureInfo.InvariantCulture)), NumberStyles.Float,
            CultureInfo.InvariantCulture),
        string s when decimal.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out var parsed) => parsed,
        _ => throw UnableToConvert(value, toSchema),
    };

    private static DateTime ToTemporal(Schema toSchema, Schema? fromSchema, object value, string target)
    {
        if (value is string s)
        {
            value = Values.ParseString(s).Value ?? value;
        }

        if (value is DateTime date)
        {
            switch (fromSchema?.Name)
            {
                case null when fromSchema is null:
                    return date;
                case var name when name == target:
                    return date;
                case ConnectTimestamp.LogicalName when target == ConnectDate.LogicalName:
                    return ConnectDate.ToLogical((int)(ConnectTimestamp.FromLogical(date) / ValueLiterals.MillisPerDay));
                case ConnectTimestamp.LogicalName when target == ConnectTime.LogicalName:
                    return ConnectTime.ToLogical((int)(((ConnectTimestamp.FromLogical(date) % ValueLiterals.MillisPerDay)
                        + ValueLiterals.MillisPerDay) % ValueLiterals.MillisPerDay));
                case ConnectDate.LogicalName when target == ConnectTimestamp.LogicalName:
                    return ConnectTimestamp.ToLogical(ConnectDate.FromLogical(date) * ValueLiterals.MillisPerDay);
                case ConnectTime.LogicalName when target == ConnectTimestamp.LogicalName:
                    return ConnectTimestamp.ToLogical(ConnectTime.FromLogical(date));
            }
        }

        var numeric = AsLong(value, fromSchema);
        return target switch
        {
            ConnectDate.LogicalName => ConnectDate.ToLogical((int)numeric),
            ConnectTime.LogicalName => ConnectTime.ToLogical((int)numeric),
            _ => ConnectTimestamp.ToLogical(numeric),
        };
    }

    private static long AsLong(object value, Schema? fromSchema)
    {
        switch (value)
        {
            case sbyte or short or int or long:
                return Convert.ToInt64(value, CultureInfo.InvariantCulture);
            case float f:
                return (long)f;
            case double d:
                return (long)d;
            case decimal m:
                return (long)(BigInteger)decimal.Truncate(m);
            case string s when decimal.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out var parsed):
                return (long)(BigInteger)decimal.Truncate(parsed);
            case DateTime date when fromSchema?.Name is ConnectDate.LogicalName:
                return ConnectDate.FromLogical(date);
            case DateTime date when fromSchema?.Name is ConnectTime.LogicalName:
                return ConnectTime.FromLogical(date);
            case DateTime date when fromSchema?.Name is ConnectTimestamp.LogicalName:
                return ConnectTimestamp.FromLogical(date);
        }

        throw fromSchema is null
            ? new DataException($"Unable to convert {value} ({value.GetType()}) to a number")
            : UnableToConvert(value, fromSchema);
    }

    private static double AsDouble(object value, Schema? fromSchema) => value switch
    {
        double d => d,
        float f => f,
        decimal m => (double)m,
        string s when double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out var parsed) => parsed,
        _ => AsLong(value, fromSchema),
    };

    private static DataException UnableToConvert(object value, Schema toSchema) =>
        new($"Unable to convert {value} ({value.GetType()}) to {toSchema}");
}
