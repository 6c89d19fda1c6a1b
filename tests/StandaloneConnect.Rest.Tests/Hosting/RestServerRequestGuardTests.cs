using System.Net;
using System.Net.Http.Headers;
using System.Text;
using StandaloneConnect.Runtime.Configuration;
using static StandaloneConnect.Rest.Tests.Hosting.HostingTestSupport;

namespace StandaloneConnect.Rest.Tests.Hosting;

/// <summary>Cross-site requests and DNS rebinding: JSON-only bodies, the Origin of state-changing requests, the Host header.</summary>
public sealed class RestServerRequestGuardTests
{
    private const string Evil = "http://attacker.example";

    [TestCase("text/plain")]
    [TestCase("text/plain; charset=utf-8")]
    [TestCase("application/x-www-form-urlencoded")]
    [TestCase("multipart/form-data; boundary=x")]
    [TestCase("application/json; charset=iso-8859-1")]
    [TestCase("application/json; charset=utf-8; q=1")]
    [TestCase("application/json; charset=\"utf-8\"")]
    [TestCase("application/vnd.kafka+json")]
    public async Task Post_BodyThatIsNotJson_Answers415(string contentType)
    {
        await using var server = await TestServer.StartAsync(Settings());
        using var content = new ByteArrayContent("{\"a\":\"b\"}"u8.ToArray());
        content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);

        using var response = await server.Client.PostAsync("/echo", content);

        await RestServerErrorTests.ShouldBeErrorAsync(response, 415, "HTTP 415 Unsupported Media Type: the request body must be JSON*");
    }

    [Test]
    public async Task Post_BodyWithoutContentType_Answers415()
    {
        await using var server = await TestServer.StartAsync(Settings());
        using var content = new ByteArrayContent("{\"a\":\"b\"}"u8.ToArray());

        using var response = await server.Client.PostAsync("/echo", content);

        await RestServerErrorTests.ShouldBeErrorAsync(response, 415, "HTTP 415 Unsupported Media Type*without Content-Type*");
    }

    [TestCase("application/json")]
    [TestCase("application/json; charset=utf-8")]
    [TestCase("Application/JSON; Charset=UTF-8")]
    public async Task Post_JsonBody_IsServed(string contentType)
    {
        await using var server = await TestServer.StartAsync(Settings());
        using var content = new ByteArrayContent("{\"a\":\"b\"}"u8.ToArray());
        content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);

        using var response = await server.Client.PostAsync("/echo", content);

        var text = await response.Content.ReadAsStringAsync();
        response.StatusCode.Should().Be(HttpStatusCode.OK, text);
        text.Should().Be("{\"a\":\"b\"}");
    }

    [Test]
    public async Task Post_BoundJsonBodyNotUtf8_Answers400()
    {
        await using var server = await TestServer.StartAsync(Settings());
        using var content = new ByteArrayContent([.. "{\"a\":\""u8, 0xFF, .. "\"}"u8]);
        content.Headers.ContentType = MediaTypeHeaderValue.Parse("application/json");

        using var response = await server.Client.PostAsync("/echo", content);

        await RestServerErrorTests.ShouldBeErrorAsync(response, 400, "Invalid JSON in request body: *");
    }

    [Test]
    public async Task Post_WithoutBodyOrContentType_IsServed()
    {
        await using var server = await TestServer.StartAsync(Settings());

        using var response = await server.Client.PostAsync("/poke", null);

        response.StatusCode.Should().Be(HttpStatusCode.NoContent);
    }

    [Test]
    public async Task Post_EmptyBodyWithFormContentType_Answers415()
    {
        // What <form method=post> or fetch(..., {mode: 'no-cors', body: ''}) sends: no preflight needed.
        await using var server = await TestServer.StartAsync(Settings());
        using var content = new StringContent("", Encoding.UTF8, "application/x-www-form-urlencoded");

        using var response = await server.Client.PostAsync("/poke", content);

        response.StatusCode.Should().Be(HttpStatusCode.UnsupportedMediaType);
    }

    [TestCase("POST")]
    [TestCase("DELETE")]
    public async Task StateChange_FromForeignOrigin_Answers403(string method)
    {
        await using var server = await TestServer.StartAsync(Settings());
        using var request = new HttpRequestMessage(new HttpMethod(method), "/poke");
        request.Headers.Add("Origin", Evil);

        using var response = await server.Client.SendAsync(request);

        await RestServerErrorTests.ShouldBeErrorAsync(response, 403,
            $"Cross-origin {method} request from '{Evil}' refused: the origin is not allowed by access.control.allow.origin.");
    }

    [Test]
    public async Task StateChange_FromNullOrigin_Answers403()
    {
        await using var server = await TestServer.StartAsync(Settings());
        using var request = new HttpRequestMessage(HttpMethod.Post, "/poke");
        request.Headers.Add("Origin", "null");

        using var response = await server.Client.SendAsync(request);

        response.StatusCode.Should().Be(HttpStatusCode.Forbidden);
    }

    [Test]
    public async Task StateChange_FromOwnOrigin_IsServed()
    {
        await using var server = await TestServer.StartAsync(Settings());
        using var request = new HttpRequestMessage(HttpMethod.Post, "/poke");
        request.Headers.Add("Origin", server.Url.GetLeftPart(UriPartial.Authority));

        using var response = await server.Client.SendAsync(request);

        response.StatusCode.Should().Be(HttpStatusCode.NoContent);
    }

    [TestCase("http://ui.example.com")]
    [TestCase("*")]
    [TestCase("http://*.example.com")]
    public async Task StateChange_FromAllowedOrigin_IsServed(string allowed)
    {
        await using var server = await TestServer.StartAsync(Settings((WorkerConfig.AccessControlAllowOrigin, allowed)));
        using var request = new HttpRequestMessage(HttpMethod.Post, "/poke");
        request.Headers.Add("Origin", "http://ui.example.com");

        using var response = await server.Client.SendAsync(request);

        response.StatusCode.Should().Be(HttpStatusCode.NoContent);
    }

    [Test]
    public async Task Get_FromForeignOrigin_IsServedWithoutCorsHeaders()
    {
        await using var server = await TestServer.StartAsync(Settings());
        using var request = new HttpRequestMessage(HttpMethod.Get, "/hello");
        request.Headers.Add("Origin", Evil);

        using var response = await server.Client.SendAsync(request);

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        response.Headers.Contains("Access-Control-Allow-Origin").Should().BeFalse();
    }

    [TestCase("attacker.example")]
    [TestCase("attacker.example:8083")]
    [TestCase("127.0.0.1.nip.io")]
    [TestCase("localhost.attacker.example")]
    public async Task Get_ForeignHostWithoutAuthentication_Answers403(string host)
    {
        await using var server = await TestServer.StartAsync(Settings());
        using var request = new HttpRequestMessage(HttpMethod.Get, "/hello");
        request.Headers.Host = host;

        using var response = await server.Client.SendAsync(request);

        await RestServerErrorTests.ShouldBeErrorAsync(response, 403, $"Host header '{host}' is not a name of this worker*DNS rebinding*");
    }

    [TestCase("localhost")]
    [TestCase("LOCALHOST:8083")]
    [TestCase("localhost.")]
    [TestCase("app.localhost")]
    [TestCase("127.0.0.1:8083")]
    [TestCase("10.1.2.3")]
    [TestCase("[::1]:8083")]
    public async Task Get_LoopbackOrAddressHost_IsServed(string host)
    {
        await using var server = await TestServer.StartAsync(Settings());
        using var request = new HttpRequestMessage(HttpMethod.Get, "/hello");
        request.Headers.Host = host;

        using var response = await server.Client.SendAsync(request);

        response.StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Test]
    public async Task Get_AdvertisedOrMachineHostName_IsServed()
    {
        await using var server = await TestServer.StartAsync(Settings((WorkerConfig.RestAdvertisedHostName, "connect.internal")));

        foreach (var host in new[] { "connect.internal:8083", "CONNECT.internal", Dns.GetHostName() })
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, "/hello");
            request.Headers.Host = host;
            using var response = await server.Client.SendAsync(request);
            response.StatusCode.Should().Be(HttpStatusCode.OK, host);
        }
    }

    [Test]
    public async Task Get_ForeignHostWithBasicAuth_IsServed()
    {
        using var directory = new TemporaryDirectory();
        var file = directory.WriteFile("users.properties", "alice: secret\n");
        await using var server = await TestServer.StartAsync(Settings((WorkerConfig.RestBasicAuthCredentialsFile, file)));
        using var request = new HttpRequestMessage(HttpMethod.Get, "/hello");
        request.Headers.Host = "connect.example.com";
        request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String("alice:secret"u8.ToArray()));

        using var response = await server.Client.SendAsync(request);

        response.StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Test]
    public async Task StateChange_FromForeignOriginWithBasicAuth_Answers403()
    {
        // A browser re-sends cached basic credentials with a cross-site request: authentication is no defence here.
        using var directory = new TemporaryDirectory();
        var file = directory.WriteFile("users.properties", "alice: secret\n");
        await using var server = await TestServer.StartAsync(Settings((WorkerConfig.RestBasicAuthCredentialsFile, file)));
        using var request = new HttpRequestMessage(HttpMethod.Post, "/poke");
        request.Headers.Add("Origin", Evil);
        request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String("alice:secret"u8.ToArray()));

        using var response = await server.Client.SendAsync(request);

        response.StatusCode.Should().Be(HttpStatusCode.Forbidden);
    }
}
