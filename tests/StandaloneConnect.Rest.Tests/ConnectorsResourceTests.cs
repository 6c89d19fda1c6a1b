using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace StandaloneConnect.Rest.Tests;

/// <summary>
/// Kafka's <c>ConnectorsResource</c> through HTTP against a whole worker: success and error paths of every
/// <c>/connectors</c> endpoint (reference §1). One worker for the class; each test uses its own connector names.
/// </summary>
public sealed partial class ConnectorsResourceTests
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
