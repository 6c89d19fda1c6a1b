using System.Globalization;
using System.Numerics;

namespace StandaloneConnect.Sdk.Data;

/// <summary>
/// Renders numbers exactly as Java does, so that text produced by Kafka Connect and by this runtime is
/// byte-identical: <c>Double.toString</c>, <c>Float.toString</c> (JDK 19+ shortest-digit rules) and
/// <c>BigDecimal.toString</c>.
/// </summary>
/// <remarks>
/// Java writes at least one fractional digit (<c>1.0</c>, <c>100.0</c>), uses plain notation for magnitudes in
/// [10^-3, 10^7) and computerized scientific notation otherwise (<c>1.0E7</c>, <c>1.0E-4</c>), and spells the
/// special values <c>NaN</c>, <c>Infinity</c> and <c>-Infinity</c>.
/// </remarks>
public static class JavaNumberFormat
{
    /// <summary>Enough for any double, float or decimal rendering.</summary>
    public const int MaxLength = 48;

    private const int DoubleSubnormalShift = 1074;
    private const int FloatSubnormalShift = 149;

    /// <summary>Java's <c>Double.toString(double)</c>.</summary>
    public static string FormatDouble(double value)
    {
        Span<char> buffer = stackalloc char[MaxLength];
        TryFormatDouble(value, buffer, out var written);
        return new string(buffer[..written]);
    }

    /// <summary>Java's <c>Float.toString(float)</c>.</summary>
    public static string FormatFloat(float value)
    {
        Span<char> buffer = stackalloc char[MaxLength];
        TryFormatFloat(value, buffer, out var written);
        return new string(buffer[..written]);
    }

    /// <summary>Java's <c>BigDecimal.toString()</c> for a .NET decimal (its scale is kept: <c>1.00m</c> is <c>1.00</c>).</summary>
    public static string FormatDecimal(decimal value)
    {
        Span<char> buffer = stackalloc char[MaxLength];
        TryFormatDecimal(value, buffer, out var written);
        return new string(buffer[..written]);
    }

    /// <summary>Writes Java's <c>Double.toString(double)</c>; needs at most <see cref="MaxLength"/> chars.</summary>
    public static bool TryFormatDouble(double value, Span<char> destination, out int charsWritten)
    {
        if (!double.IsFinite(value) || value == 0)
        {
            return TryWriteSpecial(double.IsNaN(value), double.IsNegative(value), value == 0, destination, out charsWritten);
        }

        Span<char> shortest = stackalloc char[32];
        value.TryFormat(shortest, out var length, "R", CultureInfo.InvariantCulture);
        Span<char> digits = stackalloc char[24];
        var (digitCount, exponent) = ExtractDigits(shortest[..length], digits);
        if (digitCount == 1 && double.IsSubnormal(value))
        {
            var bits = (ulong)BitConverter.DoubleToInt64Bits(Math.Abs(value));
            (digitCount, exponent) = ClosestTwoDigitDecimal(bits, DoubleSubnormalShift, digits[0] - '0', exponent, digits);
        }

        return TryWriteJava(value < 0, digits[..digitCount], exponent, destination, out charsWritten);
    }

    /// <summary>Writes Java's <c>Float.toString(float)</c>; needs at most <see cref="MaxLength"/> chars.</summary>
    public static bool TryFormatFloat(float value, Span<char> destination, out int charsWritten)
    {
        if (!float.IsFinite(value) || value == 0)
        {
            return TryWriteSpecial(float.IsNaN(value), float.IsNegative(value), value == 0, destination, out charsWritten);
        }

        Span<char> shortest = stackalloc char[32];
        value.TryFormat(shortest, out var length, "R", CultureInfo.InvariantCulture);
        Span<char> digits = stackalloc char[24];
        var (digitCount, exponent) = ExtractDigits(shortest[..length], digits);
        if (digitCount == 1 && float.IsSubnormal(value))
        {
            var bits = (ulong)(uint)BitConverter.SingleToInt32Bits(Math.Abs(value));
            (digitCount, exponent) = ClosestTwoDigitDecimal(bits, FloatSubnormalShift, digits[0] - '0', exponent, digits);
        }

        return TryWriteJava(value < 0, digits[..digitCount], exponent, destination, out charsWritten);
    }

    /// <summary>Writes Java's <c>BigDecimal.toString()</c>; needs at most <see cref="MaxLength"/> chars.</summary>
    public static bool TryFormatDecimal(decimal value, Span<char> destination, out int charsWritten)
    {
        charsWritten = 0;
        var scale = value.Scale;
        Span<int> bits = stackalloc int[4];
        decimal.GetBits(value, bits);
        var unscaled = new UInt128((ulong)(uint)bits[2], ((ulong)(uint)bits[1] << 32) | (uint)bits[0]);
        Span<char> digits = stackalloc char[40];
        unscaled.TryFormat(digits, out var digitCount, default, CultureInfo.InvariantCulture);
        var negative = value < 0;
        var adjusted = -scale + (digitCount - 1);
        var pos = 0;
        if (destination.Length < MaxLength)
        {
            return false;
        }

        if (negative)
        {
            destination[pos++] = '-';
        }

        if (scale == 0)
        {
            digits[..digitCount].CopyTo(destination[pos..]);
            pos += digitCount;
        }
        else if (adjusted >= -6)
        {
            if (digitCount > scale)
            {
                var integerDigits = digitCount - scale;
                digits[..integerDigits].CopyTo(destination[pos..]);
                pos += integerDigits;
                destination[pos++] = '.';
                digits[integerDigits..digitCount].CopyTo(destination[pos..]);
                pos += scale;
            }
            else
            {
                destination[pos++] = '0';
                destination[pos++] = '.';
                destination.Slice(pos, scale - digitCount).Fill('0');
                pos += scale - digitCount;
                digits[..digitCount].CopyTo(destination[pos..]);
                pos += digitCount;
            }
        }
        else
        {
            destination[pos++] = digits[0];
            if (digitCount > 1)
            {
                destination[pos++] = '.';
                digits[1..digitCount].CopyTo(destination[pos..]);
                pos += digitCount - 1;
            }

            destination[pos++] = 'E';
            adjusted.TryFormat(destination[pos..], out var expLength, default, CultureInfo.InvariantCulture);
            pos += expLength;
        }

        charsWritten = pos;
        return true;
    }

    private static bool TryWriteSpecial(bool nan, bool negative, bool zero, Span<char> destination, out int charsWritten)
    {
        var text = nan ? "NaN"
            : zero ? (negative ? "-0.0" : "0.0")
            : negative ? "-Infinity" : "Infinity";
        charsWritten = text.Length;
        return text.AsSpan().TryCopyTo(destination);
    }

    /// <summary>
    /// Splits .NET's shortest round-trip text (<c>1.5E-07</c>, <c>0.0001234</c>, <c>1E+23</c>) into significant
    /// digits (no leading or trailing zeros) and the decimal exponent of the first digit.
    /// </summary>
    private static (int DigitCount, int Exponent) ExtractDigits(ReadOnlySpan<char> text, Span<char> digits)
    {
        if (text[0] == '-')
        {
            text = text[1..];
        }

        var e = text.IndexOfAny('E', 'e');
        var exponent = 0;
        if (e >= 0)
        {
            exponent = int.Parse(text[(e + 1)..], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
            text = text[..e];
        }

        var point = text.IndexOf('.');
        var integerLength = point < 0 ? text.Length : point;
        var count = 0;
        var leadingZeros = 0;
        foreach (var c in text)
        {
            if (c == '.')
            {
                continue;
            }

            if (count == 0 && c == '0')
            {
                leadingZeros++;
                continue;
            }

            digits[count++] = c;
        }

        while (count > 1 && digits[count - 1] == '0')
        {
            count--;
        }

        return (count, integerLength - leadingZeros - 1 + exponent);
    }

    /// <summary>
    /// Java picks, when the shortest decimal has one digit, the closest decimal of one or two digits
    /// (so <c>Double.MIN_VALUE</c> prints as <c>4.9E-324</c>). This only matters for tiny subnormals.
    /// </summary>
    private static (int DigitCount, int Exponent) ClosestTwoDigitDecimal(ulong mantissa, int binaryShift, int digit,
        int exponent, Span<char> digits)
    {
        // Work in integers scaled by 2 * 2^binaryShift * 10^(2 - exponent); every candidate n * 10^k with
        // k in {exponent - 1, exponent - 2} and n in 10..99 is then an integer too.
        var decimalScale = BigInteger.Pow(10, 2 - exponent);
        var x2 = 2 * new BigInteger(mantissa) * decimalScale;
        var low = x2 - decimalScale;
        var high = x2 + decimalScale;
        var includeBounds = mantissa % 2 == 0;
        var binary = BigInteger.Pow(2, binaryShift);
        BigInteger? best = null;
        var bestDistance = BigInteger.Zero;
        var bestExponent = exponent;
        for (var shift = 1; shift <= 2; shift++)
        {
            var candidateScale = 2 * binary * BigInteger.Pow(10, 2 - shift);
            for (var n = 10; n <= 99; n++)
            {
                var candidate = n * candidateScale;
                var inside = includeBounds ? candidate >= low && candidate <= high : candidate > low && candidate < high;
                if (!inside)
                {
                    continue;
                }

                var distance = BigInteger.Abs(candidate - x2);
                if (best is null || distance < bestDistance || (distance == bestDistance && n % 2 == 0))
                {
                    best = n;
                    bestDistance = distance;
                    bestExponent = exponent - shift + 1;
                }
            }
        }

        if (best is not { } chosen)
        {
            digits[0] = (char)('0' + digit);
            return (1, exponent);
        }

        var value = (int)chosen;
        digits[0] = (char)('0' + value / 10);
        if (value % 10 == 0)
        {
            return (1, bestExponent);
        }

        digits[1] = (char)('0' + value % 10);
        return (2, bestExponent);
    }

    private static bool TryWriteJava(bool negative, ReadOnlySpan<char> digits, int exponent, Span<char> destination,
        out int charsWritten)
    {
        charsWritten = 0;
        if (destination.Length < MaxLength)
        {
            return false;
        }

        var pos = 0;
        if (negative)
        {
            destination[pos++] = '-';
        }

        if (exponent is >= -3 and < 7)
        {
            if (exponent >= 0)
            {
                for (var i = 0; i <= exponent; i++)
                {
                    destination[pos++] = i < digits.Length ? digits[i] : '0';
                }

                destination[pos++] = '.';
                if (digits.Length > exponent + 1)
                {
                    digits[(exponent + 1)..].CopyTo(destination[pos..]);
                    pos += digits.Length - exponent - 1;
                }
                else
                {
                    destination[pos++] = '0';
                }
            }
            else
            {
                destination[pos++] = '0';
                destination[pos++] = '.';
                for (var i = -1; i > exponent; i--)
                {
                    destination[pos++] = '0';
                }

                digits.CopyTo(destination[pos..]);
                pos += digits.Length;
            }
        }
        else
        {
            destination[pos++] = digits[0];
            destination[pos++] = '.';
            if (digits.Length > 1)
            {
                digits[1..].CopyTo(destination[pos..]);
                pos += digits.Length - 1;
            }
            else
            {
                destination[pos++] = '0';
            }

            destination[pos++] = 'E';
            exponent.TryFormat(destination[pos..], out var expLength, default, CultureInfo.InvariantCulture);
            pos += expLength;
        }

        charsWritten = pos;
        return true;
    }
}
