using StandaloneConnect.Transforms.Support;
using System.Collections;
using System.Globalization;
using System.Text.RegularExpressions;
using StandaloneConnect.Sdk;
using StandaloneConnect.Sdk.Config;
using StandaloneConnect.Sdk.Data;
using StandaloneConnect.Sdk.Transforms;

namespace StandaloneConnect.Transforms;

public abstract partial class Cast
{
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
