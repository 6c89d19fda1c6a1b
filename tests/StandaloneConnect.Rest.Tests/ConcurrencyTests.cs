using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;

namespace StandaloneConnect.Rest.Tests;

/// <summary>
/// Many HTTP clients at once against one worker: the herder serializes every change, answers only with the expected
/// statuses, and ends in a state that the successful answers explain.
/// </summary>
[TestFixture]
public sealed class ConcurrencyTests
{
    private const int Clients = 8;
    private const int OperationsPerClient = 20;
    /// <summary>One clock for every answer of a test run, so answers of successive phases compare.</summary>
    private static readonly long Origin = Stopwatch.GetTimestamp();
    private static readonly string[] Names = ["c0", "c1", "c2", "c3", "c4", "c5"];

    private static readonly Dictionary<Op, HttpStatusCode[]> Expected = new()
    {
        [Op.Create] = [HttpStatusCode.Created, HttpStatusCode.Conflict],
        [Op.Put] = [HttpStatusCode.OK, HttpStatusCode.Created],
        [Op.Patch] = [HttpStatusCode.OK, HttpStatusCode.NotFound],
        [Op.Pause] = [HttpStatusCode.Accepted, HttpStatusCode.NotFound],
        [Op.Resume] = [HttpStatusCode.Accepted, HttpStatusCode.NotFound],
        [Op.Stop] = [HttpStatusCode.NoContent, HttpStatusCode.NotFound],
        [Op.Delete] = [HttpStatusCode.NoContent, HttpStatusCode.NotFound],
        [Op.Restart] = [HttpStatusCode.Accepted, HttpStatusCode.NotFound],
        [Op.Status] = [HttpStatusCode.OK, HttpStatusCode.NotFound],
        [Op.Expand] = [HttpStatusCode.OK],
    };

    private enum Op
    {
        Create,
        Put,
        Patch,
        Pause,
        Resume,
        Stop,
        Delete,
        Restart,
        Status,
        Expand,
    }

    [Test]
    public async Task ManyClients_MixedOperationsOnOverlappingNames_FinalStateMatchesSuccessfulAnswers()
    {
        var host = await StartWithStoreAsync();
        var disposed = false;
        try
        {
            var storm = await RunClientsAsync(host, Clients, (client, random, send) => RandomOperationsAsync(host, client, random, send));
            storm.Should().Contain(o => o.Op == Op.Create && o.Status == HttpStatusCode.Created)
                .And.Contain(o => o.Op == Op.Delete && o.Status == HttpStatusCode.NoContent)
                .And.Contain(o => o.Op == Op.Create && o.Status == HttpStatusCode.Conflict, "the run must race creations and deletions");
            await TestContext.Out.WriteLineAsync(string.Join(", ", storm.GroupBy(o => $"{o.Op} {(int)o.Status}").OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => $"{g.Key}: {g.Count()}")));
            await ShouldBeConsistentAsync(host, storm);

            // Then one client per name, all at once: delete, create, and a last operation whose outcome is known.
            Op[] lastOps = [Op.Pause, Op.Stop, Op.Resume, Op.Delete, Op.Restart, Op.Pause];
            var final = await RunClientsAsync(host, Names.Length, async (client, _, send) =>
            {
                var name = Names[client];
                await send(Op.Delete, name, HttpMethod.Delete, $"/connectors/{name}", null);
                var body = new JsonObject { ["name"] = name, ["config"] = host.SourceConfig($"in-{name}.txt", $"t-{name}") };
                await send(Op.Create, name, HttpMethod.Post, "/connectors", body.ToJsonString());
                var (method, path, _) = Request(host, lastOps[client], name, client, 0);
                await send(lastOps[client], name, method, path, null);
            });
            var all = storm.Concat(final).ToList();
            var listed = await ShouldBeConsistentAsync(host, all);
            Names.Select(n => KnownLastState(all.Where(o => o.Name == n).ToList())?.State)
                .Should().Equal(["PAUSED", "STOPPED", "RUNNING", "ABSENT", "RUNNING", "PAUSED"]);
            listed.Should().BeEquivalentTo(["c0", "c1", "c2", "c4", "c5"]);
            await StoreShouldMatchAsync(host, listed);

            using (var response = await host.CreateAsync("after-the-storm", host.SourceConfig("in-after.txt", "t-after")))
            {
                response.StatusCode.Should().Be(HttpStatusCode.Created);
            }

            await host.WaitForStatusAsync("after-the-storm", s => s["tasks"]!.AsArray().Count == 1 && s["tasks"]![0]!["state"]!.GetValue<string>() == "RUNNING",
                "a new connector must start after the parallel run");
            (await host.CallAsync(HttpMethod.Get, "/health")).Status.Should().Be(HttpStatusCode.OK);

            disposed = true;
            await host.DisposeAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(30));
        }
        finally
        {
            if (!disposed)
            {
                await host.DisposeAsync();
            }
        }
    }

    [Test]
    public async Task ManyClients_PatchOneConnectorInParallel_EveryPatchedKeyIsKept()
    {
        const int patchesPerClient = 8;
        await using var host = await StartWithStoreAsync();
        using (var response = await host.CreateAsync("patched", host.SourceConfig("in-patched.txt", "t-patched")))
        {
            response.StatusCode.Should().Be(HttpStatusCode.Created);
        }

        var outcomes = await RunClientsAsync(host, Clients, async (client, _, send) =>
        {
            for (var i = 0; i < patchesPerClient; i++)
            {
                await send(Op.Patch, "patched", HttpMethod.Patch, "/connectors/patched/config",
                    $$"""{"x.client{{client}}.patch{{i}}":"value-{{client}}-{{i}}","x.last":"{{client}}"}""");
            }
        });

        outcomes.Should().HaveCount(Clients * patchesPerClient).And.OnlyContain(o => o.Status == HttpStatusCode.OK, string.Join("\n", outcomes));
        var config = (await host.GetJsonAsync("/connectors/patched/config")).AsObject().ToDictionary(kv => kv.Key, kv => kv.Value!.GetValue<string>());
        var expected = Enumerable.Range(0, Clients).SelectMany(c => Enumerable.Range(0, patchesPerClient).Select(i => ($"x.client{c}.patch{i}", $"value-{c}-{i}")));
        foreach (var (key, value) in expected)
        {
            config.Should().Contain(key, value, "no patch may be lost");
        }

        config.Should().Contain("topic", "t-patched").And.Contain("name", "patched");
        int.Parse(config["x.last"], System.Globalization.CultureInfo.InvariantCulture).Should().BeInRange(0, Clients - 1);
        var lastPatch = outcomes.MaxBy(o => o.Started)!;
        if (outcomes.All(o => ReferenceEquals(o, lastPatch) || o.Ended < lastPatch.Started))
        {
            config["x.last"].Should().Be(lastPatch.Client.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }

        await host.WaitForStatusAsync("patched", s => s["connector"]!["state"]!.GetValue<string>() == "RUNNING"
                                                      && s["tasks"]!.AsArray().Count == 1 && s["tasks"]![0]!["state"]!.GetValue<string>() == "RUNNING",
            "the connector runs with the merged config");
        var stored = JsonNode.Parse(await File.ReadAllTextAsync(host.Directory.PathOf("connectors.json")))!["connectors"]![0]!["config"]!.AsObject();
        stored.Select(kv => kv.Key).Should().BeEquivalentTo(config.Keys, "the store holds the merged config");
    }

    [Test]
    public async Task ManyClients_WorkerStoppedWhileTheyAreBusy_StopsInTimeAnsweringOnlyNormallyAndLeavesAValidStore()
    {
        await using var host = await StartWithStoreAsync();
        var names = Names.Take(4).ToList();
        foreach (var name in names)
        {
            using var response = await host.CreateAsync(name, host.SourceConfig($"in-{name}.txt", $"t-{name}"));
            response.StatusCode.Should().Be(HttpStatusCode.Created);
        }

        var answers = new ConcurrentQueue<string>();
        var busy = Enumerable.Range(0, Clients).Select(client => Task.Run(async () =>
        {
            using var http = new HttpClient { BaseAddress = host.Client.BaseAddress, Timeout = TimeSpan.FromSeconds(30) };
            var name = names[client % names.Count];
            for (var i = 0; ; i++)
            {
                var (method, path, body) = Request(host, (i % 4) switch { 0 => Op.Pause, 1 => Op.Patch, 2 => Op.Resume, _ => Op.Status }, name, client, i);
                using var request = new HttpRequestMessage(method, path);
                if (body is not null)
                {
                    request.Content = new StringContent(body, Encoding.UTF8, "application/json");
                }

                try
                {
                    using var response = await http.SendAsync(request);
                    answers.Enqueue($"{(int)response.StatusCode} {method} {path} {await response.Content.ReadAsStringAsync()}");
                }
                catch (HttpRequestException)
                {
                    return; // the worker has stopped listening
                }
            }
        })).ToList();
        await Eventually.UntilAsync(() => answers.Count >= 3 * Clients, TimeSpan.FromSeconds(20), "every client got answers");

        await host.Host.DisposeAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(30)); // TimeoutException if stopping hangs
        await Task.WhenAll(busy).WaitAsync(TimeSpan.FromSeconds(30));

        answers.Where(a => !a.StartsWith('2')).Should().BeEmpty("a request the worker accepted is answered normally even while it stops");
        var store = JsonNode.Parse(await File.ReadAllTextAsync(host.Directory.PathOf("connectors.json")))!["connectors"]!.AsArray();
        store.Select(c => c!["name"]!.GetValue<string>()).Should().BeEquivalentTo(names, "stopping the worker deletes nothing");
        Directory.GetFiles(host.Directory.Path, "*.tmp").Should().BeEmpty();
    }

    private static async Task<RestTestHost> StartWithStoreAsync()
    {
        var dir = new TemporaryDirectory("sc-concurrency");
        foreach (var name in Names.Append("patched").Append("after"))
        {
            dir.WriteFile($"in-{name}.txt", "");
        }

        return await RestTestHost.StartAsync($"config.storage.file.filename={dir.PathOf("connectors.json")}\n", dir);
    }

    private static async Task RandomOperationsAsync(RestTestHost host, int client, Random random, Send send)
    {
        var ops = Enum.GetValues<Op>();
        for (var i = 0; i < OperationsPerClient; i++)
        {
            var name = Names[random.Next(Names.Length)];
            var op = ops[random.Next(ops.Length)];
            var (method, path, body) = Request(host, op, name, client, i);
            await send(op, name, method, path, body);
        }
    }

    private static (HttpMethod Method, string Path, string? Body) Request(RestTestHost host, Op op, string name, int client, int i)
    {
        var config = host.SourceConfig($"in-{name}.txt", $"t-{name}");
        config["x.writer"] = $"{client}-{i}";
        return op switch
        {
                Op.Create => (HttpMethod.Post, "/connectors", new JsonObject { ["name"] = name, ["config"] = config }.ToJsonString()),
                Op.Put => (HttpMethod.Put, $"/connectors/{name}/config", config.ToJsonString()),
                Op.Patch => (HttpMethod.Patch, $"/connectors/{name}/config", $$"""{"x.patch":"{{client}}-{{i}}"}"""),
                Op.Pause => (HttpMethod.Put, $"/connectors/{name}/pause", null),
                Op.Resume => (HttpMethod.Put, $"/connectors/{name}/resume", null),
                Op.Stop => (HttpMethod.Put, $"/connectors/{name}/stop", null),
                Op.Delete => (HttpMethod.Delete, $"/connectors/{name}", null),
                Op.Restart => (HttpMethod.Post, $"/connectors/{name}/restart?includeTasks=true", null),
                Op.Status => (HttpMethod.Get, $"/connectors/{name}/status", null),
                _ => (HttpMethod.Get, "/connectors?expand=status&expand=info", (string?)null),
        };
    }

    /// <summary>
    /// Runs <paramref name="clients"/> HttpClients at once (released together), each with its own seeded random, and
    /// returns every answer with its client-side start and end time.
    /// </summary>
    private static async Task<List<Outcome>> RunClientsAsync(RestTestHost host, int clients, Func<int, Random, Send, Task> work)
    {
        var outcomes = new ConcurrentBag<Outcome>();
        using var go = new SemaphoreSlim(0, clients);
        var running = Enumerable.Range(0, clients).Select(client => Task.Run(async () =>
        {
            using var http = new HttpClient { BaseAddress = host.Client.BaseAddress, Timeout = TimeSpan.FromSeconds(30) };
            await go.WaitAsync();
            await work(client, new Random(1000 + client), async (op, name, method, path, body) =>
            {
                using var request = new HttpRequestMessage(method, path);
                if (body is not null)
                {
                    request.Content = new StringContent(body, Encoding.UTF8);
                    request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
                }

                var started = Stopwatch.GetElapsedTime(Origin);
                using var response = await http.SendAsync(request);
                var text = await response.Content.ReadAsStringAsync();
                outcomes.Add(new Outcome(client, op, name, response.StatusCode, text, started, Stopwatch.GetElapsedTime(Origin)));
            });
        })).ToList();
        go.Release(clients);
        await Task.WhenAll(running).WaitAsync(TimeSpan.FromSeconds(45));
        return [.. outcomes.OrderBy(o => o.Started)];
    }

    /// <summary>
    /// Checks the answers and the herder against each other: only expected statuses; per name, successful creations and
    /// deletions alternate and decide whether it is listed; a name whose last state change is known is in that state;
    /// every listed connector has a settled status and appears in the expanded listing. Returns the listed names.
    /// </summary>
    private static async Task<List<string>> ShouldBeConsistentAsync(RestTestHost host, List<Outcome> outcomes)
    {
        var unexpected = outcomes.Where(o => !Expected[o.Op].Contains(o.Status)).ToList();
        unexpected.Should().BeEmpty("only 409 for duplicates and 404 for missing connectors may be refused; got:\n{0}",
            string.Join("\n", unexpected.Select(o => o.ToString())));
        var listed = (await host.GetJsonAsync("/connectors")).AsArray().Select(n => n!.GetValue<string>()).ToList();
        foreach (var name in Names)
        {
            var mine = outcomes.Where(o => o.Name == name).ToList();
            var created = mine.Count(o => o.Status == HttpStatusCode.Created);
            var deleted = mine.Count(o => o is { Op: Op.Delete, Status: HttpStatusCode.NoContent });
            (created - deleted).Should().BeInRange(0, 1, "successful creates and deletes of {0} must alternate", name);
            listed.Contains(name).Should().Be(created - deleted == 1, "{0} was created {1} and deleted {2} time(s)", name, created, deleted);
            if (KnownLastState(mine) is { } last)
            {
                var state = await SettledStateAsync(host, name);
                state.Should().Be(last.State, "{0}'s last state change ({1}) started after every other one was answered; all its operations:\n{2}",
                    name, last.Outcome, string.Join("\n", mine));
            }
        }

        foreach (var name in listed)
        {
            await SettledStateAsync(host, name);
        }

        var expanded = (await host.GetJsonAsync("/connectors?expand=status&expand=info")).AsObject();
        expanded.Select(kv => kv.Key).Should().BeEquivalentTo(listed);
        expanded.Should().OnlyContain(kv => kv.Value!["status"]!["name"]!.GetValue<string>() == kv.Key && kv.Value["info"]!["name"]!.GetValue<string>() == kv.Key);
        return listed;
    }

    /// <summary>
    /// The state implied by the last successful state-changing operation on one connector, when that operation started
    /// after every other such operation had been answered (so the herder necessarily applied it last); else null.
    /// </summary>
    private static (string State, Outcome Outcome)? KnownLastState(List<Outcome> outcomes)
    {
        var changes = outcomes.Where(o => StateAfter(o) is not null).ToList();
        var last = changes.MaxBy(o => o.Started);
        if (last is null || changes.Any(o => !ReferenceEquals(o, last) && o.Ended >= last.Started))
        {
            return null;
        }

        return (StateAfter(last)!, last);
    }

    private static string? StateAfter(Outcome o) => (o.Op, o.Status) switch
    {
        (Op.Create or Op.Put, HttpStatusCode.Created) => "RUNNING",
        (Op.Pause, HttpStatusCode.Accepted) => "PAUSED",
        (Op.Resume, HttpStatusCode.Accepted) => "RUNNING",
        (Op.Stop, HttpStatusCode.NoContent) => "STOPPED",
        (Op.Delete, HttpStatusCode.NoContent) => "ABSENT",
        _ => null,
    };

    /// <summary>
    /// Waits until the connector's status is self-consistent (RUNNING with running tasks, PAUSED with paused tasks,
    /// STOPPED without tasks) and returns its state, or ABSENT when it does not exist.
    /// </summary>
    private static async Task<string> SettledStateAsync(RestTestHost host, string name)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(20);
        while (true)
        {
            var (status, body) = await host.CallAsync(HttpMethod.Get, $"/connectors/{name}/status");
            if (status == HttpStatusCode.NotFound)
            {
                return "ABSENT";
            }

            status.Should().Be(HttpStatusCode.OK, "every listed connector has a status: {0}", body?.ToJsonString());
            var state = body!["connector"]!["state"]!.GetValue<string>();
            var tasks = body["tasks"]!.AsArray().Select(t => t!["state"]!.GetValue<string>()).ToList();
            var settled = state switch
            {
                "RUNNING" => tasks.Count == 1 && tasks[0] == "RUNNING",
                "PAUSED" => tasks.All(t => t == "PAUSED"),
                "STOPPED" => tasks.Count == 0,
                _ => false,
            };
            if (settled)
            {
                return state;
            }

            if (DateTime.UtcNow > deadline)
            {
                Assert.Fail($"{name} never settled in a consistent state: {body.ToJsonString()}");
            }

            await Task.Delay(Eventually.PollInterval);
        }
    }

    private static async Task StoreShouldMatchAsync(RestTestHost host, List<string> listed)
    {
        var store = JsonNode.Parse(await File.ReadAllTextAsync(host.Directory.PathOf("connectors.json")))!["connectors"]!.AsArray();
        store.Select(c => c!["name"]!.GetValue<string>()).Should().BeEquivalentTo(listed, "the store lists what the herder has");
        foreach (var stored in store)
        {
            var name = stored!["name"]!.GetValue<string>();
            var state = (await host.GetJsonAsync($"/connectors/{name}/status"))["connector"]!["state"]!.GetValue<string>();
            var target = stored["target_state"]!.GetValue<string>();
            (target == "STARTED" ? "RUNNING" : target).Should().Be(state, "the stored target state of {0} is the one in effect", name);
            ToMap(stored["config"]!).Should().Equal(ToMap(await host.GetJsonAsync($"/connectors/{name}/config")),
                "the stored config of {0} is the one in effect", name);
        }
    }

    private static Dictionary<string, string> ToMap(JsonNode node) =>
        node.AsObject().ToDictionary(kv => kv.Key, kv => kv.Value!.GetValue<string>());

    private delegate Task Send(Op op, string name, HttpMethod method, string path, string? body);

    private sealed record Outcome(int Client, Op Op, string Name, HttpStatusCode Status, string Body, TimeSpan Started, TimeSpan Ended)
    {
        public override string ToString() => $"client {Client} {Op} {Name} -> {(int)Status} {Body} [{Started.TotalMilliseconds:0}..{Ended.TotalMilliseconds:0} ms]";
    }
}
