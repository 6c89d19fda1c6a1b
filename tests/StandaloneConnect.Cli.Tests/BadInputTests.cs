namespace StandaloneConnect.Cli.Tests;

/// <summary>Every bad input ends with a message naming the file and the key (or line), the right exit code, and stored offsets untouched.</summary>
[TestFixture]
public sealed class BadInputTests
{
    private const string Worker = """
        bootstrap.servers=embedded
        key.converter=org.apache.kafka.connect.storage.StringConverter
        value.converter=org.apache.kafka.connect.storage.StringConverter
        offset.storage.file.filename=data/offsets.json
        """;

    private const string Source = "name=src\nconnector.class=FileStreamSource\nfile=in.txt\ntopic=t\n";

    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    [Test]
    public async Task NoArguments_ExitsWithUsageError()
    {
        using var dir = new TemporaryDirectory("sc-cli");
        var (code, _, stderr) = await ConnectProcess.RunAsync(dir.Path, Timeout);

        code.Should().Be(1);
        stderr.Should().Contain("Required argument missing");
    }

    [Test]
    public async Task MissingWorkerFile_ExitsTwoNamingTheFile()
    {
        using var dir = new TemporaryDirectory("sc-cli");
        var (code, _, stderr) = await ConnectProcess.RunAsync(dir.Path, Timeout, "nope.properties");

        code.Should().Be(2);
        stderr.Should().Contain("nope.properties").And.Contain("not found");
    }

    [Test]
    public async Task MalformedWorkerLine_ExitsTwoNamingFileAndLine()
    {
        using var dir = new TemporaryDirectory("sc-cli");
        dir.WriteFile("worker.properties", Worker + "\nbad.escape=\\u12G4\n");
        var (code, _, stderr) = await ConnectProcess.RunAsync(dir.Path, Timeout, "worker.properties");

        code.Should().Be(2);
        stderr.Should().Contain("worker.properties:5").And.Contain("Malformed \\uxxxx encoding");
    }

    [Test]
    public async Task WorkerMissingRequiredKey_ExitsTwoNamingFileAndKey()
    {
        using var dir = new TemporaryDirectory("sc-cli");
        dir.WriteFile("worker.properties", "bootstrap.servers=embedded\nkey.converter=StringConverter\noffset.storage.file.filename=o.json\n");
        var (code, _, stderr) = await ConnectProcess.RunAsync(dir.Path, Timeout, "worker.properties");

        code.Should().Be(2);
        stderr.Should().Contain("worker.properties: Missing required configuration \"value.converter\" which has no default value.");
    }

    [TestCase("offset.flush.timeout.ms=0", "Invalid value 0 for configuration offset.flush.timeout.ms: Value must be at least 1")]
    [TestCase("offset.flush.interval.ms=0", "Invalid value 0 for configuration offset.flush.interval.ms: Value must be at least 1")]
    [TestCase("key.converter=com.example.NoSuchConverter",
        "Invalid value com.example.NoSuchConverter for configuration key.converter: Class com.example.NoSuchConverter could not be found")]
    [TestCase("value.converter=JsonConvertr", "Invalid value JsonConvertr for configuration value.converter: Class JsonConvertr could not be found")]
    [TestCase("header.converter=org.apache.kafka.connect.storage.NoHeaders",
        "Invalid value org.apache.kafka.connect.storage.NoHeaders for configuration header.converter: Class org.apache.kafka.connect.storage.NoHeaders could not be found")]
    [TestCase("bootstrap.servers=", "No resolvable bootstrap urls given in bootstrap.servers")]
    [TestCase("bootstrap.servers=kafka", "Invalid url in bootstrap.servers: kafka (expected host:port)")]
    [TestCase("bootstrap.servers=localhost:99999", "Invalid port in bootstrap.servers: localhost:99999")]
    [TestCase("bootstrap.servers=256.1.1.1:9092", "Unknown host in bootstrap.servers: 256.1.1.1:9092 (256.1.1.1 is not a valid IPv4 address)")]
    [TestCase("bootstrap.servers=embedded,localhost:9092", "'embedded' must be the only value")]
    [TestCase("bootstrap.servers=no-such-host.invalid:9092", "No resolvable bootstrap urls given in bootstrap.servers=no-such-host.invalid:9092")]
    public async Task InvalidWorkerValue_ExitsTwoAtOnceNamingFileAndKey(string line, string expected)
    {
        using var dir = new TemporaryDirectory("sc-cli");
        var key = line[..line.IndexOf('=', StringComparison.Ordinal)];
        var kept = string.Join('\n', Worker.Split('\n').Where(l => !l.StartsWith(key + "=", StringComparison.Ordinal)));
        dir.WriteFile("worker.properties", kept + "\nbootstrap.timeout.ms=60000\n" + line + "\n");
        var started = DateTime.UtcNow;

        var (code, _, stderr) = await ConnectProcess.RunAsync(dir.Path, Timeout, "worker.properties");

        code.Should().Be(2, stderr);
        stderr.Should().Contain("worker.properties").And.Contain(expected);
        (DateTime.UtcNow - started).Should().BeLessThan(TimeSpan.FromSeconds(30), "config mistakes are reported at once, not after bootstrap.timeout.ms");
    }

    [Test]
    public async Task UnknownConfigProviderClass_ExitsTwoListingKnownProviders()
    {
        using var dir = new TemporaryDirectory("sc-cli");
        dir.WriteFile("worker.properties", Worker + "\nconfig.providers=vault\nconfig.providers.vault.class=com.example.VaultConfigProvider\n");
        var (code, _, stderr) = await ConnectProcess.RunAsync(dir.Path, Timeout, "worker.properties");

        code.Should().Be(2);
        stderr.Should().Contain("config.providers.vault.class").And.Contain("com.example.VaultConfigProvider").And.Contain("FileConfigProvider");
    }

    [TestCase("file")]
    [TestCase("sqlite")]
    public async Task OffsetStorePathIsADirectory_ExitsTwoNamingIt(string type)
    {
        using var dir = new TemporaryDirectory("sc-cli");
        dir.WriteFile("worker.properties", Worker + $"\noffset.storage.type={type}\n");
        var path = dir.CreateDirectory("data/offsets.json");
        dir.WriteFile("source.properties", Source);

        var (code, _, stderr) = await ConnectProcess.RunAsync(dir.Path, Timeout, "worker.properties", "source.properties");

        code.Should().Be(2, stderr);
        stderr.Should().Contain(path).And.Contain("is a directory");
    }

    [Test]
    public async Task OffsetStoreIsAnotherApplicationsSqliteDatabase_ExitsTwoAndLeavesItByteIdentical()
    {
        using var dir = new TemporaryDirectory("sc-cli");
        dir.WriteFile("worker.properties", Worker.Replace("data/offsets.json", "data/app.db") + "\noffset.storage.type=sqlite\n");
        var path = dir.PathOf("data/app.db");
        Directory.CreateDirectory(dir.PathOf("data"));
        await using (var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={path};Pooling=False"))
        {
            await connection.OpenAsync();
            await using var cmd = connection.CreateCommand();
            cmd.CommandText = "CREATE TABLE invoices (id INTEGER PRIMARY KEY, total REAL); INSERT INTO invoices (total) VALUES (9.5);";
            await cmd.ExecuteNonQueryAsync();
        }

        var before = await File.ReadAllBytesAsync(path);
        dir.WriteFile("source.properties", Source);

        var (code, _, stderr) = await ConnectProcess.RunAsync(dir.Path, Timeout, "worker.properties", "source.properties");

        code.Should().Be(2, stderr);
        stderr.Should().Contain(path).And.Contain("another application (tables invoices");
        (await File.ReadAllBytesAsync(path)).Should().Equal(before);
        Directory.GetFiles(dir.PathOf("data")).Should().Equal(path);
    }

    [Test]
    public async Task UnreachableBootstrapServers_ExitsTwoWithinTheDocumentedTimeout()
    {
        using var dir = new TemporaryDirectory("sc-cli");
        dir.WriteFile("worker.properties", Worker.Replace("bootstrap.servers=embedded", "bootstrap.servers=127.0.0.1:1\nbootstrap.timeout.ms=2000"));
        var started = DateTime.UtcNow;
        var (code, _, stderr) = await ConnectProcess.RunAsync(dir.Path, Timeout, "worker.properties");

        code.Should().Be(2);
        stderr.Should().Contain("Could not reach the Kafka cluster at bootstrap.servers=127.0.0.1:1").And.Contain("worker.properties");
        (DateTime.UtcNow - started).Should().BeLessThan(TimeSpan.FromSeconds(30));
    }

    [TestCase("offsets.json", "{\"format\":\"standaloneconnect-offsets\",\"offsets\":[{\"connector\":\"src\"", "file")]
    [TestCase("offsets.json", "\u00AC\u00ED\u0000\u0005sr", "file")]
    [TestCase("offsets.db", "this is not a database, just text that is long enough to fail the header check......", "sqlite")]
    [TestCase("offsets.db", "", "sqlite")]
    [TestCase("offsets.json", "{\"format\":\"standaloneconnect-offsets\",\"version\":9,\"offsets\":[]}", "file")]
    public async Task CorruptOffsetStore_ExitsTwoNamingTheFileAndLeavesItUntouched(string file, string content, string type)
    {
        using var dir = new TemporaryDirectory("sc-cli");
        dir.WriteFile("worker.properties", Worker.Replace("data/offsets.json", "data/" + file) + $"\noffset.storage.type={type}\n");
        var path = dir.WriteFile("data/" + file, content);
        var before = await File.ReadAllBytesAsync(path);
        dir.WriteFile("source.properties", Source);

        var (code, _, stderr) = await ConnectProcess.RunAsync(dir.Path, Timeout, "worker.properties", "source.properties");

        code.Should().Be(2);
        stderr.Should().Contain(path);
        (await File.ReadAllBytesAsync(path)).Should().Equal(before);
    }

    [TestCase("c.json", "{\"name\": \"x\", ", "c.json: invalid JSON connector configuration")]
    [TestCase("c.properties", "name=src\nconnector.class=NoSuchConnector\ntopic=t\n",
        "Failed to find any class that implements Connector and which name matches NoSuchConnector, available connectors are: ")]
    [TestCase("c.properties", "name=src\nconnector.class=FileStreamSource\nfile=in.txt\n",
        "Missing required configuration \"topic\" which has no default value.")]
    [TestCase("c.properties", "name=src\nconnector.class=FileStreamSource\ntopic=t\ntasks.max=abc\n",
        "Invalid value abc for configuration tasks.max: Not a number of type INT")]
    [TestCase("c.properties", "name=snk\nconnector.class=FileStreamSink\ntopics=a\ntopics.regex=b.*\n",
        "topics and topics.regex are mutually exclusive options, but both are set.")]
    [TestCase("c.properties", "name=snk\nconnector.class=FileStreamSink\n", "Must configure one of topics or topics.regex")]
    [TestCase("c.properties", "connector.class=FileStreamSource\ntopic=t\n", "Connector configuration at 'c.properties' is missing the mandatory 'name' configuration")]
    [TestCase("c.properties", "name=src\nconnector.class=FileStreamSource\ntopic=${vault:secret:topic}\n",
        "Config key 'topic' references unknown config provider 'vault'")]
    [TestCase("c.properties", "name=orders/eu\nconnector.class=FileStreamSource\nfile=in.txt\ntopic=t\n",
        "Connector name 'orders/eu' may not contain '/'")]
    [TestCase("c.json", "{\"name\": \"..\", \"connector.class\": \"FileStreamSource\", \"file\": \"in.txt\", \"topic\": \"t\"}",
        "Connector name '..' is not allowed")]
    [TestCase("c.properties", "name=bell\\u0007\nconnector.class=FileStreamSource\nfile=in.txt\ntopic=t\n",
        "String may not contain control sequences but had the following ASCII chars: 7")]
    public async Task InvalidConnectorFile_ExitsThreeNamingFileAndProblem(string file, string content, string expected)
    {
        using var dir = new TemporaryDirectory("sc-cli");
        dir.WriteFile("worker.properties", Worker);
        dir.WriteFile(file, content);

        var (code, _, stderr) = await ConnectProcess.RunAsync(dir.Path, Timeout, "worker.properties", file);

        code.Should().Be(3, stderr);
        stderr.Should().Contain(file).And.Contain(expected);
    }

    [Test]
    public async Task UnknownConnectorClass_ListsTheAvailableConnectors()
    {
        using var dir = new TemporaryDirectory("sc-cli");
        dir.WriteFile("worker.properties", Worker);
        dir.WriteFile("c.properties", "name=src\nconnector.class=Nope\n");

        var (code, _, stderr) = await ConnectProcess.RunAsync(dir.Path, Timeout, "worker.properties", "c.properties");

        code.Should().Be(3);
        stderr.Should().Contain("org.apache.kafka.connect.file.FileStreamSourceConnector").And.Contain("org.apache.kafka.connect.file.FileStreamSinkConnector");
    }

    [Test]
    public async Task TwoConnectorsWithTheSameName_ExitsThree()
    {
        using var dir = new TemporaryDirectory("sc-cli");
        dir.WriteFile("worker.properties", Worker);
        dir.WriteFile("a.properties", Source);
        dir.WriteFile("b.json", "{\"name\":\"src\",\"config\":{\"connector.class\":\"FileStreamSource\",\"file\":\"in.txt\",\"topic\":\"t\"}}");

        var (code, _, stderr) = await ConnectProcess.RunAsync(dir.Path, Timeout, "worker.properties", "a.properties", "b.json");

        code.Should().Be(3);
        stderr.Should().Contain("b.json").And.Contain("Connector src already exists");
    }
}
