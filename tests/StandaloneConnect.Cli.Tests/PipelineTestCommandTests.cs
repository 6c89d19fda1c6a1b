using StandaloneConnect.Cli.PipelineTest;

namespace StandaloneConnect.Cli.Tests;

/// <summary>The pipeline-test stages in-process: predicates, headers, coordinates, converter failures, each case's exact output.</summary>
[TestFixture]
public sealed class PipelineTestCommandTests
{
    private const string Source = "name=c\nconnector.class=FileStreamSource\ntopic=t\n";

    private static IEnumerable<TestCaseData> Cases()
    {
        yield return new TestCaseData(Source, """{"topic":"t","partition":3,"offset":9,"timestamp":1700000000000,"key":null,"value":null}""",
                """{"topic":"t","partition":3,"offset":9,"timestamp":1700000000000,"key":null,"value":null}""", "")
            .SetName("Coordinates and a tombstone pass through unchanged");
        yield return new TestCaseData(Source + """
                transforms=ts
                transforms.ts.type=org.apache.kafka.connect.transforms.InsertHeader
                transforms.ts.header=origin
                transforms.ts.value.literal=42
                """,
                """{"topic":"t","value":{"schema":null,"payload":"v"},"headers":[{"key":"h","value":{"schema":{"type":"int32","optional":false},"payload":7}},{"key":"n","value":null}]}""",
                """{"topic":"t","key":null,"value":{"schema":null,"payload":"v"},"headers":[{"key":"h","value":{"schema":{"type":"int32","optional":false},"payload":7}},{"key":"n","value":null},{"key":"origin","value":{"schema":{"type":"int8","optional":false},"payload":42}}]}""", "")
            .SetName("Headers keep their schemas; InsertHeader parses its literal as SimpleHeaderConverter does");
        yield return new TestCaseData(Source + """
                transforms=drop
                transforms.drop.type=Filter
                transforms.drop.predicate=isT
                transforms.drop.negate=true
                predicates=isT
                predicates.isT.type=org.apache.kafka.connect.transforms.predicates.TopicNameMatches
                predicates.isT.pattern=keep.*
                """,
                """{"topic":"keep-me","value":null}""" + "\n" + """{"topic":"other","value":null}""",
                """{"topic":"keep-me","key":null,"value":null}""", "")
            .SetName("A negated predicate keeps matching topics and drops the rest");
        yield return new TestCaseData(Source + """
                transforms=meta
                transforms.meta.type=org.apache.kafka.connect.transforms.SetSchemaMetadata$Value
                transforms.meta.schema.name=com.example.Line
                """,
                """{"topic":"t","value":{"schema":{"type":"string","optional":false},"payload":"a"}}""" + "\n" +
                """{"topic":"t","value":{"schema":{"type":"struct","fields":[],"optional":false},"payload":{}}}""",
                """{"topic":"t","key":null,"value":{"schema":{"type":"struct","fields":[],"optional":false,"name":"com.example.Line"},"payload":{}}}""",
                "in:1: transforms.meta (org.apache.kafka.connect.transforms.SetSchemaMetadata$Value): Cannot list fields on non-struct type")
            .SetName("SetSchemaMetadata fails on a primitive schema as in Kafka, and the next line still runs");
        yield return new TestCaseData(Source + "value.converter=org.apache.kafka.connect.converters.IntegerConverter\n",
                """{"topic":"t","value":{"schema":{"type":"string","optional":false},"payload":"a"}}""",
                "",
                "in:1: value.converter (org.apache.kafka.connect.converters.IntegerConverter): Failed to serialize to integer (was System.String): ")
            .SetName("A source record the value converter rejects is reported with the converter's key and class");
        yield return new TestCaseData(Source + """
                transforms=extract
                transforms.extract.type=org.apache.kafka.connect.transforms.ExtractField$Value
                transforms.extract.field=id
                predicates=
                """,
                """{"topic":"t","value":{"schema":null,"payload":[1]}}""",
                "",
                "in:1: transforms.extract (org.apache.kafka.connect.transforms.ExtractField$Value): Only Map objects supported in absence of schema for [field extraction], found: java.util.ArrayList")
            .SetName("A failing transformation is reported with its alias, its class and Kafka's text");
    }

    [TestCaseSource(nameof(Cases))]
    public void Runs(string connector, string input, string expectedStdout, string expectedStderr)
    {
        using var dir = new TemporaryDirectory("sc-pipeline");
        var file = dir.WriteFile("c.properties", connector);
        var inputFile = dir.WriteFile("in", input);
        using var stdout = new StringWriter { NewLine = "\n" };
        using var stderr = new StringWriter { NewLine = "\n" };

        var code = PipelineTestCommand.Run(file, null, inputFile, explain: false, TextReader.Null, stdout, stderr);

        stdout.ToString().TrimEnd('\n').Should().Be(expectedStdout);
        stderr.ToString().TrimEnd('\n').Replace(inputFile, "in", StringComparison.Ordinal).Should().Be(expectedStderr);
        code.Should().Be(expectedStderr.Length == 0 ? 0 : 1);
    }

    [Test]
    public void NoConnectorClass_IsReportedNamingTheFile()
    {
        using var dir = new TemporaryDirectory("sc-pipeline");
        var file = dir.WriteFile("c.properties", "name=c\ntopic=t\n");
        using var stderr = new StringWriter();

        var code = PipelineTestCommand.Run(file, null, null, false, new StringReader("{\"topic\":\"t\"}"), TextWriter.Null, stderr);

        code.Should().Be(1);
        stderr.ToString().Should().StartWith($"pipeline-test: {file}: Connector config {{name=c, topic=t}} contains no connector type");
    }
}
