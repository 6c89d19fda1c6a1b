using System.Collections;
using System.Globalization;
using System.Text;
using StandaloneConnect.Sdk.Data;

namespace StandaloneConnect.Converters;

/// <summary>
/// Java's <c>String.valueOf(Object)</c> for Connect values, which is what Kafka's <c>StringConverter</c> writes:
/// <c>true</c>, <c>1.0</c>, <c>[a, b]</c>, <c>{k=v}</c>, <c>Struct{id=1,name=x}</c>,
/// <c>Mon Jan 15 10:30:00 UTC 2024</c> (UTC assumed).
/// </summary>
/// <remarks>Java prints a <c>byte[]</c> as its identity hash (<c>[B@1b6d3586</c>); base64 is written instead.</remarks>
internal static class JavaObjects
{
    public static string ToJavaString(object? value) =>
        value is byte[] or ReadOnlyMemory<byte> or DateTime or Struct or IEnumerable and not string
            ? Append(new StringBuilder(), value).ToString()
            : Scalar(value);

    private static string Scalar(object? value) => value switch
    {
        null => "null",
        string s => s,
        bool b => b ? "true" : "false",
        double d => JavaNumberFormat.FormatDouble(d),
        float f => JavaNumberFormat.FormatFloat(f),
        decimal m => JavaNumberFormat.FormatDecimal(m),
        IFormattable formattable => formattable.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };

    private static StringBuilder Append(StringBuilder sb, object? value)
    {
        switch (value)
        {
            case byte[] bytes:
                return sb.Append(Convert.ToBase64String(bytes));
            case ReadOnlyMemory<byte> memory:
                return sb.Append(Convert.ToBase64String(memory.Span));
            case DateTime date:
                var utc = date.Kind == DateTimeKind.Local ? date.ToUniversalTime() : date;
                return sb.Append(utc.ToString("ddd MMM dd HH:mm:ss 'UTC' yyyy", CultureInfo.InvariantCulture));
            case Struct st:
                sb.Append("Struct{");
                var firstField = true;
                foreach (var field in st.Schema.Fields)
                {
                    var fieldValue = st.GetWithoutDefault(field.Name);
                    if (fieldValue is null)
                    {
                        continue;
                    }

                    sb.Append(firstField ? "" : ",").Append(field.Name).Append('=');
                    Append(sb, fieldValue);
                    firstField = false;
                }

                return sb.Append('}');
            case IDictionary map:
                sb.Append('{');
                var firstEntry = true;
                foreach (DictionaryEntry entry in map)
                {
                    sb.Append(firstEntry ? "" : ", ");
                    Append(sb, entry.Key).Append('=');
                    Append(sb, entry.Value);
                    firstEntry = false;
                }

                return sb.Append('}');
            case IEnumerable items and not string:
                sb.Append('[');
                var firstItem = true;
                foreach (var item in items)
                {
                    sb.Append(firstItem ? "" : ", ");
                    Append(sb, item);
                    firstItem = false;
                }

                return sb.Append(']');
            default:
                return sb.Append(Scalar(value));
        }
    }
}
