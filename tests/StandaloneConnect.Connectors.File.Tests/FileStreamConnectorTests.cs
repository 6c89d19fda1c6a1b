using System.Reflection;
using StandaloneConnect.Sdk;
using StandaloneConnect.Sdk.Config;
using StandaloneConnect.Sdk.Connectors;

namespace StandaloneConnect.Connectors.File.Tests;

public sealed class FileStreamSourceConnectorTests
{
    private static readonly Dictionary<string, object?> FilePartition = new() { ["filename"] = "/tmp/in.txt" };

    [Test]
    public void Config_Keys_MatchKafka()
    {
        var config = new FileStreamSourceConnector().Config;

        config.Keys.Select(k => (k.Name, k.Type, k.DefaultValue, k.Required, k.Importance)).Should().Equal(
            ("file", ConfigType.String, null, false, Importance.High),
            ("topic", ConfigType.String, null, true, Importance.High),
            ("batch.size", ConfigType.Int, 2000, false, Importance.Low));
        config["file"]!.Documentation.Should().Be("Source filename. If not specified, the standard input will be used");
        config["topic"]!.Documentation.Should().Be("The topic to publish data to");
        config["batch.size"]!.Documentation.Should().Be(
            "The maximum number of records the source task can read from the file each time it is polled");
    }

    [Test]
    public void Class_HasKafkaAlias()
    {
        typeof(FileStreamSourceConnector).GetCustomAttribute<PluginAliasAttribute>()!.Name
            .Should().Be("org.apache.kafka.connect.file.FileStreamSourceConnector");
        new FileStreamSourceConnector().TaskType.Should().Be(typeof(FileStreamSourceTask));
    }

    [Test]
    public void Validate_MissingTopic_ReportsKafkasError()
    {
        var results = new FileStreamSourceConnector().Validate(new Dictionary<string, string?> { ["file"] = "in.txt" });

        results.Single(r => r.Name == "topic").ErrorMessages.Should().Equal(
            "Missing required configuration \"topic\" which has no default value.");
        results.Where(r => r.Name != "topic").Should().AllSatisfy(r => r.ErrorMessages.Should().BeEmpty());
    }

    [TestCase("topic", "", "Invalid value  for configuration topic: String must be non-empty")]
    [TestCase("batch.size", "many", "Invalid value many for configuration batch.size: Not a number of type INT")]
    public void Start_InvalidValue_ThrowsWithKafkasMessage(string key, string value, string expected)
    {
        var props = new Dictionary<string, string> { ["topic"] = "t", [key] = value };

        var act = () => new FileStreamSourceConnector().Start(props);

        act.Should().Throw<ConfigException>().WithMessage(expected);
    }

    [Test]
    public void Start_MissingTopic_Throws()
    {
        var act = () => new FileStreamSourceConnector().Start(new Dictionary<string, string>());

        act.Should().Throw<ConfigException>().WithMessage("Missing required configuration \"topic\" which has no default value.");
    }

    [TestCase(1)]
    [TestCase(5)]
    public void TaskConfigs_AnyMaxTasks_ReturnsExactlyOneCopyOfTheConfig(int maxTasks)
    {
        var props = new Dictionary<string, string> { ["file"] = "in.txt", ["topic"] = "t", ["batch.size"] = "10" };
        var connector = new FileStreamSourceConnector();
        connector.Start(props);

        var configs = connector.TaskConfigs(maxTasks);

        configs.Should().ContainSingle().Which.Should().Equal(props);
    }

    [TestCase("in.txt", ExactlyOnceSupport.Supported)]
    [TestCase("", ExactlyOnceSupport.Unsupported)]
    [TestCase(null, ExactlyOnceSupport.Unsupported)]
    public void ExactlyOnceSupport_DependsOnFile(string? file, ExactlyOnceSupport expected)
    {
        var props = new Dictionary<string, string> { ["topic"] = "t" };
        if (file is not null)
        {
            props["file"] = file;
        }

        new FileStreamSourceConnector().ExactlyOnceSupport(props).Should().Be(expected);
    }

    [TestCase(0L)]
    [TestCase(1234L)]
    [TestCase(12)]
    public void AlterOffsets_ValidPosition_ReturnsTrue(object position)
    {
        var result = AlterOffsets(Config("in.txt"), (FilePartition, new Dictionary<string, object?> { ["position"] = position }));

        result.Should().BeTrue();
    }

    [Test]
    public void AlterOffsets_Tombstones_AreAlwaysAllowed()
    {
        var result = AlterOffsets(Config("in.txt"), (new Dictionary<string, object?> { ["garbage"] = 1 }, null));

        result.Should().BeTrue();
    }

    [TestCase(null)]
    [TestCase("")]
    public void AlterOffsets_NoFile_Throws(string? file)
    {
        var act = () => AlterOffsets(Config(file), (FilePartition, null));

        act.Should().Throw<ConnectException>().WithMessage(
            "Offsets cannot be modified if the 'file' configuration is unspecified. This is because stdin is used for input and offsets are not tracked.");
    }

    [Test]
    public void AlterOffsets_OffsetWithoutPosition_Throws()
    {
        var act = () => AlterOffsets(Config("in.txt"), (FilePartition, new Dictionary<string, object?> { ["offset"] = 1L }));

        act.Should().Throw<ConnectException>().WithMessage("Offset objects should either be null or contain the key 'position'");
    }

    [TestCase("12")]
    [TestCase(1.5)]
    [TestCase(null)]
    public void AlterOffsets_PositionNotAnInteger_Throws(object? position)
    {
        var act = () => AlterOffsets(Config("in.txt"), (FilePartition, new Dictionary<string, object?> { ["position"] = position }));

        act.Should().Throw<ConnectException>().WithMessage("The value for the 'position' key in the offset is expected to be a Long value");
    }

    [TestCase(-1L)]
    [TestCase(-1)]
    public void AlterOffsets_NegativePosition_Throws(object position)
    {
        var act = () => AlterOffsets(Config("in.txt"), (FilePartition, new Dictionary<string, object?> { ["position"] = position }));

        act.Should().Throw<ConnectException>().WithMessage("The value for the 'position' key in the offset should be a non-negative value");
    }

    [Test]
    public void AlterOffsets_PartitionWithoutFilename_Throws()
    {
        var act = () => AlterOffsets(Config("in.txt"),
            (new Dictionary<string, object?> { ["file"] = "x" }, new Dictionary<string, object?> { ["position"] = 1L }));

        act.Should().Throw<ConnectException>().WithMessage("Partition objects should contain the key 'filename'");
    }

    private static Dictionary<string, string> Config(string? file)
    {
        var props = new Dictionary<string, string> { ["topic"] = "t" };
        if (file is not null)
        {
            props["file"] = file;
        }

        return props;
    }

    private static bool AlterOffsets(Dictionary<string, string> config,
        params (Dictionary<string, object?> Partition, Dictionary<string, object?>? Offset)[] offsets) =>
        new FileStreamSourceConnector().AlterOffsets(config,
            offsets.Select(o => new KeyValuePair<IReadOnlyDictionary<string, object?>, IReadOnlyDictionary<string, object?>?>(o.Partition, o.Offset))
                .ToList());
}

public sealed class FileStreamSinkConnectorTests
{
    [Test]
    public void Config_FileKey_MatchesKafka()
    {
        var key = new FileStreamSinkConnector().Config.Keys.Should().ContainSingle().Subject;

        (key.Name, key.Type, key.DefaultValue, key.Required, key.Importance).Should().Be(("file", ConfigType.String, null, false, Importance.High));
        key.Documentation.Should().Be("Destination filename. If not specified, the standard output will be used");
        typeof(FileStreamSinkConnector).GetCustomAttribute<PluginAliasAttribute>()!.Name
            .Should().Be("org.apache.kafka.connect.file.FileStreamSinkConnector");
        new FileStreamSinkConnector().TaskType.Should().Be(typeof(FileStreamSinkTask));
    }

    [TestCase(1)]
    [TestCase(3)]
    public void TaskConfigs_MaxTasks_ReturnsThatManyIdenticalConfigs(int maxTasks)
    {
        var props = new Dictionary<string, string> { ["file"] = "out.txt", ["topics"] = "t" };
        var connector = new FileStreamSinkConnector();
        connector.Start(props);

        var configs = connector.TaskConfigs(maxTasks);

        configs.Should().HaveCount(maxTasks).And.AllSatisfy(c => c.Should().Equal(props));
    }

    [Test]
    public void AlterOffsets_Anything_ReturnsTrue()
    {
        var result = new FileStreamSinkConnector().AlterOffsets(new Dictionary<string, string>(),
            new Dictionary<TopicPartition, long?> { [new("t", 0)] = null, [new("t", 1)] = 5 });

        result.Should().BeTrue();
    }
}
