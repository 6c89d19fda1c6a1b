using System.Collections;
using System.Globalization;
using System.Text;
using StandaloneConnect.Sdk.Data;

namespace StandaloneConnect.Connectors.File;

/// <summary>
/// Renders Connect values the way Java's <c>String.valueOf</c> does (what Kafka's file sink prints), so files
/// written by this sink match Kafka's: <c>true</c>, <c>1.0</c> (numbers through the SDK's
/// <see cref="JavaNumberFormat"/>), <c>[a, b]</c>, <c>{k=v}</c>, <c>Struct{...}</c>, and dates as
/// <c>java.util.Date</c> prints them in a UTC JVM (<c>Mon Jan 15 10:30:00 UTC 2024</c>). One deliberate
/// difference: bytes print as base64, where Java prints a useless identity hash (<c>[B@1b6d3586</c>).
/// </summary>
internal static class JavaStrings
{
    public static string ValueOf(object? value) => value switch
    {
        null => "null",
        string s => s,
        _ => Append(new StringBuilder(), value).ToString(),
    };

    private static StringBuilder Append(StringBuilder sb, object? value) => value switch
    {
        null => sb.Append("null"),
        string s => sb.Append(s),
        bool b => sb.Append(b ? "true" : "false"),
        double d => sb.Append(JavaNumberFormat.FormatDouble(d)),
        float f => sb.Append(JavaNumberFormat.FormatFloat(f)),
        decimal m => sb.Append(JavaNumberFormat.FormatDecimal(m)),
        byte[] bytes => sb.Append(Convert.ToBase64String(bytes)),
        ReadOnlyMemory<byte> memory => sb.Append(Convert.ToBase64String(memory.Span)),
        DateTime dt => sb.Append((dt.Kind == DateTimeKind.Local ? dt.ToUniversalTime() : dt)
            .ToString("ddd MMM dd HH:mm:ss 'UTC' yyyy", CultureInfo.InvariantCulture)),
        IDictionary map => AppendMap(sb, map),
        IEnumerable list => AppendList(sb, list),
        IFormattable formattable => sb.Append(formattable.ToString(null, CultureInfo.InvariantCulture)),
        _ => sb.Append(value.ToString() ?? "null"),
    };

    private static StringBuilder AppendMap(StringBuilder sb, IDictionary map)
    {
        sb.Append('{');
        var first = true;
        foreach (DictionaryEntry entry in map)
        {
            if (!first)
            {
                sb.Append(", ");
            }

            first = false;
            Append(sb, entry.Key).Append('=');
            Append(sb, entry.Value);
        }

        return sb.Append('}');
    }

    private static StringBuilder AppendList(StringBuilder sb, IEnumerable list)
    {
        sb.Append('[');
        var first = true;
        foreach (var item in list)
        {
            if (!first)
            {
                sb.Append(", ");
            }

            first = false;
            Append(sb, item);
        }

        return sb.Append(']');
    }
}
