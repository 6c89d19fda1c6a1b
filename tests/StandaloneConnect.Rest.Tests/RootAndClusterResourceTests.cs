using System.Net;
using System.Text.Json.Nodes;

namespace StandaloneConnect.Rest.Tests;

/// <summary>
/// Kafka's <c>RootResource</c> (<c>GET /</c>, <c>GET /health</c>), our one-node cluster view under <c>/cluster</c>, and a
/// smoke test of <c>/admin/loggers</c> on the regular listener (LoggersEndpointsTests covers the details).
/// </summary>
public sealed class RootAndClusterResourceTests
{
    private RestTestHost _host = null!;

    [OneTimeSetUp]
    public async Task OneTimeSetUp() => _host = await RestTestHost.StartAsync();

    [OneTimeTearDown]
    public async Task OneTimeTearDown() => await _host.DisposeAsync();

    [Test]
    public async Task GetRoot_Always_ReturnsVersionCommitAndTheEmbeddedClusterId()
    {
        var info = await _host.GetJsonAsync("/");

        info.AsObject().Select(kv => kv.Key).Should().Equal("version", "commit", "kafka_cluster_id");
        info["version"]!.GetValue<string>().Should().MatchRegex(@"^\d+\.\d+\.\d+");
        info["commit"]!.GetValue<string>().Should().MatchRegex("^([0-9a-f]{16}|unknown)$");
        info["kafka_cluster_id"]!.GetValue<string>().Should().NotBeNullOrWhiteSpace();
    }

    [Test]
    public async Task GetHealth_StartedWorker_Returns200Healthy()
    {
        var (status, body) = await _host.CallAsync(HttpMethod.Get, "/health");

        status.Should().Be(HttpStatusCode.OK);
        ShouldBeJson(body, """{"status":"healthy","message":"Worker has completed startup and is ready to handle requests."}""");
    }

    [Test]
    public async Task GetClusterStatus_Standalone_OneNodeLeadingItselfOnTheSameKafkaCluster()
    {
        var cluster = await _host.GetJsonAsync("/cluster/status");
        var root = await _host.GetJsonAsync("/");
        var nodes = (await _host.GetJsonAsync("/cluster/nodes")).AsArray();

        cluster["mode"]!.GetValue<string>().Should().Be("standalone");
        cluster["nodes"]!.GetValue<int>().Should().Be(1);
        cluster["kafka_cluster_id"]!.GetValue<string>().Should().Be(root["kafka_cluster_id"]!.GetValue<string>());
        nodes.Should().ContainSingle();
        cluster["leader"]!.GetValue<string>().Should().Be(nodes[0]!["id"]!.GetValue<string>());
        cluster["connectors"]!["total"]!.GetValue<int>().Should().Be(nodes[0]!["connectors"]!["total"]!.GetValue<int>());
    }

    [Test]
    public async Task GetNode_ConnectorCreatedThenPaused_CountsFollowTheStates()
    {
        const string name = "cluster-src";
        _host.Directory.WriteFile("cluster.txt", "one\n");
        var nodeId = (await _host.GetJsonAsync("/cluster/nodes"))[0]!["id"]!.GetValue<string>();
        var before = await _host.GetJsonAsync($"/cluster/nodes/{nodeId}");
        using (var created = await _host.CreateAsync(name, _host.SourceConfig("cluster.txt", "cluster-topic")))
        {
            created.StatusCode.Should().Be(HttpStatusCode.Created);
        }

        var running = await _host.WaitForStatusAsync(name, s => State(s["connector"]) == "RUNNING" && AllTasks(s, "RUNNING"), "the connector and its task run");
        var afterCreate = await _host.GetJsonAsync($"/cluster/nodes/{nodeId}");
        using (var paused = await _host.SendAsync(HttpMethod.Put, $"/connectors/{name}/pause"))
        {
            paused.StatusCode.Should().Be(HttpStatusCode.Accepted);
        }

        await _host.WaitForStatusAsync(name, s => State(s["connector"]) == "PAUSED" && AllTasks(s, "PAUSED"), "the connector and its task are paused");
        var afterPause = await _host.GetJsonAsync($"/cluster/nodes/{nodeId}");

        running["connector"]!["worker_id"]!.GetValue<string>().Should().Be(nodeId, "the node id is the worker_id of statuses");
        afterCreate["id"]!.GetValue<string>().Should().Be(nodeId);
        Count(afterCreate, "connectors", null).Should().Be(Count(before, "connectors", null) + 1);
        Count(afterCreate, "connectors", "RUNNING").Should().Be(Count(before, "connectors", "RUNNING") + 1);
        Count(afterCreate, "tasks", "RUNNING").Should().Be(Count(before, "tasks", "RUNNING") + 1);
        Count(afterPause, "connectors", "RUNNING").Should().Be(Count(before, "connectors", "RUNNING"));
        Count(afterPause, "connectors", "PAUSED").Should().Be(Count(before, "connectors", "PAUSED") + 1);
        Count(afterPause, "tasks", "PAUSED").Should().Be(Count(before, "tasks", "PAUSED") + 1);
        Count(afterPause, "tasks", null).Should().Be(Count(before, "tasks", null) + 1);
    }

    [Test]
    public async Task GetNode_LaterCall_ReportsLongerUptimeSinceTheSameStart()
    {
        var nodeId = (await _host.GetJsonAsync("/cluster/nodes"))[0]!["id"]!.GetValue<string>();
        var first = await _host.GetJsonAsync($"/cluster/nodes/{nodeId}");
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(10);
        JsonNode later;
        do
        {
            await Task.Delay(TimeSpan.FromMilliseconds(20));
            later = await _host.GetJsonAsync($"/cluster/nodes/{nodeId}");
        }
        while (later["uptime_ms"]!.GetValue<long>() <= first["uptime_ms"]!.GetValue<long>() && DateTime.UtcNow < deadline);

        first["uptime_ms"]!.GetValue<long>().Should().BeGreaterThanOrEqualTo(0);
        later["uptime_ms"]!.GetValue<long>().Should().BeGreaterThan(first["uptime_ms"]!.GetValue<long>());
        later["started_at"]!.GetValue<long>().Should().Be(first["started_at"]!.GetValue<long>());
    }

    [Test]
    public async Task GetNode_UnknownId_Returns404()
    {
        var (status, error) = await _host.CallAsync(HttpMethod.Get, "/cluster/nodes/no-such-node:1");

        status.Should().Be(HttpStatusCode.NotFound);
        RestTestHost.ShouldBeError(error, 404, "Node no-such-node:1 not found");
    }

    [Test]
    public async Task Loggers_PutDebug_ListsTheLoggerAndGetShowsDebugWithLastModified()
    {
        const string logger = "org.example.rest.smoke";
        var all = await _host.GetJsonAsync("/admin/loggers");

        var (putStatus, affected) = await _host.CallAsync(HttpMethod.Put, $"/admin/loggers/{logger}", """{"level":"DEBUG"}""");
        var one = await _host.GetJsonAsync($"/admin/loggers/{logger}");
        var allAfter = await _host.GetJsonAsync("/admin/loggers");

        all["root"]!["level"]!.GetValue<string>().Should().NotBeNullOrEmpty();
        putStatus.Should().Be(HttpStatusCode.OK);
        affected!.AsArray().Select(n => n!.GetValue<string>()).Should().Contain(logger);
        one["level"]!.GetValue<string>().Should().Be("DEBUG");
        one["last_modified"]!.GetValue<long>().Should().BeCloseTo(DateTimeOffset.UtcNow.ToUnixTimeMilliseconds(), 60_000);
        allAfter[logger]!["level"]!.GetValue<string>().Should().Be("DEBUG");
    }

    private static string? State(JsonNode? state) => state?["state"]?.GetValue<string>();

    private static bool AllTasks(JsonNode status, string state)
    {
        var tasks = status["tasks"]!.AsArray();
        return tasks.Count > 0 && tasks.All(t => State(t) == state);
    }

    /// <summary>A node's count of connectors or tasks: the total (state null) or those in <paramref name="state"/>.</summary>
    private static int Count(JsonNode node, string what, string? state) =>
        state is null ? node[what]!["total"]!.GetValue<int>() : node[what]!["states"]![state]?.GetValue<int>() ?? 0;

    private static void ShouldBeJson(JsonNode? actual, string expected) =>
        JsonNode.DeepEquals(actual, JsonNode.Parse(expected)).Should().BeTrue("expected {0} but got {1}", expected, actual?.ToJsonString());
}
