namespace StandaloneConnect.Cli.Tests;

/// <summary>A third-party plugin (examples/SamplePlugin, built only against the SDK) loaded through plugin.path.</summary>
[TestFixture]
public sealed class PluginPathTests
{
    [Test]
    public async Task PluginPath_SamplePluginAssembly_ConnectorResolvesBySimpleNameAndRuns()
    {
        using var dir = new TemporaryDirectory("sc-cli");
        var configuration = AppContext.BaseDirectory.Contains("/Release/", StringComparison.Ordinal) ? "Release" : "Debug";
        var built = Path.Combine(Repository.Root, "examples", "SamplePlugin", "bin", configuration, "net10.0", "SamplePlugin.dll");
        File.Exists(built).Should().BeTrue($"the sample plugin is built with the tests ({built})");
        Directory.CreateDirectory(dir.PathOf("plugins/sample"));
        File.Copy(built, dir.PathOf("plugins/sample/SamplePlugin.dll"));
        dir.WriteFile("worker.properties", """
            bootstrap.servers=embedded
            key.converter=org.apache.kafka.connect.storage.StringConverter
            value.converter=org.apache.kafka.connect.storage.StringConverter
            offset.storage.file.filename=data/offsets.json
            plugin.path=plugins
            """);
        dir.WriteFile("seq.properties", "name=seq\nconnector.class=SequenceSource\ntopic=numbers\ncount=50\nprefix=n\n");
        dir.WriteFile("sink.properties", "name=out\nconnector.class=FileStreamSink\ntopics=numbers\nfile=out.txt\n");

        using var connect = ConnectProcess.Start(dir.Path, "worker.properties", "seq.properties", "sink.properties");
        await Eventually.UntilAsync(() => dir.ReadLines("out.txt").Length >= 50, TimeSpan.FromSeconds(60),
            () => "the plugin's records did not arrive; stderr:\n" + connect.Stderr, () => connect.HasExited);
        connect.Terminate();
        await connect.WaitForExitAsync(TimeSpan.FromSeconds(30));

        connect.ExitCode.Should().Be(0, connect.Stderr);
        dir.ReadLines("out.txt").Should().Equal(Enumerable.Range(0, 50).Select(i => "n-" + i));
    }
}
