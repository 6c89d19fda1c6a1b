using StandaloneConnect.Runtime.Configuration.Providers;
using StandaloneConnect.Sdk.Config;

namespace StandaloneConnect.Runtime.Tests.Configuration.Providers;

public sealed class FileConfigProviderTests
{
    private TemporaryDirectory _dir = null!;
    private FileConfigProvider _provider = null!;

    [SetUp]
    public void SetUp()
    {
        _dir = new TemporaryDirectory();
        _provider = new FileConfigProvider();
    }

    [TearDown]
    public void TearDown()
    {
        _provider.Dispose();
        _dir.Dispose();
    }

    [Test]
    public void Get_PropertiesFile_ReturnsRequestedKeysThatExist()
    {
        string path = _dir.WriteFile("secrets/db.properties", "user=admin\npassword=s\\u0065cret\nother=x\n");
        _provider.Configure(new Dictionary<string, string>());

        ConfigData data = _provider.Get(path, ["user", "password", "missing"]);

        data.Data.Should().Equal(new Dictionary<string, string> { ["user"] = "admin", ["password"] = "secret" });
        data.Ttl.Should().BeNull();
    }

    [Test]
    public void Get_EmptyPath_ReturnsEmpty()
    {
        _provider.Get("", ["user"]).Data.Should().BeEmpty();
    }

    [Test]
    public void Get_MissingFile_ThrowsNamingPath()
    {
        string path = Path.Combine(_dir.Path, "nope.properties");

        Action act = () => _provider.Get(path, ["a"]);

        act.Should().Throw<ConfigException>().WithMessage($"Could not read properties from file {path}*");
    }

    [TestCase("secrets/db.properties", true, TestName = "Get_PathInsideAllowedPath_ReturnsData")]
    [TestCase("secrets/../secrets/db.properties", true, TestName = "Get_DotDotStayingInside_ReturnsData")]
    [TestCase("other/db.properties", false, TestName = "Get_PathOutsideAllowedPath_ReturnsEmpty")]
    [TestCase("secrets/../other/db.properties", false, TestName = "Get_DotDotEscapingAllowedPath_ReturnsEmpty")]
    [TestCase("secrets-evil/db.properties", false, TestName = "Get_SiblingWithSamePrefix_ReturnsEmpty")]
    public void Get_WithAllowedPaths_OnlyReadsInsideThem(string relative, bool allowed)
    {
        string secrets = _dir.CreateDirectory("secrets");
        _dir.WriteFile("secrets/db.properties", "user=admin");
        _dir.WriteFile("other/db.properties", "user=admin");
        _dir.WriteFile("secrets-evil/db.properties", "user=admin");
        _provider.Configure(new Dictionary<string, string> { ["allowed.paths"] = secrets });

        ConfigData data = _provider.Get(Path.Combine(_dir.Path, relative), ["user"]);

        data.Data.Should().HaveCount(allowed ? 1 : 0);
    }

    [Test]
    [Platform(Exclude = "Win", Reason = "symbolic links need privileges on Windows")]
    public void Get_LinkInsideAllowedPathPointingOutside_ReturnsEmpty()
    {
        string secrets = _dir.CreateDirectory("secrets");
        string outside = _dir.WriteFile("outside/shadow.properties", "root=$6$hash");
        File.CreateSymbolicLink(Path.Combine(secrets, "innocent.properties"), outside);
        Directory.CreateSymbolicLink(Path.Combine(secrets, "etc"), Path.GetDirectoryName(outside)!);
        _provider.Configure(new Dictionary<string, string> { ["allowed.paths"] = secrets });

        _provider.Get(Path.Combine(secrets, "innocent.properties"), ["root"]).Data.Should().BeEmpty();
        _provider.Get(Path.Combine(secrets, "etc", "shadow.properties"), ["root"]).Data.Should().BeEmpty();
    }

    [Test]
    [Platform(Exclude = "Win", Reason = "symbolic links need privileges on Windows")]
    public void Get_LinksThatStayInside_AndAnAllowedPathThatIsALink_ReturnData()
    {
        string real = _dir.CreateDirectory("real");
        _dir.WriteFile("real/db.properties", "user=admin");
        File.CreateSymbolicLink(Path.Combine(real, "current.properties"), "db.properties");
        string alias = Path.Combine(_dir.Path, "alias");
        Directory.CreateSymbolicLink(alias, real);
        _provider.Configure(new Dictionary<string, string> { ["allowed.paths"] = alias });

        _provider.Get(Path.Combine(alias, "current.properties"), ["user"]).Data.Should().Equal(new Dictionary<string, string> { ["user"] = "admin" });
        _provider.Get(Path.Combine(real, "db.properties"), ["user"]).Data.Should().HaveCount(1, "the allowed path is where the link points");
    }

    [Test]
    public void Get_RelativePathWithAllowedPaths_ReturnsEmpty()
    {
        _provider.Configure(new Dictionary<string, string> { ["allowed.paths"] = _dir.Path });

        _provider.Get("db.properties", ["user"]).Data.Should().BeEmpty();
    }

    [Test]
    public void Configure_SeveralAllowedPaths_AllowsEach()
    {
        string a = _dir.WriteFile("a/x.properties", "k=a");
        string b = _dir.WriteFile("b/x.properties", "k=b");
        _provider.Configure(new Dictionary<string, string>
        {
            ["allowed.paths"] = $"{Path.GetDirectoryName(a)}, {Path.GetDirectoryName(b)}",
        });

        _provider.Get(a, ["k"]).Data["k"].Should().Be("a");
        _provider.Get(b, ["k"]).Data["k"].Should().Be("b");
    }

    [TestCase("relative/dir", "Path relative/dir is not absolute", TestName = "Configure_RelativeAllowedPath_Throws")]
    [TestCase("/definitely/not/here/sc-test", "Path /definitely/not/here/sc-test does not exist", TestName = "Configure_MissingAllowedPath_Throws")]
    public void Configure_InvalidAllowedPath_ThrowsConfigException(string allowed, string reason)
    {
        Action act = () => _provider.Configure(new Dictionary<string, string> { ["allowed.paths"] = allowed });

        act.Should().Throw<ConfigException>()
            .WithMessage($"Invalid value {allowed} for configuration allowed.paths: {reason}")
            .Which.Name.Should().Be("allowed.paths");
    }
}
