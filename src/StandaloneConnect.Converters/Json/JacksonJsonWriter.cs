using System.Buffers;
using System.Buffers.Text;
using System.Globalization;
using System.Text;
using StandaloneConnect.Sdk.Data;

namespace StandaloneConnect.Converters.Json;

/// <summary>
/// A compact JSON writer into a reused buffer that produces the same bytes as Jackson's <c>UTF8JsonGenerator</c>
/// with Kafka's settings: non-ASCII characters as raw UTF-8, except UTF-16 surrogates (so every supplementary
/// character) as <c>\uD83D\uDE00</c>; <c>"</c> and <c>\</c> backslash-escaped; control characters as
/// <c>\b \t \n \f \r</c> or <c>\u00XX</c> (upper-case hex); nothing else escaped (<c>/ &lt; &gt; &amp; ' + DEL</c>
/// stay as they are); numbers as Java prints them; non-finite floats as the strings <c>"NaN"</c>,
/// <c>"Infinity"</c>, <c>"-Infinity"</c>; bytes as padded standard base64.
/// </summary>
/// <remarks>
/// <c>Utf8JsonWriter</c> cannot produce these bytes: even <c>JavaScriptEncoder.UnsafeRelaxedJsonEscaping</c>
/// escapes DEL, U+2028/2029, U+FEFF, private-use and unassigned characters, and a custom encoder needs unsafe code.
/// </remarks>
internal sealed class JacksonJsonWriter
{
    private static readonly SearchValues<char> NeedsEscape = SearchValues.Create(EscapedChars());

    private readonly ArrayBufferWriter<byte> _buffer = new(256);
    private bool _needsComma;

    /// <summary>The bytes written since the last <see cref="Reset"/>.</summary>
    public ReadOnlySpan<byte> Written => _buffer.WrittenSpan;

    public void Reset()
    {
        _buffer.ResetWrittenCount();
        _needsComma = false;
    }

    public void StartObject()
    {
        Separator();
        WriteByte((byte)'{');
        _needsComma = false;
    }

    public void EndObject()
    {
        WriteByte((byte)'}');
        _needsComma = true;
    }

    public void StartArray()
    {
        Separator();
        WriteByte((byte)'[');
        _needsComma = false;
    }

    public void EndArray()
    {
        WriteByte((byte)']');
        _needsComma = true;
    }

    public void PropertyName(string name)
    {
        Separator();
        WriteQuoted(name);
        WriteByte((byte)':');
        _needsComma = false;
    }

    /// <summary>A property name that needs no escaping, given as UTF-8 without quotes (<c>"payload"u8</c>).</summary>
    public void PropertyName(ReadOnlySpan<byte> plainUtf8Name)
    {
        Separator();
        var span = _buffer.GetSpan(plainUtf8Name.Length + 3);
        span[0] = (byte)'"';
        plainUtf8Name.CopyTo(span[1..]);
        span[plainUtf8Name.Length + 1] = (byte)'"';
        span[plainUtf8Name.Length + 2] = (byte)':';
        _buffer.Advance(plainUtf8Name.Length + 3);
        _needsComma = false;
    }

    public void String(string value)
    {
        Separator();
        WriteQuoted(value);
        _needsComma = true;
    }

    /// <summary>A value whose JSON text is already complete (a cached schema, say).</summary>
    public void Raw(ReadOnlySpan<byte> json)
    {
        Separator();
        _buffer.Write(json);
        _needsComma = true;
    }

    public void Null() => Raw("null"u8);

    public void Boolean(bool value) => Raw(value ? "true"u8 : "false"u8);

    public void Number(long value)
    {
        Separator();
        var span = _buffer.GetSpan(20);
        value.TryFormat(span, out var written, default, CultureInfo.InvariantCulture);
        _buffer.Advance(written);
        _needsComma = true;
    }

    public void Number(double value)
    {
        Span<char> chars = stackalloc char[JavaNumberFormat.MaxLength];
        JavaNumberFormat.TryFormatDouble(value, chars, out var length);
        WriteJavaNumber(chars[..length], double.IsFinite(value));
    }

    public void Number(float value)
    {
        Span<char> chars = stackalloc char[JavaNumberFormat.MaxLength];
        JavaNumberFormat.TryFormatFloat(value, chars, out var length);
        WriteJavaNumber(chars[..length], float.IsFinite(value));
    }

    /// <summary>Jackson's <c>writeNumber(BigDecimal)</c>: <c>BigDecimal.toString()</c>, keeping the scale (<c>1.00</c>).</summary>
    public void Number(decimal value)
    {
        Span<char> chars = stackalloc char[JavaNumberFormat.MaxLength];
        JavaNumberFormat.TryFormatDecimal(value, chars, out var length);
        WriteJavaNumber(chars[..length], true);
    }

    public void Base64String(ReadOnlySpan<byte> data)
    {
        Separator();
        var span = _buffer.GetSpan(Base64.GetMaxEncodedToUtf8Length(data.Length) + 2);
        span[0] = (byte)'"';
        Base64.EncodeToUtf8(data, span[1..], out _, out var written);
        span[written + 1] = (byte)'"';
        _buffer.Advance(written + 2);
        _needsComma = true;
    }

    private void WriteJavaNumber(ReadOnlySpan<char> text, bool finite)
    {
        Separator();
        var quotes = finite ? 0 : 1;
        var span = _buffer.GetSpan(text.Length + 2);
        if (!finite)
        {
            span[0] = (byte)'"';
        }

        for (var i = 0; i < text.Length; i++)
        {
            span[i + quotes] = (byte)text[i];
        }

        if (!finite)
        {
            span[text.Length + 1] = (byte)'"';
        }

        _buffer.Advance(text.Length + 2 * quotes);
        _needsComma = true;
    }

    private void Separator()
    {
        if (_needsComma)
        {
            WriteByte((byte)',');
        }
    }

    private void WriteByte(byte value)
    {
        _buffer.GetSpan(1)[0] = value;
        _buffer.Advance(1);
    }

    private void WriteQuoted(string value)
    {
        WriteByte((byte)'"');
        var rest = value.AsSpan();
        while (true)
        {
            var index = rest.IndexOfAny(NeedsEscape);
            var run = index < 0 ? rest : rest[..index];
            if (!run.IsEmpty)
            {
                // The run holds no surrogates, so every char is 1 to 3 UTF-8 bytes.
                var span = _buffer.GetSpan(run.Length * 3);
                _buffer.Advance(Encoding.UTF8.GetBytes(run, span));
            }

            if (index < 0)
            {
                break;
            }

            WriteEscaped(rest[index]);
            rest = rest[(index + 1)..];
        }

        WriteByte((byte)'"');
    }

    private void WriteEscaped(char c)
    {
        var shortForm = c switch
        {
            '"' => (byte)'"',
            '\\' => (byte)'\\',
            '\b' => (byte)'b',
            '\t' => (byte)'t',
            '\n' => (byte)'n',
            '\f' => (byte)'f',
            '\r' => (byte)'r',
            _ => (byte)0,
        };
        if (shortForm != 0)
        {
            var pair = _buffer.GetSpan(2);
            pair[0] = (byte)'\\';
            pair[1] = shortForm;
            _buffer.Advance(2);
            return;
        }

        var hex = "0123456789ABCDEF"u8;
        var span = _buffer.GetSpan(6);
        span[0] = (byte)'\\';
        span[1] = (byte)'u';
        span[2] = hex[c >> 12];
        span[3] = hex[(c >> 8) & 0xF];
        span[4] = hex[(c >> 4) & 0xF];
        span[5] = hex[c & 0xF];
        _buffer.Advance(6);
    }

    private static string EscapedChars()
    {
        var chars = new StringBuilder();
        for (var c = '\0'; c < ' '; c++)
        {
            chars.Append(c);
        }

        chars.Append('"').Append('\\');
        for (var c = '\uD800'; c <= '\uDFFF'; c++)
        {
            chars.Append(c);
        }

        return chars.ToString();
    }
}
