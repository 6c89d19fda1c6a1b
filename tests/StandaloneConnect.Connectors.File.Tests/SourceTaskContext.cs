using System.Globalization;
using System.Text;
using Microsoft.Extensions.Time.Testing;
using StandaloneConnect.Sdk;
using StandaloneConnect.Testing;

namespace StandaloneConnect.Connectors.File.Tests;

/// <summary>Per-test set-up for <see cref="FileStreamSourceTask"/> tests: temp file, fake clock, logger, harnesses.</summary>
internal sealed class SourceTaskContext : IAsyncDisposable
{
    public static readonly DateTimeOffset Start = new(2024, 5, 1, 12, 0, 0, TimeSpan.Zero);

    private readonly TemporaryDirectory _dir = new();
    private readonly List<SourceTaskHarness> _harnesses = [];

    public SourceTaskContext() => FilePath = _dir.PathOf("input.txt");

    public string FilePath { get; }

    public FakeTimeProvider Time { get; } = new(Start);

    public CapturingLogger Logger { get; } = new();

    public SourceTaskHarness StartHarness(int? batchSize = null, InMemoryOffsetStorageReader? store = null) =>
        Track(SourceTaskHarness.Start(NewTask(), Config(batchSize), store));

    public SourceTaskHarness Track(SourceTaskHarness harness)
    {
        _harnesses.Add(harness);
        return harness;
    }

    public FileStreamSourceTask NewTask() => new(Time, Logger);

    public Dictionary<string, string> Config(int? batchSize = null) => Config(FilePath, batchSize);

    public static Dictionary<string, string> Config(string? file, int? batchSize = null)
    {
        var config = new Dictionary<string, string> { ["topic"] = "test-topic" };
        if (file is not null)
        {
            config["file"] = file;
        }

        if (batchSize is { } size)
        {
            config["batch.size"] = size.ToString(CultureInfo.InvariantCulture);
        }

        return config;
    }

    /// <summary>An offset store holding <c>{"position": position}</c> for the test file.</summary>
    public InMemoryOffsetStorageReader Store(object position) => new(
    [
        new(new Dictionary<string, object?> { ["filename"] = FilePath }, new Dictionary<string, object?> { ["position"] = position }),
    ]);

    /// <summary>Runs a poll that has to wait to completion, by advancing the fake clock.</summary>
    public Task<IReadOnlyList<SourceRecord>> CompleteAsync(Func<CancellationToken, Task<IReadOnlyList<SourceRecord>>> poll) =>
        Waiting.CompleteWithFakeTimeAsync(() => poll(CancellationToken.None), Time, FileStreamSourceTask.RecheckInterval);

    public static long Position(SourceRecord record) =>
        (long)(record.SourceOffset?["position"] ?? throw new AssertionException("The record has no position"));

    /// <summary>The byte position after each line terminator (<c>\n</c>, <c>\r\n</c> or a lone <c>\r</c>).</summary>
    public static List<long> ExpectedPositions(string content)
    {
        var positions = new List<long>();
        var bytes = Encoding.UTF8.GetBytes(content);
        for (var i = 0; i < bytes.Length; i++)
        {
            if (bytes[i] == '\n' || (bytes[i] == '\r' && (i + 1 == bytes.Length || bytes[i + 1] != '\n')))
            {
                positions.Add(i + 1);
            }
        }

        return positions;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var harness in _harnesses)
        {
            await harness.DisposeAsync();
        }

        _harnesses.Clear();
        _dir.Dispose();
    }
}
