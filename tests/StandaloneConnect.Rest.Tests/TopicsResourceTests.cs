using System.Net;
using System.Text.Json.Nodes;

namespace StandaloneConnect.Rest.Tests;

/// <summary>
/// KIP-558 active topics (<c>GET /connectors/{name}/topics</c>, <c>PUT .../topics/reset</c>), the worker switches
/// <c>topic.tracking.enable</c> and <c>topic.tracking.allow.reset</c>, and our <c>GET .../topics/{topic}</c>.
/// </summary>
public sealed class TopicsResourceTests
{
    private const string Source = "topics-src";
    private const string Topic = "topics-a";

    private RestTestHost _host = null!;

    [OneTimeSetUp]
    public async Task OneTimeSetUp()
    {
        _host = await RestTestHost.StartAsync();
        _host.Directory.WriteFile("in.txt", "one\ntwo\n");
        await CreateAsync(_host, Source, _host.SourceConfig("in.txt", Topic));
    }

    [OneTimeTearDown]
    public async Task OneTimeTearDown() => await _host.DisposeAsync();

    [Test]
    public async Task GetTopics_RecordsFlowed_ReturnsTheTopicUnderTheConnectorName()
    {
        var topics = await WaitForJsonAsync($"/connectors/{Source}/topics", t => Topics(t, Source).Count > 0, "the source's topic is recorded");

        ShouldBeJson(topics, $$$"""{"{{{Source}}}":{"topics":["{{{Topic}}}"]}}""");
    }

    [Test]
    public async Task ResetTopics_Returns202ThenNoTopicsUntilRecordsFlowAgain()
    {
        const string name = "topics-reset-src";
        var file = _host.Directory.WriteFile("reset.txt", "one\n");
        await CreateAsync(_host, name, _host.SourceConfig("reset.txt", "topics-b"));
        await WaitForJsonAsync($"/connectors/{name}/offsets", o => o["offsets"]!.AsArray().Count == 1, "the record is acknowledged and committed");
        await WaitForJsonAsync($"/connectors/{name}/topics", t => Topics(t, name).Count == 1, "the source's topic is recorded");

        using var reset = await _host.SendAsync(HttpMethod.Put, $"/connectors/{name}/topics/reset");
        var afterReset = await _host.GetJsonAsync($"/connectors/{name}/topics");
        await File.AppendAllTextAsync(file, "two\n");
        var afterMoreRecords = await WaitForJsonAsync($"/connectors/{name}/topics", t => Topics(t, name).Count > 0, "the topic is recorded again");

        reset.StatusCode.Should().Be(HttpStatusCode.Accepted);
        ShouldBeJson(afterReset, $$$"""{"{{{name}}}":{"topics":[]}}""");
        ShouldBeJson(afterMoreRecords, $$$"""{"{{{name}}}":{"topics":["topics-b"]}}""");
    }

    [Test]
    public async Task GetTopic_TopicTheConnectorUsed_DescribesIt()
    {
        await WaitForJsonAsync($"/connectors/{Source}/topics", t => Topics(t, Source).Count > 0, "the source's topic is recorded");

        var topic = await _host.GetJsonAsync($"/connectors/{Source}/topics/{Topic}");

        topic["connector"]!.GetValue<string>().Should().Be(Source);
        topic["topic"]!.GetValue<string>().Should().Be(Topic);
        topic["active"]!.GetValue<bool>().Should().BeTrue();
        topic["exists"]!.GetValue<bool>().Should().BeTrue();
        topic["partitions"]!.GetValue<int>().Should().Be(1, "the embedded broker creates topics with embedded.kafka.partitions (1)");
    }

    [Test]
    public async Task GetTopic_TopicTheConnectorNeverUsed_Returns404()
    {
        var (status, error) = await _host.CallAsync(HttpMethod.Get, $"/connectors/{Source}/topics/topics-never-used");

        status.Should().Be(HttpStatusCode.NotFound);
        RestTestHost.ShouldBeError(error, 404, $"Topic topics-never-used has not been used by connector {Source}");
    }

    [Test]
    public async Task TopicEndpoints_TrackingDisabled_Return403()
    {
        await using var host = await RestTestHost.StartAsync("topic.tracking.enable=false");
        await CreateAsync(host, "untracked", host.SourceConfig());

        var (getStatus, getError) = await host.CallAsync(HttpMethod.Get, "/connectors/untracked/topics");
        var (resetStatus, resetError) = await host.CallAsync(HttpMethod.Put, "/connectors/untracked/topics/reset");

        getStatus.Should().Be(HttpStatusCode.Forbidden);
        ShouldBeJson(getError, """{"error_code":403,"message":"Topic tracking is disabled."}""");
        resetStatus.Should().Be(HttpStatusCode.Forbidden);
        ShouldBeJson(resetError, """{"error_code":403,"message":"Topic tracking is disabled."}""");
    }

    [Test]
    public async Task ResetTopics_ResetNotAllowed_Returns403WhileGetStillWorks()
    {
        await using var host = await RestTestHost.StartAsync("topic.tracking.allow.reset=false");
        await CreateAsync(host, "unresettable", host.SourceConfig());

        var (resetStatus, resetError) = await host.CallAsync(HttpMethod.Put, "/connectors/unresettable/topics/reset");
        var (getStatus, _) = await host.CallAsync(HttpMethod.Get, "/connectors/unresettable/topics");

        resetStatus.Should().Be(HttpStatusCode.Forbidden);
        ShouldBeJson(resetError, """{"error_code":403,"message":"Topic tracking reset is disabled."}""");
        getStatus.Should().Be(HttpStatusCode.OK);
    }

    private static async Task CreateAsync(RestTestHost host, string name, JsonObject config)
    {
        using var response = await host.CreateAsync(name, config);
        response.StatusCode.Should().Be(HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
    }

    private async Task<JsonNode> WaitForJsonAsync(string path, Func<JsonNode, bool> condition, string because)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (true)
        {
            var (status, body) = await _host.CallAsync(HttpMethod.Get, path);
            if (status == HttpStatusCode.OK && body is not null && condition(body))
            {
                return body;
            }

            if (DateTime.UtcNow > deadline)
            {
                Assert.Fail($"{because}; last answer to GET {path}: {(int)status} {body?.ToJsonString()}");
            }

            await Task.Delay(TimeSpan.FromMilliseconds(50));
        }
    }

    private static JsonArray Topics(JsonNode body, string connector) => body[connector]?["topics"]?.AsArray() ?? new JsonArray();

    private static void ShouldBeJson(JsonNode? actual, string expected) =>
        JsonNode.DeepEquals(actual, JsonNode.Parse(expected)).Should().BeTrue("expected {0} but got {1}", expected, actual?.ToJsonString());
}
