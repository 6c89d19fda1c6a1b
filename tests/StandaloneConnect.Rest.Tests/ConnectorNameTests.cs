using System.Net;
using System.Text.Json.Nodes;
using StandaloneConnect.Runtime.Configuration;

namespace StandaloneConnect.Rest.Tests;

/// <summary>
/// Names a connector could never be addressed by in a URL are refused for new connectors; stored connectors that already
/// have one are loaded and can be deleted with the name percent-encoded.
/// </summary>
public sealed class ConnectorNameTests
{
    private static readonly string LongName = new('n', ConnectorNameRules.MaxLength + 1);

    [TestCase("a/b", "may not contain '/'")]
    [TestCase("/", "may not contain '/'")]
    [TestCase(".", "'.' and '..' are removed from REST URLs")]
    [TestCase("..", "'.' and '..' are removed from REST URLs")]
    [TestCase("tab\there", "String may not contain control sequences but had the following ASCII chars: 9")]
    [TestCase("bell\u0007", "String may not contain control sequences")]
    public async Task Create_UnaddressableName_Answers400AndCreatesNothing(string name, string message)
    {
        await using var host = await RestTestHost.StartAsync();
        host.Directory.WriteFile("in.txt", "");

        var (status, body) = await CallCreateAsync(host, name);

        status.Should().Be(HttpStatusCode.BadRequest);
        RestTestHost.ShouldBeError(body, 400, message);
        (await host.GetJsonAsync("/connectors")).AsArray().Should().BeEmpty();
    }

    [Test]
    public async Task Create_NameLongerThanTheLimit_Answers400WithoutEchoingTheWholeName()
    {
        await using var host = await RestTestHost.StartAsync();
        host.Directory.WriteFile("in.txt", "");

        var (status, body) = await CallCreateAsync(host, LongName);

        status.Should().Be(HttpStatusCode.BadRequest);
        RestTestHost.ShouldBeError(body, 400, $"is too long ({LongName.Length} characters); at most {ConnectorNameRules.MaxLength} are allowed");
        body!["message"]!.GetValue<string>().Length.Should().BeLessThan(300);
    }

    [Test]
    public async Task Create_NameAtTheLimit_IsAddressable()
    {
        await using var host = await RestTestHost.StartAsync();
        host.Directory.WriteFile("in.txt", "");
        var name = new string('é', ConnectorNameRules.MaxLength);

        (await CallCreateAsync(host, name)).Status.Should().Be(HttpStatusCode.Created);

        (await host.GetJsonAsync("/connectors/" + Uri.EscapeDataString(name)))["name"]!.GetValue<string>().Should().Be(name);
        (await host.CallAsync(HttpMethod.Delete, "/connectors/" + Uri.EscapeDataString(name))).Status.Should().Be(HttpStatusCode.NoContent);
    }

    [Test]
    public async Task PutConfig_NewConnectorWithEncodedSlash_Answers400()
    {
        await using var host = await RestTestHost.StartAsync();
        host.Directory.WriteFile("in.txt", "");

        var (status, body) = await host.CallAsync(HttpMethod.Put, "/connectors/a%2Fb/config", host.SourceConfig().ToJsonString());

        status.Should().Be(HttpStatusCode.BadRequest);
        RestTestHost.ShouldBeError(body, 400, "Connector name 'a/b' may not contain '/'");
    }

    [Test]
    public async Task Get_NameWithPercentSign_IsAddressedByItsEncodedForm()
    {
        await using var host = await RestTestHost.StartAsync();
        host.Directory.WriteFile("in.txt", "");
        (await CallCreateAsync(host, "x%2Fy")).Status.Should().Be(HttpStatusCode.Created);

        (await host.GetJsonAsync("/connectors/x%252Fy"))["name"]!.GetValue<string>().Should().Be("x%2Fy");
        (await host.CallAsync(HttpMethod.Get, "/connectors/x%2Fy")).Status.Should().Be(HttpStatusCode.NotFound, "that is 'x/y'");
    }

    [Test]
    public async Task StoredConnectorsWithUnaddressableNames_Start_RunAndCanBeDeleted()
    {
        using var dir = new TemporaryDirectory("sc-names");
        dir.WriteFile("in.txt", "");
        var longStored = new string('x', 10_000);
        string[] names = ["a/b", ".", "..", longStored];
        dir.WriteFile("connectors.json", new JsonObject
        {
            ["version"] = 1,
            ["connectors"] = new JsonArray(names.Select(n => (JsonNode)new JsonObject
            {
                ["name"] = n,
                ["target_state"] = "STARTED",
                ["config"] = new JsonObject
                {
                    ["connector.class"] = "FileStreamSource",
                    ["name"] = n,
                    ["file"] = dir.PathOf("in.txt"),
                    ["topic"] = "names",
                },
            }).ToArray()),
        }.ToJsonString());
        await using var host = await RestTestHost.StartAsync($"config.storage.file.filename={dir.PathOf("connectors.json")}", dir);

        (await host.GetJsonAsync("/connectors")).AsArray().Select(n => n!.GetValue<string>()).Should().BeEquivalentTo(names);
        foreach (var path in new[] { "a%2Fb", "a%2fb" })
        {
            (await host.GetJsonAsync($"/connectors/{path}/status"))["name"]!.GetValue<string>().Should().Be("a/b");
        }

        foreach (var path in new[] { "a%2Fb", "%2E", "%2e%2E", longStored })
        {
            // As curl --path-as-is sends it: System.Uri would decode %2E and drop the dot segment.
            var url = new Uri(host.Client.BaseAddress + "connectors/" + path, new UriCreationOptions { DangerousDisablePathAndQueryCanonicalization = true });
            using var response = await host.Client.SendAsync(new HttpRequestMessage(HttpMethod.Delete, url));
            response.StatusCode.Should().Be(HttpStatusCode.NoContent, await response.Content.ReadAsStringAsync());
        }

        (await host.GetJsonAsync("/connectors")).AsArray().Should().BeEmpty();
        JsonNode.Parse(await File.ReadAllTextAsync(dir.PathOf("connectors.json")))!["connectors"]!.AsArray().Should().BeEmpty();
    }

    private static Task<(HttpStatusCode Status, JsonNode? Body)> CallCreateAsync(RestTestHost host, string name) =>
        host.CallAsync(HttpMethod.Post, "/connectors", new JsonObject { ["name"] = name, ["config"] = host.SourceConfig() }.ToJsonString());
}
