using StandaloneConnect.Runtime.Configuration.Providers;
using StandaloneConnect.Sdk.Config;

namespace StandaloneConnect.Runtime.Tests.Configuration.Providers;

public sealed class DirectoryConfigProviderTests
{
    private TemporaryDirectory _dir = null!;
    private DirectoryConfigProvider _provider = null!;

    [SetUp]
    public void SetUp()
    {
        _dir = new TemporaryDirectory();
        _provider = new DirectoryConfigProvider();
    }

    [TearDown]
    public void TearDown()
    {
        _provider.Dispose();
        _dir.Dispose();
    }

    [Test]
    public void Get_Directory_ReturnsWholeFileContentsForRequestedNames()
    {
        string secrets = _dir.CreateDirectory("secrets");
        _dir.WriteFile("secrets/username", "admin");
        _dir.WriteFile("secrets/password", "pä$$\nword\n");
        _dir.WriteFile("secrets/unrequested", "x");

        ConfigData data = _provider.Get(secrets, ["username", "password", "missing"]);

        data.Data.Should().Equal(new Dictionary<string, string> { ["username"] = "admin", ["password"] = "pä$$\nword\n" });
    }

    [Test]
    public void Get_SubdirectoryName_IsNotAKey()
    {
        string secrets = _dir.CreateDirectory("secrets");
        _dir.WriteFile("secrets/nested/inner", "x");

        _provider.Get(secrets, ["nested", "inner"]).Data.Should().BeEmpty();
    }

    [Test]
    public void Get_SymlinkToFile_IsRead()
    {
        string secrets = _dir.CreateDirectory("secrets");
        string target = _dir.WriteFile("data/token", "t0k3n");
        File.CreateSymbolicLink(Path.Combine(secrets, "token"), target);
        File.CreateSymbolicLink(Path.Combine(secrets, "dangling"), Path.Combine(_dir.Path, "gone"));

        _provider.Get(secrets, ["token", "dangling"]).Data.Should().Equal(new Dictionary<string, string> { ["token"] = "t0k3n" });
    }

    [TestCase("../outside", TestName = "Get_KeyWithParentSegment_IsNotAKey")]
    [TestCase("", TestName = "Get_EmptyKey_IsNotAKey")]
    public void Get_KeyThatIsNotAFileName_IsIgnored(string key)
    {
        string secrets = _dir.CreateDirectory("secrets");
        _dir.WriteFile("outside", "x");

        _provider.Get(secrets, [key]).Data.Should().BeEmpty();
    }

    [TestCase("", TestName = "Get_EmptyPath_ReturnsEmpty")]
    [TestCase("missing-dir", TestName = "Get_MissingDirectory_ReturnsEmpty")]
    [TestCase("file", TestName = "Get_PathIsAFile_ReturnsEmpty")]
    public void Get_NotADirectory_ReturnsEmpty(string relative)
    {
        _dir.WriteFile("file", "x");
        string path = relative.Length == 0 ? "" : Path.Combine(_dir.Path, relative);

        _provider.Get(path, ["file", "x"]).Data.Should().BeEmpty();
    }

    [TestCase("secrets", true, TestName = "Get_DirectoryInsideAllowedPath_ReturnsData")]
    [TestCase("allowed/../secrets", true, TestName = "Get_DotDotIntoAllowedPath_ReturnsData")]
    [TestCase("other", false, TestName = "Get_DirectoryOutsideAllowedPath_ReturnsEmpty")]
    [TestCase("secrets/../other", false, TestName = "Get_DotDotOutOfAllowedPath_ReturnsEmpty")]
    public void Get_WithAllowedPaths_OnlyReadsInsideThem(string relative, bool allowed)
    {
        string secrets = _dir.CreateDirectory("secrets");
        _dir.CreateDirectory("allowed");
        _dir.WriteFile("secrets/key", "v");
        _dir.WriteFile("other/key", "v");
        _provider.Configure(new Dictionary<string, string> { ["allowed.paths"] = secrets });

        ConfigData data = _provider.Get(Path.Combine(_dir.Path, relative), ["key"]);

        data.Data.Should().HaveCount(allowed ? 1 : 0);
    }

    [Test]
    [Platform(Exclude = "Win", Reason = "symbolic links need privileges on Windows")]
    public void Get_FileLinkInAllowedDirectoryPointingOutside_IsNotRead()
    {
        string secrets = _dir.CreateDirectory("secrets");
        _dir.WriteFile("secrets/inside", "ok");
        string outside = _dir.WriteFile("outside/shadow", "root:$6$hash");
        File.CreateSymbolicLink(Path.Combine(secrets, "stolen"), outside);
        File.CreateSymbolicLink(Path.Combine(secrets, "alias"), "inside");
        _provider.Configure(new Dictionary<string, string> { ["allowed.paths"] = secrets });

        ConfigData data = _provider.Get(secrets, ["inside", "stolen", "alias"]);

        data.Data.Should().Equal(new Dictionary<string, string> { ["inside"] = "ok", ["alias"] = "ok" });
    }

    [Test]
    public void Configure_RelativeAllowedPath_ThrowsConfigException()
    {
        Action act = () => _provider.Configure(new Dictionary<string, string> { ["allowed.paths"] = "secrets" });

        act.Should().Throw<ConfigException>().WithMessage("*Path secrets is not absolute");
    }
}
