using StandaloneConnect.Sdk.Config;

namespace StandaloneConnect.Runtime.Configuration;

/// <summary>
/// A worker or connector configuration file is missing, unreadable or malformed. The message names the file: it is
/// prefixed with <c>file:line: </c> (or <c>file: </c> when no single line is to blame), unless it is about the whole
/// file and already quotes the path, as Kafka's own wording does
/// (<c>Connector configuration at 'c.json' is missing the mandatory 'name' configuration</c>).
/// </summary>
public sealed class ConfigFileException : ConfigException
{
    public ConfigFileException(string filePath, int? line, string message, Exception? innerException = null)
        : base(FormatMessage(filePath, line, message), innerException)
    {
        FilePath = filePath;
        Line = line;
    }

    /// <summary>The file as the user named it (not made absolute).</summary>
    public string FilePath { get; }

    /// <summary>The 1-based line the problem is on, or null when it is about the whole file.</summary>
    public int? Line { get; }

    private static string FormatMessage(string filePath, int? line, string message) => line switch
    {
        { } l => $"{filePath}:{l}: {message}",
        null when filePath.Length > 0 && message.Contains($"'{filePath}'", StringComparison.Ordinal) => message,
        null => $"{filePath}: {message}",
    };
}
