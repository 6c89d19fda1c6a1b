using System.Net;
using System.Net.Sockets;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging.Abstractions;
using StandaloneConnect.Runtime.Configuration;
using static StandaloneConnect.Rest.Tests.Hosting.HostingTestSupport;

namespace StandaloneConnect.Rest.Tests.Hosting;

public sealed class RestServerListenerTests
{
    [Test]
    public async Task StartAsync_AdminListenersUnset_ServesAdminOnRegularListener()
    {
        await using var server = await TestServer.StartAsync(Settings());

        using var response = await server.Client.GetAsync("/admin/loggers");

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        server.Server.AdminUrls.Should().Equal(server.Server.Urls);
    }

    [Test]
    public async Task StartAsync_AdminListenersSeparate_ServesEachRouteSetOnlyOnItsListener()
    {
        await using var server = await TestServer.StartAsync(Settings((WorkerConfig.AdminListeners, "http://127.0.0.1:0")));
        var adminUrl = server.Server.AdminUrls.Single();

        adminUrl.Port.Should().NotBe(server.Url.Port).And.BeGreaterThan(0);
        (await StatusAsync(server.Client, new Uri(adminUrl, "/admin/loggers"))).Should().Be(HttpStatusCode.OK);
        (await StatusAsync(server.Client, new Uri(server.Url, "/admin/loggers"))).Should().Be(HttpStatusCode.NotFound);
        (await StatusAsync(server.Client, new Uri(adminUrl, "/hello"))).Should().Be(HttpStatusCode.NotFound);
        (await StatusAsync(server.Client, new Uri(server.Url, "/hello"))).Should().Be(HttpStatusCode.OK);
    }

    [Test]
    public async Task StartAsync_AdminListenersEmpty_DoesNotServeAdmin()
    {
        await using var server = await TestServer.StartAsync(Settings((WorkerConfig.AdminListeners, "")));

        using var response = await server.Client.GetAsync("/admin/loggers");

        await RestServerErrorTests.ShouldBeErrorAsync(response, 404, "HTTP 404 Not Found");
        server.Server.AdminUrls.Should().BeEmpty();
    }

    [Test]
    public async Task StartAsync_Port0_ReportsActualPortAndAdvertisesIt()
    {
        await using var server = await TestServer.StartAsync(Settings());

        server.Url.Port.Should().BeGreaterThan(0);
        server.Url.Host.Should().Be("127.0.0.1");
        server.Server.AdvertisedUrl.Should().Be(new Uri($"http://127.0.0.1:{server.Url.Port}/"));
        server.Server.WorkerId.Should().Be($"127.0.0.1:{server.Url.Port}");
    }

    [Test]
    public async Task StartAsync_AdvertisedHostAndPort_AreApplied()
    {
        await using var server = await TestServer.StartAsync(Settings(
            (WorkerConfig.RestAdvertisedHostName, "connect.example.com"), (WorkerConfig.RestAdvertisedPort, "9999")));

        server.Server.AdvertisedUrl.Should().Be(new Uri("http://connect.example.com:9999/"));
        server.Server.WorkerId.Should().Be("connect.example.com:9999");
    }

    [Test]
    public async Task StartAsync_HostName_BindsItsAddressAndKeepsTheName()
    {
        await using var server = await TestServer.StartAsync(Settings((WorkerConfig.Listeners, "http://localhost:0")));

        server.Url.Host.Should().Be("localhost");
        server.Server.WorkerId.Should().Be($"localhost:{server.Url.Port}");
        (await StatusAsync(server.Client, new Uri($"http://127.0.0.1:{server.Url.Port}/hello"))).Should().Be(HttpStatusCode.OK);
    }

    [Test]
    public async Task StartAsync_PortInUse_ThrowsNamingTheListener()
    {
        using var blocker = new TcpListener(IPAddress.Loopback, 0);
        blocker.Start();
        var port = ((IPEndPoint)blocker.LocalEndpoint).Port;
        await using var server = new RestServer(Settings((WorkerConfig.Listeners, $"http://127.0.0.1:{port}")), NullLoggerFactory.Instance,
            MapTestApi, null);

        var act = () => server.StartAsync(CancellationToken.None);

        (await act.Should().ThrowAsync<Exception>()).Which.Message.Should().Contain($"http://127.0.0.1:{port}");
    }

    [Test]
    public async Task AdvertisedUrl_BeforeStart_Throws()
    {
        await using var server = new RestServer(Settings(), NullLoggerFactory.Instance, MapTestApi, null);

        var act = () => server.AdvertisedUrl;

        act.Should().Throw<InvalidOperationException>();
    }

    [Test]
    public async Task StopAsync_RequestInFlight_LetsItFinishThenRefusesConnections()
    {
        var entered = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var release = new SemaphoreSlim(0);
        await using var server = await TestServer.StartAsync(Settings(), routes => routes.MapGet("/wait", async () =>
        {
            entered.TrySetResult();
            await release.WaitAsync();
            return Results.Text("done");
        }));
        var url = server.Url;

        var pending = server.Client.GetStringAsync("/wait");
        await entered.Task.WaitAsync(TimeSpan.FromSeconds(10));
        var stopping = server.Server.StopAsync(CancellationToken.None);
        release.Release();

        (await pending.WaitAsync(TimeSpan.FromSeconds(10))).Should().Be("done");
        await stopping.WaitAsync(TimeSpan.FromSeconds(10));
        using var fresh = new HttpClient();
        var act = () => fresh.GetAsync(new Uri(url, "/hello"));
        await act.Should().ThrowAsync<HttpRequestException>();
    }

    private static async Task<HttpStatusCode> StatusAsync(HttpClient client, Uri url)
    {
        using var response = await client.GetAsync(url);
        return response.StatusCode;
    }
}
