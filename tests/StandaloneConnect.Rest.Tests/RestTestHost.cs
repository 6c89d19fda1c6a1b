using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging.Abstractions;
using StandaloneConnect.Cli;
using StandaloneConnect.Runtime.Logging;

namespace StandaloneConnect.Rest.Tests;

/// <summary>
/// A whole worker in this process (the same composition as the CLI: embedded broker, herder, Kestrel on 127.0.0.1:0)
/// and an HttpClient pointed at it. Files live in a temporary directory.
/// </summary>
internal sealed class RestTestHost : IAsyncDisposable
{
    private RestTestHost(TemporaryDirectory directory, ConnectHost host, HttpClient client)
    {
        Directory = directory;
        Host = host;
        Client = client;
    }

    public TemporaryDirectory Directory { get; }

    public ConnectHost Host { get; }

    public HttpClient Client { get; }

    /// <summary>Starts a worker; <paramref name="extraWorkerProps"/> are appended to the worker file (key=value lines).</summary>
    public static async Task<RestTestHost> StartAsync(string extraWorkerProps = "", TemporaryDirectory? directory = null, params string[] connectorFiles)
    {
        directory ??= new TemporaryDirectory("sc-rest");
        var worker = directory.WriteFile("worker.properties", $"""
            bootstrap.servers=embedded
            key.converter=org.apache.kafka.connect.storage.StringConverter
            value.converter=org.apache.kafka.connect.storage.StringConverter
            offset.storage.file.filename={directory.PathOf("connect.offsets")}
            offset.flush.interval.ms=200
            listeners=http://127.0.0.1:0
            {extraWorkerProps}
            """.Replace("\\", "\\\\", StringComparison.Ordinal));
        var host = await ConnectHost.StartAsync(worker, connectorFiles, NullLoggerFactory.Instance, new LoggerLevels(TimeProvider.System), CancellationToken.None);
        var client = new HttpClient { BaseAddress = host.Rest.Urls[0], Timeout = TimeSpan.FromSeconds(60) };
        return new RestTestHost(directory, host, client);
    }

    /// <summary>A FileStreamSource config reading <paramref name="file"/> into <paramref name="topic"/>.</summary>
    public JsonObject SourceConfig(string file = "in.txt", string topic = "rest-topic") => new()
    {
        ["connector.class"] = "FileStreamSource",
        ["file"] = Directory.PathOf(file),
        ["topic"] = topic,
        ["tasks.max"] = "1",
    };

    /// <summary>A FileStreamSink config writing <paramref name="topic"/> to <paramref name="file"/>.</summary>
    public JsonObject SinkConfig(string file = "out.txt", string topic = "rest-topic") => new()
    {
        ["connector.class"] = "FileStreamSink",
        ["file"] = Directory.PathOf(file),
        ["topics"] = topic,
    };

    public Task<HttpResponseMessage> CreateAsync(string name, JsonObject config, string? initialState = null)
    {
        var body = new JsonObject { ["name"] = name, ["config"] = config };
        if (initialState is not null)
        {
            body["initial_state"] = initialState;
        }

        return SendAsync(HttpMethod.Post, "/connectors", body.ToJsonString());
    }

    public Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, string? json = null)
    {
        var request = new HttpRequestMessage(method, path);
        if (json is not null)
        {
            request.Content = new StringContent(json, Encoding.UTF8);
            request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        }

        return Client.SendAsync(request);
    }

    /// <summary>Sends and returns the status and the parsed JSON body (null when there is none).</summary>
    public async Task<(HttpStatusCode Status, JsonNode? Body)> CallAsync(HttpMethod method, string path, string? json = null)
    {
        using var response = await SendAsync(method, path, json);
        var text = await response.Content.ReadAsStringAsync();
        return (response.StatusCode, text.Length == 0 ? null : JsonNode.Parse(text));
    }

    public async Task<JsonNode> GetJsonAsync(string path)
    {
        var (status, body) = await CallAsync(HttpMethod.Get, path);
        status.Should().Be(HttpStatusCode.OK, "GET {0} answered {1}", path, body?.ToJsonString());
        return body!;
    }

    /// <summary>Polls the connector's status until <paramref name="condition"/> holds (deadline 30 s).</summary>
    public async Task<JsonNode> WaitForStatusAsync(string name, Func<JsonNode, bool> condition, string because)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (true)
        {
            var (status, body) = await CallAsync(HttpMethod.Get, $"/connectors/{name}/status");
            if (status == HttpStatusCode.OK && body is not null && condition(body))
            {
                return body;
            }

            if (DateTime.UtcNow > deadline)
            {
                Assert.Fail($"{because}; last status: {status} {body?.ToJsonString()}");
            }

            await Task.Delay(Eventually.PollInterval);
        }
    }

    public static void ShouldBeError(JsonNode? body, int code, string? messageContains = null)
    {
        body.Should().NotBeNull();
        body!["error_code"]!.GetValue<int>().Should().Be(code, body.ToJsonString());
        if (messageContains is not null)
        {
            body["message"]!.GetValue<string>().Should().Contain(messageContains);
        }
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await Host.DisposeAsync();
        Directory.Dispose();
    }
}
