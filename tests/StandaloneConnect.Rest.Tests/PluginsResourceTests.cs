using System.Net;
using System.Text.Json.Nodes;

namespace StandaloneConnect.Rest.Tests;

/// <summary>Kafka's <c>ConnectorPluginsResource</c>: the plugin list, a plugin's config keys, and config validation.</summary>
public sealed class PluginsResourceTests
{
    private const string SourceClass = "org.apache.kafka.connect.file.FileStreamSourceConnector";
    private const string SinkClass = "org.apache.kafka.connect.file.FileStreamSinkConnector";
    private static readonly string[] KafkaOrder = ["sink", "source", "transformation", "predicate", "converter", "header_converter"];
    private static readonly string[] ConfigKeyInfoFields =
        ["name", "type", "required", "default_value", "importance", "documentation", "group", "order", "width", "display_name", "dependents"];

    private RestTestHost _host = null!;

    [OneTimeSetUp]
    public async Task OneTimeSetUp() => _host = await RestTestHost.StartAsync();

    [OneTimeTearDown]
    public async Task OneTimeTearDown() => await _host.DisposeAsync();

    [TestCase("")]
    [TestCase("?connectorsOnly=true")]
    public async Task GetPlugins_ConnectorsOnly_ListsSinksThenSourcesWithKafkaClassNames(string query)
    {
        var plugins = (await _host.GetJsonAsync("/connector-plugins" + query)).AsArray();

        var types = plugins.Select(p => p!["type"]!.GetValue<string>()).ToList();
        types.Should().OnlyContain(t => t == "sink" || t == "source");
        types.Select(Rank).Should().BeInAscendingOrder("sinks come before sources");
        plugins.Should().ContainSingle(p => p!["class"]!.GetValue<string>() == SinkClass)
            .Which!["type"]!.GetValue<string>().Should().Be("sink");
        plugins.Should().ContainSingle(p => p!["class"]!.GetValue<string>() == SourceClass)
            .Which!["type"]!.GetValue<string>().Should().Be("source");
        plugins.Should().AllSatisfy(p => p!.AsObject().Select(kv => kv.Key).Should().BeSubsetOf(["class", "type", "version"]));
    }

    [Test]
    public async Task GetPlugins_NotConnectorsOnly_AddsConvertersInKafkaOrderOncePerType()
    {
        var plugins = (await _host.GetJsonAsync("/connector-plugins?connectorsOnly=false")).AsArray();

        var entries = plugins.Select(p => (Class: p!["class"]!.GetValue<string>(), Type: p["type"]!.GetValue<string>())).ToList();
        entries.Select(e => Rank(e.Type)).Should().BeInAscendingOrder("Kafka lists sinks, sources, transformations, predicates, converters, header converters")
            .And.NotContain(-1);
        entries.Select(e => e.Type).Should().Contain(["sink", "source", "converter", "header_converter"]);
        entries.Where(e => e.Class == "org.apache.kafka.connect.json.JsonConverter").Select(e => e.Type)
            .Should().Equal(new[] { "converter", "header_converter" }, "JsonConverter is both a converter and a header converter");
        entries.Where(e => e.Class == "org.apache.kafka.connect.storage.StringConverter").Select(e => e.Type)
            .Should().Equal("converter", "header_converter");
        entries.Where(e => e.Class == "org.apache.kafka.connect.storage.SimpleHeaderConverter").Select(e => e.Type)
            .Should().Equal("header_converter");
    }

    [Test]
    public async Task GetPluginConfig_FileStreamSource_PluginKeysFirstThenFrameworkKeys()
    {
        var keys = (await _host.GetJsonAsync("/connector-plugins/FileStreamSource/config")).AsArray();

        var names = keys.Select(k => k!["name"]!.GetValue<string>()).ToList();
        names.Take(3).Should().Equal("file", "topic", "batch.size");
        names.Should().Contain(["name", "connector.class", "tasks.max", "key.converter", "transforms", "predicates", "errors.tolerance", "exactly.once.support"])
            .And.NotContain("topics", "that is a sink key")
            .And.OnlyHaveUniqueItems();
        keys.Should().AllSatisfy(k => k!.AsObject().Select(kv => kv.Key).Should().Equal(ConfigKeyInfoFields));
        ShouldBeJson(keys[0], """
            {"name":"file","type":"STRING","required":false,"default_value":null,"importance":"HIGH",
             "documentation":"Source filename. If not specified, the standard input will be used","group":null,
             "order":-1,"width":"NONE","display_name":"file","dependents":[]}
            """);
        keys[1]!["required"]!.GetValue<bool>().Should().BeTrue("topic has no default");
    }

    [TestCase("FileStreamSink")]
    [TestCase(SinkClass)]
    public async Task GetPluginConfig_FileStreamSink_ListsSinkKeys(string plugin)
    {
        var names = (await _host.GetJsonAsync($"/connector-plugins/{plugin}/config")).AsArray().Select(k => k!["name"]!.GetValue<string>()).ToList();

        names[0].Should().Be("file");
        names.Should().Contain(["topics", "topics.regex", "errors.deadletterqueue.topic.name"]).And.NotContain("exactly.once.support");
    }

    [Test]
    public async Task GetPluginConfig_UnknownPlugin_Returns404()
    {
        var (status, error) = await _host.CallAsync(HttpMethod.Get, "/connector-plugins/NoSuchPlugin/config");

        status.Should().Be(HttpStatusCode.NotFound);
        ShouldBeJson(error, """{"error_code":404,"message":"Unknown plugin NoSuchPlugin."}""");
    }

    [TestCase("PUT")]
    [TestCase("POST")]
    public async Task Validate_ValidConfig_NoErrorsAndKafkasShape(string method)
    {
        var (status, result) = await ValidateAsync(method, "FileStreamSource", ValidConfig());

        status.Should().Be(HttpStatusCode.OK, result?.ToJsonString());
        result!.AsObject().Select(kv => kv.Key).Should().Equal("name", "error_count", "groups", "configs");
        result["name"]!.GetValue<string>().Should().Be("FileStreamSource", "name is the raw connector.class");
        result["error_count"]!.GetValue<int>().Should().Be(0, result.ToJsonString());
        result["groups"]!.AsArray().Select(g => g!.GetValue<string>()).Should()
            .Equal("Common", "Transforms", "Predicates", "Error Handling", "Topic Creation", "Exactly Once Support", "offsets.topic");
        var configs = result["configs"]!.AsArray();
        var names = configs.Select(c => c!["value"]!["name"]!.GetValue<string>()).ToList();
        names.IndexOf("file").Should().BeGreaterThan(names.IndexOf("connector.class"), "validation lists the framework keys first");
        configs.Should().AllSatisfy(c =>
        {
            c!.AsObject().Select(kv => kv.Key).Should().Equal("definition", "value");
            c["value"]!.AsObject().Select(kv => kv.Key).Should().Equal("name", "value", "recommended_values", "errors", "visible");
            c["value"]!["errors"]!.AsArray().Should().BeEmpty();
        });
        var topic = configs.Single(c => c!["value"]!["name"]!.GetValue<string>() == "topic")!;
        topic["definition"]!.AsObject().Select(kv => kv.Key).Should().Equal(ConfigKeyInfoFields);
        topic["value"]!["value"]!.GetValue<string>().Should().Be("rest-topic");
    }

    [TestCase("PUT")]
    [TestCase("POST")]
    public async Task Validate_MissingRequiredKey_OneErrorOnThatKey(string method)
    {
        var config = ValidConfig();
        config.Remove("topic");

        var (status, result) = await ValidateAsync(method, "FileStreamSource", config);

        status.Should().Be(HttpStatusCode.OK, result?.ToJsonString());
        result!["error_count"]!.GetValue<int>().Should().Be(1, result.ToJsonString());
        var topic = result["configs"]!.AsArray().Single(c => c!["value"]!["name"]!.GetValue<string>() == "topic")!;
        topic["definition"]!["name"]!.GetValue<string>().Should().Be("topic");
        ShouldBeJson(topic["value"], """
            {"name":"topic","value":null,"recommended_values":[],"errors":["Missing required configuration \"topic\" which has no default value."],"visible":true}
            """);
    }

    [Test]
    public async Task Validate_NullValue_ErrorOnThatKey()
    {
        var config = ValidConfig();
        config["custom.setting"] = null;

        var (status, result) = await ValidateAsync("PUT", "FileStreamSource", config);

        status.Should().Be(HttpStatusCode.OK, result?.ToJsonString());
        result!["error_count"]!.GetValue<int>().Should().Be(1, result.ToJsonString());
        var entry = result["configs"]!.AsArray().Single(c => c!["value"]!["name"]!.GetValue<string>() == "custom.setting")!;
        ShouldBeJson(entry, """
            {"definition":null,
             "value":{"name":"custom.setting","value":null,"recommended_values":[],"errors":["Null value can not be supplied as the configuration value."],"visible":true}}
            """);
    }

    [Test]
    public async Task Validate_ConnectorsConverterSettings_AreCheckedByTheConvertersConfigDef()
    {
        var config = ValidConfig();
        config["value.converter"] = "org.apache.kafka.connect.json.JsonConverter";
        config["value.converter.schemas.enable"] = "perhaps";
        config["key.converter"] = "org.apache.kafka.connect.json.JsonConverter";
        config["key.converter.decimal.format"] = "HEX";

        var (status, result) = await ValidateAsync("PUT", "FileStreamSource", config);

        status.Should().Be(HttpStatusCode.OK, result?.ToJsonString());
        result!["error_count"]!.GetValue<int>().Should().Be(2, result.ToJsonString());
        var entry = result["configs"]!.AsArray().Single(c => c!["value"]!["name"]!.GetValue<string>() == "value.converter.schemas.enable")!;
        entry["value"]!["errors"]!.AsArray().Select(e => e!.GetValue<string>()).Should()
            .Equal("Invalid value perhaps for configuration value.converter.schemas.enable: Expected value to be either true or false");
        result["configs"]!.AsArray().Should().Contain(c => c!["value"]!["name"]!.GetValue<string>() == "key.converter.decimal.format");
    }

    [TestCase("FileStreamSource", "FileStreamSink")]
    [TestCase("FileStreamSourceConnector", SinkClass)]
    public async Task Validate_ConnectorClassOfAnotherPlugin_Returns400(string plugin, string connectorClass)
    {
        var config = ValidConfig();
        config["connector.class"] = connectorClass;

        var (status, error) = await ValidateAsync("PUT", plugin, config);

        status.Should().Be(HttpStatusCode.BadRequest);
        ShouldBeJson(error, $$"""{"error_code":400,"message":"Included connector type {{connectorClass}} does not match request type {{plugin}}"}""");
    }

    [TestCase("FileStreamSource", SourceClass)]
    [TestCase("FileStreamSourceConnector", "FileStreamSource")]
    public async Task Validate_ConnectorClassNamingTheSamePlugin_IsAccepted(string plugin, string connectorClass)
    {
        var config = ValidConfig();
        config["connector.class"] = connectorClass;

        var (status, result) = await ValidateAsync("PUT", plugin, config);

        status.Should().Be(HttpStatusCode.OK, result?.ToJsonString());
        result!["name"]!.GetValue<string>().Should().Be(connectorClass);
        result["error_count"]!.GetValue<int>().Should().Be(0, result.ToJsonString());
    }

    [Test]
    public async Task Validate_NoConnectorClass_Returns400()
    {
        var config = new JsonObject { ["topic"] = "t" };

        var (status, error) = await ValidateAsync("PUT", "FileStreamSource", config);

        status.Should().Be(HttpStatusCode.BadRequest);
        ShouldBeJson(error, """{"error_code":400,"message":"Connector config {topic=t} contains no connector type"}""");
    }

    /// <summary>A complete FileStreamSource config; <c>name</c> is required by validation, as in Kafka.</summary>
    private JsonObject ValidConfig()
    {
        var config = _host.SourceConfig();
        config["name"] = "validated";
        return config;
    }

    private static int Rank(string type) => Array.IndexOf(KafkaOrder, type);

    private Task<(HttpStatusCode Status, JsonNode? Body)> ValidateAsync(string method, string plugin, JsonObject config) =>
        _host.CallAsync(new HttpMethod(method), $"/connector-plugins/{plugin}/config/validate", config.ToJsonString());

    private static void ShouldBeJson(JsonNode? actual, string expected) =>
        JsonNode.DeepEquals(actual, JsonNode.Parse(expected)).Should().BeTrue("expected {0} but got {1}", expected, actual?.ToJsonString());
}
