using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using StandaloneConnect.Runtime.Logging;

namespace StandaloneConnect.Cli.Tests;

public sealed class LoggingTests
{
    private const string Category = "StandaloneConnect.Runtime.Workers.WorkerSourceTask";

    [Test]
    public void Create_LevelChangedAfterLoggerCreated_ExistingLoggerFollowsIt()
    {
        var levels = new LoggerLevels(TimeProvider.System, "INFO");
        var sink = new CapturingProvider();
        using var factory = Logging.Create(levels, builder => builder.AddProvider(sink));
        var logger = factory.CreateLogger(Category);
        logger.LogDebug("hidden");

        levels.SetLevel("StandaloneConnect.Runtime", "DEBUG");
        logger.LogDebug("shown");
        levels.SetLevel("StandaloneConnect.Runtime.Workers.WorkerSourceTask", "error");
        logger.LogWarning("hidden again");
        logger.LogError("error shown");

        sink.Messages.Should().Equal("DEBUG shown", "ERROR error shown");
    }

    [Test]
    public void Create_RootSetToOff_SilencesEveryLogger()
    {
        var levels = new LoggerLevels(TimeProvider.System, "TRACE");
        var sink = new CapturingProvider();
        using var factory = Logging.Create(levels, builder => builder.AddProvider(sink));
        var typed = factory.CreateLogger<LoggingTests>();
        typed.LogTrace("before");

        levels.SetLevel("root", "OFF");
        typed.LogCritical("after");

        typed.IsEnabled(LogLevel.Critical).Should().BeFalse();
        sink.Messages.Should().Equal("TRACE before");
    }

    [Test]
    public void Create_LoggerUsed_BecomesKnownToTheApi()
    {
        var levels = new LoggerLevels(TimeProvider.System, "INFO");
        using var factory = Logging.Create(levels, builder => builder.AddProvider(new CapturingProvider()));

        factory.CreateLogger(Category).LogInformation("hello");

        levels.Level(Category).Should().Be(new LoggerLevel("INFO", null));
    }

    [Test]
    public void Create_Process_QuietsAspNetCoreRequestLogging()
    {
        using var factory = Logging.Create(out var levels);

        levels.AllExplicit().Should().ContainKey("Microsoft").WhoseValue.Level.Should().Be("WARN");
        factory.CreateLogger("Microsoft.AspNetCore.Hosting.Diagnostics").IsEnabled(LogLevel.Information).Should().BeFalse();
    }

    [Test]
    [NonParallelizable]
    public void Create_Process_WritesToStderrWithTheNewLevel()
    {
        var original = Console.Error;
        using var stderr = new StringWriter();
        Console.SetError(stderr);
        try
        {
            using (var factory = Logging.Create(out var levels))
            {
                levels.SetLevel("root", "INFO"); // whatever CONNECT_LOG_LEVEL says
                var logger = factory.CreateLogger(Category);
                logger.LogTrace("before");
                levels.SetLevel("StandaloneConnect.Runtime.Workers", "TRACE");
                logger.LogTrace("after");
            }

            // Disposing the factory drains the console logger's queue.
            stderr.ToString().Should().NotContain("before").And.MatchRegex(@"\] TRACE after \(WorkerSourceTask\)\n");
        }
        finally
        {
            Console.SetError(original);
        }
    }

    private sealed class CapturingProvider : ILoggerProvider
    {
        public ConcurrentQueue<string> Messages { get; } = new();

        public ILogger CreateLogger(string categoryName) => new Capturing(Messages);

        public void Dispose()
        {
        }

        private sealed class Capturing(ConcurrentQueue<string> messages) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state)
                where TState : notnull => null;

            public bool IsEnabled(LogLevel logLevel) => true;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
                messages.Enqueue($"{Log4jName(logLevel)} {formatter(state, exception)}");

            private static string Log4jName(LogLevel level) => level switch
            {
                LogLevel.Trace => "TRACE",
                LogLevel.Debug => "DEBUG",
                LogLevel.Information => "INFO",
                LogLevel.Warning => "WARN",
                LogLevel.Error => "ERROR",
                _ => "FATAL",
            };
        }
    }
}
