using System.Diagnostics;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;

namespace StandaloneConnect.Connectors.File.Tests;

/// <summary>A logger that keeps every entry, for asserting on log output.</summary>
internal sealed class CapturingLogger : ILogger
{
    private readonly Lock _gate = new();
    private readonly List<(LogLevel Level, string Message)> _entries = [];

    public IReadOnlyList<(LogLevel Level, string Message)> Entries
    {
        get
        {
            lock (_gate)
            {
                return [.. _entries];
            }
        }
    }

    public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => true;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception,
        Func<TState, Exception?, string> formatter)
    {
        lock (_gate)
        {
            _entries.Add((logLevel, formatter(state, exception)));
        }
    }
}

internal static class Waiting
{
    public static readonly TimeSpan Deadline = TimeSpan.FromSeconds(10);

    /// <summary>
    /// Starts <paramref name="start"/> and advances the fake clock in <paramref name="step"/>s until it completes;
    /// fails after <see cref="Deadline"/> of real time.
    /// </summary>
    public static async Task<T> CompleteWithFakeTimeAsync<T>(Func<Task<T>> start, FakeTimeProvider time, TimeSpan step)
    {
        var task = start();
        var stopwatch = Stopwatch.StartNew();
        while (!task.IsCompleted)
        {
            if (stopwatch.Elapsed > Deadline)
            {
                Assert.Fail($"The task did not complete within {Deadline} of real time");
            }

            time.Advance(step);
            await Task.Yield();
        }

        return await task.ConfigureAwait(false);
    }
}
