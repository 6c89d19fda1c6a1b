using System.Globalization;
using System.Numerics;

namespace StandaloneConnect.Sdk.Data;

/// <summary>The number literals of <see cref="Values.ParseString"/>: Java <c>BigDecimal</c> syntax.</summary>
internal static class NumberLiteral
{
    /// <summary>
    /// Kafka's <c>parseAsNumber</c> on Java <c>BigDecimal</c> syntax: whole numbers up to 1e19 become the smallest
    /// integer type, other numbers with a scale FLOAT32 (FLOAT64 when out of float range), the rest a Decimal.
    /// Null when the token is not a number.
    /// </summary>
    public static SchemaAndValue? Parse(string token)
    {
        if (!TryScanBigDecimal(token, out var negative, out var significant, out var scale))
        {
            return null;
        }

        if (ParseAsExactInteger(negative, significant, scale) is { } exact)
        {
            return exact;
        }

        if (scale != 0)
        {
            var f = float.Parse(token, NumberStyles.Float, CultureInfo.InvariantCulture);
            if (float.IsFinite(f))
            {
                return new SchemaAndValue(Schema.Float32, f);
            }

            var d = double.Parse(token, NumberStyles.Float, CultureInfo.InvariantCulture);
            if (double.IsFinite(d))
            {
                return new SchemaAndValue(Schema.Float64, d);
            }

            return null;
        }

        return decimal.TryParse(token, NumberStyles.Float, CultureInfo.InvariantCulture, out var m)
            ? new SchemaAndValue(ConnectDecimal.Schema(0), m)
            : null;
    }

    /// <summary>Validates Java <c>BigDecimal</c> syntax; returns the significant digits (no leading zeros) and the scale.</summary>
    private static bool TryScanBigDecimal(string token, out bool negative, out string significant, out long scale)
    {
        significant = "";
        scale = 0;
        negative = token[0] == '-';
        var i = token[0] is '+' or '-' ? 1 : 0;
        var intStart = i;
        while (i < token.Length && char.IsAsciiDigit(token[i]))
        {
            i++;
        }

        var intDigits = token.AsSpan(intStart, i - intStart);
        var fracDigits = ReadOnlySpan<char>.Empty;
        if (i < token.Length && token[i] == '.')
        {
            var fracStart = ++i;
            while (i < token.Length && char.IsAsciiDigit(token[i]))
            {
                i++;
            }

            fracDigits = token.AsSpan(fracStart, i - fracStart);
        }

        if (intDigits.Length + fracDigits.Length == 0)
        {
            return false;
        }

        long exponent = 0;
        if (i < token.Length && token[i] is 'e' or 'E')
        {
            var expStart = ++i;
            if (i < token.Length && token[i] is '+' or '-')
            {
                i++;
            }

            while (i < token.Length && char.IsAsciiDigit(token[i]))
            {
                i++;
            }

            if (!int.TryParse(token.AsSpan(expStart, i - expStart), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture,
                    out var e))
            {
                return false;
            }

            exponent = e;
        }

        if (i != token.Length)
        {
            return false;
        }

        scale = fracDigits.Length - exponent;
        if (scale is < int.MinValue or > int.MaxValue)
        {
            return false;
        }

        significant = string.Concat(intDigits, fracDigits).TrimStart('0');
        return true;
    }

    /// <summary>Kafka's <c>parseAsExactDecimal</c>: whole numbers with 1 &lt;= |x| &lt;= 1e19 (or zero) that fit a long.</summary>
    private static SchemaAndValue? ParseAsExactInteger(bool negative, string significant, long scale)
    {
        if (significant.Length == 0)
        {
            return new SchemaAndValue(Schema.Int8, (sbyte)0);
        }

        var adjusted = significant.Length - 1 - scale;
        if (adjusted < 0 || adjusted > 19 || (adjusted == 19 && significant.TrimEnd('0') != "1"))
        {
            return null;
        }

        if (scale > 0 && significant.AsSpan(significant.Length - (int)scale).ContainsAnyExcept('0'))
        {
            return null;
        }

        var integerDigits = scale <= 0 ? significant + new string('0', (int)-scale) : significant[..^(int)scale];
        var magnitude = BigInteger.Parse(integerDigits, NumberStyles.None, CultureInfo.InvariantCulture);
        var integral = negative ? -magnitude : magnitude;
        if (integral < long.MinValue || integral > long.MaxValue)
        {
            return null;
        }

        var value = (long)integral;
        return value switch
        {
            >= sbyte.MinValue and <= sbyte.MaxValue => new SchemaAndValue(Schema.Int8, (sbyte)value),
            >= short.MinValue and <= short.MaxValue => new SchemaAndValue(Schema.Int16, (short)value),
            >= int.MinValue and <= int.MaxValue => new SchemaAndValue(Schema.Int32, (int)value),
            _ => new SchemaAndValue(Schema.Int64, value),
        };
    }
}
