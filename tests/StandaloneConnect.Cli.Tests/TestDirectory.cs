namespace StandaloneConnect.Cli.Tests;

/// <summary>A fresh temporary working directory for one test, deleted afterwards.</summary>
internal sealed class TestDirectory : IDisposable
{
    public TestDirectory()
    {
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "sc-cli-" + Guid.NewGuid().ToString("N")[..12]);
        Directory.CreateDirectory(Path);
    }

    public string Path { get; }

    public string this[string relative] => System.IO.Path.Combine(Path, relative);

    public string Write(string relative, string content)
    {
        var full = this[relative];
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(full) ?? Path);
        File.WriteAllText(full, content);
        return full;
    }

    public string[] ReadLines(string relative) =>
        File.Exists(this[relative]) ? File.ReadAllText(this[relative]).Split('\n', StringSplitOptions.RemoveEmptyEntries) : [];

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}

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
