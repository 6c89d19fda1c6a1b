using System.Globalization;
using System.Numerics;

namespace StandaloneConnect.Sdk.Data;

/// <summary>Kafka's <c>Decimal</c> logical type: BYTES holding a big-endian two's-complement unscaled value.</summary>
public static class ConnectDecimal
{
    public const string LogicalName = "org.apache.kafka.connect.data.Decimal";
    public const string ScaleField = "scale";

    public static SchemaBuilder Builder(int scale) =>
        SchemaBuilder.Bytes().SetName(LogicalName).Parameter(ScaleField, scale.ToString(CultureInfo.InvariantCulture)).SetVersion(1);

    public static Schema Schema(int scale) => Builder(scale).Build();

    /// <summary>The scale parameter of a Decimal schema.</summary>
    public static int Scale(Schema schema)
    {
        if (schema.ParametersOrEmpty.TryGetValue(ScaleField, out var s)
            && int.TryParse(s, NumberStyles.Integer, CultureInfo.InvariantCulture, out var scale))
        {
            return scale;
        }

        throw new DataException("Invalid Decimal schema: scale parameter not found.");
    }

    /// <summary>Encodes a value at the schema's scale (minimal two's-complement, big-endian).</summary>
    public static byte[] FromLogical(Schema schema, decimal value)
    {
        var scale = Scale(schema);
        var unscaled = Unscale(value, scale);
        return unscaled.ToByteArray(isUnsigned: false, isBigEndian: true);
    }

    public static decimal ToLogical(Schema schema, ReadOnlySpan<byte> value)
    {
        var unscaled = new BigInteger(value, isUnsigned: false, isBigEndian: true);
        return Rescale(unscaled, Scale(schema));
    }

    private static BigInteger Unscale(decimal value, int scale)
    {
        var bits = decimal.GetBits(value);
        var valueScale = (bits[3] >> 16) & 0xFF;
        if (valueScale > scale)
        {
            throw new DataException(
                $"Decimal value has mismatching scale for given Decimal schema. Schema has scale {scale}, value has scale {valueScale}");
        }

        var mantissa = new BigInteger((uint)bits[0]) | new BigInteger((uint)bits[1]) << 32 | new BigInteger((uint)bits[2]) << 64;
        if (bits[3] < 0)
        {
            mantissa = -mantissa;
        }

        return mantissa * BigInteger.Pow(10, scale - valueScale);
    }

    private static decimal Rescale(BigInteger unscaled, int scale)
    {
        if (scale is < 0 or > 28)
        {
            throw new DataException($"Decimal scale {scale} is outside the range .NET decimal supports (0..28)");
        }

        var magnitude = BigInteger.Abs(unscaled);
        if (magnitude >> 96 != BigInteger.Zero)
        {
            throw new DataException($"Decimal value {unscaled}E-{scale} exceeds the 96-bit range of .NET decimal");
        }

        Span<byte> bytes = stackalloc byte[16];
        bytes.Clear();
        magnitude.TryWriteBytes(bytes, out _, isUnsigned: true, isBigEndian: false);
        return new decimal(
            BitConverter.ToInt32(bytes[..4]),
            BitConverter.ToInt32(bytes[4..8]),
            BitConverter.ToInt32(bytes[8..12]),
            unscaled.Sign < 0,
            (byte)scale);
    }
}

/// <summary>Kafka's <c>Date</c> logical type: INT32 days since the Unix epoch.</summary>
public static class ConnectDate
{
    public const string LogicalName = "org.apache.kafka.connect.data.Date";

    public static SchemaBuilder Builder() => SchemaBuilder.Int32().SetName(LogicalName).SetVersion(1);

    public static Schema Schema { get; } = Builder().Build();

    public static int FromLogical(DateTime value)
    {
        var utc = value.Kind == DateTimeKind.Local ? value.ToUniversalTime() : value;
        if (utc.TimeOfDay != TimeSpan.Zero)
        {
            throw new DataException("Kafka Connect Date type should not have any time fields set to non-zero values.");
        }

        return (int)(utc - DateTime.UnixEpoch).TotalDays;
    }

    public static DateTime ToLogical(int days) => DateTime.UnixEpoch.AddDays(days);
}

/// <summary>Kafka's <c>Time</c> logical type: INT32 milliseconds since midnight.</summary>
public static class ConnectTime
{
    public const string LogicalName = "org.apache.kafka.connect.data.Time";
    private const long MillisPerDay = 24 * 60 * 60 * 1000;

    public static SchemaBuilder Builder() => SchemaBuilder.Int32().SetName(LogicalName).SetVersion(1);

    public static Schema Schema { get; } = Builder().Build();

    public static int FromLogical(DateTime value)
    {
        var utc = value.Kind == DateTimeKind.Local ? value.ToUniversalTime() : value;
        var millis = (long)(utc - DateTime.UnixEpoch).TotalMilliseconds;
        if (millis is < 0 or > MillisPerDay)
        {
            throw new DataException("Kafka Connect Time type should not have any date fields set to non-zero values.");
        }

        return (int)millis;
    }

    public static DateTime ToLogical(int millis)
    {
        if (millis is < 0 or > (int)MillisPerDay)
        {
            throw new DataException("Time values must use number of milliseconds greater than 0 and less than 86400000");
        }

        return DateTime.UnixEpoch.AddMilliseconds(millis);
    }
}

/// <summary>Kafka's <c>Timestamp</c> logical type: INT64 milliseconds since the Unix epoch.</summary>
public static class ConnectTimestamp
{
    public const string LogicalName = "org.apache.kafka.connect.data.Timestamp";

    public static SchemaBuilder Builder() => SchemaBuilder.Int64().SetName(LogicalName).SetVersion(1);

    public static Schema Schema { get; } = Builder().Build();

    public static long FromLogical(DateTime value)
    {
        var utc = value.Kind == DateTimeKind.Local ? value.ToUniversalTime() : value;
        return (utc.Ticks - DateTime.UnixEpoch.Ticks) / TimeSpan.TicksPerMillisecond;
    }

    public static DateTime ToLogical(long millis) => DateTime.UnixEpoch.AddTicks(millis * TimeSpan.TicksPerMillisecond);
}
