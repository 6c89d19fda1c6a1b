namespace StandaloneConnect.Cli.Tests;

/// <summary>The README's first command, run as a user would: file source -> embedded broker -> file sink.</summary>
[TestFixture]
public sealed class QuickstartEndToEndTests
{
    [Test]
    public async Task Quickstart_RepositoryConfigs_CopiesEveryInputLineToTheSinkFile()
    {
        using var dir = new TemporaryDirectory("sc-cli");
        foreach (var file in new[] { "worker.properties", "connector.properties", "examples/file-sink.properties", "examples/quickstart-input.txt" })
        {
            dir.WriteFile(file, await File.ReadAllTextAsync(Path.Combine(Repository.Root, file)));
        }

        var expected = dir.ReadLines("examples/quickstart-input.txt");
        using var connect = ConnectProcess.Start(dir.Path, "worker.properties", "connector.properties", "examples/file-sink.properties");

        await Eventually.UntilAsync(() => dir.ReadLines("data/quickstart-output.txt").Length >= expected.Length, TimeSpan.FromSeconds(60),
            () => "sink file incomplete; stderr:\n" + connect.Stderr, () => connect.HasExited);
        connect.Stderr.Should().Contain("Embedded Kafka broker started: bootstrap.servers=127.0.0.1:")
            .And.Contain("in memory only");

        connect.Terminate();
        await connect.WaitForExitAsync(TimeSpan.FromSeconds(30));

        connect.ExitCode.Should().Be(0, connect.Stderr);
        dir.ReadLines("data/quickstart-output.txt").Should().Equal(expected, "JsonConverter round-trips each line (non-ASCII included)");
        (await File.ReadAllTextAsync(dir.PathOf("data/connect.offsets"))).Should().Contain("\"position\": " + new FileInfo(dir.PathOf("examples/quickstart-input.txt")).Length);
    }

    [Test]
    public async Task EmbeddedKafkaCommand_WithTopic_PrintsBootstrapLineAndStopsOnSigterm()
    {
        using var dir = new TemporaryDirectory("sc-cli");
        using var broker = ConnectProcess.Start(dir.Path, "embedded-kafka", "--brokers", "2", "--topic", "orders:3");
        await broker.WaitForOutputAsync("bootstrap.servers=", TimeSpan.FromSeconds(30));

        broker.Stdout.Trim().Should().MatchRegex(@"^bootstrap\.servers=127\.0\.0\.1:\d+,127\.0\.0\.1:\d+$");
        broker.Terminate();
        await broker.WaitForExitAsync(TimeSpan.FromSeconds(30));
        broker.ExitCode.Should().Be(0);
    }
}
