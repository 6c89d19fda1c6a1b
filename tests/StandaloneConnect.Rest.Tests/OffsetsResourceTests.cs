using System.Net;
using System.Text.Json.Nodes;

namespace StandaloneConnect.Rest.Tests;

/// <summary>
/// KIP-875 <c>/connectors/{name}/offsets</c> on a whole worker: FileStreamSource offsets (byte positions in the offsets
/// file) and FileStreamSink offsets (the committed offsets of consumer group <c>connect-&lt;name&gt;</c>). The embedded
/// broker gives new topics two partitions here, so sink offsets can be changed per partition.
/// </summary>
public sealed class OffsetsResourceTests
{
    private const string Lines = "alpha\nbeta\ngamma\n";
    private const string StoppedSource = "offsets-stopped-src";
    private const string StoppedSink = "offsets-stopped-sink";
    private const string Altered = "The offsets for this connector have been altered successfully";
    private const string Reset = "The offsets for this connector have been reset successfully";

    private RestTestHost _host = null!;

    [OneTimeSetUp]
    public async Task OneTimeSetUp()
    {
        _host = await RestTestHost.StartAsync("embedded.kafka.partitions=2");
        await CreateAsync(StoppedSource, _host.SourceConfig("stopped.txt", "offsets-stopped-topic"), "STOPPED");
        await CreateAsync(StoppedSink, _host.SinkConfig("stopped-out.txt", "offsets-stopped-topic"), "STOPPED");
    }

    [OneTimeTearDown]
    public async Task OneTimeTearDown() => await _host.DisposeAsync();

    [Test]
    public async Task GetOffsets_RunningSource_ReturnsCommittedFilePosition()
    {
        var file = _host.Directory.WriteFile("get.txt", Lines);
        await CreateAsync("offsets-get-src", _host.SourceConfig("get.txt", "offsets-get-topic"));

        var offsets = await WaitForOffsetsAsync("offsets-get-src", o => Position(o) == Lines.Length, "the whole file is committed");

        ShouldBeJson(offsets, $$$"""{"offsets":[{"partition":{"filename":{{{JsonValue.Create(file).ToJsonString()}}}},"offset":{"position":{{{Lines.Length}}}}}]}""");
    }

    [Test]
    public async Task GetOffsets_StoppedSourceThatNeverRan_ReturnsEmptyList()
    {
        var offsets = await _host.GetJsonAsync($"/connectors/{StoppedSource}/offsets");

        ShouldBeJson(offsets, """{"offsets":[]}""");
    }

    [TestCase("GET")]
    [TestCase("PATCH")]
    [TestCase("DELETE")]
    public async Task Offsets_UnknownConnector_Returns404(string method)
    {
        var body = method == "PATCH" ? SourceOffsets("x.txt", "0") : null;

        var (status, error) = await _host.CallAsync(new HttpMethod(method), "/connectors/offsets-nobody/offsets", body);

        status.Should().Be(HttpStatusCode.NotFound);
        RestTestHost.ShouldBeError(error, 404, "Connector offsets-nobody not found");
    }

    [TestCase("RUNNING")]
    [TestCase("PAUSED")]
    public async Task ModifyOffsets_NotStopped_Returns400AskingForStop(string state)
    {
        var name = "offsets-" + state.ToLowerInvariant() + "-src";
        _host.Directory.WriteFile(name + ".txt", Lines);
        await CreateAsync(name, _host.SourceConfig(name + ".txt", name + "-topic"), state);
        await _host.WaitForStatusAsync(name, s => State(s) == state && Tasks(s).Count == 1, $"the connector is {state} with its task");
        var expected = "Connectors must be in the STOPPED state before their offsets can be modified. This can be done for the " +
                       $"specified connector by issuing a 'PUT' request to the '/connectors/{name}/stop' endpoint";

        var (patchStatus, patchError) = await _host.CallAsync(HttpMethod.Patch, $"/connectors/{name}/offsets", SourceOffsets(name + ".txt", "0"));
        var (deleteStatus, deleteError) = await _host.CallAsync(HttpMethod.Delete, $"/connectors/{name}/offsets");
        var (getStatus, _) = await _host.CallAsync(HttpMethod.Get, $"/connectors/{name}/offsets");

        patchStatus.Should().Be(HttpStatusCode.BadRequest);
        RestTestHost.ShouldBeError(patchError, 400, expected);
        deleteStatus.Should().Be(HttpStatusCode.BadRequest);
        RestTestHost.ShouldBeError(deleteError, 400, expected);
        getStatus.Should().Be(HttpStatusCode.OK, "offsets can be read in any state");
    }

    [Test]
    public async Task AlterOffsets_StoppedSourceToPositionZero_ShowsItAndReplaysTheFileOnResume()
    {
        const string name = "offsets-replay-src";
        _host.Directory.WriteFile("replay.txt", Lines);
        await CreateAsync(name, _host.SourceConfig("replay.txt", "offsets-replay-topic"));
        await CreateAsync("offsets-replay-sink", _host.SinkConfig("replay-out.txt", "offsets-replay-topic"));
        await WaitForOffsetsAsync(name, o => Position(o) == Lines.Length, "the whole file is committed");
        await WaitForLinesAsync("replay-out.txt", 3);
        await StopAsync(name);

        var (status, body) = await _host.CallAsync(HttpMethod.Patch, $"/connectors/{name}/offsets", SourceOffsets("replay.txt", "0"));

        status.Should().Be(HttpStatusCode.OK, body?.ToJsonString());
        ShouldBeJson(body, $$"""{"message":"{{Altered}}"}""");
        Position(await _host.GetJsonAsync($"/connectors/{name}/offsets")).Should().Be(0);
        using (var resume = await _host.SendAsync(HttpMethod.Put, $"/connectors/{name}/resume"))
        {
            resume.StatusCode.Should().Be(HttpStatusCode.Accepted);
        }

        (await WaitForLinesAsync("replay-out.txt", 6)).Should().BeEquivalentTo(new[] { "alpha", "beta", "gamma", "alpha", "beta", "gamma" },
            "the source read the file again from position 0");
        await WaitForOffsetsAsync(name, o => Position(o) == Lines.Length, "the replayed file is committed again");
    }

    [Test]
    public async Task ResetOffsets_StoppedSource_Returns200AndOffsetsAreEmpty()
    {
        const string name = "offsets-reset-src";
        _host.Directory.WriteFile("reset.txt", Lines);
        await CreateAsync(name, _host.SourceConfig("reset.txt", "offsets-reset-topic"));
        await WaitForOffsetsAsync(name, o => Position(o) == Lines.Length, "the whole file is committed");
        await StopAsync(name);

        var (status, body) = await _host.CallAsync(HttpMethod.Delete, $"/connectors/{name}/offsets");

        status.Should().Be(HttpStatusCode.OK, body?.ToJsonString());
        ShouldBeJson(body, $$"""{"message":"{{Reset}}"}""");
        ShouldBeJson(await _host.GetJsonAsync($"/connectors/{name}/offsets"), """{"offsets":[]}""");
    }

    [TestCase("{}")]
    [TestCase("""{"offsets":null}""")]
    [TestCase("""{"offsets":[]}""")]
    public async Task AlterOffsets_NoOffsetsGiven_Returns400(string body)
    {
        var (status, error) = await _host.CallAsync(HttpMethod.Patch, $"/connectors/{StoppedSource}/offsets", body);

        status.Should().Be(HttpStatusCode.BadRequest);
        RestTestHost.ShouldBeError(error, 400, "Partitions / offsets need to be provided for an alter offsets request");
    }

    /// <summary>Kafka's resource checks for missing offsets before the herder checks the connector's state.</summary>
    [Test]
    public async Task AlterOffsets_NoOffsetsGivenWhileRunning_Returns400NamingTheMissingOffsets()
    {
        const string name = "offsets-empty-running-src";
        _host.Directory.WriteFile("empty-running.txt", Lines);
        await CreateAsync(name, _host.SourceConfig("empty-running.txt", "offsets-empty-running-topic"));

        var (status, error) = await _host.CallAsync(HttpMethod.Patch, $"/connectors/{name}/offsets", "{}");

        status.Should().Be(HttpStatusCode.BadRequest);
        RestTestHost.ShouldBeError(error, 400, "Partitions / offsets need to be provided for an alter offsets request");
    }

    [TestCase("""{"filename":"f"}""", """{"position":{"line":1}}""")]
    [TestCase("""{"filename":"f"}""", """{"position":[1]}""")]
    [TestCase("""{"filename":["f"]}""", """{"position":1}""")]
    public async Task AlterOffsets_NonPrimitiveValue_Returns400(string partition, string offset)
    {
        var body = $$"""{"offsets":[{"partition":{{partition}},"offset":{{offset}}}]}""";

        var (status, error) = await _host.CallAsync(HttpMethod.Patch, $"/connectors/{StoppedSource}/offsets", body);

        status.Should().Be(HttpStatusCode.BadRequest, error?.ToJsonString());
        RestTestHost.ShouldBeError(error, 400, "primitive");
    }

    [Test]
    public async Task AlterOffsets_PositionNotALong_Returns400WithTheConnectorsReason()
    {
        var (status, error) = await _host.CallAsync(HttpMethod.Patch, $"/connectors/{StoppedSource}/offsets", SourceOffsets("stopped.txt", "\"0\""));

        status.Should().Be(HttpStatusCode.BadRequest);
        RestTestHost.ShouldBeError(error, 400, "The value for the 'position' key in the offset is expected to be a Long value");
    }

    [Test]
    public async Task GetOffsets_RunningSink_ReturnsItsConsumerGroupOffsets()
    {
        _host.Directory.WriteFile("sink-get.txt", Lines);
        await CreateAsync("offsets-sink-get-feed", _host.SourceConfig("sink-get.txt", "offsets-sink-get-topic"));
        await CreateAsync("offsets-sink-get", _host.SinkConfig("sink-get-out.txt", "offsets-sink-get-topic"));

        var offsets = await WaitForOffsetsAsync("offsets-sink-get", o => SinkOffsets(o).Sum(s => s.Offset) == 3, "the sink committed all 3 records");

        offsets["offsets"]!.AsArray().Should().AllSatisfy(entry =>
        {
            entry!.AsObject().Select(p => p.Key).Should().Equal("partition", "offset");
            entry["partition"]!.AsObject().Select(p => p.Key).Should().BeEquivalentTo("kafka_topic", "kafka_partition");
            entry["partition"]!["kafka_topic"]!.GetValue<string>().Should().Be("offsets-sink-get-topic");
            entry["offset"]!.AsObject().Select(p => p.Key).Should().Equal("kafka_offset");
        });
    }

    [Test]
    public async Task GetOffsets_StoppedRegexSinkAfterTopicsReset_StillListsTheMatchingTopicsOffsets()
    {
        _host.Directory.WriteFile("sink-regex.txt", Lines);
        await CreateAsync("offsets-sink-regex-feed", _host.SourceConfig("sink-regex.txt", "offsets-regex-topic-1"));
        // A regex subscription sees topics that exist when it subscribes (librdkafka refreshes metadata only every few minutes).
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (!(await _host.GetJsonAsync("/connectors/offsets-sink-regex-feed/topics")).ToJsonString().Contains("offsets-regex-topic-1", StringComparison.Ordinal))
        {
            DateTime.UtcNow.Should().BeBefore(deadline, "the feed produces to its topic");
            await Task.Delay(TimeSpan.FromMilliseconds(50));
        }

        var sink = _host.SinkConfig("sink-regex-out.txt");
        sink.Remove("topics");
        sink["topics.regex"] = "offsets-regex-topic-.*";
        await CreateAsync("offsets-sink-regex", sink);
        await WaitForOffsetsAsync("offsets-sink-regex", o => SinkOffsets(o).Sum(s => s.Offset) == 3, "the regex sink committed all 3 records");
        await StopAsync("offsets-sink-regex");

        // Forget the active topics: the offsets must still be found through topics.regex.
        (await _host.CallAsync(HttpMethod.Put, "/connectors/offsets-sink-regex/topics/reset")).Status.Should().Be(HttpStatusCode.Accepted);
        var offsets = SinkOffsets(await _host.GetJsonAsync("/connectors/offsets-sink-regex/offsets"));

        offsets.Should().NotBeEmpty().And.OnlyContain(o => o.Topic == "offsets-regex-topic-1");
        offsets.Sum(o => o.Offset).Should().Be(3);
    }

    /// <summary>One connector through every change, since each group operation after a stop costs the embedded broker ~5 s.</summary>
    [Test]
    public async Task ModifyOffsets_StoppedSink_AltersWithNumbersAndStringsResetsOnePartitionThenAll()
    {
        const string name = "offsets-sink-alter";
        const string topic = "offsets-sink-alter-topic";
        _host.Directory.WriteFile("sink-alter.txt", Lines);
        await CreateAsync("offsets-sink-alter-feed", _host.SourceConfig("sink-alter.txt", topic));
        await CreateAsync(name, _host.SinkConfig("sink-alter-out.txt", topic));
        await WaitForOffsetsAsync(name, o => SinkOffsets(o).Sum(s => s.Offset) == 3, "the sink committed all 3 records");
        await StopAsync(name);

        var altered = await _host.CallAsync(HttpMethod.Patch, $"/connectors/{name}/offsets", $$$"""
            {"offsets":[
              {"partition":{"kafka_topic":"{{{topic}}}","kafka_partition":0},"offset":{"kafka_offset":2}},
              {"partition":{"kafka_topic":"{{{topic}}}","kafka_partition":"1"},"offset":{"kafka_offset":"1"}}]}
            """);
        var afterAlter = SinkOffsets(await _host.GetJsonAsync($"/connectors/{name}/offsets"));
        var resetOne = await _host.CallAsync(HttpMethod.Patch, $"/connectors/{name}/offsets",
            $$"""{"offsets":[{"partition":{"kafka_topic":"{{topic}}","kafka_partition":0},"offset":null}]}""");
        var afterResetOne = SinkOffsets(await _host.GetJsonAsync($"/connectors/{name}/offsets"));
        var resetAll = await _host.CallAsync(HttpMethod.Delete, $"/connectors/{name}/offsets");
        var afterResetAll = await _host.GetJsonAsync($"/connectors/{name}/offsets");

        altered.Status.Should().Be(HttpStatusCode.OK, altered.Body?.ToJsonString());
        ShouldBeJson(altered.Body, $$"""{"message":"{{Altered}}"}""");
        afterAlter.Should().BeEquivalentTo(new[] { (topic, 0, 2L), (topic, 1, 1L) });
        resetOne.Status.Should().Be(HttpStatusCode.OK, resetOne.Body?.ToJsonString());
        afterResetOne.Should().BeEquivalentTo(new[] { (topic, 1, 1L) }, "a null offset resets only that partition");
        resetAll.Status.Should().Be(HttpStatusCode.OK, resetAll.Body?.ToJsonString());
        ShouldBeJson(resetAll.Body, $$"""{"message":"{{Reset}}"}""");
        ShouldBeJson(afterResetAll, """{"offsets":[]}""");
    }

    [TestCase("""{"partition":null,"offset":null}""", "The partition for a sink connector offset cannot be null or missing")]
    [TestCase("""{"offset":{"kafka_offset":1}}""", "The partition for a sink connector offset cannot be null or missing")]
    [TestCase("""{"partition":{},"offset":null}""", "The partition for a sink connector offset must contain the keys 'kafka_topic' and 'kafka_partition'")]
    [TestCase("""{"partition":{"kafka_topic":"t"},"offset":null}""", "The partition for a sink connector offset must contain the keys 'kafka_topic' and 'kafka_partition'")]
    [TestCase("""{"partition":{"kafka_topic":"t","kafka_partition":1},"offset":{}}""", "The offset for a sink connector should either be null or contain the key 'kafka_offset'")]
    [TestCase("""{"partition":{"kafka_topic":"t","kafka_partition":"not a number"},"offset":null}""",
        "Failed to parse the following Kafka partition value in the provided offsets: 'not a number'. Partition values for sink connectors need to be integers.")]
    [TestCase("""{"partition":{"kafka_topic":"t","kafka_partition":1},"offset":{"kafka_offset":"not a number"}}""",
        "Failed to parse the following Kafka offset value in the provided offsets: 'not a number'. Offset values for sink connectors need to be integers.")]
    [TestCase("""{"partition":{"kafka_topic":null,"kafka_partition":1},"offset":null}""", "Kafka topic names must be valid strings and may not be null")]
    [TestCase("""{"partition":{"kafka_topic":"t","kafka_partition":null},"offset":null}""", "Kafka partitions must be valid numbers and may not be null")]
    public async Task AlterOffsets_MalformedSinkOffset_Returns400WithKafkasText(string entry, string message)
    {
        var (status, error) = await _host.CallAsync(HttpMethod.Patch, $"/connectors/{StoppedSink}/offsets", $$"""{"offsets":[{{entry}}]}""");

        status.Should().Be(HttpStatusCode.BadRequest, error?.ToJsonString());
        RestTestHost.ShouldBeError(error, 400, message);
    }

    private async Task CreateAsync(string name, JsonObject config, string? initialState = null)
    {
        using var response = await _host.CreateAsync(name, config, initialState);
        response.StatusCode.Should().Be(HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
    }

    private async Task StopAsync(string name)
    {
        using (var response = await _host.SendAsync(HttpMethod.Put, $"/connectors/{name}/stop"))
        {
            response.StatusCode.Should().Be(HttpStatusCode.NoContent);
        }

        await _host.WaitForStatusAsync(name, s => State(s) == "STOPPED" && Tasks(s).Count == 0, "the connector is STOPPED without tasks");
    }

    private async Task<JsonNode> WaitForOffsetsAsync(string name, Func<JsonNode, bool> condition, string because)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (true)
        {
            var (status, body) = await _host.CallAsync(HttpMethod.Get, $"/connectors/{name}/offsets");
            if (status == HttpStatusCode.OK && body is not null && condition(body))
            {
                return body;
            }

            if (DateTime.UtcNow > deadline)
            {
                Assert.Fail($"{because}; last offsets of {name}: {(int)status} {body?.ToJsonString()}");
            }

            await Task.Delay(TimeSpan.FromMilliseconds(100));
        }
    }

    private async Task<string[]> WaitForLinesAsync(string file, int count)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (true)
        {
            var lines = _host.Directory.ReadLines(file);
            if (lines.Length >= count)
            {
                return lines;
            }

            if (DateTime.UtcNow > deadline)
            {
                Assert.Fail($"{file} should have {count} lines but has [{string.Join(", ", lines)}]");
            }

            await Task.Delay(TimeSpan.FromMilliseconds(50));
        }
    }

    private string SourceOffsets(string file, string position) =>
        $$$"""{"offsets":[{"partition":{"filename":{{{JsonValue.Create(_host.Directory.PathOf(file)).ToJsonString()}}}},"offset":{"position":{{{position}}}}}]}""";

    /// <summary>The position of the only source offset, or -1 when there is not exactly one.</summary>
    private static long Position(JsonNode offsets) =>
        offsets["offsets"] is JsonArray { Count: 1 } list && list[0]?["offset"]?["position"] is JsonValue position ? position.GetValue<long>() : -1;

    private static List<(string Topic, int Partition, long Offset)> SinkOffsets(JsonNode offsets) =>
        offsets["offsets"]!.AsArray().Select(o => (
            o!["partition"]!["kafka_topic"]!.GetValue<string>(),
            o["partition"]!["kafka_partition"]!.GetValue<int>(),
            o["offset"]!["kafka_offset"]!.GetValue<long>())).ToList();

    private static string? State(JsonNode status) => status["connector"]?["state"]?.GetValue<string>();

    private static JsonArray Tasks(JsonNode status) => status["tasks"]!.AsArray();

    private static void ShouldBeJson(JsonNode? actual, string expected) =>
        JsonNode.DeepEquals(actual, JsonNode.Parse(expected)).Should().BeTrue("expected {0} but got {1}", expected, actual?.ToJsonString());
}
