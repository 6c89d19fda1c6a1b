using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;

namespace StandaloneConnect.Rest.Tests;

/// <summary>
/// What a web page the user visits could send to the worker: "simple" cross-site requests (no CORS preflight) must not
/// create, restart or delete connectors.
/// </summary>
public sealed class CrossSiteRequestTests
{
    private const string Evil = "http://attacker.example";

    private RestTestHost _host = null!;

    [OneTimeSetUp]
    public async Task StartWorker()
    {
        _host = await RestTestHost.StartAsync();
        _host.Directory.WriteFile("in.txt", "");
    }

    [OneTimeTearDown]
    public async Task StopWorker() => await _host.DisposeAsync();

    [TestCase("text/plain")]
    [TestCase("application/x-www-form-urlencoded")]
    [TestCase("multipart/form-data; boundary=----x")]
    public async Task Create_WithSimpleRequestContentType_Answers415AndCreatesNothing(string contentType)
    {
        var body = new JsonObject { ["name"] = "xsite-create", ["config"] = _host.SourceConfig() }.ToJsonString();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/connectors") { Content = new StringContent(body, Encoding.UTF8) };
        request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);

        using var response = await _host.Client.SendAsync(request);

        response.StatusCode.Should().Be(HttpStatusCode.UnsupportedMediaType);
        RestTestHost.ShouldBeError(JsonNode.Parse(await response.Content.ReadAsStringAsync()), 415, "HTTP 415 Unsupported Media Type");
        (await _host.GetJsonAsync("/connectors")).AsArray().Select(n => n!.GetValue<string>()).Should().NotContain("xsite-create");
    }

    [Test]
    public async Task Create_FromForeignOriginWithJson_Answers403AndCreatesNothing()
    {
        var body = new JsonObject { ["name"] = "xsite-origin", ["config"] = _host.SourceConfig() }.ToJsonString();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/connectors") { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        request.Headers.Add("Origin", Evil);

        using var response = await _host.Client.SendAsync(request);

        response.StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await _host.GetJsonAsync("/connectors")).AsArray().Select(n => n!.GetValue<string>()).Should().NotContain("xsite-origin");
    }

    [TestCase("DELETE", "/connectors/xsite-victim")]
    [TestCase("POST", "/connectors/xsite-victim/restart")]
    [TestCase("PUT", "/connectors/xsite-victim/stop")]
    public async Task StateChange_FromForeignOrigin_Answers403AndLeavesTheConnector(string method, string path)
    {
        (await _host.CreateAsync("xsite-victim", _host.SourceConfig())).StatusCode.Should().BeOneOf(HttpStatusCode.Created, HttpStatusCode.Conflict);
        using var request = new HttpRequestMessage(new HttpMethod(method), path);
        request.Headers.Add("Origin", Evil);

        using var response = await _host.Client.SendAsync(request);

        response.StatusCode.Should().Be(HttpStatusCode.Forbidden);
        var status = await _host.GetJsonAsync("/connectors/xsite-victim/status");
        status["connector"]!["state"]!.GetValue<string>().Should().Be("RUNNING");
    }

    [Test]
    public async Task Get_WithRebindingHost_Answers403()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/connectors");
        request.Headers.Host = "attacker.example:8083";

        using var response = await _host.Client.SendAsync(request);

        response.StatusCode.Should().Be(HttpStatusCode.Forbidden);
    }

    [TestCase("/connectors", "POST")]
    [TestCase("/connectors/xsite-utf8/config", "PUT")]
    [TestCase("/connector-plugins/FileStreamSource/config/validate", "PUT")]
    public async Task Body_InvalidUtf8_Answers400WithTheJsonErrorBody(string path, string method)
    {
        byte[] body = [.. "{\"name\":\"caf"u8, 0xC3, 0x28, .. "\",\"config\":{}}"u8];
        using var request = new HttpRequestMessage(new HttpMethod(method), path) { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");

        using var response = await _host.Client.SendAsync(request);

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        RestTestHost.ShouldBeError(JsonNode.Parse(await response.Content.ReadAsStringAsync()), 400, "Invalid JSON in request body: ");
    }
}
