using StandaloneConnect.Runtime.Configuration.Providers;
using StandaloneConnect.Sdk.Config;

namespace StandaloneConnect.Runtime.Tests.Configuration.Providers;

public sealed class ConfigProviderFactoryTests
{
    [TestCase("org.apache.kafka.common.config.provider.FileConfigProvider", typeof(FileConfigProvider))]
    [TestCase("org.apache.kafka.common.config.provider.DirectoryConfigProvider", typeof(DirectoryConfigProvider))]
    [TestCase("org.apache.kafka.common.config.provider.EnvVarConfigProvider", typeof(EnvVarConfigProvider))]
    [TestCase("StandaloneConnect.Runtime.Configuration.Providers.FileConfigProvider", typeof(FileConfigProvider))]
    [TestCase("DirectoryConfigProvider", typeof(DirectoryConfigProvider))]
    [TestCase(" EnvVarConfigProvider ", typeof(EnvVarConfigProvider))]
    public void Create_KnownClassName_ReturnsNewInstance(string className, Type expected)
    {
        var factory = new ConfigProviderFactory();

        using IConfigProvider first = factory.Create(className);
        using IConfigProvider second = factory.Create(className);

        first.Should().BeOfType(expected);
        second.Should().NotBeSameAs(first);
    }

    [Test]
    public void Create_UnknownClassName_ThrowsListingKnownClasses()
    {
        Action act = () => new ConfigProviderFactory().Create("com.example.VaultConfigProvider");

        act.Should().Throw<ConfigException>().WithMessage(
            "Unknown config provider class 'com.example.VaultConfigProvider'. Known classes: "
            + "org.apache.kafka.common.config.provider.FileConfigProvider, "
            + "org.apache.kafka.common.config.provider.DirectoryConfigProvider, "
            + "org.apache.kafka.common.config.provider.EnvVarConfigProvider");
    }

    [Test]
    public void Create_EnvProviderWithInjectedEnvironment_UsesIt()
    {
        var factory = new ConfigProviderFactory(() => new Dictionary<string, string> { ["ONLY_HERE"] = "yes" });

        using IConfigProvider provider = factory.Create("EnvVarConfigProvider");

        provider.Get("", ["ONLY_HERE"]).Data.Should().ContainKey("ONLY_HERE").WhoseValue.Should().Be("yes");
    }
}
