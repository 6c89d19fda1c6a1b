using System.Net;
using System.Security.Cryptography.X509Certificates;
using StandaloneConnect.Runtime.Configuration;
using StandaloneConnect.Sdk.Config;
using static StandaloneConnect.Rest.Tests.Hosting.HostingTestSupport;

namespace StandaloneConnect.Rest.Tests.Hosting;

public sealed class RestServerTlsTests
{
    private const string Password = "changeit";
    private TemporaryDirectory _directory = null!;
    private X509Certificate2 _serverCertificate = null!;
    private string _keystore = null!;

    [OneTimeSetUp]
    public void CreateKeystore()
    {
        _directory = new TemporaryDirectory("sc-rest-tls");
        _serverCertificate = CreateCertificate();
        _keystore = WritePkcs12(_directory, "server.p12", Password, _serverCertificate);
    }

    [OneTimeTearDown]
    public void DeleteKeystore()
    {
        _serverCertificate.Dispose();
        _directory.Dispose();
    }

    [Test]
    public async Task StartAsync_HttpsListenerWithPkcs12Keystore_ServesHttps()
    {
        var settings = Settings(
            (WorkerConfig.Listeners, "https://127.0.0.1:0"),
            ("listeners.https.ssl.keystore.location", _keystore),
            ("listeners.https.ssl.keystore.password", Password));
        await using var server = await TestServer.StartAsync(settings, client: TrustingClient(_serverCertificate));

        using var response = await server.Client.GetAsync("/hello");

        server.Url.Scheme.Should().Be("https");
        response.StatusCode.Should().Be(HttpStatusCode.OK);
        server.Server.AdvertisedUrl.Scheme.Should().Be("https");
    }

    [Test]
    public async Task StartAsync_TopLevelSslKeys_AreTheFallback()
    {
        var settings = Settings(
            (WorkerConfig.Listeners, "http://127.0.0.1:0,https://127.0.0.1:0"),
            (WorkerConfig.RestAdvertisedListener, "https"),
            ("ssl.keystore.location", _keystore),
            ("ssl.keystore.password", Password));
        await using var server = await TestServer.StartAsync(settings, client: TrustingClient(_serverCertificate));

        var https = server.Server.Urls[1];
        using var response = await server.Client.GetAsync(new Uri(https, "/hello"));

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        server.Server.AdvertisedUrl.Should().Be(new Uri($"https://127.0.0.1:{https.Port}/"));
    }

    [Test]
    public async Task StartAsync_ClientAuthRequired_AcceptsOnlyTrustedClientCertificates()
    {
        using var clientCertificate = CreateCertificate("CN=client", clientAuth: true);
        using var publicOnly = X509CertificateLoader.LoadCertificate(clientCertificate.RawData);
        var truststore = WritePkcs12(_directory, "trust.p12", Password, publicOnly);
        var settings = Settings(
            (WorkerConfig.Listeners, "https://127.0.0.1:0"),
            ("listeners.https.ssl.keystore.location", _keystore),
            ("listeners.https.ssl.keystore.password", Password),
            ("listeners.https.ssl.client.auth", "required"),
            ("listeners.https.ssl.truststore.location", truststore),
            ("listeners.https.ssl.truststore.password", Password));
        await using var server = await TestServer.StartAsync(settings, client: TrustingClient(_serverCertificate, clientCertificate));
        using var stranger = CreateCertificate("CN=stranger", clientAuth: true);
        using var withoutCertificate = TrustingClient(_serverCertificate);
        using var withUntrusted = TrustingClient(_serverCertificate, stranger);

        using var response = await server.Client.GetAsync("/hello");
        var noCertificate = () => withoutCertificate.GetAsync(new Uri(server.Url, "/hello"));
        var untrusted = () => withUntrusted.GetAsync(new Uri(server.Url, "/hello"));

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        await noCertificate.Should().ThrowAsync<HttpRequestException>();
        await untrusted.Should().ThrowAsync<HttpRequestException>();
    }

    [Test]
    public void Parse_HttpsWithoutKeystore_ThrowsNamingTheKey()
    {
        var act = () => Settings((WorkerConfig.Listeners, "https://127.0.0.1:0"));

        act.Should().Throw<ConfigException>().WithMessage("worker.properties: *ssl.keystore.location*https://127.0.0.1:0*");
    }

    [Test]
    public void Parse_WrongPassword_ThrowsNamingKeyAndFile()
    {
        var act = () => Settings(
            (WorkerConfig.Listeners, "https://127.0.0.1:0"),
            ("listeners.https.ssl.keystore.location", _keystore),
            ("listeners.https.ssl.keystore.password", "wrong"));

        act.Should().Throw<ConfigException>()
            .WithMessage($"worker.properties: Invalid value {_keystore} for configuration listeners.https.ssl.keystore.location: *listeners.https.ssl.keystore.password*");
    }

    [Test]
    public void Parse_MissingKeystoreFile_ThrowsNamingKeyAndFile()
    {
        var missing = _directory.PathOf("missing.p12");

        var act = () => Settings(
            (WorkerConfig.Listeners, "https://127.0.0.1:0"),
            ("ssl.keystore.location", missing),
            ("ssl.keystore.password", Password));

        act.Should().Throw<ConfigException>().WithMessage($"*Invalid value {missing} for configuration ssl.keystore.location: File not found.");
    }

    [Test]
    public void Parse_JksKeystoreType_ThrowsSayingHowToConvert()
    {
        var act = () => Settings(
            (WorkerConfig.Listeners, "https://127.0.0.1:0"),
            ("listeners.https.ssl.keystore.location", _keystore),
            ("listeners.https.ssl.keystore.type", "JKS"));

        act.Should().Throw<ConfigException>()
            .WithMessage("*Invalid value JKS for configuration listeners.https.ssl.keystore.type: *keytool -importkeystore*-deststoretype PKCS12*");
    }

    [Test]
    public void Parse_JksFile_ThrowsSayingHowToConvert()
    {
        var jks = _directory.WriteBytes("server.jks", [0xFE, 0xED, 0xFE, 0xED, 0, 0, 0, 2]);

        var act = () => Settings(
            (WorkerConfig.Listeners, "https://127.0.0.1:0"),
            ("listeners.https.ssl.keystore.location", jks));

        act.Should().Throw<ConfigException>()
            .WithMessage($"*Invalid value {jks} for configuration listeners.https.ssl.keystore.location: *JKS*keytool -importkeystore*");
    }

    [Test]
    public void Parse_KeystoreWithoutPrivateKey_Throws()
    {
        using var publicOnly = X509CertificateLoader.LoadCertificate(_serverCertificate.RawData);
        var store = WritePkcs12(_directory, "public.p12", Password, publicOnly);

        var act = () => Settings(
            (WorkerConfig.Listeners, "https://127.0.0.1:0"),
            ("listeners.https.ssl.keystore.location", store),
            ("listeners.https.ssl.keystore.password", Password));

        act.Should().Throw<ConfigException>().WithMessage("*holds no private key*");
    }

    [Test]
    public void Parse_ClientAuthRequiredWithoutTruststore_ThrowsNamingTheKey()
    {
        var act = () => Settings(
            (WorkerConfig.Listeners, "https://127.0.0.1:0"),
            (WorkerConfig.SslClientAuth, "required"),
            ("ssl.keystore.location", _keystore),
            ("ssl.keystore.password", Password));

        act.Should().Throw<ConfigException>().WithMessage("*ssl.truststore.location*");
    }

    [Test]
    public void Parse_AdminHttpsListener_UsesAdminPrefix()
    {
        var act = () => Settings(
            (WorkerConfig.AdminListeners, "https://127.0.0.1:0"),
            ("admin.listeners.https.ssl.keystore.location", _directory.PathOf("nope.p12")));

        act.Should().Throw<ConfigException>().WithMessage("*configuration admin.listeners.https.ssl.keystore.location: File not found.");
    }
}
