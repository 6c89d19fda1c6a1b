using System.Text;
using StandaloneConnect.Sdk.Config;

namespace StandaloneConnect.Converters;

/// <summary>
/// A Java character set as <c>String.getBytes(charset)</c> / <c>new String(bytes, charset)</c> use it: unmappable
/// characters (and lone surrogates) encode as <c>?</c>, malformed input decodes as U+FFFD.
/// </summary>
internal sealed class JavaCharset
{
    private readonly Encoding _encoding;
    private readonly bool _utf16WithBom;

    private JavaCharset(Encoding encoding, bool utf16WithBom)
    {
        _encoding = encoding;
        _utf16WithBom = utf16WithBom;
    }

    public static JavaCharset Utf8 { get; } = Create(65001);

    /// <summary>
    /// Resolves a name as Java's <c>Charset.forName</c> does: the canonical name or one of its aliases, case-insensitively.
    /// A name Java does not know fails with Kafka's <c>StringSerializer</c> text, <c>Unsupported encoding NAME</c>.
    /// </summary>
    public static JavaCharset ForName(string? name)
    {
        var key = (name ?? "").Trim();
        if (JavaCharsetNames.TryGetCanonical(key, out var canonical))
        {
            return canonical switch
            {
                "UTF-8" => Utf8,
                "US-ASCII" => Create(20127),
                "ISO-8859-1" => Create(28591),
                "UTF-16" => new JavaCharset(Encoding.GetEncoding(1201, Fallbacks.Encoder, Fallbacks.Decoder), true),
                "UTF-16BE" => Create(1201),
                "UTF-16LE" => Create(1200),
                "UTF-32BE" => Create(12001),
                _ => Create(12000),
            };
        }

        // Other charsets .NET knows under the same name (never a .NET-only alias of a standard charset).
        try
        {
            var encoding = Encoding.GetEncoding(key, Fallbacks.Encoder, Fallbacks.Decoder);
            if (!JavaCharsetNames.IsStandardCodePage(encoding.CodePage))
            {
                return new JavaCharset(encoding, false);
            }
        }
        catch (ArgumentException)
        {
            // Unknown to .NET as well.
        }

        throw new ConfigException("Unsupported encoding " + name);
    }

    public byte[] GetBytes(string text)
    {
        if (!_utf16WithBom)
        {
            return _encoding.GetBytes(text);
        }

        // Java's "UTF-16" encoder writes a big-endian byte order mark first.
        var result = new byte[2 + _encoding.GetByteCount(text)];
        (result[0], result[1]) = ((byte)0xFE, (byte)0xFF);
        _encoding.GetBytes(text, result.AsSpan(2));
        return result;
    }

    public string GetString(byte[] bytes)
    {
        if (!_utf16WithBom || bytes.Length < 2)
        {
            return _encoding.GetString(bytes);
        }

        // Java's "UTF-16" decoder honours a byte order mark and defaults to big-endian.
        return (bytes[0], bytes[1]) switch
        {
            (0xFE, 0xFF) => _encoding.GetString(bytes, 2, bytes.Length - 2),
            (0xFF, 0xFE) => Encoding.GetEncoding(1200, Fallbacks.Encoder, Fallbacks.Decoder).GetString(bytes, 2, bytes.Length - 2),
            _ => _encoding.GetString(bytes),
        };
    }

    private static JavaCharset Create(int codePage) => new(Encoding.GetEncoding(codePage, Fallbacks.Encoder, Fallbacks.Decoder), false);

    private static class Fallbacks
    {
        public static EncoderFallback Encoder { get; } = new EncoderReplacementFallback("?");

        public static DecoderFallback Decoder { get; } = new DecoderReplacementFallback("\uFFFD");
    }
}

/// <summary>The canonical names and aliases of the charsets every Java runtime has (<c>java.nio.charset.StandardCharsets</c>).</summary>
internal static class JavaCharsetNames
{
    private static readonly Dictionary<string, string> Canonical = Build();

    public static bool TryGetCanonical(string name, out string canonical) => Canonical.TryGetValue(name, out canonical!);

    /// <summary>True for the code pages of the standard charsets, which resolve only through their Java names.</summary>
    public static bool IsStandardCodePage(int codePage) => codePage is 65001 or 20127 or 28591 or 1200 or 1201 or 12000 or 12001;

    private static Dictionary<string, string> Build()
    {
        var names = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        Add(names, "UTF-8", "UTF8", "unicode-1-1-utf-8");
        Add(names, "US-ASCII", "iso-ir-6", "ANSI_X3.4-1986", "ISO_646.irv:1991", "ASCII", "ISO646-US", "us", "IBM367", "cp367",
            "csASCII", "default", "646", "iso_646.irv:1983", "ANSI_X3.4-1968", "ascii7");
        Add(names, "ISO-8859-1", "iso-ir-100", "ISO_8859-1", "latin1", "l1", "IBM819", "cp819", "csISOLatin1", "819", "IBM-819",
            "ISO8859_1", "ISO_8859-1:1987", "ISO_8859_1", "8859_1", "ISO8859-1");
        Add(names, "UTF-16", "UTF_16", "utf16", "unicode", "UnicodeBig");
        Add(names, "UTF-16BE", "UTF_16BE", "ISO-10646-UCS-2", "X-UTF-16BE", "UnicodeBigUnmarked");
        Add(names, "UTF-16LE", "UTF_16LE", "X-UTF-16LE", "UnicodeLittleUnmarked");
        Add(names, "UTF-32BE", "UTF-32", "UTF_32", "UTF32", "UTF_32BE", "X-UTF-32BE");
        Add(names, "UTF-32LE", "UTF_32LE", "X-UTF-32LE");
        return names;
    }

    private static void Add(Dictionary<string, string> names, string canonical, params string[] aliases)
    {
        names[canonical] = canonical;
        foreach (var alias in aliases)
        {
            names[alias] = canonical;
        }
    }
}
