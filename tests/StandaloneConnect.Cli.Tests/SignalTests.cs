using System.Net;
using System.Net.Sockets;

namespace StandaloneConnect.Cli.Tests;

/// <summary>SIGTERM at any point of start-up is a graceful stop (exit 0); start-up failures print one clear line.</summary>
[Platform(Include = "Linux", Reason = "reads /proc and sends POSIX signals")]
public sealed class SignalTests
{
    private const string Worker = """
        bootstrap.servers=embedded
        key.converter=org.apache.kafka.connect.storage.StringConverter
        value.converter=org.apache.kafka.connect.storage.StringConverter
        offset.storage.file.filename=data/offsets.json
        listeners=http://127.0.0.1:0
        """;

    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    [Test]
    public async Task Sigterm_AsSoonAsTheCommandLineParserIsLoaded_ExitsZero()
    {
        using var dir = new TemporaryDirectory("sc-cli");
        dir.WriteFile("worker.properties", Worker);
        using var connect = ConnectProcess.Start(dir.Path, "worker.properties");
        await connect.WaitForMappedFileAsync("System.CommandLine.dll", Timeout);

        connect.Terminate();
        await connect.WaitForExitAsync(Timeout);

        connect.ExitCode.Should().Be(0, "the signal handlers are registered before the command line is parsed; stderr:\n" + connect.Stderr);
    }

    [Test]
    public async Task Sigterm_WhileWaitingForAnUnreachableCluster_StopsAtOnceWithZero()
    {
        using var dir = new TemporaryDirectory("sc-cli");
        dir.WriteFile("worker.properties", Worker.Replace("bootstrap.servers=embedded", $"bootstrap.servers=127.0.0.1:{Ports.Free()}") +
            "\nbootstrap.timeout.ms=120000\n");
        using var connect = ConnectProcess.Start(dir.Path, "worker.properties");
        await connect.WaitForOutputAsync("Source offsets:", Timeout);
        var signalled = DateTime.UtcNow;

        connect.Terminate();
        await connect.WaitForExitAsync(Timeout);

        connect.ExitCode.Should().Be(0, connect.Stderr);
        (DateTime.UtcNow - signalled).Should().BeLessThan(TimeSpan.FromSeconds(20), "the stop does not wait for bootstrap.timeout.ms");
    }

    [Test]
    public async Task Sigterm_DeliveredTwice_StillStopsGracefully()
    {
        // As when both a wrapper (timeout, a shell) and a process-group kill deliver the same SIGTERM.
        using var dir = new TemporaryDirectory("sc-cli");
        dir.WriteFile("worker.properties", Worker);
        using var connect = ConnectProcess.Start(dir.Path, "worker.properties");
        await connect.WaitForOutputAsync("Kafka Connect started", Timeout);

        connect.Terminate();
        await connect.WaitForOutputAsync("Kafka Connect stopping", Timeout);
        connect.Terminate();
        await connect.WaitForExitAsync(Timeout);

        connect.ExitCode.Should().Be(0, connect.Stderr);
        connect.Stderr.Should().Contain("Kafka Connect stopped");
    }

    [Test]
    public async Task RestPortTaken_PrintsOneFatalLineWithoutAStackTrace()
    {
        using var dir = new TemporaryDirectory("sc-cli");
        using var taken = new TcpListener(IPAddress.Loopback, 0);
        taken.Start();
        var port = ((IPEndPoint)taken.LocalEndpoint).Port;
        dir.WriteFile("worker.properties", Worker.Replace("listeners=http://127.0.0.1:0", $"listeners=http://127.0.0.1:{port}"));

        var (code, _, stderr) = await ConnectProcess.RunAsync(dir.Path, Timeout, "worker.properties");

        code.Should().Be(2);
        stderr.Should().Contain($"FATAL Stopping due to error: Unable to start the REST server: cannot listen on http://127.0.0.1:{port}");
        stderr.Should().NotContain("   at ").And.NotContain("Hosting failed to start").And.NotContain("ERROR");
    }
}
