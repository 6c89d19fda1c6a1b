using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace StandaloneConnect.Cli.Tests;

/// <summary>The REST API of the built executable, driven as a user would: HttpClient, the example script, basic auth.</summary>
[TestFixture]
public sealed partial class RestEndToEndTests
{
    private const string Source = "local-file-source";
    private const string InputFile = "examples/quickstart-input.txt";
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(60);

    [Test]
    public async Task Quickstart_DrivenOverRest_SinkFillsAndOffsetResetReplaysEveryLine()
    {
        using var dir = await CopyQuickstartAsync();
        var port = Ports.Free();
        await File.AppendAllTextAsync(dir.PathOf("worker.properties"), $"\nlisteners=http://127.0.0.1:{port}\n");
        var expected = dir.ReadLines(InputFile);
        dir.CreateDirectory("data");
        var output = dir.PathOf("data/rest-output.txt");
        using var connect = ConnectProcess.Start(dir.Path, "worker.properties", "connector.properties");
        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}"), Timeout = TimeSpan.FromSeconds(30) };
        await WaitForHealthyAsync(http, connect);

        var sink = new JsonObject
        {
            ["name"] = "rest-sink",
            ["config"] = new JsonObject { ["connector.class"] = "FileStreamSink", ["tasks.max"] = "1", ["topics"] = "connect-test", ["file"] = output },
        };
        (await CallAsync(http, HttpMethod.Post, "/connectors", sink.ToJsonString())).Status.Should().Be(HttpStatusCode.Created);
        await WaitForLinesAsync(output, expected.Length, connect);
        (await File.ReadAllLinesAsync(output)).Should().Equal(expected);

        (await CallAsync(http, HttpMethod.Put, $"/connectors/{Source}/pause")).Status.Should().Be(HttpStatusCode.Accepted);
        await WaitForStateAsync(http, connect, Source, "PAUSED", tasks: 1);
        (await CallAsync(http, HttpMethod.Put, $"/connectors/{Source}/stop")).Status.Should().Be(HttpStatusCode.NoContent);
        await WaitForStateAsync(http, connect, Source, "STOPPED", tasks: 0);
        var (status, offsets) = await CallAsync(http, HttpMethod.Get, $"/connectors/{Source}/offsets");
        status.Should().Be(HttpStatusCode.OK);
        offsets!["offsets"]![0]!["partition"]!["filename"]!.GetValue<string>().Should().Be(InputFile);
        offsets["offsets"]![0]!["offset"]!["position"]!.GetValue<long>().Should().Be(new FileInfo(dir.PathOf(InputFile)).Length,
            "a stopped source has committed everything it read");

        var reset = $$$"""{"offsets":[{"partition":{"filename":"{{{InputFile}}}"},"offset":{"position":0}}]}""";
        var (patched, message) = await CallAsync(http, HttpMethod.Patch, $"/connectors/{Source}/offsets", reset);
        patched.Should().Be(HttpStatusCode.OK, message?.ToJsonString());
        message!["message"]!.GetValue<string>().Should().Contain("altered successfully");
        (await CallAsync(http, HttpMethod.Put, $"/connectors/{Source}/resume")).Status.Should().Be(HttpStatusCode.Accepted);
        await WaitForStateAsync(http, connect, Source, "RUNNING", tasks: 1);
        await WaitForLinesAsync(output, 2 * expected.Length, connect);
        (await File.ReadAllLinesAsync(output)).Should().Equal(expected.Concat(expected), "position 0 replays the whole file once");

        (await CallAsync(http, HttpMethod.Delete, "/connectors/rest-sink")).Status.Should().Be(HttpStatusCode.NoContent);
        var (_, names) = await CallAsync(http, HttpMethod.Get, "/connectors");
        names!.AsArray().Select(n => n!.GetValue<string>()).Should().Equal(Source);

        connect.Terminate();
        await connect.WaitForExitAsync(TimeSpan.FromSeconds(30));
        connect.ExitCode.Should().Be(0, connect.Stderr);
    }

    [TestCase(false)]
    [TestCase(true)]
    public async Task RestApiScript_AgainstQuickstartWorker_EveryStepAnswers2xxExceptTheTwoDeliberateErrors(bool basicAuth)
    {
        const string user = "script-user";
        var password = "pw-" + Guid.NewGuid().ToString("N");
        using var dir = await CopyQuickstartAsync("examples/rest-api.sh");
        var port = Ports.Free();
        await File.AppendAllTextAsync(dir.PathOf("worker.properties"), $"\nlisteners=http://127.0.0.1:{port}\n");
        if (basicAuth)
        {
            dir.WriteFile("credentials.properties", $"{user}: {password}\n");
            await File.AppendAllTextAsync(dir.PathOf("worker.properties"), "rest.basic.auth.credentials.file=credentials.properties\n");
        }

        using var connect = ConnectProcess.Start(dir.Path, "worker.properties", "connector.properties");
        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}"), Timeout = TimeSpan.FromSeconds(30) };
        http.DefaultRequestHeaders.Authorization = basicAuth ? Basic(user, password) : null;
        await WaitForHealthyAsync(http, connect);

        var (exitCode, stdout, stderr) = await RunScriptAsync(dir, $"http://127.0.0.1:{port}", basicAuth ? $"{user}:{password}" : null);

        exitCode.Should().Be(0, "stdout:\n{0}\nstderr:\n{1}\nworker:\n{2}", stdout, stderr, connect.Stderr);
        var answered = ParseCalls(stdout, port);
        var planned = PlannedCalls(await File.ReadAllTextAsync(dir.PathOf("examples/rest-api.sh")));
        await TestContext.Out.WriteLineAsync(string.Join("\n", answered.Select(c => $"{c.Code} {c.Call}")));
        planned.Should().Contain(["POST /connectors", "PUT /connectors/local-file-source/stop", "PATCH /connectors/local-file-source/offsets",
            "DELETE /connectors/rest-sink"], "the script walks through the quickstart");
        answered.Select(c => c.Call).Should().Equal(planned, "every call of the script ran, in order; stdout:\n{0}", stdout);
        foreach (var (call, line, code) in answered)
        {
            int? deliberate = call == "GET /connectors/no-such-connector" ? 404 : line.Contains("\"name\":\"broken\"", StringComparison.Ordinal) ? 400 : null;
            if (deliberate is { } error)
            {
                code.Should().Be(error, "{0} is a deliberate error", line);
            }
            else
            {
                code.Should().BeInRange(200, 299, "{0} answered {1}; stdout:\n{2}", line, code, stdout);
            }
        }

        answered.Where(c => c.Code >= 300).Should().HaveCount(2, "exactly the two deliberate error calls fail");
        stdout.Should().Contain("Done. The REST sink wrote");
        dir.ReadLines("data/rest-output.txt").Should().NotBeEmpty("the REST sink copied the topic");

        connect.Terminate();
        await connect.WaitForExitAsync(TimeSpan.FromSeconds(30));
        connect.ExitCode.Should().Be(0, connect.Stderr);
        (connect.Stderr + connect.Stdout).Should().NotContain(password);
    }

    [Test]
    public async Task ConfigStore_WorkerKilledAndRestarted_RestConnectorAndPausedStateComeBackAndTheFileStillWins()
    {
        using var dir = await CopyQuickstartAsync();
        var port = Ports.Free();
        await File.AppendAllTextAsync(dir.PathOf("worker.properties"),
            $"\nlisteners=http://127.0.0.1:{port}\nconfig.storage.file.filename=data/connectors.json\n");
        var expected = dir.ReadLines(InputFile);
        dir.CreateDirectory("data");
        var output = dir.PathOf("data/rest-output.txt");
        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}"), Timeout = TimeSpan.FromSeconds(30) };
        var sink = new JsonObject
        {
            ["name"] = "rest-sink",
            ["config"] = new JsonObject { ["connector.class"] = "FileStreamSink", ["topics"] = "connect-test", ["file"] = output },
        };

        using (var first = ConnectProcess.Start(dir.Path, "worker.properties", "connector.properties"))
        {
            await WaitForHealthyAsync(http, first);
            (await CallAsync(http, HttpMethod.Post, "/connectors", sink.ToJsonString())).Status.Should().Be(HttpStatusCode.Created);
            await WaitForLinesAsync(output, expected.Length, first);
            (await CallAsync(http, HttpMethod.Put, $"/connectors/{Source}/pause")).Status.Should().Be(HttpStatusCode.Accepted);
            await WaitForStateAsync(http, first, Source, "PAUSED", tasks: 1);
            first.Kill();
        }

        using var second = ConnectProcess.Start(dir.Path, "worker.properties", "connector.properties");
        await WaitForHealthyAsync(http, second);
        var (_, names) = await CallAsync(http, HttpMethod.Get, "/connectors");
        names!.AsArray().Select(n => n!.GetValue<string>()).Should().BeEquivalentTo([Source, "rest-sink"], "the REST connector survives kill -9");
        await WaitForStateAsync(http, second, "rest-sink", "RUNNING", tasks: 1);
        await WaitForStateAsync(http, second, Source, "PAUSED", tasks: 1);
        var (_, config) = await CallAsync(http, HttpMethod.Get, "/connectors/rest-sink/config");
        config!["file"]!.GetValue<string>().Should().Be(output);
        second.Stderr.Should().Contain($"Connector {Source}: the config in connector.properties replaces the one stored in")
            .And.Contain("(target state PAUSED)");

        second.Terminate();
        await second.WaitForExitAsync(TimeSpan.FromSeconds(30));
        second.ExitCode.Should().Be(0, second.Stderr);
    }

    [Test]
    public async Task BasicAuth_CredentialsFile_RefusesWithoutCredentialsAcceptsWithThemAndNeverLogsThePassword()
    {
        const string user = "connect-admin";
        var password = "pw-" + Guid.NewGuid().ToString("N");
        using var dir = await CopyQuickstartAsync();
        var port = Ports.Free();
        var credentials = dir.WriteFile("credentials.properties", $"{user}: {password}\n");
        await File.AppendAllTextAsync(dir.PathOf("worker.properties"),
            $"\nlisteners=http://127.0.0.1:{port}\nrest.basic.auth.credentials.file={credentials}\n");
        using var connect = ConnectProcess.Start(dir.Path, "worker.properties", "connector.properties");
        using var anonymous = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}"), Timeout = TimeSpan.FromSeconds(30) };
        using var authorized = new HttpClient { BaseAddress = anonymous.BaseAddress, Timeout = TimeSpan.FromSeconds(30) };
        authorized.DefaultRequestHeaders.Authorization = Basic(user, password);
        await WaitForHealthyAsync(authorized, connect);
        (await CallAsync(authorized, HttpMethod.Put, "/admin/loggers/root", """{"level":"TRACE"}""")).Status.Should().Be(HttpStatusCode.OK,
            "the most verbose logging must not reveal the password either");

        using (var refused = await anonymous.GetAsync("/connectors"))
        {
            refused.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
            refused.Headers.WwwAuthenticate.Should().ContainSingle().Which.Scheme.Should().Be("Basic");
            JsonNode.Parse(await refused.Content.ReadAsStringAsync())!["error_code"]!.GetValue<int>().Should().Be(401);
        }

        using (var wrong = new HttpRequestMessage(HttpMethod.Get, "/connectors"))
        {
            wrong.Headers.Authorization = Basic(user, password + "x");
            using var response = await anonymous.SendAsync(wrong);
            response.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        }

        var (status, names) = await CallAsync(authorized, HttpMethod.Get, "/connectors");
        status.Should().Be(HttpStatusCode.OK);
        names!.AsArray().Select(n => n!.GetValue<string>()).Should().Equal(Source);
        (await CallAsync(authorized, HttpMethod.Put, $"/connectors/{Source}/pause")).Status.Should().Be(HttpStatusCode.Accepted);

        connect.Terminate();
        await connect.WaitForExitAsync(TimeSpan.FromSeconds(30));
        connect.ExitCode.Should().Be(0, connect.Stderr);
        var encoded = Basic(user, password).Parameter!;
        foreach (var (stream, text) in new[] { ("stderr", connect.Stderr), ("stdout", connect.Stdout) })
        {
            text.Should().NotContain(password, "{0} must not show the password", stream).And.NotContain(encoded, "{0} must not show the Authorization header", stream);
        }

        connect.Stderr.Should().Contain("TRACE", "the check ran with trace logging on");
    }

    /// <summary>The quickstart files (and <paramref name="extra"/>) copied with the repository's layout into a temporary directory.</summary>
    private static async Task<TemporaryDirectory> CopyQuickstartAsync(params string[] extra)
    {
        var dir = new TemporaryDirectory("sc-rest-e2e");
        foreach (var file in new[] { "worker.properties", "connector.properties", InputFile }.Concat(extra))
        {
            dir.WriteBytes(file, await File.ReadAllBytesAsync(Path.Combine(Repository.Root, file)));
        }

        return dir;
    }

    /// <summary>A port nothing listens on right now (the worker binds it a moment later).</summary>

    private static AuthenticationHeaderValue Basic(string user, string password) =>
        new("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{user}:{password}")));

    private static async Task<(HttpStatusCode Status, JsonNode? Body)> CallAsync(HttpClient http, HttpMethod method, string path, string? json = null)
    {
        using var request = new HttpRequestMessage(method, path);
        if (json is not null)
        {
            request.Content = new StringContent(json, Encoding.UTF8);
            request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        }

        using var response = await http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        return (response.StatusCode, text.Length == 0 ? null : JsonNode.Parse(text));
    }

    private static async Task WaitForHealthyAsync(HttpClient http, ConnectProcess connect)
    {
        var deadline = DateTime.UtcNow + Deadline;
        var last = "no answer yet";
        while (DateTime.UtcNow < deadline && !connect.HasExited)
        {
            try
            {
                using var response = await http.GetAsync("/health");
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    return;
                }

                last = $"{(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}";
            }
            catch (HttpRequestException e)
            {
                last = e.Message; // not listening yet
            }

            await Task.Delay(Eventually.PollInterval);
        }

        Assert.Fail($"the worker never answered /health with 200 (last: {last}); exited: {connect.HasExited}\nstderr:\n{connect.Stderr}");
    }

    private static async Task WaitForStateAsync(HttpClient http, ConnectProcess connect, string name, string state, int tasks)
    {
        var deadline = DateTime.UtcNow + Deadline;
        JsonNode? last = null;
        while (DateTime.UtcNow < deadline && !connect.HasExited)
        {
            (_, last) = await CallAsync(http, HttpMethod.Get, $"/connectors/{name}/status");
            var taskStates = last?["tasks"]?.AsArray().Select(t => t!["state"]!.GetValue<string>()).ToList() ?? [];
            if (last?["connector"]?["state"]?.GetValue<string>() == state && taskStates.Count == tasks && taskStates.All(t => t == state))
            {
                return;
            }

            await Task.Delay(Eventually.PollInterval);
        }

        Assert.Fail($"{name} never became {state} with {tasks} task(s); last status: {last?.ToJsonString()}\nstderr:\n{connect.Stderr}");
    }

    private static Task WaitForLinesAsync(string file, int count, ConnectProcess connect) =>
        Eventually.UntilAsync(() => File.Exists(file) && File.ReadAllLines(file).Length >= count, Deadline,
            () => $"{file} did not reach {count} line(s); stderr:\n{connect.Stderr}", () => connect.HasExited);

    private static async Task<(int ExitCode, string Stdout, string Stderr)> RunScriptAsync(TemporaryDirectory dir, string url, string? credentials)
    {
        var info = new ProcessStartInfo("bash")
        {
            WorkingDirectory = dir.Path,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add("examples/rest-api.sh");
        info.Environment["CONNECT_URL"] = url;
        info.Environment.Remove("CONNECT_USER");
        if (credentials is not null)
        {
            info.Environment["CONNECT_USER"] = credentials;
        }
        using var script = Process.Start(info) ?? throw new InvalidOperationException("bash did not start");
        var stdout = script.StandardOutput.ReadToEndAsync();
        var stderr = script.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(180));
        try
        {
            await script.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            script.Kill(entireProcessTree: true);
            throw new TimeoutException($"rest-api.sh did not finish; stdout so far:\n{await stdout}");
        }

        return (script.ExitCode, await stdout, await stderr);
    }

    /// <summary>The calls the script prints (<c>$ curl -X METHOD URLPATH</c>) each with the status after it (<c>&lt;- HTTP nnn</c>).</summary>
    private static List<(string Call, string Line, int Code)> ParseCalls(string stdout, int port)
    {
        var prefix = $"http://127.0.0.1:{port}";
        var calls = new List<(string, string, int)>();
        string? pending = null;
        var pendingLine = "";
        foreach (var line in stdout.Split('\n'))
        {
            if (CurlLine().Match(line) is { Success: true } curl)
            {
                pending.Should().BeNull("{0} printed no status", pending);
                var path = curl.Groups["url"].Value;
                path.Should().StartWith(prefix);
                pending = curl.Groups["method"].Value + " " + path[prefix.Length..];
                pendingLine = line;
            }
            else if (StatusLine().Match(line) is { Success: true } status && pending is not null)
            {
                calls.Add((pending, pendingLine, int.Parse(status.Groups["code"].Value, System.Globalization.CultureInfo.InvariantCulture)));
                pending = null;
            }
        }

        pending.Should().BeNull("{0} printed no status", pending);
        return calls;
    }

    /// <summary>The <c>call METHOD PATH</c> lines of the script whose output is not discarded, as "METHOD PATH".</summary>
    private static List<string> PlannedCalls(string script) =>
        script.Replace("\\\n", " ", StringComparison.Ordinal).Split('\n')
            .Select(l => ScriptCall().Match(l))
            .Where(m => m.Success && !m.Value.Contains(">/dev/null", StringComparison.Ordinal))
            .Select(m => m.Groups["method"].Value + " " + m.Groups["path"].Value.Trim('\''))
            .ToList();

    [GeneratedRegex(@"^\$ curl -X (?<method>[A-Z]+) (?<url>\S+)")]
    private static partial Regex CurlLine();

    [GeneratedRegex(@"^<- HTTP (?<code>\d{3})$")]
    private static partial Regex StatusLine();

    [GeneratedRegex(@"^\s*call (?<method>[A-Z]+) (?<path>'[^']*'|\S+).*$")]
    private static partial Regex ScriptCall();
}
