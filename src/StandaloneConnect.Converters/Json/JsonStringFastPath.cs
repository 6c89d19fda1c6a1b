using System.Text.Json;

namespace StandaloneConnect.Converters.Json;

/// <summary>
/// Reads a JSON text that is one string (the common "plain line" value) with a <see cref="Utf8JsonReader"/>, without
/// building a <see cref="JsonDocument"/>. It only answers when the result is certainly what the document path gives
/// (the same <c>GetString</c> unescaping); for anything else, including malformed input and text that is not valid
/// UTF-8, it declines and the caller takes the general path, which reports errors exactly as before.
/// </summary>
internal static class JsonStringFastPath
{
    /// <summary>
    /// True, with the string, when <paramref name="json"/> is a JSON string optionally surrounded by JSON whitespace
    /// (space, tab, CR, LF: exactly what <see cref="JsonDocument.Parse(ReadOnlyMemory{byte}, JsonDocumentOptions)"/>
    /// accepts around a value when comments are not allowed).
    /// </summary>
    public static bool TryRead(ReadOnlySpan<byte> json, out string? value)
    {
        value = null;
        try
        {
            var reader = new Utf8JsonReader(json);
            if (!reader.Read() || reader.TokenType != JsonTokenType.String
                || json[(int)reader.BytesConsumed..].TrimStart(" \t\r\n"u8).Length != 0)
            {
                return false;
            }

            value = reader.GetString();
            return true;
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException)
        {
            value = null;
            return false;
        }
    }
}
