using StandaloneConnect.Rest;
using StandaloneConnect.Runtime.Configuration;
using StandaloneConnect.Sdk.Config;
using static StandaloneConnect.Rest.Tests.Hosting.HostingTestSupport;

namespace StandaloneConnect.Rest.Tests.Hosting;

public sealed class RestServerSettingsTests
{
    [Test]
    public void Parse_NoRestKeys_UsesDefaults()
    {
        var props = new Dictionary<string, string>
        {
            ["key.converter"] = "org.apache.kafka.connect.storage.StringConverter",
            ["value.converter"] = "org.apache.kafka.connect.storage.StringConverter",
            ["offset.storage.file.filename"] = "offsets.json",
        };

        var settings = RestServerSettings.Parse(WorkerConfig.Parse(props, Source));

        settings.Listeners.Should().Equal(new RestListener("http://127.0.0.1:8083", "http", "127.0.0.1", 8083));
        settings.AdminListeners.Should().BeNull();
        settings.AdminEnabled.Should().BeTrue();
        settings.AdvertisedScheme.Should().Be("http");
        settings.AdvertisedHostName.Should().BeNull();
        settings.AdvertisedPort.Should().BeNull();
        settings.AllowedOrigins.Should().BeEmpty();
        settings.ResponseHeaderRules.Should().BeEmpty();
        settings.BasicAuthEnabled.Should().BeFalse();
        settings.RequestMaxBytes.Should().Be(1048576);
        settings.RequestTimeout.Should().Be(TimeSpan.FromSeconds(90));
        settings.Source.Should().Be(Source);
    }

    [TestCase("HTTP://myhost:8083", "http", "myhost", 8083, false)]
    [TestCase("http://:8083", "http", "", 8083, true)]
    [TestCase("http://0.0.0.0:8083", "http", "0.0.0.0", 8083, true)]
    [TestCase("http://[::]:8083", "http", "::", 8083, true)]
    [TestCase("http://[::1]:0", "http", "::1", 0, false)]
    [TestCase("http://127.0.0.1:8083/", "http", "127.0.0.1", 8083, false)]
    public void Parse_ListenerUrl_ReadsSchemeHostAndPort(string url, string scheme, string host, int port, bool wildcard)
    {
        var listener = Settings((WorkerConfig.Listeners, url)).Listeners.Single();

        listener.Should().BeEquivalentTo(new { Scheme = scheme, Host = host, Port = port, IsWildcard = wildcard });
    }

    [TestCase("localhost:8083", "Listener doesn't have the right format (protocol://hostname:port).")]
    [TestCase("http://localhost", "Listener doesn't have the right format (protocol://hostname:port).")]
    [TestCase("ftp://localhost:21", "Listener protocol must be either \"http\" or \"https\".")]
    [TestCase("http://localhost:70000", "Listener port must be between 0 and 65535.")]
    public void Parse_MalformedListener_ThrowsNamingKeyAndFile(string url, string reason)
    {
        var act = () => Settings((WorkerConfig.Listeners, url));

        act.Should().Throw<ConfigException>()
            .WithMessage($"{Source}: Invalid value {url} for configuration listeners: {reason}");
    }

    [Test]
    public void Parse_EmptyListeners_ThrowsAtLeastOneUrlExpected()
    {
        var act = () => Settings((WorkerConfig.Listeners, ""));

        act.Should().Throw<ConfigException>().WithMessage($"{Source}: Invalid value for listeners, at least one URL is expected*");
    }

    [Test]
    public void Parse_AdminListenersEmpty_DisablesAdmin()
    {
        var settings = Settings((WorkerConfig.AdminListeners, ""));

        settings.AdminListeners.Should().BeEmpty();
        settings.AdminEnabled.Should().BeFalse();
    }

    [Test]
    public void Parse_AdminListenersSet_ParsesThem()
    {
        var settings = Settings((WorkerConfig.AdminListeners, "http://127.0.0.1:9093, http://localhost:9094"));

        settings.AdminListeners!.Select(l => l.Url).Should().Equal("http://127.0.0.1:9093", "http://localhost:9094");
    }

    [Test]
    public void Parse_AdvertisedSettings_AreKept()
    {
        var settings = Settings(
            (WorkerConfig.RestAdvertisedHostName, "connect.example.com"),
            (WorkerConfig.RestAdvertisedPort, "9999"),
            (WorkerConfig.RestAdvertisedListener, "HTTP"));

        settings.AdvertisedHostName.Should().Be("connect.example.com");
        settings.AdvertisedPort.Should().Be(9999);
        settings.AdvertisedScheme.Should().Be("http");
    }

    [Test]
    public void Parse_AdvertisedListenerNotHttpOrHttps_Throws()
    {
        var act = () => Settings((WorkerConfig.RestAdvertisedListener, "plaintext"));

        act.Should().Throw<ConfigException>().WithMessage("*Invalid value plaintext for configuration rest.advertised.listener*");
    }

    [Test]
    public void Parse_BasicAuthRestExtension_ThrowsPointingToCredentialsFile()
    {
        var act = () => Settings((WorkerConfig.RestExtensionClasses,
            "org.apache.kafka.connect.rest.basic.auth.extension.BasicAuthSecurityRestExtension"));

        act.Should().Throw<ConfigException>()
            .WithMessage($"{Source}: Invalid value org.apache.kafka.connect.rest.basic.auth.extension.BasicAuthSecurityRestExtension " +
                "for configuration rest.extension.classes: *set rest.basic.auth.credentials.file*");
    }

    [Test]
    public void Parse_OtherRestExtension_ThrowsNamingKey()
    {
        var act = () => Settings((WorkerConfig.RestExtensionClasses, "com.example.MyExtension"));

        act.Should().Throw<ConfigException>()
            .WithMessage($"{Source}: Invalid value com.example.MyExtension for configuration rest.extension.classes: Java REST extensions*");
    }

    [Test]
    public void Parse_SeveralProblems_ReportsEveryOne()
    {
        var act = () => Settings(
            (WorkerConfig.Listeners, "nonsense"),
            (WorkerConfig.RestExtensionClasses, "com.example.MyExtension"),
            (WorkerConfig.ResponseHttpHeadersConfig, "put X-A: b"));

        act.Should().Throw<ConfigValidationException>().Which.Problems.Should().HaveCount(3)
            .And.AllSatisfy(p => p.Should().StartWith(Source + ": "));
    }

    [Test]
    public void Parse_AccessControlSettings_SplitOnCommas()
    {
        var settings = Settings(
            (WorkerConfig.AccessControlAllowOrigin, "http://a.example.com, https://*.example.org"),
            (WorkerConfig.AccessControlAllowMethods, "GET,PUT , DELETE"));

        settings.AllowedOrigins.Should().Equal("http://a.example.com", "https://*.example.org");
        settings.AllowedMethods.Should().Equal("GET", "PUT", "DELETE");
    }

    [Test]
    public void Parse_SslClientAuthUnknown_Throws()
    {
        var act = () => Settings((WorkerConfig.SslClientAuth, "sometimes"));

        act.Should().Throw<ConfigException>().WithMessage("*Invalid value sometimes for configuration ssl.client.auth*");
    }

    [Test]
    public void Parse_RequestMaxBytes_IsRead()
    {
        Settings((WorkerConfig.RestRequestMaxBytes, "16")).RequestMaxBytes.Should().Be(16);
    }
}
