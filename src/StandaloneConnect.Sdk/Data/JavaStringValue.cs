using System.Collections;
using System.Globalization;
using System.Text;

namespace StandaloneConnect.Sdk.Data;

/// <summary>
/// Java's <c>String.valueOf(Object)</c> for Connect values: what Kafka's <c>StringConverter</c> writes, what its file
/// sink prints and what <c>Struct.toString()</c> shows. <c>true</c>, <c>1.0</c> (numbers through
/// <see cref="JavaNumberFormat"/>), <c>[a, b]</c>, <c>{k=v}</c>, <c>Struct{id=1,name=x}</c> (null fields left out),
/// and dates as <c>java.util.Date</c> prints them in a UTC JVM (<c>Mon Jan 15 10:30:00 UTC 2024</c>).
/// </summary>
/// <remarks>
/// One deliberate difference: bytes print as base64, where Java prints a useless identity hash (<c>[B@1b6d3586</c>).
/// </remarks>
public static class JavaStringValue
{
    private const string NullLiteral = "null";

    /// <summary>The Java rendering of <paramref name="value"/>; <c>null</c> for a null value.</summary>
    public static string Of(object? value) => value switch
    {
        null => NullLiteral,
        string s => s,
        bool b => b ? "true" : "false",
        double d => JavaNumberFormat.FormatDouble(d),
        float f => JavaNumberFormat.FormatFloat(f),
        decimal m => JavaNumberFormat.FormatDecimal(m),
        byte[] bytes => Convert.ToBase64String(bytes),
        ReadOnlyMemory<byte> memory => Convert.ToBase64String(memory.Span),
        DateTime date => FormatDate(date),
        Struct or IEnumerable => Append(new StringBuilder(), value).ToString(),
        IFormattable formattable => formattable.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? NullLiteral,
    };

    /// <summary><c>java.util.Date.toString()</c> in a UTC JVM; a local time is converted to UTC first.</summary>
    private static string FormatDate(DateTime date) =>
        (date.Kind == DateTimeKind.Local ? date.ToUniversalTime() : date)
        .ToString("ddd MMM dd HH:mm:ss 'UTC' yyyy", CultureInfo.InvariantCulture);

    private static StringBuilder Append(StringBuilder sb, object? value) => value switch
    {
        Struct st => AppendStruct(sb, st),
        IDictionary map => AppendMap(sb, map),
        IEnumerable items and not string and not byte[] => AppendList(sb, items),
        _ => sb.Append(Of(value)),
    };

    /// <summary>Kafka's <c>Struct.toString()</c>: <c>Struct{id=1,name=x}</c>, fields whose value is null left out.</summary>
    private static StringBuilder AppendStruct(StringBuilder sb, Struct st)
    {
        sb.Append("Struct{");
        var first = true;
        foreach (var field in st.Schema.Fields)
        {
            var fieldValue = st.GetWithoutDefault(field.Name);
            if (fieldValue is null)
            {
                continue;
            }

            sb.Append(first ? "" : ",").Append(field.Name).Append('=');
            Append(sb, fieldValue);
            first = false;
        }

        return sb.Append('}');
    }

    /// <summary>Java's <c>AbstractMap.toString()</c>: <c>{k1=v1, k2=v2}</c>.</summary>
    private static StringBuilder AppendMap(StringBuilder sb, IDictionary map)
    {
        sb.Append('{');
        var first = true;
        foreach (DictionaryEntry entry in map)
        {
            sb.Append(first ? "" : ", ");
            Append(sb, entry.Key).Append('=');
            Append(sb, entry.Value);
            first = false;
        }

        return sb.Append('}');
    }

    /// <summary>Java's <c>AbstractCollection.toString()</c>: <c>[a, b]</c>.</summary>
    private static StringBuilder AppendList(StringBuilder sb, IEnumerable items)
    {
        sb.Append('[');
        var first = true;
        foreach (var item in items)
        {
            sb.Append(first ? "" : ", ");
            Append(sb, item);
            first = false;
        }

        return sb.Append(']');
    }
}
