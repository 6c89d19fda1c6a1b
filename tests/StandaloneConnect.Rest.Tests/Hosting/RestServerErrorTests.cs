using System.Net;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using StandaloneConnect.Runtime.Configuration;
using static StandaloneConnect.Rest.Tests.Hosting.HostingTestSupport;

namespace StandaloneConnect.Rest.Tests.Hosting;

public sealed class RestServerErrorTests
{
    private TestServer _server = null!;

    [OneTimeSetUp]
    public async Task StartServer() => _server = await TestServer.StartAsync(Settings((WorkerConfig.RestRequestMaxBytes, "64")));

    [OneTimeTearDown]
    public async Task StopServer() => await _server.DisposeAsync();

    [TestCase("/nowhere", 404, "HTTP 404 Not Found")]
    [TestCase("/missing", 404, "Connector c1 not found")]
    [TestCase("/boom", 500, "kaboom")]
    [TestCase("/bad", 400, "Bad request, really")]
    [TestCase("/config", 400, "Invalid value x for configuration tasks.max: Not a number of type INT")]
    [TestCase("/forbidden", 403, "Topic tracking is disabled.")]
    [TestCase("/teapot", 418, "HTTP 418 I'm a teapot")]
    public async Task Get_FailingPath_AnswersKafkaErrorBody(string path, int status, string message)
    {
        using var response = await _server.Client.GetAsync(path);

        await ShouldBeErrorAsync(response, status, message);
    }

    [Test]
    public async Task Post_ExistingEntity_Answers409()
    {
        using var response = await _server.Client.PostAsync("/exists", null);

        await ShouldBeErrorAsync(response, 409, "Connector c1 already exists");
    }

    [Test]
    public async Task Delete_PathWithOnlyGet_Answers405()
    {
        using var response = await _server.Client.DeleteAsync("/hello");

        await ShouldBeErrorAsync(response, 405, "HTTP 405 Method Not Allowed");
    }

    [Test]
    public async Task Get_UnexpectedException_IsLoggedAtErrorWithTheException()
    {
        using var response = await _server.Client.GetAsync("/boom");

        response.StatusCode.Should().Be(HttpStatusCode.InternalServerError);
        _server.Logs.Entries.Should().Contain(e => e.Level == LogLevel.Error && e.Exception is InvalidOperationException && e.Message.Contains("/boom"));
    }

    [Test]
    public async Task Post_MalformedJson_Answers400SayingWhatIsWrong()
    {
        using var response = await _server.Client.PostAsync("/echo", Json("{\"a\": "));

        await ShouldBeErrorAsync(response, 400, "Invalid JSON in request body: *");
    }

    [Test]
    public async Task Post_WrongJsonType_Answers400()
    {
        using var response = await _server.Client.PostAsync("/echo", Json("{\"a\": {\"nested\": true}}"));

        await ShouldBeErrorAsync(response, 400, "Invalid JSON in request body: *$.a*");
    }

    [Test]
    public async Task Post_BodyOverLimit_Answers413()
    {
        using var response = await _server.Client.PostAsync("/echo", Json("{\"a\": \"" + new string('x', 100) + "\"}"));

        await ShouldBeErrorAsync(response, 413, "Request body too large. The max request body size is 64 bytes*");
    }

    [Test]
    public async Task Post_NotJsonContentType_Answers415()
    {
        using var response = await _server.Client.PostAsync("/echo", new StringContent("a=b", Encoding.UTF8, "application/x-www-form-urlencoded"));

        await ShouldBeErrorAsync(response, 415, "*");
    }

    [Test]
    public async Task Post_NoBody_Answers400()
    {
        using var response = await _server.Client.PostAsync("/echo", new StringContent("", Encoding.UTF8, "application/json"));

        await ShouldBeErrorAsync(response, 400, "Request body is missing: this endpoint expects a JSON body.");
    }

    [Test]
    public async Task Head_GetPath_AnswersHeadersWithoutBody()
    {
        using var response = await _server.Client.SendAsync(new HttpRequestMessage(HttpMethod.Head, "/hello"));

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.MediaType.Should().Be("application/json");
        (await response.Content.ReadAsByteArrayAsync()).Should().BeEmpty();
    }

    [Test]
    public async Task Post_ValidJson_IsEchoed()
    {
        using var response = await _server.Client.PostAsync("/echo", Json("{\"a\": \"b\"}"));

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        (await response.Content.ReadAsStringAsync()).Should().Be("{\"a\":\"b\"}");
    }

    [Test]
    public async Task Get_NonAsciiAndNull_AreWrittenAsIs()
    {
        using var response = await _server.Client.GetAsync("/hello");

        response.Content.Headers.ContentType!.MediaType.Should().Be("application/json");
        (await response.Content.ReadAsStringAsync()).Should().Be("{\"greeting\":\"héllo wörld\",\"nothing\":null}");
    }

    [Test]
    public async Task Get_AnyRequest_IsAccessLoggedAtDebugWithoutHeaders()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/hello");
        request.Headers.Add("X-Secret", "do-not-log");

        using var response = await _server.Client.SendAsync(request);

        await Eventually.UntilAsync(() => _server.Logs.Entries.Any(e => e.Message.StartsWith("GET /hello 200 ", StringComparison.Ordinal)),
            TimeSpan.FromSeconds(5), "the access log line is written");
        _server.Logs.Entries.Should().Contain(e => e.Level == LogLevel.Debug && e.Message.StartsWith("GET /hello 200 ", StringComparison.Ordinal)
            && e.Message.EndsWith(" ms", StringComparison.Ordinal));
        _server.Logs.Entries.Should().NotContain(e => e.Message.Contains("do-not-log"));
    }

    [Test]
    public async Task Get_RequestPastTheTimeout_Answers500RequestTimedOut()
    {
        var timers = new ManualTimers();
        var entered = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var server = await TestServer.StartAsync(Settings(), routes => routes.MapGet("/slow", async (CancellationToken ct) =>
        {
            entered.TrySetResult();
            await Task.Delay(Timeout.Infinite, ct);
            return Results.Ok();
        }), timeProvider: timers);

        var pending = server.Client.GetAsync("/slow");
        await entered.Task.WaitAsync(TimeSpan.FromSeconds(10));
        timers.DueTimes.Should().Contain(TimeSpan.FromSeconds(90));
        timers.Advance(TimeSpan.FromSeconds(90));
        using var response = await pending.WaitAsync(TimeSpan.FromSeconds(10));

        await ShouldBeErrorAsync(response, 500, "Request timed out");
    }

    internal static async Task ShouldBeErrorAsync(HttpResponseMessage response, int status, string messagePattern)
    {
        var body = await response.Content.ReadAsStringAsync();
        ((int)response.StatusCode).Should().Be(status, body);
        response.Content.Headers.ContentType?.MediaType.Should().Be("application/json");
        var error = System.Text.Json.JsonSerializer.Deserialize<RestErrorMessage>(body, RestJson.Options);
        error!.ErrorCode.Should().Be(status);
        error.Message.Should().Match(messagePattern);
        body.Should().StartWith("{\"error_code\":" + status + ",\"message\":");
    }

    private static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");
}
