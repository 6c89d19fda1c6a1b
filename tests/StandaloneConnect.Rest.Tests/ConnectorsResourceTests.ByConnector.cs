using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace StandaloneConnect.Rest.Tests;

/// <summary>The endpoints under <c>/connectors/{name}</c>: config, tasks, unknown names, internal endpoints, routing errors.</summary>
public sealed partial class ConnectorsResourceTests
{
    // ---- GET /connectors/{c}, /config ------------------------------------------------------------------------------

    [Test]
    public async Task Get_ExistingConnector_ReturnsConnectorInfo()
    {
        await CreateOkAsync("get-info");

        var body = await _host.GetJsonAsync("/connectors/get-info");

        body["name"]!.GetValue<string>().Should().Be("get-info");
        body["type"]!.GetValue<string>().Should().Be("source");
        body["config"]!["name"]!.GetValue<string>().Should().Be("get-info");
        JsonNode.DeepEquals(body["tasks"], new JsonArray(new JsonObject { ["connector"] = "get-info", ["task"] = 0 })).Should().BeTrue(body.ToJsonString());
    }

    [Test]
    public async Task GetConfig_PlaceholderInConfig_ReturnsRawConfig()
    {
        var config = _host.SourceConfig();
        var placeholder = $"${{file:{_secrets}:secret}}";
        config["custom.secret"] = placeholder;
        await CreateOkAsync("raw-config", config);

        var body = await _host.GetJsonAsync("/connectors/raw-config/config");

        config["name"] = "raw-config";
        JsonNode.DeepEquals(body, config).Should().BeTrue(body.ToJsonString());
        body["custom.secret"]!.GetValue<string>().Should().Be(placeholder);
    }

    // ---- PUT /connectors/{c}/config --------------------------------------------------------------------------------

    [Test]
    public async Task PutConfig_NewConnector_Returns201WithLocation()
    {
        using var response = await _host.SendAsync(HttpMethod.Put, "/connectors/put-new/config", _host.SourceConfig().ToJsonString());
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;

        response.StatusCode.Should().Be(HttpStatusCode.Created, body.ToJsonString());
        response.Headers.Location!.OriginalString.Should().Be("/connectors/put-new");
        body["name"]!.GetValue<string>().Should().Be("put-new");
        body["config"]!["name"]!.GetValue<string>().Should().Be("put-new");
        body["tasks"]!.AsArray().Should().ContainSingle();
    }

    [Test]
    public async Task PutConfig_ExistingConnector_Returns200AndReplacesConfig()
    {
        await CreateOkAsync("put-update");
        var replacement = _host.SourceConfig(topic: "replaced-topic");

        using var response = await _host.SendAsync(HttpMethod.Put, "/connectors/put-update/config", replacement.ToJsonString());
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;

        response.StatusCode.Should().Be(HttpStatusCode.OK, body.ToJsonString());
        response.Headers.Location.Should().BeNull();
        body["config"]!["topic"]!.GetValue<string>().Should().Be("replaced-topic");
        (await _host.GetJsonAsync("/connectors/put-update/config"))["topic"]!.GetValue<string>().Should().Be("replaced-topic");
        (await _host.GetJsonAsync("/connectors/put-update/tasks"))[0]!["config"]!["topic"]!.GetValue<string>().Should().Be("replaced-topic");
    }

    [Test]
    public async Task PutConfig_NameInConfigDiffersFromUrl_Returns400AndChangesNothing()
    {
        await CreateOkAsync("put-mismatch");
        var config = _host.SourceConfig(topic: "never-applied");
        config["name"] = "someone-else";

        var (status, body) = await _host.CallAsync(HttpMethod.Put, "/connectors/put-mismatch/config", config.ToJsonString());

        status.Should().Be(HttpStatusCode.BadRequest);
        ShouldBeErrorBody(body, 400, "Connector name configuration (someone-else) doesn't match connector name in the URL (put-mismatch)");
        (await _host.GetJsonAsync("/connectors/put-mismatch/config"))["topic"]!.GetValue<string>().Should().Be("rest-topic");
        (await NamesAsync()).Should().NotContain("someone-else");
    }

    [Test]
    public async Task PutConfig_InvalidConfig_Returns400AndKeepsTheOldConfig()
    {
        await CreateOkAsync("put-invalid");
        var config = _host.SourceConfig();
        config.Remove("topic");

        var (status, body) = await _host.CallAsync(HttpMethod.Put, "/connectors/put-invalid/config", config.ToJsonString());

        status.Should().Be(HttpStatusCode.BadRequest);
        ShouldBeErrorBody(body, 400, InvalidConfigHead + "Missing required configuration \"topic\" which has no default value." + InvalidConfigTail);
        (await _host.GetJsonAsync("/connectors/put-invalid/config"))["topic"]!.GetValue<string>().Should().Be("rest-topic");
    }

    [TestCase("PUT", "{\"connector.class\":")]
    [TestCase("PUT", "[\"not\",\"an object\"]")]
    [TestCase("PUT", "\"a string\"")]
    [TestCase("PUT", "{\"custom\":{\"nested\":1}}")]
    [TestCase("PATCH", "{\"batch.size\":")]
    [TestCase("PATCH", "[1]")]
    [TestCase("PATCH", "{\"custom\":[1,2]}")]
    public async Task Config_MalformedBody_Returns400AndKeepsTheConfig(string method, string body)
    {
        if (!(await NamesAsync()).Contains("malformed-config"))
        {
            await CreateOkAsync("malformed-config");
        }

        var before = await _host.GetJsonAsync("/connectors/malformed-config/config");

        var (status, response) = await _host.CallAsync(new HttpMethod(method), "/connectors/malformed-config/config", body);

        status.Should().Be(HttpStatusCode.BadRequest, response?.ToJsonString());
        ShouldBeErrorBody(response, 400);
        JsonNode.DeepEquals(await _host.GetJsonAsync("/connectors/malformed-config/config"), before).Should().BeTrue();
    }

    // ---- PATCH /connectors/{c}/config ------------------------------------------------------------------------------

    [Test]
    public async Task PatchConfig_NewAndChangedKeys_MergesIntoTheConfig()
    {
        var config = _host.SourceConfig();
        await CreateOkAsync("patch-merge", config);

        var (status, body) = await _host.CallAsync(HttpMethod.Patch, "/connectors/patch-merge/config",
            """{"batch.size":"100","custom.added":"yes"}""");

        status.Should().Be(HttpStatusCode.OK, body?.ToJsonString());
        config["name"] = "patch-merge";
        config["batch.size"] = "100";
        config["custom.added"] = "yes";
        JsonNode.DeepEquals(body!["config"], config).Should().BeTrue(body.ToJsonString());
        JsonNode.DeepEquals(await _host.GetJsonAsync("/connectors/patch-merge/config"), config).Should().BeTrue();
        body["tasks"]!.AsArray().Should().ContainSingle();
    }

    [Test]
    public async Task PatchConfig_NullValue_RemovesTheKey()
    {
        var config = _host.SourceConfig();
        config["custom.removed"] = "soon";
        await CreateOkAsync("patch-null", config);

        var (status, body) = await _host.CallAsync(HttpMethod.Patch, "/connectors/patch-null/config", """{"custom.removed":null}""");

        status.Should().Be(HttpStatusCode.OK, body?.ToJsonString());
        var stored = (await _host.GetJsonAsync("/connectors/patch-null/config")).AsObject();
        stored.ContainsKey("custom.removed").Should().BeFalse();
        stored["topic"]!.GetValue<string>().Should().Be("rest-topic");
    }

    [Test]
    public async Task PatchConfig_NameDiffersFromUrl_Returns400AndKeepsTheConfig()
    {
        await CreateOkAsync("patch-rename");

        var (status, body) = await _host.CallAsync(HttpMethod.Patch, "/connectors/patch-rename/config", """{"name":"renamed","batch.size":"3"}""");

        status.Should().Be(HttpStatusCode.BadRequest);
        ShouldBeErrorBody(body, 400, "Connector name configuration (renamed) doesn't match connector name in the URL (patch-rename)");
        (await _host.GetJsonAsync("/connectors/patch-rename/config")).AsObject().ContainsKey("batch.size").Should().BeFalse();
        (await NamesAsync()).Should().NotContain("renamed");
    }

    [Test]
    public async Task PatchConfig_UnknownConnector_Returns404()
    {
        var (status, body) = await _host.CallAsync(HttpMethod.Patch, "/connectors/patch-ghost/config", """{"batch.size":"1"}""");

        status.Should().Be(HttpStatusCode.NotFound);
        ShouldBeErrorBody(body, 404, "Connector patch-ghost not found");
        (await NamesAsync()).Should().NotContain("patch-ghost");
    }

    [Test]
    public async Task PatchConfig_InvalidResult_Returns400AndKeepsTheConfig()
    {
        await CreateOkAsync("patch-invalid");
        var before = await _host.GetJsonAsync("/connectors/patch-invalid/config");

        var (status, body) = await _host.CallAsync(HttpMethod.Patch, "/connectors/patch-invalid/config", """{"topic":null,"batch.size":"7"}""");

        status.Should().Be(HttpStatusCode.BadRequest);
        ShouldBeErrorBody(body, 400, InvalidConfigHead + "Missing required configuration \"topic\" which has no default value." + InvalidConfigTail);
        JsonNode.DeepEquals(await _host.GetJsonAsync("/connectors/patch-invalid/config"), before).Should().BeTrue();
    }

    // ---- tasks -----------------------------------------------------------------------------------------------------

    [Test]
    public async Task Tasks_RunningConnector_ListsTaskIdsAndConfigs()
    {
        await CreateOkAsync("tasks-list");

        var body = await _host.GetJsonAsync("/connectors/tasks-list/tasks");

        body.AsArray().Should().ContainSingle();
        var task = body[0]!.AsObject();
        task.Select(p => p.Key).Should().Equal("id", "config");
        JsonNode.DeepEquals(task["id"], new JsonObject { ["connector"] = "tasks-list", ["task"] = 0 }).Should().BeTrue(task.ToJsonString());
        task["config"]!["task.class"]!.GetValue<string>().Should().EndWith("FileStreamSourceTask");
        task["config"]!["topic"]!.GetValue<string>().Should().Be("rest-topic");
        task["config"]!["file"]!.GetValue<string>().Should().Be(_host.Directory.PathOf("in.txt"));
    }

    [Test]
    public async Task TasksConfig_RunningConnector_MapsTaskIdToConfig()
    {
        await CreateOkAsync("tasks-config");
        var tasks = await _host.GetJsonAsync("/connectors/tasks-config/tasks");

        var body = await _host.GetJsonAsync("/connectors/tasks-config/tasks-config");

        body.AsObject().Select(p => p.Key).Should().Equal("tasks-config-0");
        JsonNode.DeepEquals(body["tasks-config-0"], tasks[0]!["config"]).Should().BeTrue(body.ToJsonString());
    }

    [Test]
    public async Task TaskStatus_RunningTask_ReturnsTaskState()
    {
        await CreateOkAsync("task-status");
        var connectorStatus = await _host.WaitForStatusAsync("task-status", s => TaskStates(s) == "RUNNING", "the task should run");

        var body = await _host.GetJsonAsync("/connectors/task-status/tasks/0/status");

        var workerId = $"{_host.Client.BaseAddress!.Host}:{_host.Client.BaseAddress.Port}";
        JsonNode.DeepEquals(body, new JsonObject { ["id"] = 0, ["state"] = "RUNNING", ["worker_id"] = workerId }).Should().BeTrue(body.ToJsonString());
        connectorStatus["connector"]!["worker_id"]!.GetValue<string>().Should().Be(workerId);
    }

    [Test]
    public async Task TaskStatus_UnknownTask_Returns404()
    {
        await CreateOkAsync("task-status-missing");

        var (status, body) = await _host.CallAsync(HttpMethod.Get, "/connectors/task-status-missing/tasks/9/status");

        status.Should().Be(HttpStatusCode.NotFound);
        ShouldBeErrorBody(body, 404, "No status found for task task-status-missing-9");
    }

    [TestCase("zero")]
    [TestCase("1.5")]
    public async Task TaskStatus_NonIntegerTaskId_Returns404(string task)
    {
        await CreateOkAsync("task-status-nonint-" + task.Replace('.', '-'));

        var (status, body) = await _host.CallAsync(HttpMethod.Get, $"/connectors/task-status-nonint-{task.Replace('.', '-')}/tasks/{task}/status");

        status.Should().Be(HttpStatusCode.NotFound);
        ShouldBeErrorBody(body, 404, "HTTP 404 Not Found");
    }

    // ---- unknown connectors ----------------------------------------------------------------------------------------

    [TestCase("GET", "/connectors/ghost", "Connector ghost not found")]
    [TestCase("GET", "/connectors/ghost/config", "Connector ghost not found")]
    [TestCase("GET", "/connectors/ghost/status", "No status found for connector ghost")]
    [TestCase("GET", "/connectors/ghost/tasks", "Connector ghost not found")]
    [TestCase("GET", "/connectors/ghost/tasks-config", "Connector ghost not found")]
    [TestCase("GET", "/connectors/ghost/tasks/0/status", "No status found for task ghost-0")]
    [TestCase("DELETE", "/connectors/ghost", "Connector ghost not found")]
    [TestCase("PUT", "/connectors/ghost/pause", "Unknown connector ghost")]
    [TestCase("PUT", "/connectors/ghost/resume", "Unknown connector ghost")]
    [TestCase("POST", "/connectors/ghost/restart", "Connector ghost not found")]
    [TestCase("POST", "/connectors/ghost/restart?includeTasks=true", "Unknown connector: ghost")]
    [TestCase("POST", "/connectors/ghost/restart?onlyFailed=true", "Unknown connector: ghost")]
    [TestCase("POST", "/connectors/ghost/restart?includeTasks=true&onlyFailed=true", "Unknown connector: ghost")]
    public async Task Endpoint_UnknownConnector_Returns404WithKafkaText(string method, string path, string message)
    {
        var (status, body) = await _host.CallAsync(new HttpMethod(method), path);

        status.Should().Be(HttpStatusCode.NotFound);
        ShouldBeErrorBody(body, 404, message);
        (await NamesAsync()).Should().NotContain("ghost");
    }

    [TestCase("PUT", "/connectors/ghost/stop")]
    [TestCase("POST", "/connectors/ghost/tasks/0/restart")]
    public async Task Endpoint_UnknownConnectorWithoutReferenceText_Returns404NamingIt(string method, string path)
    {
        var (status, body) = await _host.CallAsync(new HttpMethod(method), path);

        status.Should().Be(HttpStatusCode.NotFound);
        RestTestHost.ShouldBeError(body, 404, "ghost");
        body!.AsObject().Select(p => p.Key).Should().BeEquivalentTo("error_code", "message");
        (await NamesAsync()).Should().NotContain("ghost");
    }

    // ---- internal endpoints, routing errors ------------------------------------------------------------------------

    [TestCase("POST", "/connectors/internal/tasks", "[{}]", "Kafka Connect in standalone mode does not support externally setting task configurations.")]
    [TestCase("PUT", "/connectors/internal/fence", null, "Kafka Connect in standalone mode does not support exactly-once source connectors.")]
    public async Task InternalEndpoint_Standalone_Returns500(string method, string path, string? json, string message)
    {
        if (!(await NamesAsync()).Contains("internal"))
        {
            await CreateOkAsync("internal");
        }

        var (status, body) = await _host.CallAsync(new HttpMethod(method), path, json);

        status.Should().Be(HttpStatusCode.InternalServerError);
        ShouldBeErrorBody(body, 500, message);
        (await _host.GetJsonAsync("/connectors/internal/tasks")).AsArray().Should().ContainSingle();
    }

    [TestCase("PUT", "/connectors")]
    [TestCase("DELETE", "/connectors")]
    [TestCase("DELETE", "/connectors/any/config")]
    [TestCase("GET", "/connectors/any/restart")]
    [TestCase("GET", "/connectors/any/pause")]
    public async Task Endpoint_UnsupportedMethod_Returns405WithJsonBody(string method, string path)
    {
        var (status, body) = await _host.CallAsync(new HttpMethod(method), path);

        status.Should().Be(HttpStatusCode.MethodNotAllowed);
        ShouldBeErrorBody(body, 405, "HTTP 405 Method Not Allowed");
    }

    [TestCase("/nowhere")]
    [TestCase("/connectors/a/b/c/d/e")]
    [TestCase("/connectors/a/unknown-action")]
    public async Task Endpoint_UnknownPath_Returns404WithJsonBody(string path)
    {
        var (status, body) = await _host.CallAsync(HttpMethod.Get, path);

        status.Should().Be(HttpStatusCode.NotFound);
        ShouldBeErrorBody(body, 404, "HTTP 404 Not Found");
    }

    // ---- forward ---------------------------------------------------------------------------------------------------

    [TestCase("true")]
    [TestCase("false")]
    public async Task Mutations_ForwardQuery_AreAcceptedAndIgnored(string forward)
    {
        var name = "forward-" + forward;
        var q = "?forward=" + forward;

        (await _host.CallAsync(HttpMethod.Post, "/connectors" + q,
            new JsonObject { ["name"] = name, ["config"] = _host.SourceConfig() }.ToJsonString())).Status.Should().Be(HttpStatusCode.Created);
        (await _host.CallAsync(HttpMethod.Put, $"/connectors/{name}/config{q}", _host.SourceConfig(topic: "fwd").ToJsonString())).Status
            .Should().Be(HttpStatusCode.OK);
        (await _host.CallAsync(HttpMethod.Patch, $"/connectors/{name}/config{q}", """{"batch.size":"5"}""")).Status.Should().Be(HttpStatusCode.OK);
        (await _host.CallAsync(HttpMethod.Post, $"/connectors/{name}/restart{q}")).Status.Should().Be(HttpStatusCode.NoContent);
        (await _host.CallAsync(HttpMethod.Post, $"/connectors/{name}/tasks/0/restart{q}")).Status.Should().Be(HttpStatusCode.NoContent);
        (await _host.CallAsync(HttpMethod.Put, $"/connectors/{name}/stop{q}")).Status.Should().Be(HttpStatusCode.NoContent);
        (await _host.GetJsonAsync($"/connectors/{name}/config"))["batch.size"]!.GetValue<string>().Should().Be("5");
        (await _host.CallAsync(HttpMethod.Delete, $"/connectors/{name}{q}")).Status.Should().Be(HttpStatusCode.NoContent);
        (await NamesAsync()).Should().NotContain(name);
    }
}
