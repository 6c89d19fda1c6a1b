using StandaloneConnect.Runtime.Configuration;
using StandaloneConnect.Runtime.Configuration.Providers;

namespace StandaloneConnect.Runtime.Tests.Configuration;

public sealed class ConfigTransformerTests
{
    private static readonly IReadOnlyDictionary<string, string> Variables = new Dictionary<string, string>
    {
        ["DB_USER"] = "admin",
        ["SECRET"] = "s3cr3t",
    };

    private TemporaryDirectory _dir = null!;
    private ConfigTransformer _transformer = null!;
    private string _propsFile = null!;

    [SetUp]
    public void SetUp()
    {
        _dir = new TemporaryDirectory();
        _propsFile = _dir.WriteFile("db.properties", "password=p@ss\nurl=jdbc:x\n");
        _dir.WriteFile("k8s/token", "t0k3n");
        var worker = new Dictionary<string, string>
        {
            ["config.providers"] = "file, dir,env",
            ["config.providers.file.class"] = "org.apache.kafka.common.config.provider.FileConfigProvider",
            ["config.providers.dir.class"] = "DirectoryConfigProvider",
            ["config.providers.env.class"] = "org.apache.kafka.common.config.provider.EnvVarConfigProvider",
            ["config.providers.env.param.allowlist.pattern"] = "DB_.*",
        };
        _transformer = ConfigTransformer.FromWorkerConfig(worker, "worker.properties", new ConfigProviderFactory(() => Variables));
    }

    [TearDown]
    public void TearDown()
    {
        _transformer.Dispose();
        _dir.Dispose();
    }

    [TestCase("${env:DB_USER}", "admin", TestName = "Transform_EnvPlaceholder_Replaced")]
    [TestCase("user=${env:DB_USER};x", "user=admin;x", TestName = "Transform_EmbeddedPlaceholder_Replaced")]
    [TestCase("${env:DB_USER}/${env:DB_USER}", "admin/admin", TestName = "Transform_RepeatedPlaceholder_AllReplaced")]
    [TestCase("${env:SECRET}", "${env:SECRET}", TestName = "Transform_NotAllowlistedVariable_LeftUnchanged")]
    [TestCase("${env:MISSING}", "${env:MISSING}", TestName = "Transform_MissingKey_LeftUnchanged")]
    [TestCase("${vault:secret/db:password}", "${vault:secret/db:password}", TestName = "Transform_UnknownProvider_LeftUnchanged")]
    [TestCase("${env:MISSING}-${env:DB_USER}", "${env:MISSING}-admin", TestName = "Transform_MixedResolvedAndNot_OnlyResolvedReplaced")]
    [TestCase("plain $ {not} ${novar}", "plain $ {not} ${novar}", TestName = "Transform_NoPlaceholder_Unchanged")]
    [TestCase("", "", TestName = "Transform_EmptyValue_Unchanged")]
    public void Transform_Value_ReturnsExpected(string value, string expected)
    {
        IReadOnlyDictionary<string, string> result = _transformer.Transform(new Dictionary<string, string> { ["k"] = value });

        result["k"].Should().Be(expected);
    }

    [Test]
    public void Transform_FileAndDirectoryPlaceholders_ReadPathAndKey()
    {
        var configs = new Dictionary<string, string>
        {
            ["name"] = "c",
            ["connection.password"] = $"${{file:{_propsFile}:password}}",
            ["connection.url"] = $"${{file:{_propsFile}:url}}",
            ["token"] = $"Bearer ${{dir:{Path.Combine(_dir.Path, "k8s")}:token}}",
        };

        IReadOnlyDictionary<string, string> result = _transformer.Transform(configs);

        result.Should().Equal(new Dictionary<string, string>
        {
            ["name"] = "c",
            ["connection.password"] = "p@ss",
            ["connection.url"] = "jdbc:x",
            ["token"] = "Bearer t0k3n",
        });
        result.Keys.Should().Equal(configs.Keys);
    }

    [Test]
    public void Transform_ReplacementContainingPlaceholder_IsNotResolvedAgain()
    {
        string file = _dir.WriteFile("nested.properties", "a=${env:DB_USER}");

        _transformer.Transform(new Dictionary<string, string> { ["k"] = $"${{file:{file}:a}}" })["k"]
            .Should().Be("${env:DB_USER}");
    }

    [Test]
    public void TransformWithTtls_ProviderReportsTtl_ReturnsItByPath()
    {
        using var transformer = new ConfigTransformer(new Dictionary<string, IConfigProvider> { ["ttl"] = new TtlProvider() });

        ConfigTransformResult result = transformer.TransformWithTtls(new Dictionary<string, string> { ["k"] = "${ttl:p:key}" });

        result.Data["k"].Should().Be("value");
        result.Ttls.Should().Equal(new Dictionary<string, TimeSpan> { ["p"] = TimeSpan.FromMinutes(5) });
    }

    [Test]
    public void ValidateReferences_UnknownProviders_ReportsEachKeyOnce()
    {
        var configs = new Dictionary<string, string>
        {
            ["ok"] = "${env:DB_USER}",
            ["password"] = "${vault:secret/db:password}${vault:secret/db:user}",
            ["other"] = "x ${aws:key}",
        };

        _transformer.ValidateReferences(configs).Should().Equal(
            "Config key 'password' references unknown config provider 'vault' (configured providers: file, dir, env)",
            "Config key 'other' references unknown config provider 'aws' (configured providers: file, dir, env)");
    }

    [Test]
    public void ValidateReferences_NoProvidersConfigured_SaysSo()
    {
        using ConfigTransformer transformer = ConfigTransformer.FromWorkerConfig(new Dictionary<string, string>(), "w.properties");

        transformer.ProviderNames.Should().BeEmpty();
        transformer.ValidateReferences(new Dictionary<string, string> { ["k"] = "${env:X}" }).Should().Equal(
            "Config key 'k' references unknown config provider 'env' (no config providers are configured)");
    }

    [Test]
    public void FromWorkerConfig_ProviderWithoutClass_ThrowsNamingKeyAndFile()
    {
        var worker = new Dictionary<string, string> { ["config.providers"] = "vault" };

        Action act = () => ConfigTransformer.FromWorkerConfig(worker, "worker.properties");

        act.Should().Throw<ConfigFileException>()
            .WithMessage("worker.properties: config.providers lists 'vault' but config.providers.vault.class is not set")
            .Which.FilePath.Should().Be("worker.properties");
    }

    [Test]
    public void FromWorkerConfig_UnknownClass_ThrowsListingAvailableClasses()
    {
        var worker = new Dictionary<string, string>
        {
            ["config.providers"] = "vault",
            ["config.providers.vault.class"] = "com.example.VaultConfigProvider",
        };

        Action act = () => ConfigTransformer.FromWorkerConfig(worker, "worker.properties");

        act.Should().Throw<ConfigFileException>().WithMessage(
            "worker.properties: Invalid value com.example.VaultConfigProvider for configuration config.providers.vault.class: "
            + "unknown config provider class; available: org.apache.kafka.common.config.provider.FileConfigProvider, *EnvVarConfigProvider");
    }

    [Test]
    public void FromWorkerConfig_InvalidProviderParameter_ThrowsNamingProviderAndFile()
    {
        var worker = new Dictionary<string, string>
        {
            ["config.providers"] = "file",
            ["config.providers.file.class"] = "FileConfigProvider",
            ["config.providers.file.param.allowed.paths"] = "relative",
        };

        Action act = () => ConfigTransformer.FromWorkerConfig(worker, "worker.properties");

        act.Should().Throw<ConfigFileException>().WithMessage(
            "worker.properties: Invalid parameters for config provider 'file' (config.providers.file.param.*): *Path relative is not absolute");
    }

    private sealed class TtlProvider : IConfigProvider
    {
        public void Configure(IReadOnlyDictionary<string, string> parameters)
        {
        }

        public ConfigData Get(string path, IReadOnlyCollection<string> keys) =>
            new(new Dictionary<string, string> { ["key"] = "value" }, TimeSpan.FromMinutes(5));

        public void Dispose()
        {
        }
    }
}
