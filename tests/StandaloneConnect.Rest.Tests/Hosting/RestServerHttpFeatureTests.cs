using System.Net;
using System.Net.Http.Headers;
using System.Text;
using StandaloneConnect.Runtime.Configuration;
using StandaloneConnect.Sdk.Config;
using static StandaloneConnect.Rest.Tests.Hosting.HostingTestSupport;

namespace StandaloneConnect.Rest.Tests.Hosting;

/// <summary>CORS, response header rules and basic authentication.</summary>
public sealed class RestServerHttpFeatureTests
{
    private const string Origin = "http://ui.example.com";

    [Test]
    public async Task Options_PreflightFromAllowedOrigin_IsAnsweredWithCorsHeaders()
    {
        await using var server = await TestServer.StartAsync(Settings((WorkerConfig.AccessControlAllowOrigin, Origin)));
        using var request = Preflight("GET");

        using var response = await server.Client.SendAsync(request);

        response.StatusCode.Should().Be(HttpStatusCode.NoContent);
        Header(response, "Access-Control-Allow-Origin").Should().Be(Origin);
        Header(response, "Access-Control-Allow-Methods").Should().Be("GET,POST,HEAD");
        Header(response, "Access-Control-Allow-Credentials").Should().Be("true");
        Header(response, "Access-Control-Max-Age").Should().Be("1800");
    }

    [Test]
    public async Task Options_PreflightForConfiguredMethod_IsAllowed()
    {
        await using var server = await TestServer.StartAsync(Settings(
            (WorkerConfig.AccessControlAllowOrigin, "http://*.example.com"), (WorkerConfig.AccessControlAllowMethods, "GET,PUT,DELETE")));
        using var request = Preflight("DELETE");

        using var response = await server.Client.SendAsync(request);

        Header(response, "Access-Control-Allow-Origin").Should().Be(Origin);
        Header(response, "Access-Control-Allow-Methods").Should().Be("GET,PUT,DELETE");
    }

    [Test]
    public async Task Get_FromAllowedOrigin_EchoesTheOrigin()
    {
        await using var server = await TestServer.StartAsync(Settings((WorkerConfig.AccessControlAllowOrigin, "http://other.example.com," + Origin)));
        using var request = new HttpRequestMessage(HttpMethod.Get, "/hello");
        request.Headers.Add("Origin", Origin);

        using var response = await server.Client.SendAsync(request);

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        Header(response, "Access-Control-Allow-Origin").Should().Be(Origin);
        response.Headers.Vary.Should().Contain("Origin");
    }

    [Test]
    public async Task Get_FromOtherOrigin_HasNoCorsHeaders()
    {
        await using var server = await TestServer.StartAsync(Settings((WorkerConfig.AccessControlAllowOrigin, "http://other.example.com")));
        using var request = new HttpRequestMessage(HttpMethod.Get, "/hello");
        request.Headers.Add("Origin", Origin);

        using var response = await server.Client.SendAsync(request);

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        response.Headers.Contains("Access-Control-Allow-Origin").Should().BeFalse();
    }

    [Test]
    public async Task Get_CorsDisabled_HasNoCorsHeaders()
    {
        await using var server = await TestServer.StartAsync(Settings());
        using var request = new HttpRequestMessage(HttpMethod.Get, "/hello");
        request.Headers.Add("Origin", Origin);

        using var response = await server.Client.SendAsync(request);

        response.Headers.Contains("Access-Control-Allow-Origin").Should().BeFalse();
    }

    [Test]
    public async Task Get_ResponseHeaderRules_AreAppliedToEveryResponse()
    {
        await using var server = await TestServer.StartAsync(Settings((WorkerConfig.ResponseHttpHeadersConfig,
            "set X-Frame-Options: DENY, \"add Cache-Control: no-cache, no-store\", setDate Expires: 3600000, add X-Custom: one, add X-Custom: two")));

        using var ok = await server.Client.GetAsync("/hello");
        using var notFound = await server.Client.GetAsync("/nowhere");

        foreach (var response in new[] { ok, notFound })
        {
            Header(response, "X-Frame-Options").Should().Be("DENY");
            response.Headers.CacheControl!.NoCache.Should().BeTrue();
            response.Headers.CacheControl.NoStore.Should().BeTrue();
            response.Headers.GetValues("X-Custom").Should().Equal("one", "two");
            response.Content.Headers.Expires.Should().BeCloseTo(DateTimeOffset.UtcNow.AddHours(1), TimeSpan.FromMinutes(5));
        }
    }

    [TestCase("set", "Invalid format of header config 'set'. Expected: '[action] [header name]:[header value]'")]
    [TestCase("put X-A: b", "Invalid header config action: 'put'. Expected one of [set, add, setDate, addDate]")]
    [TestCase("set X-A", "Invalid format of header name and header value pair 'X-A'. Expected: '[header name]:[header value]'")]
    [TestCase("set X-A:", "Invalid format of header name and header value pair 'X-A:'*")]
    [TestCase("set X A: b", "Invalid header name 'X A'. The '[header name]' cannot contain whitespace")]
    [TestCase("setDate Expires: soon", "Invalid value 'soon' for setDate*")]
    public void Parse_InvalidResponseHeaderRule_ThrowsNamingTheKey(string rule, string reason)
    {
        var act = () => Settings((WorkerConfig.ResponseHttpHeadersConfig, rule));

        act.Should().Throw<ConfigException>()
            .WithMessage($"{Source}: Invalid value {rule} for configuration response.http.headers.config: {reason}");
    }

    [Test]
    public void Parse_QuotedRuleWithComma_IsOneRule()
    {
        var rules = Settings((WorkerConfig.ResponseHttpHeadersConfig, "\"add Cache-Control: no-cache, no-store\",set X-A: b")).ResponseHeaderRules;

        rules.Should().Equal(
            new ResponseHeaderRule(ResponseHeaderAction.Add, "Cache-Control", "no-cache, no-store"),
            new ResponseHeaderRule(ResponseHeaderAction.Set, "X-A", "b"));
    }

    [Test]
    public async Task Get_BasicAuthWithoutCredentials_Answers401WithChallenge()
    {
        using var directory = new TemporaryDirectory();
        await using var server = await StartWithCredentialsAsync(directory);

        foreach (var path in new[] { "/hello", "/admin/loggers", "/nowhere" })
        {
            using var response = await server.Client.GetAsync(path);

            response.Headers.WwwAuthenticate.ToString().Should().Be("Basic realm=\"connect\"");
            await RestServerErrorTests.ShouldBeErrorAsync(response, 401, "User cannot access the resource.");
        }
    }

    [Test]
    public async Task Get_BasicAuthWithGoodCredentials_IsServed()
    {
        using var directory = new TemporaryDirectory();
        await using var server = await StartWithCredentialsAsync(directory);

        (await SendAsync(server, Basic("alice", "s3cret: with colon"))).Should().Be(HttpStatusCode.OK);
        (await SendAsync(server, Basic("bob", "builder"))).Should().Be(HttpStatusCode.OK);
    }

    [Test]
    public async Task Get_BasicAuthWithBadCredentials_Answers401AndLogsNoSecret()
    {
        using var directory = new TemporaryDirectory();
        await using var server = await StartWithCredentialsAsync(directory);

        (await SendAsync(server, Basic("alice", "wrong"))).Should().Be(HttpStatusCode.Unauthorized);
        (await SendAsync(server, Basic("mallory", "builder"))).Should().Be(HttpStatusCode.Unauthorized);
        (await SendAsync(server, new AuthenticationHeaderValue("Basic", "!!not-base64!!"))).Should().Be(HttpStatusCode.Unauthorized);
        (await SendAsync(server, new AuthenticationHeaderValue("Basic", Convert.ToBase64String("no-colon"u8.ToArray())))).Should().Be(HttpStatusCode.Unauthorized);
        (await SendAsync(server, new AuthenticationHeaderValue("Bearer", "token"))).Should().Be(HttpStatusCode.Unauthorized);
        server.Logs.Entries.Should().NotContain(e => e.Message.Contains("wrong") || e.Message.Contains("builder") || e.Message.Contains("Basic "));
    }

    [Test]
    public async Task Options_CorsPreflightWithBasicAuth_IsNotAuthenticated()
    {
        using var directory = new TemporaryDirectory();
        await using var server = await StartWithCredentialsAsync(directory, (WorkerConfig.AccessControlAllowOrigin, Origin));
        using var request = Preflight("GET");

        using var response = await server.Client.SendAsync(request);

        response.StatusCode.Should().Be(HttpStatusCode.NoContent);
        Header(response, "Access-Control-Allow-Origin").Should().Be(Origin);
    }

    [Test]
    public void Parse_CredentialsFileMissing_ThrowsNamingKeyAndFile()
    {
        using var directory = new TemporaryDirectory();
        var missing = directory.PathOf("users.properties");

        var act = () => Settings((WorkerConfig.RestBasicAuthCredentialsFile, missing));

        act.Should().Throw<ConfigException>()
            .WithMessage($"{Source}: Invalid value {missing} for configuration rest.basic.auth.credentials.file: *file not found*");
    }

    [Test]
    public void Parse_CredentialsFileEmpty_ThrowsNamingKeyAndFile()
    {
        using var directory = new TemporaryDirectory();
        var empty = directory.WriteFile("users.properties", "# nobody\n");

        var act = () => Settings((WorkerConfig.RestBasicAuthCredentialsFile, empty));

        act.Should().Throw<ConfigException>()
            .WithMessage($"{Source}: Invalid value {empty} for configuration rest.basic.auth.credentials.file: *no users*");
    }

    private static async Task<TestServer> StartWithCredentialsAsync(TemporaryDirectory directory, params (string, string)[] extra)
    {
        var file = directory.WriteFile("users.properties", "# PropertyFileLoginModule format\nalice: s3cret: with colon\nbob=builder\n");
        return await TestServer.StartAsync(Settings([(WorkerConfig.RestBasicAuthCredentialsFile, file), .. extra]));
    }

    private static async Task<HttpStatusCode> SendAsync(TestServer server, AuthenticationHeaderValue authorization)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/hello");
        request.Headers.Authorization = authorization;
        using var response = await server.Client.SendAsync(request);
        return response.StatusCode;
    }

    private static AuthenticationHeaderValue Basic(string user, string password) =>
        new("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes(user + ":" + password)));

    private static HttpRequestMessage Preflight(string method)
    {
        var request = new HttpRequestMessage(HttpMethod.Options, "/hello");
        request.Headers.Add("Origin", Origin);
        request.Headers.Add("Access-Control-Request-Method", method);
        return request;
    }

    private static string? Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) ? string.Join(",", values)
        : response.Content.Headers.TryGetValues(name, out var content) ? string.Join(",", content) : null;
}
