namespace StandaloneConnect.Cli.Tests;

/// <summary>The repository root (for the quickstart files).</summary>
internal static class Repository
{
    public static string Root
    {
        get
        {
            var dir = new DirectoryInfo(AppContext.BaseDirectory);
            while (dir is not null && !File.Exists(System.IO.Path.Combine(dir.FullName, "StandaloneConnect.sln")))
            {
                dir = dir.Parent;
            }

            return dir?.FullName ?? throw new InvalidOperationException("repository root not found from " + AppContext.BaseDirectory);
        }
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
