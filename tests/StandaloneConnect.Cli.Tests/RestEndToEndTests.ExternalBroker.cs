using System.Net;
using System.Text.Json.Nodes;

namespace StandaloneConnect.Cli.Tests;

/// <summary>
/// Sink connector offsets (KIP-875) against a broker in another process (<c>embedded-kafka</c>), the set-up of a user
/// whose worker is not <c>bootstrap.servers=embedded</c>: the worker must find out that the cluster lacks the group admin
/// APIs instead of calling them (DeleteGroups would fail and abort the worker process at exit).
/// </summary>
public sealed partial class RestEndToEndTests
{
    private const string OffsetsTopic = "orders";

    [Test]
    public async Task SinkOffsets_AgainstEmbeddedKafkaInAnotherProcess_ListAlterResetAndReplay()
    {
        using var dir = new TemporaryDirectory("sc-rest-e2e");
        using var broker = await ExternalBroker.StartAsync(dir.Path, OffsetsTopic + ":2");
        var port = Ports.Free();
        dir.WriteFile("worker.properties", $"""
            bootstrap.servers={broker.BootstrapServers}
            key.converter=org.apache.kafka.connect.storage.StringConverter
            value.converter=org.apache.kafka.connect.storage.StringConverter
            offset.storage.file.filename=offsets.json
            offset.flush.interval.ms=200
            listeners=http://127.0.0.1:{port}
            """);
        var lines = Enumerable.Range(0, 20).Select(i => $"order-{i}").ToList();
        dir.WriteFile("in.txt", string.Join('\n', lines) + "\n");
        dir.WriteFile("source.properties", $"name=src\nconnector.class=FileStreamSource\nfile=in.txt\ntopic={OffsetsTopic}\n");
        dir.WriteFile("sink.properties", $"name=sink\nconnector.class=FileStreamSink\nfile=out.txt\ntopics={OffsetsTopic}\n");
        var output = dir.PathOf("out.txt");
        using var connect = ConnectProcess.Start(dir.Path, "worker.properties", "source.properties", "sink.properties");
        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}"), Timeout = TimeSpan.FromSeconds(60) };
        await WaitForHealthyAsync(http, connect);
        await WaitForLinesAsync(output, lines.Count, connect);
        (await CallAsync(http, HttpMethod.Put, "/connectors/sink/stop")).Status.Should().Be(HttpStatusCode.NoContent);
        await WaitForStateAsync(http, connect, "sink", "STOPPED", 0);

        var committed = await SinkOffsetsAsync(http);
        committed.Values.Sum().Should().Be(lines.Count, "the sink committed every record it wrote; stderr:\n" + connect.Stderr);
        var partition = committed.Keys.First(p => committed[p] > 0);

        var patch = new JsonObject
        {
            ["offsets"] = new JsonArray(new JsonObject
            {
                ["partition"] = new JsonObject { ["kafka_topic"] = OffsetsTopic, ["kafka_partition"] = partition },
                ["offset"] = new JsonObject { ["kafka_offset"] = 1 },
            }),
        };
        var altered = await CallAsync(http, HttpMethod.Patch, "/connectors/sink/offsets", patch.ToJsonString());
        altered.Status.Should().Be(HttpStatusCode.OK, altered.Body?.ToJsonString());
        (await SinkOffsetsAsync(http))[partition].Should().Be(1);

        var reset = await CallAsync(http, HttpMethod.Delete, "/connectors/sink/offsets");
        reset.Status.Should().Be(HttpStatusCode.OK, reset.Body?.ToJsonString());
        reset.Body!["message"]!.GetValue<string>().Should().Be("The offsets for this connector have been reset successfully");
        (await SinkOffsetsAsync(http)).Should().BeEmpty();

        (await CallAsync(http, HttpMethod.Put, "/connectors/sink/resume")).Status.Should().Be(HttpStatusCode.Accepted);
        await WaitForLinesAsync(output, 2 * lines.Count, connect);
        (await File.ReadAllLinesAsync(output)).Should().BeEquivalentTo(lines.Concat(lines), "after the reset the sink reads the topic from its beginning again");

        connect.Terminate();
        await connect.WaitForExitAsync(TimeSpan.FromSeconds(30));
        connect.ExitCode.Should().Be(0, "the worker must not abort at exit; stderr:\n" + connect.Stderr);
        connect.Stderr.Should().Contain("does not implement the consumer group admin APIs");
    }

    private static async Task<Dictionary<int, long>> SinkOffsetsAsync(HttpClient http)
    {
        var (status, body) = await CallAsync(http, HttpMethod.Get, "/connectors/sink/offsets");
        status.Should().Be(HttpStatusCode.OK, body?.ToJsonString());
        return body!["offsets"]!.AsArray().ToDictionary(
            o => o!["partition"]!["kafka_partition"]!.GetValue<int>(),
            o => o!["offset"]!["kafka_offset"]!.GetValue<long>());
    }
}
