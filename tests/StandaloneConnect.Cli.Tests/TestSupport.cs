namespace StandaloneConnect.Cli.Tests;

/// <summary>The repository root (for the quickstart files): where this file was compiled from, so it is found whatever the output path.</summary>
internal static class Repository
{
    public static string Root { get; } = FromSource();

    private static string FromSource([System.Runtime.CompilerServices.CallerFilePath] string thisFile = "") =>
        System.IO.Path.GetFullPath(System.IO.Path.Combine(System.IO.Path.GetDirectoryName(thisFile) ?? ".", "..", ".."));
}

/// <summary>Loopback ports for the tests.</summary>
internal static class Ports
{
    /// <summary>A port on 127.0.0.1 that was free a moment ago: nothing listens there (connections are refused) until someone binds it.</summary>
    public static int Free()
    {
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        return ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
    }
}

/// <summary>An <c>embedded-kafka</c> process: a broker that outlives the worker processes of a test.</summary>
internal sealed class ExternalBroker : IDisposable
{
    private readonly ConnectProcess _process;

    private ExternalBroker(ConnectProcess process, string bootstrap)
    {
        _process = process;
        BootstrapServers = bootstrap;
    }

    public string BootstrapServers { get; }

    public static async Task<ExternalBroker> StartAsync(string workingDirectory, params string[] topics)
    {
        var args = new List<string> { "embedded-kafka" };
        foreach (var topic in topics)
        {
            args.Add("--topic");
            args.Add(topic);
        }

        var process = ConnectProcess.Start(workingDirectory, [.. args]);
        await process.WaitForOutputAsync("bootstrap.servers=", TimeSpan.FromSeconds(30));
        var line = process.Stdout.Split('\n').First(l => l.StartsWith("bootstrap.servers=", StringComparison.Ordinal));
        return new ExternalBroker(process, line["bootstrap.servers=".Length..].Trim());
    }

    public void Dispose() => _process.Dispose();
}
