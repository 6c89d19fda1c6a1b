using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging.Abstractions;
using StandaloneConnect.Cli;
using StandaloneConnect.Runtime.Logging;

namespace StandaloneConnect.Rest.Tests;

/// <summary>Workers on a directory, store files and polling helpers for the durable-connector tests.</summary>
public sealed partial class DurableConnectorsTests
{
    private static TemporaryDirectory NewDirectory() => new("sc-durable");

    private static string StoreProps(TemporaryDirectory dir) => $"{Runtime.Configuration.WorkerConfig.ConfigStorageFileName}={dir.PathOf(StoreName)}\n";

    private static string StoreJson(params (string Name, string Class)[] connectors) => new JsonObject
    {
        ["version"] = 1,
        ["connectors"] = new JsonArray(connectors.Select(c => (JsonNode)new JsonObject
        {
            ["name"] = c.Name,
            ["target_state"] = "STARTED",
            ["config"] = new JsonObject
            {
                ["connector.class"] = c.Class,
                ["name"] = c.Name,
                ["file"] = "in.txt",
                ["topic"] = "t-" + c.Name,
            },
        }).ToArray()),
    }.ToJsonString();

    /// <summary>A ConnectHost on the test's worker file, for start-ups that are expected to fail (disposed if it starts).</summary>
    private static async Task StartConnectHostAsync(TemporaryDirectory dir, string extraProps)
    {
        var worker = dir.WriteFile("worker.properties", $"""
            bootstrap.servers=embedded
            key.converter=org.apache.kafka.connect.storage.StringConverter
            value.converter=org.apache.kafka.connect.storage.StringConverter
            offset.storage.file.filename={dir.PathOf("connect.offsets")}
            listeners=http://127.0.0.1:0
            {extraProps}
            """);
        var host = await ConnectHost.StartAsync(worker, [], NullLoggerFactory.Instance, new LoggerLevels(TimeProvider.System), CancellationToken.None);
        await host.DisposeAsync();
    }

    private static async Task CreatedAsync(RestTestHost api, string name, JsonObject config, string? initialState = null)
    {
        using var response = await api.CreateAsync(name, config, initialState);
        response.StatusCode.Should().Be(HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
    }

    private static async Task ExpectStateAsync(RestTestHost api, string name, string state, int tasks)
    {
        var taskState = state == "STOPPED" ? null : state;
        await api.WaitForStatusAsync(name, s =>
                s["connector"]!["state"]!.GetValue<string>() == state
                && s["tasks"]!.AsArray().Count == tasks
                && s["tasks"]!.AsArray().All(t => t!["state"]!.GetValue<string>() == taskState),
            $"{name} should be {state} with {tasks} task(s) {taskState}");
    }

    private static async Task WaitForSourcePositionAsync(RestTestHost api, string name, string file, long position)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        JsonNode? last = null;
        while (DateTime.UtcNow < deadline)
        {
            last = await api.GetJsonAsync($"/connectors/{name}/offsets");
            if (last["offsets"]!.AsArray().Any(o => o!["partition"]!["filename"]?.GetValue<string>() == file
                                                    && o["offset"]!["position"]!.GetValue<long>() >= position))
            {
                return;
            }

            await Task.Delay(Eventually.PollInterval);
        }

        Assert.Fail($"{name} never committed position {position} of {file}; last offsets: {last?.ToJsonString()}");
    }

    private static Dictionary<string, string> ToMap(JsonNode node) =>
        node.AsObject().ToDictionary(kv => kv.Key, kv => kv.Value!.GetValue<string>());

    private static async Task<Dictionary<string, (string Target, Dictionary<string, string> Config)>> ReadStoreAsync(TemporaryDirectory dir)
    {
        var root = JsonNode.Parse(await File.ReadAllTextAsync(dir.PathOf(StoreName)))!;
        root["version"]!.GetValue<int>().Should().Be(1);
        return root["connectors"]!.AsArray().ToDictionary(
            c => c!["name"]!.GetValue<string>(),
            c => (c!["target_state"]!.GetValue<string>(), ToMap(c["config"]!)));
    }

    private static void NoTemporaryFiles(TemporaryDirectory dir) =>
        Directory.GetFiles(dir.Path, "*.tmp", SearchOption.AllDirectories).Should().BeEmpty("every store write is committed or cleaned up");

    /// <summary>A worker whose files outlive it: disposing stops the worker but keeps the directory for the next start.</summary>
    private sealed class WorkerOnFiles : IAsyncDisposable
    {
        private WorkerOnFiles(RestTestHost api)
        {
            Api = api;
        }

        public RestTestHost Api { get; }

        public static async Task<WorkerOnFiles> StartAsync(TemporaryDirectory dir, string extraProps, params string[] connectorFiles) =>
            new(await RestTestHost.StartAsync(extraProps, dir, connectorFiles));

        public async ValueTask DisposeAsync()
        {
            Api.Client.Dispose();
            await Api.Host.DisposeAsync();
        }
    }
}
