using System.Globalization;
using System.Text;

namespace StandaloneConnect.Cli.Tests;

/// <summary>
/// Delivery guarantees across restarts. The broker runs in its own <c>embedded-kafka</c> process so that it outlives
/// the worker (an in-process broker would lose its data with the worker).
/// </summary>
[TestFixture]
public sealed class RestartEndToEndTests
{
    private const string Topic = "lines";

    /// <summary>Paces the input writer so the kill lands in the middle of the run (pacing, not waiting for a condition).</summary>
    private static readonly TimeSpan AppendPause = TimeSpan.FromMilliseconds(5);

    [Test]
    public async Task GracefulStop_LinesAppendedWhileStopped_DeliveredExactlyOnceAfterRestart()
    {
        using var dir = new TemporaryDirectory("sc-cli");
        using var broker = await ExternalBroker.StartAsync(dir.Path, Topic + ":1");
        WriteConfigs(dir, broker.BootstrapServers, flushIntervalMs: 60000);
        AppendLines(dir, 0, 200);

        using (var first = StartWorker(dir))
        {
            await WaitForOutputLinesAsync(dir, first, 200);
            first.Terminate();
            await first.WaitForExitAsync(TimeSpan.FromSeconds(30));
            first.ExitCode.Should().Be(0, first.Stderr);
        }

        AppendLines(dir, 200, 100);
        using var second = StartWorker(dir);
        await WaitForOutputLinesAsync(dir, second, 300);
        second.Terminate();
        await second.WaitForExitAsync(TimeSpan.FromSeconds(30));

        second.ExitCode.Should().Be(0, second.Stderr);
        dir.ReadLines("out.txt").Should().Equal(Enumerable.Range(0, 300).Select(Line), "a graceful stop commits both source and sink offsets");
    }

    [Test]
    public async Task KillDashNine_DuringHundredThousandLineRun_LosesNothingAndDuplicatesOnlyTheLastFlushInterval()
    {
        const int total = 100_000;
        const int flushMs = 500;
        using var dir = new TemporaryDirectory("sc-cli");
        using var broker = await ExternalBroker.StartAsync(dir.Path, Topic + ":1");
        WriteConfigs(dir, broker.BootstrapServers, flushIntervalMs: flushMs);
        await File.WriteAllTextAsync(dir.PathOf("in.txt"), "");

        using var writing = new CancellationTokenSource();
        var writer = Task.Run(async () =>
        {
            for (var i = 0; i < total; i += 500)
            {
                AppendLines(dir, i, 500);
                await Task.Delay(AppendPause, CancellationToken.None);
            }
        }, CancellationToken.None);

        var samples = new List<(DateTime At, int Lines)>();
        int committedLine;
        using (var first = StartWorker(dir))
        {
            await Eventually.UntilAsync(() =>
            {
                var n = CountLines(dir.PathOf("out.txt"));
                samples.Add((DateTime.UtcNow, n));
                return n >= total / 3;
            }, TimeSpan.FromSeconds(120), () => "first run never got a third of the way; stderr:\n" + first.Stderr, () => first.HasExited);
            first.Kill();
            committedLine = CommittedSourceLine(dir);
        }

        var killedAt = DateTime.UtcNow;
        await writer;
        var sinkSafe = samples.LastOrDefault(s => s.At <= killedAt - TimeSpan.FromMilliseconds(3 * flushMs)).Lines;

        using var second = StartWorker(dir);
        await Eventually.UntilAsync(() => File.ReadAllText(dir.PathOf("out.txt")).Split('\n', StringSplitOptions.RemoveEmptyEntries).Distinct().Count() == total,
            TimeSpan.FromSeconds(180), () => "not every line arrived after the restart; stderr:\n" + second.Stderr, () => second.HasExited);
        second.Terminate();
        await second.WaitForExitAsync(TimeSpan.FromSeconds(30));

        var output = dir.ReadLines("out.txt");
        var counts = output.GroupBy(l => l).ToDictionary(g => g.Key, g => g.Count());
        counts.Keys.Should().BeEquivalentTo(Enumerable.Range(0, total).Select(Line), "nothing may be lost");
        var duplicated = counts.Where(kv => kv.Value > 1).Select(kv => LineNumber(kv.Key)).ToList();
        var firstAllowed = Math.Min(committedLine, sinkSafe);
        duplicated.Should().OnlyContain(n => n >= firstAllowed,
            $"only records after the last committed offsets (source line {committedLine}, sink line {sinkSafe}) may be redelivered");
        counts.Values.Should().OnlyContain(c => c <= 3);
    }

    private static ConnectProcess StartWorker(TemporaryDirectory dir) =>
        ConnectProcess.Start(dir.Path, "worker.properties", "source.properties", "sink.properties");

    private static void WriteConfigs(TemporaryDirectory dir, string bootstrap, int flushIntervalMs)
    {
        dir.WriteFile("worker.properties", $"""
            bootstrap.servers={bootstrap}
            key.converter=org.apache.kafka.connect.storage.StringConverter
            value.converter=org.apache.kafka.connect.storage.StringConverter
            offset.storage.file.filename=data/offsets.json
            offset.flush.interval.ms={flushIntervalMs}
            consumer.session.timeout.ms=6000
            consumer.heartbeat.interval.ms=500
            consumer.fetch.max.wait.ms=50
            """);
        dir.WriteFile("source.properties", $"name=src\nconnector.class=FileStreamSource\nfile=in.txt\ntopic={Topic}\n");
        dir.WriteFile("sink.properties", $"name=sink\nconnector.class=FileStreamSink\nfile=out.txt\ntopics={Topic}\n");
    }

    private static string Line(int i) => "line-" + i.ToString("D6", CultureInfo.InvariantCulture);

    private static int LineNumber(string line) => int.Parse(line.AsSpan(5), CultureInfo.InvariantCulture);

    private static void AppendLines(TemporaryDirectory dir, int from, int count)
    {
        var sb = new StringBuilder();
        for (var i = from; i < from + count; i++)
        {
            sb.Append(Line(i)).Append('\n');
        }

        File.AppendAllText(dir.PathOf("in.txt"), sb.ToString());
    }

    private static int CountLines(string path)
    {
        if (!File.Exists(path))
        {
            return 0;
        }

        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        var buffer = new byte[65536];
        var count = 0;
        int read;
        while ((read = stream.Read(buffer)) > 0)
        {
            count += buffer.AsSpan(0, read).Count((byte)'\n');
        }

        return count;
    }

    /// <summary>The first line the source had not committed when it was killed (from the offsets file).</summary>
    private static int CommittedSourceLine(TemporaryDirectory dir)
    {
        var offsets = File.Exists(dir.PathOf("data/offsets.json")) ? File.ReadAllText(dir.PathOf("data/offsets.json")) : "";
        var marker = "\"position\": ";
        var at = offsets.IndexOf(marker, StringComparison.Ordinal);
        if (at < 0)
        {
            return 0;
        }

        var digits = new string(offsets[(at + marker.Length)..].TakeWhile(char.IsDigit).ToArray());
        return (int)(long.Parse(digits, CultureInfo.InvariantCulture) / (Line(0).Length + 1));
    }

    private static Task WaitForOutputLinesAsync(TemporaryDirectory dir, ConnectProcess process, int lines) =>
        Eventually.UntilAsync(() => CountLines(dir.PathOf("out.txt")) >= lines, TimeSpan.FromSeconds(60),
            () => $"expected {lines} lines in out.txt, found {CountLines(dir.PathOf("out.txt"))}; stderr:\n{process.Stderr}", () => process.HasExited);
}
