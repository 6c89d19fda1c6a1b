using System.Net;
using System.Text.Json.Nodes;

namespace StandaloneConnect.Rest.Tests;

/// <summary>FAILED connectors and tasks, config updates in a target state, delete.</summary>
public sealed partial class StateMachineTests
{
    // ---- failures --------------------------------------------------------------------------------------------------

    [Test]
    public async Task SinkTask_FileIsADirectory_FailsTheTaskWithTraceConnectorRunning()
    {
        await CreateFailingSinkAsync("sink-fails");

        var status = await Status("sink-fails");

        State(status).Should().Be("RUNNING");
        status["connector"]!.AsObject().ContainsKey("trace").Should().BeFalse();
        var task = await _host.GetJsonAsync("/connectors/sink-fails/tasks/0/status");
        task["state"]!.GetValue<string>().Should().Be("FAILED");
        task["trace"]!.GetValue<string>().Should().Contain("Couldn't find or create file").And.Contain("\n", "the trace is the whole exception text");
        status["tasks"]![0]!["trace"]!.GetValue<string>().Should().Be(task["trace"]!.GetValue<string>());
    }

    [Test]
    public async Task Status_HealthyConnector_OmitsTrace()
    {
        await CreateRunningAsync("no-trace");

        var status = await Status("no-trace");
        var task = await _host.GetJsonAsync("/connectors/no-trace/tasks/0/status");

        status["connector"]!.AsObject().Select(p => p.Key).Should().BeEquivalentTo("state", "worker_id");
        status["tasks"]![0]!.AsObject().Select(p => p.Key).Should().BeEquivalentTo("id", "state", "worker_id");
        task.AsObject().Select(p => p.Key).Should().BeEquivalentTo("id", "state", "worker_id");
    }

    [Test]
    public async Task FailedTask_PlainRestartPauseResumeAndTime_StaysFailed()
    {
        await CreateFailingSinkAsync("stays-failed");
        var trace = (await Status("stays-failed"))["tasks"]![0]!["trace"]!.GetValue<string>();

        (await _host.CallAsync(HttpMethod.Post, "/connectors/stays-failed/restart")).Status.Should().Be(HttpStatusCode.NoContent);
        (await _host.CallAsync(HttpMethod.Put, "/connectors/stays-failed/pause")).Status.Should().Be(HttpStatusCode.Accepted);
        (await _host.CallAsync(HttpMethod.Put, "/connectors/stays-failed/resume")).Status.Should().Be(HttpStatusCode.Accepted);
        await ShouldStayAsync("stays-failed", s => TaskStates(s) == "FAILED" && s["tasks"]![0]!["trace"]!.GetValue<string>() == trace,
            TimeSpan.FromSeconds(1), "a FAILED task is never restarted automatically, nor by a connector-only restart, pause or resume");
    }

    [Test]
    public async Task Restart_OnlyFailedWithFailedTask_RestartsOnlyThatTask()
    {
        var directory = await CreateFailingSinkAsync("restart-failed-task");
        Directory.Delete(directory); // the file can now be created: the restarted task will run

        var (status, body) = await _host.CallAsync(HttpMethod.Post, "/connectors/restart-failed-task/restart?includeTasks=true&onlyFailed=true");

        status.Should().Be(HttpStatusCode.Accepted);
        Is(body!, "RUNNING", "RESTARTING").Should().BeTrue(body!.ToJsonString());
        body["tasks"]![0]!.AsObject().ContainsKey("trace").Should().BeFalse();
        await _host.WaitForStatusAsync("restart-failed-task", s => Is(s, "RUNNING", "RUNNING"), "the restarted task should run");
    }

    [Test]
    public async Task RestartTask_FailedTask_RunsAgainOnceTheCauseIsGone()
    {
        var directory = await CreateFailingSinkAsync("restart-one-failed");
        Directory.Delete(directory);

        var (status, _) = await _host.CallAsync(HttpMethod.Post, "/connectors/restart-one-failed/tasks/0/restart");

        status.Should().Be(HttpStatusCode.NoContent);
        var running = await _host.WaitForStatusAsync("restart-one-failed", s => Is(s, "RUNNING", "RUNNING"), "the restarted task should run");
        running["tasks"]![0]!.AsObject().ContainsKey("trace").Should().BeFalse();
    }

    [Test]
    public async Task Pause_FailedConnector_Returns202AndStaysFailed()
    {
        await CreateFailedConnectorAsync("pause-failed");

        var (status, _) = await _host.CallAsync(HttpMethod.Put, "/connectors/pause-failed/pause");

        status.Should().Be(HttpStatusCode.Accepted);
        var after = await Status("pause-failed");
        State(after).Should().Be("FAILED");
        after["connector"]!["trace"]!.GetValue<string>().Should().NotBeNullOrEmpty();
    }

    [Test]
    public async Task Stop_FailedConnector_IsStopped()
    {
        await CreateFailedConnectorAsync("stop-failed");

        var (status, _) = await _host.CallAsync(HttpMethod.Put, "/connectors/stop-failed/stop");

        status.Should().Be(HttpStatusCode.NoContent);
        var after = await Status("stop-failed");
        State(after).Should().Be("STOPPED");
        after["connector"]!.AsObject().ContainsKey("trace").Should().BeFalse();
        after["tasks"]!.AsArray().Should().BeEmpty();
    }

    [Test]
    public async Task Restart_OnlyFailedWithFailedConnector_RestartsTheConnector()
    {
        var secrets = await CreateFailedConnectorAsync("restart-failed-connector");
        await File.WriteAllTextAsync(secrets, "batch=20\n");

        var (status, body) = await _host.CallAsync(HttpMethod.Post, "/connectors/restart-failed-connector/restart?onlyFailed=true");

        status.Should().Be(HttpStatusCode.Accepted);
        State(body!).Should().Be("RESTARTING", body!.ToJsonString());
        body["tasks"]!.AsArray().Should().OnlyContain(t => t!["state"]!.GetValue<string>() == "RUNNING", "tasks are not included");
        await _host.WaitForStatusAsync("restart-failed-connector", s => State(s) == "RUNNING", "the restarted connector should run");
    }

    // ---- config updates keep the target state -----------------------------------------------------------------------

    [TestCase("pause", "PAUSED", "PAUSED")]
    [TestCase("stop", "STOPPED", "")]
    public async Task PutConfig_PausedOrStoppedConnector_KeepsTheTargetState(string action, string state, string taskStates)
    {
        var name = "update-" + action;
        await CreateRunningAsync(name);
        await _host.CallAsync(HttpMethod.Put, $"/connectors/{name}/{action}");
        await _host.WaitForStatusAsync(name, s => Is(s, state, taskStates), $"the connector should be {state}");

        var (status, body) = await _host.CallAsync(HttpMethod.Put, $"/connectors/{name}/config", _host.SourceConfig(topic: "updated").ToJsonString());

        status.Should().Be(HttpStatusCode.OK, body?.ToJsonString());
        await _host.WaitForStatusAsync(name, s => Is(s, state, taskStates), $"an updated config must not change the target state {state}");
        (await _host.GetJsonAsync($"/connectors/{name}/config"))["topic"]!.GetValue<string>().Should().Be("updated");
    }

    // ---- delete ----------------------------------------------------------------------------------------------------

    [Test]
    public async Task Delete_RunningConnector_Returns204ThenNotFound()
    {
        await CreateRunningAsync("delete");

        var (status, body) = await _host.CallAsync(HttpMethod.Delete, "/connectors/delete");

        status.Should().Be(HttpStatusCode.NoContent);
        body.Should().BeNull();
        var (infoStatus, info) = await _host.CallAsync(HttpMethod.Get, "/connectors/delete");
        infoStatus.Should().Be(HttpStatusCode.NotFound);
        RestTestHost.ShouldBeError(info, 404, "Connector delete not found");
        var (statusStatus, statusBody) = await _host.CallAsync(HttpMethod.Get, "/connectors/delete/status");
        statusStatus.Should().Be(HttpStatusCode.NotFound);
        RestTestHost.ShouldBeError(statusBody, 404, "No status found for connector delete");
        (await _host.GetJsonAsync("/connectors")).AsArray().Select(n => n!.GetValue<string>()).Should().NotContain("delete");
        (await _host.CallAsync(HttpMethod.Delete, "/connectors/delete")).Status.Should().Be(HttpStatusCode.NotFound);
    }

    [Test]
    public async Task Delete_ThenCreateSameName_StartsFresh()
    {
        await CreateRunningAsync("recreate");
        await _host.CallAsync(HttpMethod.Put, "/connectors/recreate/pause");
        (await _host.CallAsync(HttpMethod.Delete, "/connectors/recreate")).Status.Should().Be(HttpStatusCode.NoContent);

        await CreateRunningAsync("recreate");

        Is(await Status("recreate"), "RUNNING", "RUNNING").Should().BeTrue("a new connector starts in RUNNING, not the old target state");
    }
}
