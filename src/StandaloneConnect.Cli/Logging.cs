using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Logging.Console;
using StandaloneConnect.Runtime.Logging;

namespace StandaloneConnect.Cli;

/// <summary>
/// Console logging to stderr (stdout stays free for FileStreamSink without a file and for tools), with levels that
/// <c>/admin/loggers</c> can change while the worker runs.
/// </summary>
internal static partial class Logging
{
    /// <summary>
    /// Environment variable that sets the root level: a log4j name (TRACE, DEBUG, INFO, WARN, ERROR, FATAL, OFF, ALL)
    /// or a .NET one (Trace, Debug, Information, Warning, Error, Critical, None), any case; INFO if unset or invalid.
    /// </summary>
    public const string LevelVariable = "CONNECT_LOG_LEVEL";

    /// <summary>
    /// Loggers with a level from the start, as Kafka's connect-log4j.properties quiets some libraries: ASP.NET Core and
    /// the .NET host would otherwise log every REST request and host event at INFO. They show in
    /// <c>GET /admin/loggers</c> and can be changed there.
    /// </summary>
    public static readonly IReadOnlyDictionary<string, string> InitialLevels = new Dictionary<string, string>
    {
        ["Microsoft"] = Log4jLevel.Warn,
    };

    /// <summary>The process's logger factory, and the levels that every logger it creates consults on every call.</summary>
    public static ILoggerFactory Create(out LoggerLevels levels)
    {
        var configured = Environment.GetEnvironmentVariable(LevelVariable);
        var valid = Log4jLevel.TryParseConfigured(configured, out var root);
        levels = new LoggerLevels(TimeProvider.System, valid ? root : Log4jLevel.Info, InitialLevels);
        var factory = Create(levels, builder =>
        {
            builder.AddConsole(o => o.FormatterName = ConnectFormatter.FormatterName)
                .AddConsoleFormatter<ConnectFormatter, ConsoleFormatterOptions>();
            builder.Services.Configure<ConsoleLoggerOptions>(o => o.LogToStandardErrorThreshold = LogLevel.Trace);
        });
        if (!valid && !string.IsNullOrWhiteSpace(configured))
        {
            LogInvalidLevel(factory.CreateLogger(typeof(Logging).FullName ?? nameof(Logging)), LevelVariable, configured);
        }

        return factory;
    }

    /// <summary>
    /// A logger factory with the providers <paramref name="addProviders"/> adds, all filtered by
    /// <paramref name="levels"/>: MEL evaluates a filter delegate on every call, so changes apply to existing loggers.
    /// </summary>
    internal static ILoggerFactory Create(LoggerLevels levels, Action<ILoggingBuilder> addProviders) =>
        LoggerFactory.Create(builder =>
        {
            builder.SetMinimumLevel(LogLevel.Trace)
                .AddFilter((_, category, level) => levels.IsEnabled(category ?? string.Empty, level));
            addProviders(builder);
        });

    [LoggerMessage(Level = LogLevel.Warning, Message = "Ignoring {Variable}='{Value}': not a log level; using INFO")]
    private static partial void LogInvalidLevel(ILogger logger, string variable, string value);

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
