using System.Text;

namespace StandaloneConnect.Runtime.Configuration;

/// <summary>Reads a whole configuration file as text, turning every I/O failure into a <see cref="ConfigFileException"/>.</summary>
internal static class ConfigFileReader
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>
    /// Reads <paramref name="path"/> as UTF-8 (a leading byte-order mark is dropped). Bytes that are not valid UTF-8
    /// are read as ISO-8859-1 instead, which is how Java's <c>Properties.load(InputStream)</c> reads every file, so
    /// legacy Latin-1 files keep working.
    /// </summary>
    public static string ReadText(string path)
    {
        byte[] bytes = ReadBytes(path);
        ReadOnlySpan<byte> span = bytes;
        if (span.StartsWith(Encoding.UTF8.Preamble))
        {
            span = span[Encoding.UTF8.Preamble.Length..];
        }

        try
        {
            return StrictUtf8.GetString(span);
        }
        catch (DecoderFallbackException)
        {
            return Encoding.Latin1.GetString(span);
        }
    }

    public static byte[] ReadBytes(string path)
    {
        if (Directory.Exists(path))
        {
            throw new ConfigFileException(path, null, "is a directory, not a file");
        }

        try
        {
            return File.ReadAllBytes(path);
        }
        catch (Exception ex) when (ex is FileNotFoundException or DirectoryNotFoundException)
        {
            throw new ConfigFileException(path, null, "file not found", ex);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or NotSupportedException or ArgumentException)
        {
            throw new ConfigFileException(path, null, $"cannot read file: {ex.Message}", ex);
        }
    }
}
