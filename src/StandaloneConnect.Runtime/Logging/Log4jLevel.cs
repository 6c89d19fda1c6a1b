using Microsoft.Extensions.Logging;

namespace StandaloneConnect.Runtime.Logging;

/// <summary>
/// The level of one logger as Kafka's <c>/admin/loggers</c> shows it: a log4j level name and the epoch-ms time it was
/// last changed through the API, or null if it never was (Kafka's <c>LoggerLevel</c> entity).
/// </summary>
public sealed record LoggerLevel(string Level, long? LastModified);

/// <summary>log4j level names, and how they map to <see cref="LogLevel"/>.</summary>
public static class Log4jLevel
{
    public const string Off = "OFF";
    public const string Fatal = "FATAL";
    public const string Error = "ERROR";
    public const string Warn = "WARN";
    public const string Info = "INFO";
    public const string Debug = "DEBUG";
    public const string Trace = "TRACE";
    public const string All = "ALL";

    /// <summary>
    /// Parses a log4j level name (OFF, FATAL, ERROR, WARN, INFO, DEBUG, TRACE, ALL), ignoring case and surrounding
    /// white space as log4j does; <paramref name="level"/> is the upper-case name.
    /// </summary>
    public static bool TryParse(string? text, out string level)
    {
        level = text?.Trim().ToUpperInvariant() switch
        {
            Off => Off,
            Fatal => Fatal,
            Error => Error,
            Warn => Warn,
            Info => Info,
            Debug => Debug,
            Trace => Trace,
            All => All,
            _ => string.Empty,
        };
        return level.Length > 0;
    }

    /// <summary>
    /// Parses a configured level: a log4j name or a <see cref="LogLevel"/> name (Trace, Debug, Information, Warning,
    /// Error, Critical, None), ignoring case; <paramref name="level"/> is the log4j name.
    /// </summary>
    public static bool TryParseConfigured(string? text, out string level)
    {
        if (TryParse(text, out level))
        {
            return true;
        }

        level = text?.Trim().ToUpperInvariant() switch
        {
            "INFORMATION" => Info,
            "WARNING" => Warn,
            "CRITICAL" => Fatal,
            "NONE" => Off,
            _ => string.Empty,
        };
        return level.Length > 0;
    }

    /// <summary>The least severe <see cref="LogLevel"/> a logger at <paramref name="log4jLevel"/> lets through.</summary>
    public static LogLevel ToLogLevel(string log4jLevel) => log4jLevel switch
    {
        Off => LogLevel.None,
        Fatal => LogLevel.Critical,
        Error => LogLevel.Error,
        Warn => LogLevel.Warning,
        Info => LogLevel.Information,
        Debug => LogLevel.Debug,
        Trace or All => LogLevel.Trace,
        _ => throw new ArgumentException($"Not a log4j level: '{log4jLevel}'", nameof(log4jLevel)),
    };
}
