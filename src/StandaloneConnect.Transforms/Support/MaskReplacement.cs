using System.Globalization;
using System.Numerics;

namespace StandaloneConnect.Transforms.Support;

/// <summary>
/// How Kafka turns MaskField's <c>replacement</c> into a number: <c>new BigDecimal(text)</c> (an optional sign,
/// digits with at most one point, an optional exponent; no blanks, no NaN/Infinity), then <c>longValue()</c>
/// (fraction dropped, low-order 64 bits kept) or <c>doubleValue()</c>.
/// </summary>
internal static class MaskReplacement
{
    /// <summary>True when Java's <c>new BigDecimal(text)</c> accepts the text.</summary>
    public static bool IsJavaDecimal(string text)
    {
        var i = text.Length > 0 && text[0] is '+' or '-' ? 1 : 0;
        var digits = 0;
        var point = false;
        for (; i < text.Length && text[i] is not ('e' or 'E'); i++)
        {
            if (char.IsAsciiDigit(text[i]))
            {
                digits++;
            }
            else if (text[i] == '.' && !point)
            {
                point = true;
            }
            else
            {
                return false;
            }
        }

        if (digits == 0)
        {
            return false;
        }

        if (i == text.Length)
        {
            return true;
        }

        i++;
        if (i < text.Length && text[i] is '+' or '-')
        {
            i++;
        }

        var exponentStart = i;
        while (i < text.Length && char.IsAsciiDigit(text[i]))
        {
            i++;
        }

        // Java's exponent is an int; more than nine digits is reported as malformed here.
        return i == text.Length && i > exponentStart && i - exponentStart <= 9;
    }

    /// <summary>Java's <c>new BigDecimal(text)</c> as a .NET decimal (false when invalid or out of its range).</summary>
    public static bool TryParseDecimal(string text, out decimal value)
    {
        value = 0m;
        if (!IsJavaDecimal(text))
        {
            return false;
        }

        try
        {
            value = decimal.Parse(text, NumberStyles.Float & ~NumberStyles.AllowLeadingWhite & ~NumberStyles.AllowTrailingWhite,
                CultureInfo.InvariantCulture);
            return true;
        }
        catch (OverflowException)
        {
            return false;
        }
    }

    /// <summary><c>new BigDecimal(text).doubleValue()</c> for text that <see cref="IsJavaDecimal"/> accepts.</summary>
    public static double ToDouble(string text) => double.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture);

    /// <summary><c>new BigDecimal(text).longValue()</c> for text that <see cref="IsJavaDecimal"/> accepts.</summary>
    public static long ToLong(string text)
    {
        var exponentAt = text.IndexOfAny(['e', 'E']);
        var mantissa = exponentAt < 0 ? text : text[..exponentAt];
        var exponent = exponentAt < 0 ? 0L : long.Parse(text.AsSpan(exponentAt + 1), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
        var point = mantissa.IndexOf('.', StringComparison.Ordinal);
        var fractionDigits = point < 0 ? 0 : mantissa.Length - point - 1;
        var digits = point < 0 ? mantissa : string.Concat(mantissa.AsSpan(0, point), mantissa.AsSpan(point + 1));
        var unscaled = BigInteger.Parse(digits, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
        var scale = fractionDigits - exponent;
        BigInteger whole;
        if (scale <= 0)
        {
            // 10^64 is a multiple of 2^64, so larger shifts leave no low-order bits.
            whole = -scale >= 64 ? BigInteger.Zero : unscaled * BigInteger.Pow(10, (int)-scale);
        }
        else
        {
            whole = scale > digits.Length ? BigInteger.Zero : BigInteger.Divide(unscaled, BigInteger.Pow(10, (int)scale));
        }

        return unchecked((long)(ulong)(whole & ulong.MaxValue));
    }
}
