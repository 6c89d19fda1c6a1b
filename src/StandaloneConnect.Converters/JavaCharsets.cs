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

    public static JavaCharset Utf8 { get; } = Create("utf-8");

    /// <summary>Resolves a Java charset name (<c>UTF-8</c>, <c>UTF8</c>, <c>ISO-8859-1</c>, <c>US-ASCII</c>, <c>UTF-16</c>, ...).</summary>
    public static JavaCharset ForName(string configKey, string? name)
    {
        var normalized = (name ?? "").Trim().ToUpperInvariant().Replace('_', '-');
        try
        {
            return normalized switch
            {
                "UTF-8" or "UTF8" => Utf8,
                "US-ASCII" or "ASCII" or "ISO646-US" => Create("us-ascii"),
                "ISO-8859-1" or "ISO8859-1" or "LATIN1" or "ISO-LATIN-1" or "8859-1" => Create("iso-8859-1"),
                "UTF-16" or "UTF16" => new JavaCharset(Encoding.GetEncoding("utf-16BE", Fallbacks.Encoder, Fallbacks.Decoder), true),
                "UTF-16BE" or "UNICODEBIGUNMARKED" => Create("utf-16BE"),
                "UTF-16LE" or "UNICODELITTLEUNMARKED" => Create("utf-16LE"),
                "UTF-32" or "UTF32" or "UTF-32BE" => Create("utf-32BE"),
                "UTF-32LE" => Create("utf-32LE"),
                _ => Create(normalized),
            };
        }
        catch (ArgumentException)
        {
            throw new ConfigException(configKey, name, "Unsupported character set");
        }
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
            (0xFF, 0xFE) => Encoding.GetEncoding("utf-16LE", Fallbacks.Encoder, Fallbacks.Decoder).GetString(bytes, 2, bytes.Length - 2),
            _ => _encoding.GetString(bytes),
        };
    }

    private static JavaCharset Create(string name) => new(Encoding.GetEncoding(name, Fallbacks.Encoder, Fallbacks.Decoder), false);

    private static class Fallbacks
    {
        public static EncoderFallback Encoder { get; } = new EncoderReplacementFallback("?");

        public static DecoderFallback Decoder { get; } = new DecoderReplacementFallback("\uFFFD");
    }
}
