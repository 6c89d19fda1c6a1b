namespace StandaloneConnect.Cli.Tests;

/// <summary><c>connect-standalone pipeline-test</c> as a user runs it: a separate process, files and stdin, exit codes.</summary>
[TestFixture]
public sealed class PipelineTestProcessTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    [Test]
    public async Task ReadmeExample_TransformsTheRecords_DropsTheTombstone_ReportsTheBadLine()
    {
        using var dir = new TemporaryDirectory("sc-pipeline");
        var (code, stdout, stderr) = await ConnectProcess.RunAsync(Repository.Root, Timeout, "pipeline-test",
            "examples/pipeline-test/connector.properties", "--input", "examples/pipeline-test/records.jsonl");

        Lines(stdout).Should().Equal(
            """{"topic":"orders-v2","key":{"schema":{"type":"string","optional":false},"payload":"o-1"},"value":{"schema":{"type":"struct","fields":[{"type":"int64","optional":false,"field":"id"},{"type":"string","optional":true,"field":"card"},{"type":"string","optional":true,"field":"source"}],"optional":false},"payload":{"id":1,"card":"****","source":"web"}}}""",
            """{"topic":"orders-v2","key":{"schema":null,"payload":"o-2"},"value":{"schema":null,"payload":{"id":2,"card":"****","source":"web"}}}""");
        Lines(stderr).Should().Equal(
            "examples/pipeline-test/records.jsonl:4: transforms.addSource (org.apache.kafka.connect.transforms.InsertField$Value): " +
            "Only Struct objects supported for [field insertion], found: java.lang.String");
        code.Should().Be(1, "a record failed");
    }

    [Test]
    public async Task Stdin_AllRecordsPass_ExitsZero()
    {
        using var dir = new TemporaryDirectory("sc-pipeline");
        dir.WriteFile("c.properties", """
            name=c
            connector.class=FileStreamSource
            topic=t
            transforms=route
            transforms.route.type=org.apache.kafka.connect.transforms.RegexRouter
            transforms.route.regex=t
            transforms.route.replacement=u
            """);
        var (code, stdout, stderr) = await ConnectProcess.RunWithInputAsync(dir.Path, Timeout,
            "{\"topic\":\"t\",\"value\":{\"schema\":null,\"payload\":1}}\n\n{\"topic\":\"x\",\"value\":null}\n", "pipeline-test", "c.properties");

        stderr.Should().BeEmpty();
        Lines(stdout).Should().Equal(
            """{"topic":"u","key":null,"value":{"schema":null,"payload":1}}""",
            """{"topic":"x","key":null,"value":null}""");
        code.Should().Be(0);
    }

    [Test]
    public async Task InvalidChain_ListsEveryProblem_ExitsOne_WritesNothing()
    {
        using var dir = new TemporaryDirectory("sc-pipeline");
        dir.WriteFile("c.properties", """
            name=c
            connector.class=FileStreamSource
            topic=t
            transforms=a,b,c
            transforms.a.type=org.apache.kafka.connect.transforms.NoSuch
            transforms.b.type=org.apache.kafka.connect.transforms.Cast$Value
            transforms.c.type=Filter
            transforms.c.predicate=nope
            predicates=p
            value.converter=org.apache.kafka.connect.json.JsonConverter
            value.converter.schemas.enable=perhaps
            """);
        dir.WriteFile("in.jsonl", "{\"topic\":\"t\"}\n");
        var (code, stdout, stderr) = await ConnectProcess.RunAsync(dir.Path, Timeout, "pipeline-test", "c.properties", "--input", "in.jsonl");

        code.Should().Be(1);
        stdout.Should().BeEmpty();
        stderr.Should().StartWith("pipeline-test: c.properties: Connector configuration is invalid and contains the following 5 error(s):")
            .And.Contain("Invalid value org.apache.kafka.connect.transforms.NoSuch for configuration transforms.a.type: Class org.apache.kafka.connect.transforms.NoSuch could not be found.")
            .And.Contain("transforms.b.spec: Missing required configuration \"spec\" which has no default value.")
            .And.Contain("Invalid value nope for configuration transforms.c.predicate: Predicate alias nope is not listed in 'predicates'")
            .And.Contain("Missing required configuration \"predicates.p.type\" which has no default value.")
            .And.Contain("Invalid value perhaps for configuration value.converter.schemas.enable: Expected value to be either true or false");
    }

    [Test]
    public async Task BadLines_AreReportedByLine_AndTheRestStillRuns()
    {
        using var dir = new TemporaryDirectory("sc-pipeline");
        dir.WriteFile("c.properties", "name=c\nconnector.class=FileStreamSource\ntopic=t\n");
        var input = string.Join('\n',
            "not json",
            "{\"value\":null}",
            "{\"topic\":\"t\",\"value\":{\"id\":1}}",
            "{\"topic\":\"t\",\"value\":{\"schema\":null,\"payload\":\"ok\"}}",
            "{\"topic\":\"t\",\"colour\":1}");
        dir.WriteFile("in.jsonl", input);
        var (code, stdout, stderr) = await ConnectProcess.RunAsync(dir.Path, Timeout, "pipeline-test", "c.properties", "--input", "in.jsonl");

        Lines(stdout).Should().Equal("""{"topic":"t","key":null,"value":{"schema":null,"payload":"ok"}}""");
        var errors = Lines(stderr);
        errors.Should().HaveCount(4);
        errors[0].Should().StartWith("in.jsonl:1: input: not valid JSON");
        errors[1].Should().Be("in.jsonl:2: input: \"topic\" is required and must be a non-empty string");
        errors[2].Should().Be("in.jsonl:3: input: \"value\": JsonConverter with schemas.enable requires \"schema\" and \"payload\" fields and may not " +
            "contain additional fields. If you are trying to deserialize plain JSON data, set schemas.enable=false in your converter configuration.");
        errors[3].Should().Be("in.jsonl:5: input: unknown field \"colour\"; expected topic, partition, offset, timestamp, key, value, headers");
        code.Should().Be(1);
    }

    [Test]
    public async Task SinkConnector_WithWorkerFile_RecordsGoThroughTheWorkersConvertersFirst_Explained()
    {
        using var dir = new TemporaryDirectory("sc-pipeline");
        dir.WriteFile("worker.properties", """
            bootstrap.servers=embedded
            key.converter=org.apache.kafka.connect.storage.StringConverter
            value.converter=org.apache.kafka.connect.json.JsonConverter
            value.converter.schemas.enable=false
            offset.storage.file.filename=data/offsets
            """);
        dir.WriteFile("sink.properties", """
            name=s
            connector.class=FileStreamSink
            topics=t
            file=out.txt
            transforms=hoist
            transforms.hoist.type=org.apache.kafka.connect.transforms.HoistField$Value
            transforms.hoist.field=line
            """);
        var (code, stdout, stderr) = await ConnectProcess.RunWithInputAsync(dir.Path, Timeout,
            """{"topic":"t","partition":2,"offset":7,"timestamp":1700000000000,"key":{"schema":{"type":"int32","optional":false},"payload":5},"value":{"schema":{"type":"struct","fields":[{"field":"a","type":"string","optional":false}],"optional":false},"payload":{"a":"x"}}}""",
            "pipeline-test", "sink.properties", "--worker", "worker.properties", "--explain");

        // The key leaves as the string "5" (StringConverter); the struct's schema is lost by schemas.enable=false.
        Lines(stdout).Should().Equal(
            """{"topic":"t","partition":2,"offset":7,"timestamp":1700000000000,"key":{"schema":{"type":"string","optional":true},"payload":"5"},"value":{"schema":null,"payload":{"line":{"a":"x"}}}}""");
        var explained = Lines(stderr);
        explained.Should().HaveCount(5);
        explained[0].Should().StartWith("stdin:1 | input: ");
        explained[1].Should().Be("stdin:1 | key.converter (org.apache.kafka.connect.storage.StringConverter): 1 bytes \"5\"");
        explained[2].Should().Be("stdin:1 | value.converter (org.apache.kafka.connect.json.JsonConverter): 9 bytes \"{\\\"a\\\":\\\"x\\\"}\"");
        explained[3].Should().StartWith("stdin:1 | read back by the converters (what the sink task receives): ");
        explained[4].Should().StartWith("stdin:1 | transforms.hoist (org.apache.kafka.connect.transforms.HoistField$Value): ");
        code.Should().Be(0);
    }

    [Test]
    public async Task MissingFiles_ExitOneNamingTheFile()
    {
        using var dir = new TemporaryDirectory("sc-pipeline");
        dir.WriteFile("c.properties", "name=c\nconnector.class=FileStreamSource\ntopic=t\n");

        var connector = await ConnectProcess.RunAsync(dir.Path, Timeout, "pipeline-test", "nope.properties");
        var worker = await ConnectProcess.RunAsync(dir.Path, Timeout, "pipeline-test", "c.properties", "--worker", "w.properties");
        var input = await ConnectProcess.RunAsync(dir.Path, Timeout, "pipeline-test", "c.properties", "--input", "in.jsonl");

        connector.ExitCode.Should().Be(1);
        connector.Stderr.Should().Contain("nope.properties").And.Contain("not found");
        worker.ExitCode.Should().Be(1);
        worker.Stderr.Should().Contain("w.properties").And.Contain("not found");
        input.ExitCode.Should().Be(1);
        input.Stderr.Should().Contain("cannot read --input in.jsonl");
    }

    private static string[] Lines(string text) => text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}
