using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging.Abstractions;
using StandaloneConnect.Cli;
using StandaloneConnect.Runtime.Logging;

namespace StandaloneConnect.Rest.Tests;

/// <summary>
/// <c>config.storage.file.filename</c>: connectors created and changed over the REST API survive a restart of the worker
/// (raw configs, target states, deletions), command-line files still win, a store that cannot be read stops the start-up
/// untouched, and a stored connector that can no longer be created stays in the store.
/// </summary>
[TestFixture]
public sealed partial class DurableConnectorsTests
{
    private const string StoreName = "connectors.json";
    private const string Providers = """
        config.providers=file,env
        config.providers.file.class=org.apache.kafka.common.config.provider.FileConfigProvider
        config.providers.env.class=org.apache.kafka.common.config.provider.EnvVarConfigProvider
        """;

    [Test]
    public async Task RestLifecycle_WorkerRestarted_RestoresRawConfigsAndTargetStatesAndForgetsDeleted()
    {
        using var dir = NewDirectory();
        var expected = new Dictionary<string, Dictionary<string, string>>();
        await using (var first = await WorkerOnFiles.StartAsync(dir, StoreProps(dir)))
        {
            var api = first.Api;
            await CreatedAsync(api, "created", api.SourceConfig("in-1.txt", "t-created"));
            await CreatedAsync(api, "created-paused", api.SourceConfig("in-2.txt", "t-created-paused"), "PAUSED");
            await CreatedAsync(api, "created-stopped", api.SourceConfig("in-3.txt", "t-created-stopped"), "STOPPED");

            await CreatedAsync(api, "updated", api.SourceConfig("in-4.txt", "t-updated-old"));
            var replacement = api.SourceConfig("in-4.txt", "t-updated-new");
            replacement["x.custom"] = "kept";
            (await api.CallAsync(HttpMethod.Put, "/connectors/updated/config", replacement.ToJsonString())).Status.Should().Be(HttpStatusCode.OK);

            var patchedConfig = api.SourceConfig("in-5.txt", "t-patched-old");
            patchedConfig["x.removed"] = "soon gone";
            await CreatedAsync(api, "patched", patchedConfig);
            (await api.CallAsync(HttpMethod.Patch, "/connectors/patched/config", """{"topic":"t-patched-new","x.removed":null,"x.added":"yes"}"""))
                .Status.Should().Be(HttpStatusCode.OK);

            await CreatedAsync(api, "paused", api.SourceConfig("in-6.txt", "t-paused"));
            (await api.CallAsync(HttpMethod.Put, "/connectors/paused/pause")).Status.Should().Be(HttpStatusCode.Accepted);

            await CreatedAsync(api, "paused-then-updated", api.SourceConfig("in-7.txt", "t-ptu-old"));
            (await api.CallAsync(HttpMethod.Put, "/connectors/paused-then-updated/pause")).Status.Should().Be(HttpStatusCode.Accepted);
            (await api.CallAsync(HttpMethod.Put, "/connectors/paused-then-updated/config", api.SourceConfig("in-7.txt", "t-ptu-new").ToJsonString()))
                .Status.Should().Be(HttpStatusCode.OK);

            await CreatedAsync(api, "stopped", api.SourceConfig("in-8.txt", "t-stopped"));
            (await api.CallAsync(HttpMethod.Put, "/connectors/stopped/stop")).Status.Should().Be(HttpStatusCode.NoContent);

            await CreatedAsync(api, "deleted", api.SourceConfig("in-9.txt", "t-deleted"));
            (await api.CallAsync(HttpMethod.Delete, "/connectors/deleted")).Status.Should().Be(HttpStatusCode.NoContent);

            foreach (var name in (await api.GetJsonAsync("/connectors")).AsArray().Select(n => n!.GetValue<string>()))
            {
                expected[name] = ToMap(await api.GetJsonAsync($"/connectors/{name}/config"));
            }
        }

        expected.Keys.Should().BeEquivalentTo("created", "created-paused", "created-stopped", "updated", "patched", "paused", "paused-then-updated", "stopped");
        expected["updated"].Should().Contain("topic", "t-updated-new").And.Contain("x.custom", "kept");
        expected["patched"].Should().Contain("topic", "t-patched-new").And.Contain("x.added", "yes").And.NotContainKey("x.removed");
        var store = await ReadStoreAsync(dir);
        store.Keys.Should().BeEquivalentTo(expected.Keys, "the store lists exactly the connectors that exist");
        NoTemporaryFiles(dir);
        if (!OperatingSystem.IsWindows())
        {
            File.GetUnixFileMode(dir.PathOf(StoreName)).Should().Be(UnixFileMode.UserRead | UnixFileMode.UserWrite, "configs may hold secrets");
        }

        await using var second = await WorkerOnFiles.StartAsync(dir, StoreProps(dir));
        var rest = second.Api;
        (await rest.GetJsonAsync("/connectors")).AsArray().Select(n => n!.GetValue<string>()).Should().BeEquivalentTo(expected.Keys);
        foreach (var (name, config) in expected)
        {
            ToMap(await rest.GetJsonAsync($"/connectors/{name}/config")).Should().Equal(config, "connector {0} keeps its config", name);
        }

        await ExpectStateAsync(rest, "created", "RUNNING", tasks: 1);
        await ExpectStateAsync(rest, "updated", "RUNNING", tasks: 1);
        await ExpectStateAsync(rest, "patched", "RUNNING", tasks: 1);
        await ExpectStateAsync(rest, "created-paused", "PAUSED", tasks: 1);
        await ExpectStateAsync(rest, "paused", "PAUSED", tasks: 1);
        await ExpectStateAsync(rest, "paused-then-updated", "PAUSED", tasks: 1);
        await ExpectStateAsync(rest, "created-stopped", "STOPPED", tasks: 0);
        await ExpectStateAsync(rest, "stopped", "STOPPED", tasks: 0);
        (await rest.GetJsonAsync("/connectors/stopped/tasks")).AsArray().Should().BeEmpty();
        (await rest.CallAsync(HttpMethod.Delete, "/connectors/stopped/offsets")).Status.Should().Be(HttpStatusCode.OK,
            "a connector restored as STOPPED is stopped for KIP-875 offset changes too");
        var (status, body) = await rest.CallAsync(HttpMethod.Get, "/connectors/deleted");
        status.Should().Be(HttpStatusCode.NotFound);
        RestTestHost.ShouldBeError(body, 404);
    }

    [Test]
    public async Task ConfigWithProviderPlaceholders_WorkerRestarted_PlaceholdersStayUnresolvedButAreResolvedForTheTask()
    {
        using var dir = NewDirectory();
        const string token = "token-that-must-not-be-stored-7f3a";
        var resolvedInput = dir.WriteFile("real-input.txt", "one\ntwo\n");
        var secrets = dir.WriteFile("secrets.properties", $"input={resolvedInput}\ntoken={token}\n");
        var props = StoreProps(dir) + Providers;
        var config = new JsonObject
        {
            ["connector.class"] = "FileStreamSource",
            ["file"] = $"${{file:{secrets}:input}}",
            ["topic"] = "t-secrets",
            ["x.token"] = $"${{file:{secrets}:token}}",
            ["x.path"] = "${env:PATH}",
        };

        await using (var first = await WorkerOnFiles.StartAsync(dir, props))
        {
            await CreatedAsync(first.Api, "secrets", config);
            await WaitForSourcePositionAsync(first.Api, "secrets", resolvedInput, 8);
        }

        var storeText = await File.ReadAllTextAsync(dir.PathOf(StoreName));
        storeText.Should().NotContain(token, "the store keeps placeholders, never resolved secrets")
            .And.Contain("${file:").And.Contain("${env:PATH}");

        await using var second = await WorkerOnFiles.StartAsync(dir, props);
        var shown = ToMap(await second.Api.GetJsonAsync("/connectors/secrets/config"));
        shown.Should().Contain("file", $"${{file:{secrets}:input}}").And.Contain("x.token", $"${{file:{secrets}:token}}").And.Contain("x.path", "${env:PATH}");
        await ExpectStateAsync(second.Api, "secrets", "RUNNING", tasks: 1);
        await File.AppendAllTextAsync(resolvedInput, "three\n");
        await WaitForSourcePositionAsync(second.Api, "secrets", resolvedInput, 14);
    }

    [Test]
    public async Task Store_ReadWhileConnectorsChange_IsAlwaysCompleteJsonAndNoTemporaryFileIsLeft()
    {
        using var dir = NewDirectory();
        await using var worker = await WorkerOnFiles.StartAsync(dir, StoreProps(dir));
        var api = worker.Api;
        var reads = 0;
        var problems = new List<string>();
        using var done = new CancellationTokenSource();
        var reader = Task.Run(async () =>
        {
            while (!done.IsCancellationRequested)
            {
                byte[] bytes;
                try
                {
                    bytes = await File.ReadAllBytesAsync(dir.PathOf(StoreName), CancellationToken.None);
                }
                catch (FileNotFoundException)
                {
                    await Task.Yield();
                    continue;
                }

                try
                {
                    using var doc = JsonDocument.Parse(bytes);
                    doc.RootElement.GetProperty("connectors").ValueKind.Should().Be(JsonValueKind.Array);
                }
                catch (Exception e) when (e is JsonException or KeyNotFoundException)
                {
                    problems.Add($"{e.Message}: {System.Text.Encoding.UTF8.GetString(bytes)}");
                }

                reads++;
            }
        }, CancellationToken.None);

        for (var i = 0; i < 12; i++)
        {
            await CreatedAsync(api, $"c{i}", api.SourceConfig($"in-{i}.txt", $"t{i}"));
            (await api.CallAsync(HttpMethod.Patch, $"/connectors/c{i}/config", $$"""{"x.round":"{{i}}"}""")).Status.Should().Be(HttpStatusCode.OK);
            (await api.CallAsync(HttpMethod.Put, $"/connectors/c{i}/{(i % 2 == 0 ? "pause" : "stop")}")).Status.Should().BeOneOf(HttpStatusCode.Accepted, HttpStatusCode.NoContent);
            if (i % 3 == 0)
            {
                (await api.CallAsync(HttpMethod.Delete, $"/connectors/c{i}")).Status.Should().Be(HttpStatusCode.NoContent);
            }
        }

        await done.CancelAsync();
        await reader;

        problems.Should().BeEmpty("a reader must see the old or the new file, never a torn one");
        reads.Should().BePositive();
        var store = await ReadStoreAsync(dir);
        store.Keys.Should().BeEquivalentTo(Enumerable.Range(0, 12).Where(i => i % 3 != 0).Select(i => $"c{i}"));
        store["c1"].Target.Should().Be("STOPPED");
        store["c2"].Target.Should().Be("PAUSED");
        store["c2"].Config.Should().Contain("x.round", "2");
        NoTemporaryFiles(dir);
    }

    [Test]
    public async Task NonAsciiNameAndAwkwardValues_WorkerRestarted_RoundTripExactly()
    {
        using var dir = NewDirectory();
        const string name = "café ☕ données";
        const string awkward = "line1\nline2 \"quoted\" \\ back 😀 <b>&amp; 'single' $ {x} {}";
        Dictionary<string, string> before;
        await using (var first = await WorkerOnFiles.StartAsync(dir, StoreProps(dir)))
        {
            var config = first.Api.SourceConfig("in-ü.txt", "t-unicode");
            config["x.awkward"] = awkward;
            config["x.empty"] = "";
            await CreatedAsync(first.Api, name, config);
            before = ToMap(await first.Api.GetJsonAsync($"/connectors/{Uri.EscapeDataString(name)}/config"));
        }

        (await File.ReadAllTextAsync(dir.PathOf(StoreName))).Should().Contain(name, "the store stays readable for non-ASCII text");
        await using var second = await WorkerOnFiles.StartAsync(dir, StoreProps(dir));
        (await second.Api.GetJsonAsync("/connectors")).AsArray().Select(n => n!.GetValue<string>()).Should().Equal(name);
        var after = ToMap(await second.Api.GetJsonAsync($"/connectors/{Uri.EscapeDataString(name)}/config"));
        after.Should().Equal(before).And.Contain("x.awkward", awkward).And.Contain("x.empty", "");
    }

    [Test]
    public async Task StoreCannotBeWritten_CreateAndStop_AnswerErrorAndChangeNothing()
    {
        using var dir = NewDirectory();
        await using var worker = await WorkerOnFiles.StartAsync(dir, StoreProps(dir));
        var api = worker.Api;
        await CreatedAsync(api, "before", api.SourceConfig("in-before.txt", "t-before"));
        await ExpectStateAsync(api, "before", "RUNNING", tasks: 1);
        var blocker = dir.CreateDirectory("." + StoreName + ".tmp"); // the store's temporary file cannot be created

        var (created, createError) = await api.CallAsync(HttpMethod.Post, "/connectors",
            new JsonObject { ["name"] = "after", ["config"] = api.SourceConfig("in-after.txt", "t-after") }.ToJsonString());
        var (stopped, stopError) = await api.CallAsync(HttpMethod.Put, "/connectors/before/stop");
        Directory.Delete(blocker);

        created.Should().Be(HttpStatusCode.InternalServerError);
        RestTestHost.ShouldBeError(createError, 500, dir.PathOf(StoreName));
        stopped.Should().Be(HttpStatusCode.InternalServerError);
        RestTestHost.ShouldBeError(stopError, 500, dir.PathOf(StoreName));
        (await api.GetJsonAsync("/connectors")).AsArray().Select(n => n!.GetValue<string>())
            .Should().Equal(["before"], "a create that could not be stored must not leave a half-created connector behind");
        await ExpectStateAsync(api, "before", "RUNNING", tasks: 1);
        await CreatedAsync(api, "later", api.SourceConfig("in-later.txt", "t-later"));
        var store = await ReadStoreAsync(dir);
        store.Keys.Should().BeEquivalentTo(["before", "later"]);
        store["before"].Target.Should().Be("STARTED", "the stop was answered with an error, so a later write must not make it durable");
    }

    [TestCase("pause", null, false, "PAUSED")]
    [TestCase("stop", null, true, "STOPPED")]
    [TestCase("none", null, true, "RUNNING")]
    [TestCase("pause", "RUNNING", true, "RUNNING")]
    [TestCase("none", "STOPPED", true, "STOPPED")]
    [TestCase("stop", "PAUSED", true, "PAUSED")]
    public async Task CommandLineFileWithStoredName_WorkerRestarted_FileConfigWinsWithStoredStateUnlessFileHasInitialState(
        string storedAction, string? fileInitialState, bool jsonFile, string expectedState)
    {
        using var dir = NewDirectory();
        Dictionary<string, string> other;
        await using (var first = await WorkerOnFiles.StartAsync(dir, StoreProps(dir)))
        {
            await CreatedAsync(first.Api, "dup", first.Api.SourceConfig("in-dup.txt", "t-stored"));
            await CreatedAsync(first.Api, "other", first.Api.SourceConfig("in-other.txt", "t-other"));
            if (storedAction != "none")
            {
                (await first.Api.CallAsync(HttpMethod.Put, $"/connectors/dup/{storedAction}")).Status.Should().BeOneOf(HttpStatusCode.Accepted, HttpStatusCode.NoContent);
            }

            other = ToMap(await first.Api.GetJsonAsync("/connectors/other/config"));
        }

        var fileConfig = new Dictionary<string, string>
        {
            ["name"] = "dup",
            ["connector.class"] = "FileStreamSource",
            ["file"] = dir.PathOf("in-dup-from-file.txt"),
            ["topic"] = "t-from-file",
            ["tasks.max"] = "1",
        };
        var connectorFile = jsonFile
            ? dir.WriteFile("dup.json", new JsonObject
            {
                ["name"] = "dup",
                ["config"] = new JsonObject(fileConfig.Where(kv => kv.Key != "name").Select(kv => KeyValuePair.Create(kv.Key, (JsonNode?)kv.Value))),
                ["initial_state"] = fileInitialState,
            }.ToJsonString())
            : dir.WriteFile("dup.properties", string.Join("\n", fileConfig.Select(kv => $"{kv.Key}={kv.Value}")) + "\n");

        await using var second = await WorkerOnFiles.StartAsync(dir, StoreProps(dir), connectorFile);
        var api = second.Api;
        ToMap(await api.GetJsonAsync("/connectors/dup/config")).Should().Equal(fileConfig, "the command-line file replaces the stored config");
        await ExpectStateAsync(api, "dup", expectedState, tasks: expectedState == "STOPPED" ? 0 : 1);
        ToMap(await api.GetJsonAsync("/connectors/other/config")).Should().Equal(other, "a stored connector without a file is restored as it was");
        var store = await ReadStoreAsync(dir);
        store["dup"].Config.Should().Equal(fileConfig, "the store follows the connector that now runs");
        store["dup"].Target.Should().Be(expectedState == "RUNNING" ? "STARTED" : expectedState);
    }

    [Test]
    public async Task WithoutConfigStorageKey_WorkerRestarted_RestConnectorsAreGone()
    {
        using var dir = NewDirectory();
        await using (var first = await WorkerOnFiles.StartAsync(dir, ""))
        {
            await CreatedAsync(first.Api, "volatile", first.Api.SourceConfig("in.txt", "t-volatile"));
            (await first.Api.CallAsync(HttpMethod.Put, "/connectors/volatile/pause")).Status.Should().Be(HttpStatusCode.Accepted);
        }

        Directory.GetFiles(dir.Path).Select(Path.GetFileName).Should().NotContain(StoreName);
        await using var second = await WorkerOnFiles.StartAsync(dir, "");
        (await second.Api.GetJsonAsync("/connectors")).AsArray().Should().BeEmpty("standalone Kafka keeps REST connectors in memory only");
        (await second.Api.CallAsync(HttpMethod.Get, "/connectors/volatile/status")).Status.Should().Be(HttpStatusCode.NotFound);
    }

    [TestCase("""{"version":1,"connectors":[{"name":"a","target_state":"STAR""")]
    [TestCase("not json at all")]
    [TestCase("")]
    [TestCase("""{"version":2,"connectors":[]}""")]
    [TestCase("""[{"name":"a"}]""")]
    [TestCase("""{"version":1,"connectors":[{"name":"a","target_state":"RUNNING","config":{"connector.class":"FileStreamSource"}}]}""")]
    [TestCase("""{"version":1,"connectors":[{"name":"a","target_state":"STARTED","config":{"tasks.max":1}}]}""")]
    public async Task CorruptStoreFile_Start_ThrowsStartupExceptionNamingTheFileAndLeavesItsBytesUnchanged(string content)
    {
        using var dir = NewDirectory();
        var store = dir.WriteFile(StoreName, content);
        var before = await File.ReadAllBytesAsync(store);

        var start = () => StartConnectHostAsync(dir, StoreProps(dir));

        (await start.Should().ThrowAsync<StartupException>()).Which.Message.Should().Contain(store);
        (await File.ReadAllBytesAsync(store)).Should().Equal(before, "a store that cannot be read is reported, never reset");
        NoTemporaryFiles(dir);
    }

    [Test]
    public async Task StoredConnectorWithRemovedClass_Start_WorkerRunsAndKeepsItStoredUntouched()
    {
        using var dir = NewDirectory();
        dir.WriteFile(StoreName, StoreJson(("gone", "com.example.RemovedConnector")));
        var before = await ReadStoreAsync(dir);

        await using (var worker = await WorkerOnFiles.StartAsync(dir, StoreProps(dir)))
        {
            (await worker.Api.GetJsonAsync("/connectors")).AsArray().Should().BeEmpty("a connector whose class is gone cannot run");
            (await worker.Api.GetJsonAsync("/health"))["status"]!.GetValue<string>().Should().Be("healthy");
        }

        var after = await ReadStoreAsync(dir);
        after.Keys.Should().Equal(before.Keys);
        after["gone"].Target.Should().Be(before["gone"].Target);
        after["gone"].Config.Should().Equal(before["gone"].Config, "the user fixes plugin.path and restarts");
    }

    [Test]
    public async Task StoredConnectorWithRemovedClassAfterAGoodOne_Start_KeepsBothInTheStore()
    {
        using var dir = NewDirectory();
        dir.WriteFile("in.txt", "");
        dir.WriteFile(StoreName, StoreJson(("good", "FileStreamSource"), ("gone", "com.example.RemovedConnector")));

        await using (var worker = await WorkerOnFiles.StartAsync(dir, StoreProps(dir)))
        {
            (await worker.Api.GetJsonAsync("/connectors")).AsArray().Select(n => n!.GetValue<string>()).Should().Equal("good");
            (await ReadStoreAsync(dir)).Keys.Should().BeEquivalentTo(["good", "gone"], "a connector that could not be restored is not dropped");

            // Deleting the unrestorable connector removes it from the store.
            (await worker.Api.CallAsync(HttpMethod.Delete, "/connectors/gone")).Status.Should().Be(HttpStatusCode.NoContent);
            (await ReadStoreAsync(dir)).Keys.Should().BeEquivalentTo(["good"]);
            (await worker.Api.CallAsync(HttpMethod.Delete, "/connectors/gone")).Status.Should().Be(HttpStatusCode.NotFound);
        }
    }
}
