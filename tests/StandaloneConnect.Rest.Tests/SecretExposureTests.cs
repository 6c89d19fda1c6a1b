using System.Net;
using System.Text.Json.Nodes;

namespace StandaloneConnect.Rest.Tests;

/// <summary>
/// Error bodies never show what a config provider resolved (a placeholder aimed at a secrets file must not turn the
/// REST API into a file reader), nor the values of keys that hold secrets.
/// </summary>
public sealed class SecretExposureTests
{
    private const string Shadow = "$6$Xyz$SaltedHashOfRootsPassword";

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
        _secrets = _host.Directory.WriteFile("shadow.properties", $"root={Shadow}\nshort=abc\n");
    }

    [OneTimeTearDown]
    public async Task StopWorker() => await _host.DisposeAsync();

    [TestCase("tasks.max")]
    [TestCase("errors.tolerance")]
    [TestCase("transforms")]
    public async Task Create_ResolvedValueInvalid_ErrorNamesThePlaceholderNotTheSecret(string key)
    {
        var placeholder = $"${{file:{_secrets}:root}}";
        var config = _host.SourceConfig();
        config[key] = placeholder;

        var (status, body) = await _host.CallAsync(HttpMethod.Post, "/connectors",
            new JsonObject { ["name"] = "leak-" + key.Replace('.', '-'), ["config"] = config }.ToJsonString());

        status.Should().Be(HttpStatusCode.BadRequest);
        body!.ToJsonString().Should().NotContain("SaltedHash");
        body["message"]!.GetValue<string>().Should().Contain(placeholder);
    }

    [Test]
    public async Task Validate_ResolvedValue_ShowsThePlaceholderInValueAndErrors()
    {
        var placeholder = $"${{file:{_secrets}:root}}";
        var config = _host.SourceConfig();
        config["connector.class"] = "org.apache.kafka.connect.file.FileStreamSourceConnector";
        config["tasks.max"] = placeholder;
        config["name"] = "validate-leak";

        var (status, body) = await _host.CallAsync(HttpMethod.Put, "/connector-plugins/FileStreamSourceConnector/config/validate", config.ToJsonString());

        status.Should().Be(HttpStatusCode.OK);
        body!.ToJsonString().Should().NotContain("SaltedHash");
        var tasksMax = body["configs"]!.AsArray().Select(c => c!["value"]!).Single(v => v["name"]!.GetValue<string>() == "tasks.max");
        tasksMax["value"]!.GetValue<string>().Should().Be(placeholder);
        tasksMax["errors"]!.AsArray().Select(e => e!.GetValue<string>()).Should().ContainSingle()
            .Which.Should().StartWith($"Invalid value {placeholder} for configuration tasks.max");
    }

    [Test]
    public async Task Create_WithoutConnectorClass_HidesSecretLookingValues()
    {
        var config = new JsonObject
        {
            ["topic"] = "orders",
            ["connection.password"] = "hunter2",
            ["connection.url"] = "jdbc:postgresql://db/app?user=app&password=hunter3",
            ["sasl.jaas.config"] = "org.apache.kafka.common.security.plain.PlainLoginModule required username=\"u\" password=\"hunter4\";",
            ["aws.secret.access.key"] = "hunter5",
            ["key.converter"] = "org.apache.kafka.connect.storage.StringConverter",
        };

        var (status, body) = await _host.CallAsync(HttpMethod.Post, "/connectors", new JsonObject { ["name"] = "no-class", ["config"] = config }.ToJsonString());

        status.Should().Be(HttpStatusCode.BadRequest);
        var message = body!["message"]!.GetValue<string>();
        message.Should().StartWith("Connector config {").And.EndWith("} contains no connector type");
        message.Should().Contain("connection.password=[hidden]").And.Contain("connection.url=[hidden]").And.Contain("sasl.jaas.config=[hidden]")
            .And.Contain("aws.secret.access.key=[hidden]").And.Contain("topic=orders")
            .And.Contain("key.converter=org.apache.kafka.connect.storage.StringConverter");
        message.Should().NotContain("hunter");
    }
}
