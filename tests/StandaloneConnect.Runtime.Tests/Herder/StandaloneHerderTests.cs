using StandaloneConnect.Runtime.Configuration;
using StandaloneConnect.Runtime.Herder;
using StandaloneConnect.Runtime.Tests.Workers;
using StandaloneConnect.Runtime.Workers;
using StandaloneConnect.Sdk;

namespace StandaloneConnect.Runtime.Tests.Herder;

[TestFixture]
[NonParallelizable]
public sealed class StandaloneHerderTests
{
    [Test]
    public async Task PutConnectorConfig_Valid_RunningWithTaskAndTaskClass()
    {
        await using var f = new WorkerFixture();
        var (info, created) = await f.Herder.PutConnectorConfigAsync("src", Source(), null, false, CancellationToken.None);

        created.Should().BeTrue();
        info.Type.Should().Be("source");
        info.Tasks.Should().Equal(new ConnectorTaskId("src", 0));
        await Eventually.UntilAsync(() => f.Herder.GetConnectorStatus("src").Tasks.Single().Status.State == ConnectState.Running,
            TimeSpan.FromSeconds(10), "the task runs");
        f.Herder.GetConnectorStatus("src").Connector.State.Should().Be(ConnectState.Running);
    }

    [Test]
    public async Task PutConnectorConfig_SameNameTwice_AlreadyExists()
    {
        await using var f = new WorkerFixture();
        await f.Herder.PutConnectorConfigAsync("src", Source(), null, false, CancellationToken.None);

        var act = () => f.Herder.PutConnectorConfigAsync("src", Source(), null, false, CancellationToken.None);

        await act.Should().ThrowAsync<AlreadyExistsException>().WithMessage("Connector src already exists");
    }

    [Test]
    public async Task PutConnectorConfig_InvalidValues_BadRequestListingEveryError()
    {
        await using var f = new WorkerFixture();
        var config = new Dictionary<string, string>
        {
            ["name"] = "bad",
            ["connector.class"] = "FileStreamSource",
            ["tasks.max"] = "abc",
            ["errors.tolerance"] = "some",
        };

        var act = () => f.Herder.PutConnectorConfigAsync("bad", config, null, false, CancellationToken.None);

        var error = (await act.Should().ThrowAsync<BadRequestException>()).Which;
        error.Message.Should().StartWith("Connector configuration is invalid and contains the following 3 error(s):")
            .And.Contain("Invalid value abc for configuration tasks.max: Not a number of type INT")
            .And.Contain("Invalid value some for configuration errors.tolerance: String must be one of (case insensitive): none, all")
            .And.Contain("Missing required configuration \"topic\" which has no default value.")
            .And.EndWith("You can also find the above list of errors at the endpoint `/connector-plugins/{connectorType}/config/validate`");
        f.Herder.ConnectorNames.Should().BeEmpty("an invalid connector is not registered");
    }

    [Test]
    public async Task PutConnectorConfig_NoConnectorClass_BadRequestWithKafkaText()
    {
        await using var f = new WorkerFixture();

        var act = () => f.Herder.PutConnectorConfigAsync("x", new Dictionary<string, string> { ["name"] = "x" }, null, false, CancellationToken.None);

        await act.Should().ThrowAsync<BadRequestException>().WithMessage("Connector config {name=x} contains no connector type");
    }

    [Test]
    public async Task PauseResumeStop_Transitions_AsKafka()
    {
        await using var f = new WorkerFixture();
        await f.Herder.PutConnectorConfigAsync("src", Source(), null, false, CancellationToken.None);
        await WaitTaskState(f, ConnectState.Running);

        await f.Herder.PauseConnectorAsync("src", CancellationToken.None);
        f.Herder.GetConnectorStatus("src").Connector.State.Should().Be(ConnectState.Paused);
        await WaitTaskState(f, ConnectState.Paused);

        await f.Herder.ResumeConnectorAsync("src", CancellationToken.None);
        f.Herder.GetConnectorStatus("src").Connector.State.Should().Be(ConnectState.Running);
        await WaitTaskState(f, ConnectState.Running);

        await f.Herder.StopConnectorAsync("src", CancellationToken.None);
        var stopped = f.Herder.GetConnectorStatus("src");
        stopped.Connector.State.Should().Be(ConnectState.Stopped);
        stopped.Tasks.Should().BeEmpty();
        f.Herder.GetConnectorInfo("src").Tasks.Should().BeEmpty();

        await f.Herder.ResumeConnectorAsync("src", CancellationToken.None);
        await WaitTaskState(f, ConnectState.Running);
        f.Herder.GetConnectorInfo("src").Tasks.Should().HaveCount(1, "resume from STOPPED regenerates task configs");
    }

    [Test]
    public async Task InitialStatePaused_TasksCreatedPaused()
    {
        await using var f = new WorkerFixture();
        await f.Herder.PutConnectorConfigAsync("src", Source(), TargetState.Paused, false, CancellationToken.None);

        f.Herder.GetConnectorStatus("src").Connector.State.Should().Be(ConnectState.Paused);
        await WaitTaskState(f, ConnectState.Paused);
    }

    [Test]
    public async Task InitialStateStopped_NoTasks()
    {
        await using var f = new WorkerFixture();
        var (info, _) = await f.Herder.PutConnectorConfigAsync("src", Source(), TargetState.Stopped, false, CancellationToken.None);

        info.Tasks.Should().BeEmpty();
        f.Herder.GetConnectorStatus("src").Connector.State.Should().Be(ConnectState.Stopped);
    }

    [Test]
    public async Task Delete_ThenQueries_NotFoundWithKafkaTexts()
    {
        await using var f = new WorkerFixture();
        await f.Herder.PutConnectorConfigAsync("src", Source(), null, false, CancellationToken.None);

        await f.Herder.DeleteConnectorAsync("src", CancellationToken.None);

        f.Herder.ConnectorNames.Should().BeEmpty();
        f.Invoking(x => x.Herder.GetConnectorStatus("src")).Should().Throw<NotFoundException>().WithMessage("No status found for connector src");
        f.Invoking(x => x.Herder.GetConnectorInfo("src")).Should().Throw<NotFoundException>().WithMessage("Connector src not found");
        await f.Awaiting(x => x.Herder.PauseConnectorAsync("src", CancellationToken.None)).Should().ThrowAsync<NotFoundException>()
            .WithMessage("Unknown connector src");
    }

    [Test]
    public async Task RestartTask_UnknownId_NotFound()
    {
        await using var f = new WorkerFixture();
        await f.Herder.PutConnectorConfigAsync("src", Source(), null, false, CancellationToken.None);

        await f.Awaiting(x => x.Herder.RestartTaskAsync("src", 5, CancellationToken.None)).Should().ThrowAsync<NotFoundException>()
            .WithMessage("Task src-5 not found");
    }

    [Test]
    public async Task RestartConnector_FailedTaskWithOnlyFailed_TaskRunsAgain()
    {
        await using var f = new WorkerFixture();
        var config = new Dictionary<string, string>(Source()) { ["fail.at"] = "0" };
        await f.Herder.PutConnectorConfigAsync("src", config, null, false, CancellationToken.None);
        await WaitTaskState(f, ConnectState.Failed);

        await f.Herder.RestartConnectorAsync("src", includeTasks: true, onlyFailed: true, CancellationToken.None);

        // the restarted task fails again on its first poll: it went through a fresh start
        await WaitTaskState(f, ConnectState.Failed);
        f.Herder.GetConnectorStatus("src").Connector.State.Should().Be(ConnectState.Running, "only failed items are restarted");
    }

    [Test]
    public async Task Resume_FailedConnector_StaysFailed()
    {
        await using var f = new WorkerFixture();
        var config = new Dictionary<string, string>(Source()) { ["connector.class"] = typeof(FailingStartConnector).FullName! };
        var act = () => f.Herder.PutConnectorConfigAsync("src", config, null, false, CancellationToken.None);
        await act.Should().ThrowAsync<ConnectException>().WithMessage("Failed to start connector src: *");

        await f.Herder.ResumeConnectorAsync("src", CancellationToken.None);

        f.Herder.GetConnectorStatus("src").Connector.State.Should().Be(ConnectState.Failed);
        f.Herder.GetConnectorStatus("src").Connector.Trace.Should().Contain("start failed on purpose");
    }

    private static async Task WaitTaskState(WorkerFixture f, ConnectState state) =>
        await Eventually.UntilAsync(() => f.Herder.GetConnectorStatus("src").Tasks is [var t] && t.Status.State == state,
            TimeSpan.FromSeconds(15), "the task is " + state);

    private static Dictionary<string, string> Source() => new()
    {
        ["name"] = "src",
        ["connector.class"] = typeof(CountingSourceConnector).FullName!,
        ["topic"] = "t",
        ["count"] = "1000000",
    };
}
