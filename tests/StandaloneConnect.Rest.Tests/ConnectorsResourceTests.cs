using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace StandaloneConnect.Rest.Tests;

/// <summary>
/// Kafka's <c>ConnectorsResource</c> through HTTP against a whole worker: success and error paths of every
/// <c>/connectors</c> endpoint (reference §1). One worker for the class; each test uses its own connector names.
/// </summary>
public sealed class ConnectorsResourceTests
{
    private const string InvalidConfigHead = "Connector configuration is invalid and contains the following 1 error(s):\n";
    private const string InvalidConfigTail = "\nYou can also find the above list of errors at the endpoint `/connector-plugins/{connectorType}/config/validate`";

    private RestTestHost _host = null!;
    private string _secrets = null!;

    [OneTimeSetUp]
    public async Task StartWorker()
    {
        _host = await RestTestHost.StartAsync("""
            config.providers=file
            config.providers.file.class=org.apache.kafka.common.config.provider.FileConfigProvider
            """);
        _host.Directory.WriteFile("in.txt", "");
        _secrets = _host.Directory.WriteFile("secrets.properties", "secret=s3cr3t\n");
    }

    [OneTimeTearDown]
    public async Task StopWorker() => await _host.DisposeAsync();

    // ---- GET /connectors -------------------------------------------------------------------------------------------

    [Test]
    public async Task List_AfterCreate_ReturnsJsonArrayOfNames()
    {
        await CreateOkAsync("list-a");

        var body = await _host.GetJsonAsync("/connectors");

        body.Should().BeOfType<JsonArray>();
        body.AsArray().Select(n => n!.GetValue<string>()).Should().Contain("list-a");
    }

    [TestCase("expand-1", "expand=status", "status")]
    [TestCase("expand-2", "expand=info", "info")]
    [TestCase("expand-3", "expand=status&expand=info", "info,status")]
    [TestCase("expand-4", "expand=info&expand=status&expand=bogus", "info,status")]
    [TestCase("expand-5", "expand=bogus", "")]
    public async Task List_Expand_MapsEachConnectorToTheRequestedViews(string name, string query, string expectedKeys)
    {
        await CreateOkAsync(name);

        var body = await _host.GetJsonAsync("/connectors?" + query);

        body.Should().BeOfType<JsonObject>();
        var names = await NamesAsync();
        body.AsObject().Select(p => p.Key).Should().BeEquivalentTo(names);
        foreach (var (connector, views) in body.AsObject())
        {
            string.Join(",", views!.AsObject().Select(p => p.Key).Order(StringComparer.Ordinal)).Should().Be(expectedKeys, "connector {0}", connector);
            if (views["status"] is { } status)
            {
                status["name"]!.GetValue<string>().Should().Be(connector);
                status["connector"]!["state"]!.GetValue<string>().Should().NotBeNullOrEmpty();
                status["type"]!.GetValue<string>().Should().Be("source");
            }

            if (views["info"] is { } info)
            {
                info["name"]!.GetValue<string>().Should().Be(connector);
                info["config"]!["connector.class"]!.GetValue<string>().Should().Be("FileStreamSource");
                info["type"]!.GetValue<string>().Should().Be("source");
            }
        }
    }

    // ---- POST /connectors ------------------------------------------------------------------------------------------

    [Test]
    public async Task Create_ValidSource_Returns201WithLocationAndConnectorInfo()
    {
        var config = _host.SourceConfig();

        using var response = await _host.CreateAsync("create-ok", config);
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync());

        response.StatusCode.Should().Be(HttpStatusCode.Created);
        response.Headers.Location!.OriginalString.Should().Be("/connectors/create-ok");
        response.Content.Headers.ContentType!.MediaType.Should().Be("application/json");
        config["name"] = "create-ok";
        JsonNode.DeepEquals(body, new JsonObject
        {
            ["name"] = "create-ok",
            ["config"] = config.DeepClone(),
            ["tasks"] = new JsonArray(new JsonObject { ["connector"] = "create-ok", ["task"] = 0 }),
            ["type"] = "source",
        }).Should().BeTrue(body!.ToJsonString());
    }

    [TestCase("RUNNING", "RUNNING", 1)]
    [TestCase("running", "RUNNING", 1)]
    [TestCase("PAUSED", "PAUSED", null)]
    [TestCase("Paused", "PAUSED", null)]
    [TestCase("STOPPED", "STOPPED", 0)]
    [TestCase("stopped", "STOPPED", 0)]
    public async Task Create_InitialState_StartsInThatStateAnyCase(string initialState, string expectedState, int? expectedTasks)
    {
        // PAUSED: the reference does not say whether task configs are generated before the first resume (see report), so
        // only "every task that exists is PAUSED" is checked.
        var name = "initial-" + initialState;

        var (status, body) = await CreateAsync(name, _host.SourceConfig(), initialState);

        status.Should().Be(HttpStatusCode.Created, body?.ToJsonString());
        var taskCount = body!["tasks"]!.AsArray().Count;
        if (expectedTasks is { } expected)
        {
            taskCount.Should().Be(expected);
        }

        await _host.WaitForStatusAsync(name,
            s => State(s) == expectedState && s["tasks"]!.AsArray().Count == taskCount
                 && s["tasks"]!.AsArray().All(t => t!["state"]!.GetValue<string>() == expectedState),
            $"the connector and its {taskCount} task(s) should be {expectedState}");
    }

    [TestCase("\"STARTED\"")]
    [TestCase("\"\"")]
    [TestCase("42")]
    public async Task Create_InvalidInitialState_Returns400AndCreatesNothing(string initialState)
    {
        var body = $$"""{"name":"bad-initial","config":{{_host.SourceConfig().ToJsonString()}},"initial_state":{{initialState}}}""";

        await ShouldRejectCreateAsync(body, 400);
    }

    [Test]
    public async Task Create_NameWithSurroundingSpaces_IsTrimmed()
    {
        using var response = await _host.CreateAsync("  trimmed  ", _host.SourceConfig());
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;

        response.StatusCode.Should().Be(HttpStatusCode.Created);
        response.Headers.Location!.OriginalString.Should().Be("/connectors/trimmed");
        body["name"]!.GetValue<string>().Should().Be("trimmed");
        body["config"]!["name"]!.GetValue<string>().Should().Be("trimmed");
        (await NamesAsync()).Should().Contain("trimmed").And.NotContain(n => n.Contains(' ', StringComparison.Ordinal));
    }

    [Test]
    public async Task Create_ExistingName_Returns409AndKeepsTheFirstConfig()
    {
        await CreateOkAsync("dup");
        var second = _host.SourceConfig(topic: "other-topic");
        second["name"] = "dup";

        var message = await ShouldRejectCreateAsync(new JsonObject { ["name"] = "dup", ["config"] = second }.ToJsonString(), 409);

        message.Should().Be("Connector dup already exists");
        (await _host.GetJsonAsync("/connectors/dup/config"))["topic"]!.GetValue<string>().Should().Be("rest-topic");
    }

    [Test]
    public async Task Create_NameInConfigDiffersFromBodyName_Returns400()
    {
        var config = _host.SourceConfig();
        config["name"] = "x-config";

        var message = await ShouldRejectCreateAsync(new JsonObject { ["name"] = "y-body", ["config"] = config }.ToJsonString(), 400);

        message.Should().Be("Connector name configuration (x-config) doesn't match connector name in the URL (y-body)");
    }

    [Test]
    public async Task Create_NoConnectorClass_Returns400NamingTheConfig()
    {
        var config = _host.SourceConfig();
        config.Remove("connector.class");

        var message = await ShouldRejectCreateAsync(new JsonObject { ["name"] = "no-class", ["config"] = config }.ToJsonString(), 400);

        message.Should().StartWith("Connector config {").And.EndWith("} contains no connector type").And.Contain("topic=rest-topic");
    }

    [Test]
    public async Task Create_UnknownConnectorClass_Returns400ListingAvailableConnectors()
    {
        var config = _host.SourceConfig();
        config["connector.class"] = "com.example.NoSuchConnector";

        var message = await ShouldRejectCreateAsync(new JsonObject { ["name"] = "unknown-class", ["config"] = config }.ToJsonString(), 400);

        message.Should().StartWith("Failed to find any class that implements Connector and which name matches com.example.NoSuchConnector, available connectors are: ")
            .And.Contain("FileStreamSourceConnector").And.Contain("FileStreamSinkConnector");
    }

    [Test]
    public async Task Create_MissingRequiredKey_Returns400ListingTheErrors()
    {
        var config = _host.SourceConfig();
        config.Remove("topic");

        var message = await ShouldRejectCreateAsync(new JsonObject { ["name"] = "no-topic", ["config"] = config }.ToJsonString(), 400);

        message.Should().Be(InvalidConfigHead + "Missing required configuration \"topic\" which has no default value." + InvalidConfigTail);
    }

    [Test]
    public async Task Create_NumberAndBooleanValues_AreStoredAsStrings()
    {
        var config = _host.SourceConfig();
        config["tasks.max"] = 1;
        config["batch.size"] = 250;
        config["custom.flag"] = true;

        var (status, body) = await CreateAsync("typed-values", config);

        status.Should().Be(HttpStatusCode.Created, body?.ToJsonString());
        var stored = await _host.GetJsonAsync("/connectors/typed-values/config");
        stored["tasks.max"]!.GetValueKind().Should().Be(JsonValueKind.String);
        stored["tasks.max"]!.GetValue<string>().Should().Be("1");
        stored["batch.size"]!.GetValue<string>().Should().Be("250");
        stored["custom.flag"]!.GetValue<string>().Should().Be("true");
    }

    [TestCase("""{"nested":"object"}""")]
    [TestCase("""["an","array"]""")]
    public async Task Create_ObjectOrArrayConfigValue_Returns400(string value)
    {
        var config = _host.SourceConfig();
        config["custom.value"] = JsonNode.Parse(value);

        var message = await ShouldRejectCreateAsync(new JsonObject { ["name"] = "structured-value", ["config"] = config }.ToJsonString(), 400);

        message.Should().Contain("custom.value");
    }

    [TestCase("""{"name":"malformed","config":{"connector.class":""")]
    [TestCase("not json at all")]
    [TestCase("")]
    [TestCase("""["malformed"]""")]
    [TestCase("""{"name":"no-config"}""")]
    [TestCase("""{"name":"config-is-string","config":"connector.class=FileStreamSource"}""")]
    public async Task Create_MalformedBody_Returns400AndCreatesNothing(string body)
    {
        await ShouldRejectCreateAsync(body, 400);
    }

    [Test]
    public async Task Create_MissingName_Returns400AndCreatesNothing()
    {
        await ShouldRejectCreateAsync(new JsonObject { ["config"] = _host.SourceConfig() }.ToJsonString(), 400);
    }

    [TestCase("")]
    [TestCase("   ")]
    [TestCase("bad\u0007name")]
    [TestCase("bad\u001fname")]
    public async Task Create_EmptyOrControlCharName_Returns400AndCreatesNothing(string name)
    {
        var message = await ShouldRejectCreateAsync(new JsonObject { ["name"] = name, ["config"] = _host.SourceConfig() }.ToJsonString(), 400);

        message.Should().StartWith(InvalidConfigHead).And.Contain("for configuration name");
    }

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

    // ---- helpers ---------------------------------------------------------------------------------------------------

    private async Task<(HttpStatusCode Status, JsonNode? Body)> CreateAsync(string name, JsonObject config, string? initialState = null)
    {
        using var response = await _host.CreateAsync(name, config, initialState);
        var text = await response.Content.ReadAsStringAsync();
        return (response.StatusCode, text.Length == 0 ? null : JsonNode.Parse(text));
    }

    private async Task CreateOkAsync(string name, JsonObject? config = null)
    {
        var (status, body) = await CreateAsync(name, config ?? _host.SourceConfig());
        status.Should().Be(HttpStatusCode.Created, "creating {0} answered {1}", name, body?.ToJsonString());
    }

    private async Task<List<string>> NamesAsync() =>
        (await _host.GetJsonAsync("/connectors")).AsArray().Select(n => n!.GetValue<string>()).ToList();

    /// <summary>POSTs <paramref name="body"/>, expects an error body with <paramref name="code"/> and no change to the connector list; returns the message.</summary>
    private async Task<string> ShouldRejectCreateAsync(string body, int code)
    {
        var before = await NamesAsync();

        var (status, response) = await _host.CallAsync(HttpMethod.Post, "/connectors", body);

        ((int)status).Should().Be(code, response?.ToJsonString());
        ShouldBeErrorBody(response, code);
        (await NamesAsync()).Should().BeEquivalentTo(before, "a rejected request must not change the connectors");
        return response!["message"]!.GetValue<string>();
    }

    /// <summary>Exactly Kafka's error entity: <c>{"error_code":N,"message":"..."}</c>, nothing else.</summary>
    private static void ShouldBeErrorBody(JsonNode? body, int code, string? message = null)
    {
        body.Should().BeOfType<JsonObject>();
        body!.AsObject().Select(p => p.Key).Should().BeEquivalentTo("error_code", "message");
        body["error_code"]!.GetValueKind().Should().Be(JsonValueKind.Number);
        body["message"]!.GetValueKind().Should().Be(JsonValueKind.String);
        RestTestHost.ShouldBeError(body, code);
        if (message is not null)
        {
            body["message"]!.GetValue<string>().Should().Be(message);
        }
    }

    private static string State(JsonNode status) => status["connector"]!["state"]!.GetValue<string>();

    private static string TaskStates(JsonNode status) =>
        string.Join(",", status["tasks"]!.AsArray().Select(t => t!["state"]!.GetValue<string>()));
}
