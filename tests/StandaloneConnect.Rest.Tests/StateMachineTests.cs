using System.Net;
using System.Text.Json.Nodes;

namespace StandaloneConnect.Rest.Tests;

/// <summary>
/// The connector and task state machine (reference §2) driven through REST: pause, resume, stop, restart (plain, with
/// tasks, only failed), task restart, failures with traces, delete. One worker for the class; each test has its own connector.
/// </summary>
public sealed partial class StateMachineTests
{
    private RestTestHost _host = null!;

    [OneTimeSetUp]
    public async Task StartWorker()
    {
        _host = await RestTestHost.StartAsync("""
            config.providers=file
            config.providers.file.class=org.apache.kafka.common.config.provider.FileConfigProvider
            """);
        _host.Directory.WriteFile("in.txt", "");
    }

    [OneTimeTearDown]
    public async Task StopWorker() => await _host.DisposeAsync();

    // ---- pause / resume / stop -------------------------------------------------------------------------------------

    [Test]
    public async Task Pause_RunningConnector_Returns202AndPausesConnectorAndTasks()
    {
        await CreateRunningAsync("pause");

        var (status, body) = await _host.CallAsync(HttpMethod.Put, "/connectors/pause/pause");

        status.Should().Be(HttpStatusCode.Accepted);
        body.Should().BeNull();
        await _host.WaitForStatusAsync("pause", s => Is(s, "PAUSED", "PAUSED"), "connector and task should be PAUSED");
        (await _host.GetJsonAsync("/connectors/pause/tasks")).AsArray().Should().ContainSingle("a paused connector keeps its tasks");
    }

    [Test]
    public async Task Pause_AlreadyPaused_IsIdempotent()
    {
        await CreateRunningAsync("pause-twice");
        (await _host.CallAsync(HttpMethod.Put, "/connectors/pause-twice/pause")).Status.Should().Be(HttpStatusCode.Accepted);
        await _host.WaitForStatusAsync("pause-twice", s => Is(s, "PAUSED", "PAUSED"), "connector and task should be PAUSED");

        var (status, _) = await _host.CallAsync(HttpMethod.Put, "/connectors/pause-twice/pause");

        status.Should().Be(HttpStatusCode.Accepted);
        Is(await Status("pause-twice"), "PAUSED", "PAUSED").Should().BeTrue();
    }

    [Test]
    public async Task Resume_PausedConnector_Returns202AndRunsAgain()
    {
        await CreateRunningAsync("resume");
        await _host.CallAsync(HttpMethod.Put, "/connectors/resume/pause");
        await _host.WaitForStatusAsync("resume", s => Is(s, "PAUSED", "PAUSED"), "connector and task should be PAUSED");

        var (status, body) = await _host.CallAsync(HttpMethod.Put, "/connectors/resume/resume");

        status.Should().Be(HttpStatusCode.Accepted);
        body.Should().BeNull();
        await _host.WaitForStatusAsync("resume", s => Is(s, "RUNNING", "RUNNING"), "connector and task should run again");
    }

    [Test]
    public async Task Resume_RunningConnector_IsIdempotent()
    {
        await CreateRunningAsync("resume-running");

        var (status, _) = await _host.CallAsync(HttpMethod.Put, "/connectors/resume-running/resume");

        status.Should().Be(HttpStatusCode.Accepted);
        Is(await Status("resume-running"), "RUNNING", "RUNNING").Should().BeTrue();
    }

    [Test]
    public async Task Stop_RunningConnector_Returns204AndRemovesTasks()
    {
        await CreateRunningAsync("stop");

        var (status, body) = await _host.CallAsync(HttpMethod.Put, "/connectors/stop/stop");

        status.Should().Be(HttpStatusCode.NoContent);
        body.Should().BeNull();
        var after = await Status("stop");
        State(after).Should().Be("STOPPED");
        after["tasks"]!.AsArray().Should().BeEmpty();
        (await _host.GetJsonAsync("/connectors/stop"))["tasks"]!.AsArray().Should().BeEmpty();
        (await _host.GetJsonAsync("/connectors/stop/tasks")).AsArray().Should().BeEmpty();
    }

    [Test]
    public async Task Stop_Twice_IsIdempotent()
    {
        await CreateRunningAsync("stop-twice");
        (await _host.CallAsync(HttpMethod.Put, "/connectors/stop-twice/stop")).Status.Should().Be(HttpStatusCode.NoContent);

        var (status, _) = await _host.CallAsync(HttpMethod.Put, "/connectors/stop-twice/stop");

        status.Should().Be(HttpStatusCode.NoContent);
        var after = await Status("stop-twice");
        State(after).Should().Be("STOPPED");
        after["tasks"]!.AsArray().Should().BeEmpty();
    }

    [Test]
    public async Task Resume_StoppedConnector_RegeneratesTasksAndRuns()
    {
        await CreateRunningAsync("resume-stopped");
        await _host.CallAsync(HttpMethod.Put, "/connectors/resume-stopped/stop");

        var (status, _) = await _host.CallAsync(HttpMethod.Put, "/connectors/resume-stopped/resume");

        status.Should().Be(HttpStatusCode.Accepted);
        await _host.WaitForStatusAsync("resume-stopped", s => Is(s, "RUNNING", "RUNNING"), "the connector should run with a new task");
        var tasks = await _host.GetJsonAsync("/connectors/resume-stopped/tasks");
        tasks.AsArray().Should().ContainSingle();
        tasks[0]!["config"]!["topic"]!.GetValue<string>().Should().Be("rest-topic");
    }

    [Test]
    public async Task Pause_StoppedConnectorThenResume_Runs()
    {
        await CreateRunningAsync("stopped-paused");
        await _host.CallAsync(HttpMethod.Put, "/connectors/stopped-paused/stop");
        (await _host.CallAsync(HttpMethod.Put, "/connectors/stopped-paused/pause")).Status.Should().Be(HttpStatusCode.Accepted);

        (await _host.CallAsync(HttpMethod.Put, "/connectors/stopped-paused/resume")).Status.Should().Be(HttpStatusCode.Accepted);

        await _host.WaitForStatusAsync("stopped-paused", s => Is(s, "RUNNING", "RUNNING"), "the connector should run with a new task");
    }

    // ---- restart ---------------------------------------------------------------------------------------------------

    [Test]
    public async Task Restart_Plain_Returns204WithoutBodyAndKeepsRunning()
    {
        await CreateRunningAsync("restart-plain");

        using var response = await _host.SendAsync(HttpMethod.Post, "/connectors/restart-plain/restart");

        response.StatusCode.Should().Be(HttpStatusCode.NoContent);
        (await response.Content.ReadAsStringAsync()).Should().BeEmpty();
        await _host.WaitForStatusAsync("restart-plain", s => Is(s, "RUNNING", "RUNNING"), "the connector should run after the restart");
    }

    [TestCase("includeTasks=true")]
    [TestCase("includeTasks=true&onlyFailed=false")]
    public async Task Restart_IncludeTasks_Returns202WithEverythingRestartingThenRuns(string query)
    {
        var name = "restart-tasks-" + query.Length;
        await CreateRunningAsync(name);

        var (status, body) = await _host.CallAsync(HttpMethod.Post, $"/connectors/{name}/restart?{query}");

        status.Should().Be(HttpStatusCode.Accepted);
        body!["name"]!.GetValue<string>().Should().Be(name);
        body["type"]!.GetValue<string>().Should().Be("source");
        Is(body, "RESTARTING", "RESTARTING").Should().BeTrue(body!.ToJsonString());
        await _host.WaitForStatusAsync(name, s => Is(s, "RUNNING", "RUNNING"), "connector and task should run after the restart");
    }

    [Test]
    public async Task Restart_IncludeTasksOnPausedConnector_ReturnsToPaused()
    {
        await CreateRunningAsync("restart-paused");
        await _host.CallAsync(HttpMethod.Put, "/connectors/restart-paused/pause");
        await _host.WaitForStatusAsync("restart-paused", s => Is(s, "PAUSED", "PAUSED"), "connector and task should be PAUSED");

        var (status, body) = await _host.CallAsync(HttpMethod.Post, "/connectors/restart-paused/restart?includeTasks=true");

        status.Should().Be(HttpStatusCode.Accepted);
        Is(body!, "RESTARTING", "RESTARTING").Should().BeTrue(body!.ToJsonString());
        await _host.WaitForStatusAsync("restart-paused", s => Is(s, "PAUSED", "PAUSED"), "the restarted connector keeps its target state PAUSED");
    }

    [Test]
    public async Task Restart_StoppedConnector_StaysStopped()
    {
        await CreateRunningAsync("restart-stopped");
        await _host.CallAsync(HttpMethod.Put, "/connectors/restart-stopped/stop");

        var (plainStatus, plainBody) = await _host.CallAsync(HttpMethod.Post, "/connectors/restart-stopped/restart");
        var (status, body) = await _host.CallAsync(HttpMethod.Post, "/connectors/restart-stopped/restart?includeTasks=true");

        plainStatus.Should().Be(HttpStatusCode.NoContent);
        plainBody.Should().BeNull();
        status.Should().Be(HttpStatusCode.Accepted);
        Is(body!, "RESTARTING", "").Should().BeTrue(body!.ToJsonString());
        Is(await Status("restart-stopped"), "STOPPED", "").Should().BeTrue("a restart applies the target state STOPPED again");
        (await _host.GetJsonAsync("/connectors/restart-stopped/tasks")).AsArray().Should().BeEmpty();
        var (taskStatus, taskBody) = await _host.CallAsync(HttpMethod.Get, "/connectors/restart-stopped/tasks/0/status");
        taskStatus.Should().Be(HttpStatusCode.NotFound);
        RestTestHost.ShouldBeError(taskBody, 404, "No status found for task restart-stopped-0");
    }

    [Test]
    public async Task Restart_OnlyFailedOnHealthyConnector_Returns202AndRestartsNothing()
    {
        await CreateRunningAsync("restart-healthy");

        var (status, body) = await _host.CallAsync(HttpMethod.Post, "/connectors/restart-healthy/restart?includeTasks=true&onlyFailed=true");

        status.Should().Be(HttpStatusCode.Accepted);
        Is(body!, "RUNNING", "RUNNING").Should().BeTrue(body!.ToJsonString());
        Is(await Status("restart-healthy"), "RUNNING", "RUNNING").Should().BeTrue();
    }

    [Test]
    public async Task Restart_OnlyFailedWithoutIncludeTasks_Returns202AndRestartsNothing()
    {
        await CreateRunningAsync("restart-onlyfailed");

        var (status, body) = await _host.CallAsync(HttpMethod.Post, "/connectors/restart-onlyfailed/restart?onlyFailed=true");

        status.Should().Be(HttpStatusCode.Accepted);
        Is(body!, "RUNNING", "RUNNING").Should().BeTrue(body!.ToJsonString());
    }

    [Test]
    public async Task RestartTask_ExistingTask_Returns204AndTaskRuns()
    {
        await CreateRunningAsync("restart-task");

        using var response = await _host.SendAsync(HttpMethod.Post, "/connectors/restart-task/tasks/0/restart");

        response.StatusCode.Should().Be(HttpStatusCode.NoContent);
        (await response.Content.ReadAsStringAsync()).Should().BeEmpty();
        await _host.WaitForStatusAsync("restart-task", s => Is(s, "RUNNING", "RUNNING"), "the task should run after its restart");
    }

    [Test]
    public async Task RestartTask_PausedConnector_TaskComesBackPaused()
    {
        await CreateRunningAsync("restart-task-paused");
        await _host.CallAsync(HttpMethod.Put, "/connectors/restart-task-paused/pause");
        await _host.WaitForStatusAsync("restart-task-paused", s => Is(s, "PAUSED", "PAUSED"), "connector and task should be PAUSED");

        var (status, _) = await _host.CallAsync(HttpMethod.Post, "/connectors/restart-task-paused/tasks/0/restart");

        status.Should().Be(HttpStatusCode.NoContent);
        await _host.WaitForStatusAsync("restart-task-paused", s => Is(s, "PAUSED", "PAUSED"), "a restarted task starts in the target state PAUSED");
        await ShouldStayAsync("restart-task-paused", s => Is(s, "PAUSED", "PAUSED"), TimeSpan.FromMilliseconds(300), "the task must not start running");
    }

    [TestCase(9)]
    [TestCase(1)]
    public async Task RestartTask_UnknownTask_Returns404AndAddsNoStatus(int task)
    {
        var name = "restart-task-missing-" + task;
        await CreateRunningAsync(name);

        var (status, body) = await _host.CallAsync(HttpMethod.Post, $"/connectors/{name}/tasks/{task}/restart");

        status.Should().Be(HttpStatusCode.NotFound);
        RestTestHost.ShouldBeError(body, 404);
        body!["message"]!.GetValue<string>().Should().Be($"Task {name}-{task} not found");
        (await Status(name))["tasks"]!.AsArray().Should().ContainSingle("no status may be recorded for a task that does not exist");
    }

    // ---- helpers ---------------------------------------------------------------------------------------------------

    private async Task CreateRunningAsync(string name)
    {
        var (status, body) = await _host.CallAsync(HttpMethod.Post, "/connectors",
            new JsonObject { ["name"] = name, ["config"] = _host.SourceConfig() }.ToJsonString());
        status.Should().Be(HttpStatusCode.Created, body?.ToJsonString());
        await _host.WaitForStatusAsync(name, s => Is(s, "RUNNING", "RUNNING"), $"{name} should be RUNNING with one RUNNING task");
    }

    /// <summary>A FileStreamSink whose <c>file</c> is a directory: its task fails at start. Returns the directory.</summary>
    private async Task<string> CreateFailingSinkAsync(string name)
    {
        var directory = _host.Directory.CreateDirectory("dir-" + name);
        var (status, body) = await _host.CallAsync(HttpMethod.Post, "/connectors",
            new JsonObject { ["name"] = name, ["config"] = _host.SinkConfig(file: "dir-" + name, topic: "sm-" + name) }.ToJsonString());
        status.Should().Be(HttpStatusCode.Created, body?.ToJsonString());
        await _host.WaitForStatusAsync(name, s => Is(s, "RUNNING", "FAILED"), $"{name}'s task should fail at start");
        return directory;
    }

    /// <summary>
    /// A FileStreamSource whose batch.size comes from a config provider file: created valid, then the file is changed to
    /// an invalid value and the connector restarted, so the connector instance fails at start. Returns the file.
    /// </summary>
    private async Task<string> CreateFailedConnectorAsync(string name)
    {
        var secrets = _host.Directory.WriteFile($"{name}.properties", "batch=10\n");
        var config = _host.SourceConfig();
        config["batch.size"] = $"${{file:{secrets}:batch}}";
        var (status, body) = await _host.CallAsync(HttpMethod.Post, "/connectors", new JsonObject { ["name"] = name, ["config"] = config }.ToJsonString());
        status.Should().Be(HttpStatusCode.Created, body?.ToJsonString());
        await _host.WaitForStatusAsync(name, s => Is(s, "RUNNING", "RUNNING"), $"{name} should be RUNNING with one RUNNING task");
        await File.WriteAllTextAsync(secrets, "batch=not-a-number\n");
        await _host.CallAsync(HttpMethod.Post, $"/connectors/{name}/restart");
        await _host.WaitForStatusAsync(name, s => State(s) == "FAILED", $"{name} should fail on restart");
        return secrets;
    }

    private Task<JsonNode> Status(string name) => _host.GetJsonAsync($"/connectors/{name}/status");

    /// <summary>Polls the status for <paramref name="duration"/>, failing as soon as <paramref name="condition"/> does not hold.</summary>
    private async Task ShouldStayAsync(string name, Func<JsonNode, bool> condition, TimeSpan duration, string because)
    {
        var end = DateTime.UtcNow + duration;
        do
        {
            var status = await Status(name);
            condition(status).Should().BeTrue("{0}; status: {1}", because, status.ToJsonString());
            await Task.Delay(Eventually.PollInterval);
        }
        while (DateTime.UtcNow < end);
    }

    private static string State(JsonNode status) => status["connector"]!["state"]!.GetValue<string>();

    private static string TaskStates(JsonNode status) =>
        string.Join(",", status["tasks"]!.AsArray().Select(t => t!["state"]!.GetValue<string>()));

    /// <summary>The connector is in <paramref name="connector"/> and its tasks' states, comma-separated, are <paramref name="task"/> ("" for none).</summary>
    private static bool Is(JsonNode status, string connector, string task) => State(status) == connector && TaskStates(status) == task;
}
