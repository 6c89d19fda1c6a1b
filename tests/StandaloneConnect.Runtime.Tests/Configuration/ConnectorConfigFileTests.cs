using StandaloneConnect.Runtime.Configuration;

namespace StandaloneConnect.Runtime.Tests.Configuration;

public sealed class ConnectorConfigFileTests
{
    private const string File = "conn.json";

    private TemporaryDirectory _dir = null!;

    [SetUp]
    public void SetUp() => _dir = new TemporaryDirectory();

    [TearDown]
    public void TearDown() => _dir.Dispose();

    [Test]
    public void Load_PropertiesFile_ReturnsNameAndConfig()
    {
        string path = _dir.WriteFile("c.properties", "# sample\nname=local-file-source\nconnector.class=FileStreamSource\ntasks.max=1\n");

        ConnectorFileConfig result = ConnectorConfigFile.Load(path);

        result.Name.Should().Be("local-file-source");
        result.Config.Keys.Should().Equal("name", "connector.class", "tasks.max");
        result.InitialState.Should().BeNull();
    }

    [Test]
    public void Load_FlatJsonFile_ReturnsNameAndConfig()
    {
        string path = _dir.WriteFile("c.json", """{"name":"sink","connector.class":"FileStreamSink","topics":"t"}""");

        ConnectorFileConfig result = ConnectorConfigFile.Load(path);

        result.Should().BeEquivalentTo(new ConnectorFileConfig("sink",
            new Dictionary<string, string> { ["name"] = "sink", ["connector.class"] = "FileStreamSink", ["topics"] = "t" }, null));
    }

    [Test]
    public void Parse_FlatJsonWithNumbersAndBooleans_StoresTheirText()
    {
        ConnectorFileConfig result = ConnectorConfigFile.Parse("""  {"name":"c","tasks.max":3,"ratio":1.50,"errors.log.enable":true}""", File);

        result.Config["tasks.max"].Should().Be("3");
        result.Config["ratio"].Should().Be("1.50");
        result.Config["errors.log.enable"].Should().Be("true");
    }

    [TestCase("RUNNING", TargetState.Started)]
    [TestCase("paused", TargetState.Paused)]
    [TestCase("Stopped", TargetState.Stopped)]
    public void Parse_CreateConnectorRequest_MapsInitialState(string initialState, TargetState expected)
    {
        string json = $$"""{"name":"c","config":{"connector.class":"X"},"initial_state":"{{initialState}}","extra":[1]}""";

        ConnectorFileConfig result = ConnectorConfigFile.Parse(json, File);

        result.Name.Should().Be("c");
        result.InitialState.Should().Be(expected);
        result.Config.Should().Equal(new Dictionary<string, string> { ["name"] = "c", ["connector.class"] = "X" });
    }

    [Test]
    public void Parse_CreateConnectorRequestWithoutInitialState_StateIsNull()
    {
        ConnectorFileConfig result = ConnectorConfigFile.Parse("""{"name":"c","config":{"name":"c","a":"b"}}""", File);

        result.InitialState.Should().BeNull();
        result.Config.Keys.Should().Equal("name", "a");
    }

    [TestCase("a=b\n", "c.properties", TestName = "Parse_PropertiesWithoutName_Throws")]
    [TestCase("""{"a":"b"}""", "c.json", TestName = "Parse_FlatJsonWithoutName_Throws")]
    [TestCase("""{"config":{"a":"b"}}""", "c.json", TestName = "Parse_RequestWithoutAnyName_Throws")]
    public void Parse_MissingName_ThrowsKafkaMessage(string text, string file)
    {
        Action act = () => ConnectorConfigFile.Parse(text, file);

        act.Should().Throw<ConfigFileException>()
            .WithMessage($"Connector configuration at '{file}' is missing the mandatory 'name' configuration");
    }

    [TestCase("""{"name":"a","config":{"name":"b"}}""", TestName = "Parse_RequestNamesDiffer_Throws")]
    [TestCase("""{"config":{"name":"b"}}""", TestName = "Parse_RequestOnlyConfigName_Throws")]
    public void Parse_NameMismatch_ThrowsKafkaMessage(string text)
    {
        Action act = () => ConnectorConfigFile.Parse(text, File);

        act.Should().Throw<ConfigFileException>()
            .WithMessage($"Connector name configuration in 'config' doesn't match the one specified in 'name' at '{File}'");
    }

    [TestCase("""{"name":"c","config":{},"initial_state":"STARTED"}""", "\"STARTED\"", TestName = "Parse_UnknownInitialState_Throws")]
    [TestCase("""{"name":"c","config":{},"initial_state":1}""", "1", TestName = "Parse_NumericInitialState_Throws")]
    public void Parse_InvalidInitialState_ThrowsListingAcceptedValues(string text, string shown)
    {
        Action act = () => ConnectorConfigFile.Parse(text, File);

        act.Should().Throw<ConfigFileException>().WithMessage(
            $"{File}: Invalid value {shown} for 'initial_state'; accepted values are RUNNING, PAUSED and STOPPED");
    }

    [TestCase("""{"name":"c","nested":{"a":"b"}}""", "the value of 'nested' must be a string, number or boolean, not an object",
        TestName = "Parse_FlatJsonObjectValue_ThrowsNamingKey")]
    [TestCase("""{"name":"c","list":["a"]}""", "the value of 'list' must be a string, number or boolean, not an array",
        TestName = "Parse_FlatJsonArrayValue_ThrowsNamingKey")]
    [TestCase("""{"name":"c","x":null}""", "the value of 'x' must be a string, number or boolean, not null",
        TestName = "Parse_FlatJsonNullValue_ThrowsNamingKey")]
    [TestCase("""{"name":"c","config":{"tasks":[1]}}""", "the value of 'config.tasks' must be a string, number or boolean, not an array",
        TestName = "Parse_RequestConfigArrayValue_ThrowsNamingKey")]
    [TestCase("""{"name":["c"],"config":{}}""", "'name' must be a string", TestName = "Parse_RequestNameNotString_Throws")]
    public void Parse_InvalidJsonValues_ThrowsNamingFile(string text, string message)
    {
        Action act = () => ConnectorConfigFile.Parse(text, File);

        act.Should().Throw<ConfigFileException>().WithMessage($"{File}: {message}");
    }

    [Test]
    public void Parse_BrokenJson_ThrowsWithPositionAndDoesNotFallBackToProperties()
    {
        Action act = () => ConnectorConfigFile.Parse("{\n  \"name\": \"c\",\n  \"x\": oops\n}", File);

        act.Should().Throw<ConfigFileException>()
            .WithMessage($"{File}: invalid JSON connector configuration at line 3, position *: *");
    }

    [Test]
    public void Load_MissingFile_ThrowsNamingPath()
    {
        string path = Path.Combine(_dir.Path, "nope.json");

        Action act = () => ConnectorConfigFile.Load(path);

        act.Should().Throw<ConfigFileException>().WithMessage($"{path}: file not found");
    }
}
