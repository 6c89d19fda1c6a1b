using StandaloneConnect.Runtime.Configuration.Providers;
using StandaloneConnect.Sdk.Config;

namespace StandaloneConnect.Runtime.Tests.Configuration.Providers;

public sealed class EnvVarConfigProviderTests
{
    private static readonly IReadOnlyDictionary<string, string> Variables = new Dictionary<string, string>
    {
        ["KAFKA_USER"] = "admin",
        ["KAFKA_PASSWORD"] = "secret",
        ["HOME"] = "/home/me",
        ["MY_KAFKA_X"] = "x",
    };

    [Test]
    public void Get_NoAllowlist_SeesEveryVariable()
    {
        using var provider = new EnvVarConfigProvider(() => Variables);
        provider.Configure(new Dictionary<string, string>());

        ConfigData data = provider.Get("", ["KAFKA_USER", "HOME", "UNSET"]);

        data.Data.Should().Equal(new Dictionary<string, string> { ["KAFKA_USER"] = "admin", ["HOME"] = "/home/me" });
    }

    [TestCase("KAFKA_.*", new[] { "KAFKA_USER", "KAFKA_PASSWORD" }, TestName = "Get_PrefixPattern_OnlyFullMatchesVisible")]
    [TestCase("^KAFKA_.*", new[] { "KAFKA_USER", "KAFKA_PASSWORD" }, TestName = "Get_AnchoredPattern_OnlyFullMatchesVisible")]
    [TestCase("KAFKA", new string[0], TestName = "Get_PartialMatch_NotVisible")]
    [TestCase("HOME|KAFKA_USER", new[] { "KAFKA_USER", "HOME" }, TestName = "Get_Alternation_EachAlternativeFullyMatched")]
    public void Get_WithAllowlistPattern_OnlyAllowlistedVisible(string pattern, string[] visible)
    {
        using var provider = new EnvVarConfigProvider(() => Variables);
        provider.Configure(new Dictionary<string, string> { ["allowlist.pattern"] = pattern });

        ConfigData data = provider.Get("", [.. Variables.Keys]);

        data.Data.Keys.Should().BeEquivalentTo(visible);
    }

    [Test]
    public void Get_NonEmptyPath_ThrowsConfigException()
    {
        using var provider = new EnvVarConfigProvider(() => Variables);

        Action act = () => provider.Get("/etc", ["HOME"]);

        act.Should().Throw<ConfigException>().WithMessage("Path is not supported for EnvVarConfigProvider, invalid value '/etc'");
    }

    [Test]
    public void Configure_InvalidPattern_ThrowsNamingKey()
    {
        using var provider = new EnvVarConfigProvider(() => Variables);

        Action act = () => provider.Configure(new Dictionary<string, string> { ["allowlist.pattern"] = "KAFKA_(" });

        act.Should().Throw<ConfigException>().Which.Name.Should().Be("allowlist.pattern");
    }

    [Test]
    public void Get_DefaultConstructor_ReadsProcessEnvironment()
    {
        using var provider = new EnvVarConfigProvider();
        string? path = Environment.GetEnvironmentVariable("PATH");

        ConfigData data = provider.Get("", ["PATH"]);

        data.Data.GetValueOrDefault("PATH").Should().Be(path);
    }
}
