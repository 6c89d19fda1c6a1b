using System.Collections.Concurrent;
using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using StandaloneConnect.Rest.Endpoints;
using StandaloneConnect.Runtime.Configuration;
using StandaloneConnect.Runtime.Logging;

namespace StandaloneConnect.Rest.Tests;

public sealed class LoggersEndpointsTests
{
    private const string Known = "org.example.connect.Foo";
    private static readonly DateTimeOffset Start = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private ManualClock _clock = null!;
    private LoggerLevels _levels = null!;
    private CapturingLogger _log = null!;
    private RestServer _server = null!;
    private HttpClient _client = null!;

    [SetUp]
    public async Task SetUp()
    {
        _clock = new ManualClock(Start);
        _levels = new LoggerLevels(_clock, "INFO", new Dictionary<string, string> { ["Microsoft.AspNetCore"] = "WARN" });
        _levels.IsEnabled(Known, LogLevel.Information);
        _log = new CapturingLogger();
        var worker = WorkerConfig.Parse(new Dictionary<string, string>
        {
            ["key.converter"] = "org.apache.kafka.connect.storage.StringConverter",
            ["value.converter"] = "org.apache.kafka.connect.storage.StringConverter",
            ["offset.storage.file.filename"] = "offsets.json",
            ["listeners"] = "http://127.0.0.1:0",
        }, "test");
        _server = new RestServer(RestServerSettings.Parse(worker), NullLoggerFactory.Instance, mapApi: _ => { },
            mapAdmin: admin => admin.MapLoggers(_levels, _log));
        await _server.StartAsync(CancellationToken.None);
        _client = new HttpClient { BaseAddress = _server.Urls[0] };
    }

    [TearDown]
    public async Task TearDown()
    {
        _client.Dispose();
        await _server.DisposeAsync();
    }

    [TestCase("/admin/loggers")]
    [TestCase("/admin/loggers/")]
    public async Task GetAll_NothingChanged_ListsRootAndExplicitLoggersOnly(string path)
    {
        var (status, text) = await SendAsync(HttpMethod.Get, path);

        status.Should().Be(HttpStatusCode.OK);
        text.Should().Be("""{"Microsoft.AspNetCore":{"level":"WARN","last_modified":null},"root":{"level":"INFO","last_modified":null}}""");
    }

    [Test]
    public async Task GetOne_UsedCategory_ReturnsEffectiveLevel()
    {
        var (status, text) = await SendAsync(HttpMethod.Get, $"/admin/loggers/{Known}");

        status.Should().Be(HttpStatusCode.OK);
        text.Should().Be("""{"level":"INFO","last_modified":null}""");
    }

    [Test]
    public async Task GetOne_RootAnyCase_ReturnsRoot()
    {
        var (status, text) = await SendAsync(HttpMethod.Get, "/admin/loggers/ROOT");

        status.Should().Be(HttpStatusCode.OK);
        text.Should().Be("""{"level":"INFO","last_modified":null}""");
    }

    [Test]
    public async Task GetOne_UnknownLogger_Returns404()
    {
        var (status, text) = await SendAsync(HttpMethod.Get, "/admin/loggers/org.example");

        status.Should().Be(HttpStatusCode.NotFound);
        ShouldBeError(text, 404, "Logger org.example not found.");
        _log.Entries.Should().Contain("Warning Unable to find level for logger org.example");
    }

    [Test]
    public async Task Put_WorkerScope_SetsNamespaceAndChildrenAndListsThem()
    {
        var (status, text) = await SendAsync(HttpMethod.Put, "/admin/loggers/org.example", """{"level":"debug"}""");

        status.Should().Be(HttpStatusCode.OK);
        text.Should().Be("""["org.example","org.example.connect.Foo"]""");
        _levels.IsEnabled(Known, LogLevel.Debug).Should().BeTrue();
        var (_, child) = await SendAsync(HttpMethod.Get, $"/admin/loggers/{Known}");
        child.Should().Be($$"""{"level":"DEBUG","last_modified":{{Start.ToUnixTimeMilliseconds()}}}""");
        _log.Entries.Should().Contain("Information Setting level of namespace org.example and children to DEBUG");
    }

    [Test]
    public async Task Put_ThenGetAll_ListsTheNewExplicitLoggersSorted()
    {
        await SendAsync(HttpMethod.Put, "/admin/loggers/org.example", """{"level":"ERROR"}""");

        var (_, text) = await SendAsync(HttpMethod.Get, "/admin/loggers");

        JsonNode.Parse(text)!.AsObject().Select(kv => kv.Key).Should()
            .Equal("Microsoft.AspNetCore", "org.example", "org.example.connect.Foo", "root");
    }

    [Test]
    public async Task Put_SameLevelLater_KeepsLastModified()
    {
        await SendAsync(HttpMethod.Put, "/admin/loggers/org.example", """{"level":"WARN"}""");
        _clock.Now = Start.AddMinutes(1);

        await SendAsync(HttpMethod.Put, "/admin/loggers/org.example", """{"level":"WARN"}""");

        var (_, text) = await SendAsync(HttpMethod.Get, "/admin/loggers/org.example");
        text.Should().Be($$"""{"level":"WARN","last_modified":{{Start.ToUnixTimeMilliseconds()}}}""");
    }

    [TestCase("cluster")]
    [TestCase("CLUSTER")]
    public async Task Put_ClusterScope_Returns204AndAppliesToThisWorker(string scope)
    {
        var (status, text) = await SendAsync(HttpMethod.Put, $"/admin/loggers/root?scope={scope}", """{"level":"TRACE"}""");

        status.Should().Be(HttpStatusCode.NoContent);
        text.Should().BeEmpty();
        _levels.Level("root").Should().Be(new LoggerLevel("TRACE", Start.ToUnixTimeMilliseconds()));
        _levels.IsEnabled(Known, LogLevel.Trace).Should().BeTrue();
    }

    [Test]
    public async Task Put_UnknownScope_WarnsAndActsAsWorker()
    {
        var (status, text) = await SendAsync(HttpMethod.Put, "/admin/loggers/org.example?scope=galaxy", """{"level":"ERROR"}""");

        status.Should().Be(HttpStatusCode.OK);
        text.Should().Be("""["org.example","org.example.connect.Foo"]""");
        _log.Entries.Should().Contain("Warning Received invalid scope 'galaxy' in request to adjust logging level; will default to worker");
    }

    [TestCase("{}")]
    [TestCase("""{"level":null}""")]
    [TestCase("null")]
    public async Task Put_NoLevel_Returns400(string body)
    {
        var (status, text) = await SendAsync(HttpMethod.Put, "/admin/loggers/org.example", body);

        status.Should().Be(HttpStatusCode.BadRequest);
        ShouldBeError(text, 400, "Desired 'level' parameter was not specified in request.");
    }

    [TestCase("""{"level":"LOUD"}""", "LOUD")]
    [TestCase("""{"level":"Information"}""", "Information")]
    [TestCase("""{"level":3}""", "3")]
    public async Task Put_InvalidLevel_Returns404LikeKafka(string body, string shown)
    {
        var (status, text) = await SendAsync(HttpMethod.Put, "/admin/loggers/org.example", body);

        status.Should().Be(HttpStatusCode.NotFound);
        ShouldBeError(text, 404, $"invalid log level '{shown}'.");
        _levels.Level("org.example").Should().BeNull();
    }

    [TestCase("""{"level":""")]
    [TestCase("""["DEBUG"]""")]
    public async Task Put_MalformedBody_Returns400(string body)
    {
        var (status, text) = await SendAsync(HttpMethod.Put, "/admin/loggers/org.example", body);

        status.Should().Be(HttpStatusCode.BadRequest);
        JsonNode.Parse(text)!["error_code"]!.GetValue<int>().Should().Be(400);
    }

    private async Task<(HttpStatusCode Status, string Text)> SendAsync(HttpMethod method, string path, string? json = null)
    {
        using var request = new HttpRequestMessage(method, path);
        if (json is not null)
        {
            request.Content = new StringContent(json, Encoding.UTF8, "application/json");
        }

        using var response = await _client.SendAsync(request);
        return (response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    private static void ShouldBeError(string text, int code, string message)
    {
        var body = JsonNode.Parse(text)!;
        body["error_code"]!.GetValue<int>().Should().Be(code);
        body["message"]!.GetValue<string>().Should().Be(message);
    }

    private sealed class ManualClock(DateTimeOffset now) : TimeProvider
    {
        public DateTimeOffset Now { get; set; } = now;

        public override DateTimeOffset GetUtcNow() => Now;
    }

    private sealed class CapturingLogger : ILogger
    {
        public ConcurrentQueue<string> Entries { get; } = new();

        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            Entries.Enqueue($"{logLevel} {formatter(state, exception)}");
    }
}
