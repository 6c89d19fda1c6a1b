using System.Text;
using StandaloneConnect.Runtime.Configuration;
using StandaloneConnect.Runtime.Storage;

namespace StandaloneConnect.Runtime.Tests.Storage;

public sealed class ConnectorConfigStoreTests
{
    private TemporaryDirectory _dir = null!;
    private string _path = null!;

    [SetUp]
    public void SetUp()
    {
        _dir = new TemporaryDirectory("sc-config-store");
        _path = _dir.PathOf("connectors.json");
    }

    [TearDown]
    public void TearDown() => _dir.Dispose();

    [Test]
    public void Save_ThenNewInstanceLoads_ReturnsConnectorsInTheGivenOrderWithTheirStates()
    {
        StoredConnector[] connectors =
        [
            Connector("zeta", TargetState.Paused),
            Connector("alpha", TargetState.Started),
            Connector("mid", TargetState.Stopped),
        ];
        new ConnectorConfigStore(_path).Save(connectors);

        var loaded = new ConnectorConfigStore(_path).Load();

        loaded.Select(c => c.Name).Should().Equal("zeta", "alpha", "mid");
        loaded.Select(c => c.Target).Should().Equal(TargetState.Paused, TargetState.Started, TargetState.Stopped);
        loaded.Should().BeEquivalentTo(connectors, o => o.WithStrictOrdering());
    }

    [Test]
    public void Save_ThenLoad_KeepsConfigKeysInInsertionOrder()
    {
        var config = new Dictionary<string, string> { ["z.last.alphabetically"] = "1", ["name"] = "c", ["a.first"] = "2", ["m"] = "3" };
        var store = new ConnectorConfigStore(_path);
        store.Save([new StoredConnector("c", config, TargetState.Started)]);

        var loaded = store.Load().Should().ContainSingle().Subject;

        loaded.Config.Keys.Should().Equal("z.last.alphabetically", "name", "a.first", "m");
    }

    [Test]
    public void Save_NonAsciiAndPlaceholders_StoresThemRawAndReadsThemBack()
    {
        var config = new Dictionary<string, string>
        {
            ["name"] = "grüße-日本",
            ["connection.password"] = "${file:/etc/secrets.properties:db.password}",
            ["env"] = "${env:HOME}",
            ["greeting"] = "Grüße, 日本語, ✓ 😀",
            ["quoted"] = "a \"b\" \\ c <d> & 'e'\n\ttab",
            ["empty"] = "",
        };
        var store = new ConnectorConfigStore(_path);
        store.Save([new StoredConnector("grüße-日本", config, TargetState.Started)]);

        var loaded = store.Load().Should().ContainSingle().Subject;
        var text = File.ReadAllText(_path, Encoding.UTF8);

        loaded.Name.Should().Be("grüße-日本");
        loaded.Config.Should().Equal(config);
        text.Should().Contain("\"grüße-日本\"").And.Contain("Grüße, 日本語, ✓")
            .And.Contain("\"${file:/etc/secrets.properties:db.password}\"").And.Contain("\"${env:HOME}\"");
    }

    [Test]
    public void Save_EmptyList_LoadsAsEmpty()
    {
        var store = new ConnectorConfigStore(_path);
        store.Save([Connector("a", TargetState.Started)]);

        store.Save([]);

        File.Exists(_path).Should().BeTrue();
        store.Load().Should().BeEmpty();
    }

    [Test]
    public void Save_OneConnector_WritesTheDocumentedFormatExactly()
    {
        var config = new Dictionary<string, string> { ["connector.class"] = "FileStreamSource", ["name"] = "a" };

        new ConnectorConfigStore(_path).Save([new StoredConnector("a", config, TargetState.Stopped)]);

        var expected = "{\n" +
            "  \"version\": 1,\n" +
            "  \"connectors\": [\n" +
            "    {\n" +
            "      \"name\": \"a\",\n" +
            "      \"target_state\": \"STOPPED\",\n" +
            "      \"config\": {\n" +
            "        \"connector.class\": \"FileStreamSource\",\n" +
            "        \"name\": \"a\"\n" +
            "      }\n" +
            "    }\n" +
            "  ]\n" +
            "}\n";
        File.ReadAllBytes(_path).Should().Equal(Encoding.UTF8.GetBytes(expected), "UTF-8 without a byte-order mark, LF line ends");
    }

    [Test]
    public void Save_SameConnectorsTwice_WritesTheSameBytes()
    {
        var store = new ConnectorConfigStore(_path);
        store.Save([Connector("a", TargetState.Started), Connector("b", TargetState.Paused)]);
        var first = File.ReadAllBytes(_path);

        store.Save([Connector("a", TargetState.Started), Connector("b", TargetState.Paused)]);

        File.ReadAllBytes(_path).Should().Equal(first);
    }

    [Test]
    public void Save_SeveralTimes_LeavesNoTemporaryFileBehind()
    {
        var store = new ConnectorConfigStore(_path);

        store.Save([Connector("a", TargetState.Started)]);
        store.Save([Connector("a", TargetState.Paused), Connector("b", TargetState.Started)]);

        Directory.GetFileSystemEntries(_dir.Path).Should().Equal(_path);
        store.Load().Select(c => c.Name).Should().Equal("a", "b");
    }

    [Test]
    public void Save_DirectoryDoesNotExist_CreatesIt()
    {
        var nested = _dir.PathOf(Path.Combine("state", "connect", "connectors.json"));
        var store = new ConnectorConfigStore(nested);

        store.Save([Connector("a", TargetState.Started)]);

        store.Load().Should().ContainSingle().Which.Name.Should().Be("a");
    }

    [Test]
    public void Save_WriteFails_ThrowsNamingTheFileAndKeepsThePreviousContent()
    {
        var store = new ConnectorConfigStore(_path);
        store.Save([Connector("a", TargetState.Started)]);
        var before = File.ReadAllBytes(_path);
        Directory.CreateDirectory(AtomicFile.TempPathOf(_path)); // the temporary file cannot be created, also as root

        var act = () => store.Save([Connector("b", TargetState.Paused)]);

        act.Should().Throw<ConnectorConfigStoreException>().Which.Message.Should().Contain(_path);
        File.ReadAllBytes(_path).Should().Equal(before);
        store.Load().Should().ContainSingle().Which.Name.Should().Be("a");
    }

    [Test]
    public void Save_PathIsADirectory_ThrowsNamingTheFileAndLeavesNoTemporaryFile()
    {
        var target = _dir.CreateDirectory("connectors.json");
        var store = new ConnectorConfigStore(target);

        var act = () => store.Save([Connector("a", TargetState.Started)]);

        act.Should().Throw<ConnectorConfigStoreException>().Which.Message.Should().Contain(target).And.Contain("directory");
        Directory.GetFileSystemEntries(_dir.Path).Should().Equal(target);
    }

    private static IEnumerable<TestCaseData> InvalidConnectorLists()
    {
        yield return new TestCaseData((object)new[] { Connector("a", TargetState.Started), Connector("a", TargetState.Paused) })
            .SetArgDisplayNames("duplicate names");
        yield return new TestCaseData((object)new[] { new StoredConnector("a", new Dictionary<string, string> { ["name"] = "b" }, TargetState.Started) })
            .SetArgDisplayNames("config name differs");
        yield return new TestCaseData((object)new[] { new StoredConnector("a", new Dictionary<string, string> { ["k"] = null! }, TargetState.Started) })
            .SetArgDisplayNames("null value");
        yield return new TestCaseData((object)new[] { new StoredConnector("a", new Dictionary<string, string>(), (TargetState)42) })
            .SetArgDisplayNames("undefined target state");
        yield return new TestCaseData((object)new[] { new StoredConnector("a", new Dictionary<string, string> { ["k"] = "x\uD800y" }, TargetState.Started) })
            .SetArgDisplayNames("lone surrogate in a value");
        yield return new TestCaseData((object)new[] { new StoredConnector("a", new Dictionary<string, string> { ["k\uDC00"] = "x" }, TargetState.Started) })
            .SetArgDisplayNames("lone surrogate in a key");
    }

    [TestCaseSource(nameof(InvalidConnectorLists))]
    public void Save_InvalidConnectors_ThrowsArgumentExceptionAndKeepsTheFile(StoredConnector[] connectors)
    {
        var store = new ConnectorConfigStore(_path);
        store.Save([Connector("kept", TargetState.Started)]);
        var before = File.ReadAllBytes(_path);

        var act = () => store.Save(connectors);

        act.Should().Throw<ArgumentException>().WithMessage("*'a'*");
        File.ReadAllBytes(_path).Should().Equal(before);
    }

    [Test]
    public void Load_MissingFile_ReturnsEmptyAndCreatesNothing()
    {
        var store = new ConnectorConfigStore(_path);

        store.Load().Should().BeEmpty();

        Directory.GetFileSystemEntries(_dir.Path).Should().BeEmpty();
    }

    [Test]
    public void Load_PathIsADirectory_ThrowsNamingIt()
    {
        var target = _dir.CreateDirectory("connectors.json");

        var act = () => new ConnectorConfigStore(target).Load();

        act.Should().Throw<ConnectorConfigStoreException>().WithMessage($"*'{target}'*directory*");
    }

    [Test]
    public void Load_FileWithByteOrderMark_IsRead()
    {
        var json = "{\"version\":1,\"connectors\":[{\"name\":\"a\",\"target_state\":\"PAUSED\",\"config\":{\"name\":\"a\"}}]}";
        File.WriteAllBytes(_path, [0xEF, 0xBB, 0xBF, .. Encoding.UTF8.GetBytes(json)]);

        var loaded = new ConnectorConfigStore(_path).Load();

        loaded.Should().ContainSingle().Which.Target.Should().Be(TargetState.Paused);
    }

    [Test]
    public void Location_RelativePath_IsMadeAbsolute()
    {
        var store = new ConnectorConfigStore("relative/connectors.json");

        Path.IsPathFullyQualified(store.Location).Should().BeTrue();
        store.Location.Should().EndWith(Path.Combine("relative", "connectors.json"));
    }

    [Test]
    [Platform(Exclude = "Win", Reason = "Unix file permissions do not exist on Windows")]
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    public void Save_NewFile_IsReadableByItsOwnerOnly()
    {
        new ConnectorConfigStore(_path).Save([Connector("a", TargetState.Started)]);

        File.GetUnixFileMode(_path).Should().Be(UnixFileMode.UserRead | UnixFileMode.UserWrite);
    }

    private static IEnumerable<TestCaseData> UnreadableFiles()
    {
        const string ok = "\"name\":\"a\",\"target_state\":\"STARTED\",\"config\":{\"name\":\"a\"}";
        yield return Case("invalid JSON", "{\"version\":1,\"connectors\":[{\"name\":", "*not valid JSON*");
        yield return Case("truncated", "{\"version\":1,\"connectors\":[{" + ok + "}", "*not valid JSON*truncated*");
        yield return Case("empty file", "", "*not valid JSON*");
        yield return Case("root is an array", "[]", "*found an array*");
        yield return Case("version missing", "{\"connectors\":[]}", "*\"version\"*");
        yield return Case("unknown version", "{\"version\":2,\"connectors\":[]}", "*version 2 is not supported*");
        yield return Case("version is a string", "{\"version\":\"1\",\"connectors\":[]}", "*\"version\"*");
        yield return Case("connectors missing", "{\"version\":1}", "*\"connectors\"*");
        yield return Case("connectors not an array", "{\"version\":1,\"connectors\":{}}", "*\"connectors\"*");
        yield return Case("entry not an object", "{\"version\":1,\"connectors\":[{" + ok + "},7]}", "*connectors[1]*");
        yield return Case("entry without name", "{\"version\":1,\"connectors\":[{\"target_state\":\"STARTED\",\"config\":{}}]}", "*connectors[0]*\"name\"*");
        yield return Case("duplicate names", "{\"version\":1,\"connectors\":[{" + ok + "},{\"name\":\"b\",\"target_state\":\"STARTED\",\"config\":{}},{" + ok + "}]}",
            "*'a'*connectors[0]*connectors[2]*");
        yield return Case("number config value", Single("\"config\":{\"tasks.max\":1}", "STARTED"), "*'b'*tasks.max*a number*");
        yield return Case("null config value", Single("\"config\":{\"k\":null}", "STARTED"), "*'b'*'k'*null*");
        yield return Case("object config value", Single("\"config\":{\"k\":{\"x\":\"y\"}}", "STARTED"), "*'b'*'k'*an object*");
        yield return Case("boolean config value", Single("\"config\":{\"k\":true}", "STARTED"), "*'b'*'k'*a boolean*");
        yield return Case("duplicate config key", Single("\"config\":{\"k\":\"1\",\"k\":\"2\"}", "STARTED"), "*'b'*'k' twice*");
        yield return Case("lone surrogate escaped in a value", Single("\"config\":{\"k\":\"\\uD800\"}", "STARTED"), "*valid*");
        yield return Case("config missing", "{\"version\":1,\"connectors\":[{\"name\":\"b\",\"target_state\":\"STARTED\"}]}", "*'b'*\"config\"*");
        yield return Case("config name differs", Single("\"config\":{\"name\":\"other\"}", "STARTED"), "*'b'*'other'*");
        yield return Case("unknown target_state", Single("\"config\":{}", "RUNNING"), "*'b'*target_state \"RUNNING\"*");
        yield return Case("lower-case target_state", Single("\"config\":{}", "paused"), "*'b'*\"paused\"*");
        yield return Case("target_state missing", "{\"version\":1,\"connectors\":[{\"name\":\"b\",\"config\":{}}]}", "*'b'*\"target_state\"*");

        static string Single(string config, string state) =>
            "{\"version\":1,\"connectors\":[{\"name\":\"b\",\"target_state\":\"" + state + "\"," + config + "}]}";

        static TestCaseData Case(string name, string content, string message) =>
            new TestCaseData(Encoding.UTF8.GetBytes(content), message).SetArgDisplayNames(name);
    }

    [TestCaseSource(nameof(UnreadableFiles))]
    public void Load_InvalidFile_ThrowsNamingTheFileAndTheProblemAndLeavesTheFileUntouched(byte[] content, string message)
    {
        File.WriteAllBytes(_path, content);
        var store = new ConnectorConfigStore(_path);

        var act = store.Load;

        var thrown = act.Should().Throw<ConnectorConfigStoreException>().Which;
        thrown.Message.Should().Contain($"'{Path.GetFullPath(_path)}'").And.Match(message);
        File.ReadAllBytes(_path).Should().Equal(content);
        Directory.GetFileSystemEntries(_dir.Path).Should().Equal(_path);
    }

    private static StoredConnector Connector(string name, TargetState target) =>
        new(name, new Dictionary<string, string> { ["connector.class"] = "FileStreamSource", ["name"] = name, ["tasks.max"] = "1" }, target);
}
