using System.Collections;
using System.Globalization;
using System.Numerics;
using System.Text;

namespace StandaloneConnect.Sdk.Data;

/// <summary>
/// Kafka's <c>Values.convertToString</c> rendering: scalars as Java's <c>String.valueOf</c> prints them, bytes as
/// base64, lists <c>[1,2]</c>, maps <c>{"k":1}</c>, structs <c>{"field":value}</c>, logical dates as ISO-8601.
/// Strings and bytes are quoted when embedded in a list, map or struct.
/// </summary>
internal static class ValueRenderer
{
    public static string Render(object value)
    {
        var sb = new StringBuilder();
        Append(sb, value, false);
        return sb.ToString();
    }

    private static void Append(StringBuilder sb, object? value, bool embedded)
    {
        switch (value)
        {
            case null:
                sb.Append(ValueLiterals.Null);
                break;
            case string s:
                if (embedded)
                {
                    sb.Append('"').Append(Escape(s)).Append('"');
                }
                else
                {
                    sb.Append(s);
                }

                break;
            case bool or double or float or decimal or sbyte or short or int or long or byte or ushort or uint or ulong
                or BigInteger:
                // Kafka appends numbers and booleans as they are, which is String.valueOf.
                sb.Append(JavaStringValue.Of(value));
                break;
            case byte[] or ReadOnlyMemory<byte>:
                var base64 = Convert.ToBase64String(value is byte[] array ? array : ((ReadOnlyMemory<byte>)value).Span);
                if (embedded)
                {
                    sb.Append('"').Append(base64).Append('"');
                }
                else
                {
                    sb.Append(base64);
                }

                break;
            case IList list:
                AppendList(sb, list);
                break;
            case IDictionary map:
                AppendMap(sb, map);
                break;
            case Struct st:
                AppendStruct(sb, st);
                break;
            case DateTime date:
                sb.Append(FormatDate(date));
                break;
            default:
                throw new DataException($"Failed to serialize unexpected value type {value.GetType().FullName}: {value}");
        }
    }

    private static void AppendList(StringBuilder sb, IList list)
    {
        sb.Append('[');
        for (var i = 0; i < list.Count; i++)
        {
            if (i > 0)
            {
                sb.Append(',');
            }

            Append(sb, list[i], true);
        }

        sb.Append(']');
    }

    private static void AppendMap(StringBuilder sb, IDictionary map)
    {
        sb.Append('{');
        var first = true;
        foreach (DictionaryEntry entry in map)
        {
            if (!first)
            {
                sb.Append(',');
            }

            first = false;
            Append(sb, entry.Key, true);
            sb.Append(':');
            Append(sb, entry.Value, true);
        }

        sb.Append('}');
    }

    private static void AppendStruct(StringBuilder sb, Struct st)
    {
        sb.Append('{');
        for (var i = 0; i < st.Schema.Fields.Count; i++)
        {
            var field = st.Schema.Fields[i];
            if (i > 0)
            {
                sb.Append(',');
            }

            Append(sb, field.Name, true);
            sb.Append(':');
            Append(sb, st.Get(field), true);
        }

        sb.Append('}');
    }

    private static string Escape(string value) => value.Replace("\\", "\\\\", StringComparison.Ordinal)
        .Replace("\"", "\\\"", StringComparison.Ordinal);

    /// <summary>Kafka's <c>dateFormatFor</c>: time-only before one day after the epoch, date-only at midnight, else a timestamp.</summary>
    private static string FormatDate(DateTime value)
    {
        var millis = ConnectTimestamp.FromLogical(value);
        var utc = ConnectTimestamp.ToLogical(millis);
        var format = millis < ValueLiterals.MillisPerDay ? "HH:mm:ss.fff'Z'"
            : millis % ValueLiterals.MillisPerDay == 0 ? "yyyy-MM-dd"
            : "yyyy-MM-dd'T'HH:mm:ss.fff'Z'";
        return utc.ToString(format, CultureInfo.InvariantCulture);
    }
}
