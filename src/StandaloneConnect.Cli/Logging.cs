using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Logging.Console;

namespace StandaloneConnect.Cli;

/// <summary>Console logging to stderr (stdout stays free for FileStreamSink without a file and for tools).</summary>
internal static class Logging
{
    /// <summary>Environment variable that sets the minimum level: Trace, Debug, Information, Warning, Error.</summary>
    public const string LevelVariable = "CONNECT_LOG_LEVEL";

    public static ILoggerFactory Create()
    {
        var level = Enum.TryParse<LogLevel>(Environment.GetEnvironmentVariable(LevelVariable), ignoreCase: true, out var parsed)
            ? parsed
            : LogLevel.Information;
        return LoggerFactory.Create(builder =>
        {
            builder.SetMinimumLevel(level)
                .AddConsole(o => o.FormatterName = ConnectFormatter.FormatterName)
                .AddConsoleFormatter<ConnectFormatter, ConsoleFormatterOptions>();
            builder.Services.Configure<ConsoleLoggerOptions>(o => o.LogToStandardErrorThreshold = LogLevel.Trace);
        });
    }

    /// <summary>One line per entry, log4j-like: <c>[2026-01-01 10:00:00,123] INFO message (Category)</c>; exceptions follow in full.</summary>
    private sealed class ConnectFormatter() : ConsoleFormatter(FormatterName)
    {
        public const string FormatterName = "connect";

        public override void Write<TState>(in LogEntry<TState> logEntry, IExternalScopeProvider? scopeProvider, TextWriter textWriter)
        {
            var message = logEntry.Formatter(logEntry.State, logEntry.Exception);
            var level = logEntry.LogLevel switch
            {
                LogLevel.Trace => "TRACE",
                LogLevel.Debug => "DEBUG",
                LogLevel.Information => "INFO",
                LogLevel.Warning => "WARN",
                LogLevel.Error => "ERROR",
                _ => "FATAL",
            };
            var category = logEntry.Category;
            var dot = category.LastIndexOf('.');
            textWriter.Write($"[{DateTime.Now:yyyy-MM-dd HH:mm:ss,fff}] {level} {message} ({(dot < 0 ? category : category[(dot + 1)..])})");
            textWriter.Write('\n');
            if (logEntry.Exception is { } e)
            {
                textWriter.Write(e.ToString());
                textWriter.Write('\n');
            }
        }
    }
}
