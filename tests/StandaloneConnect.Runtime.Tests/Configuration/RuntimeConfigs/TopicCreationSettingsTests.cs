using StandaloneConnect.Runtime.Configuration;
using StandaloneConnect.Sdk.Config;

namespace StandaloneConnect.Runtime.Tests.Configuration.RuntimeConfigs;

public sealed class TopicCreationSettingsTests
{
    private static Dictionary<string, string> WithDefaults(params (string Key, string Value)[] extra)
    {
        var config = new Dictionary<string, string>
        {
            ["name"] = "src",
            ["topic.creation.default.partitions"] = "3",
            ["topic.creation.default.replication.factor"] = "2",
        };
        foreach (var (key, value) in extra)
        {
            config[key] = value;
        }

        return config;
    }

    [TestCase("topic.creation.default.partitions", true)]
    [TestCase("topic.creation.groups", true)]
    [TestCase("topic.creation.anything", true)]
    [TestCase("topics", false)]
    [TestCase("topic.creationx", false)]
    [TestCase("producer.override.topic.creation.default.partitions", false)]
    public void IsUsed_Key_TrueOnlyForTopicCreationKeys(string key, bool expected)
    {
        var config = new Dictionary<string, string> { ["name"] = "src", [key] = "1" };

        TopicCreationSettings.IsUsed(config).Should().Be(expected);
    }

    [Test]
    public void IsUsed_NoTopicCreationKeys_False()
    {
        TopicCreationSettings.IsUsed(new Dictionary<string, string> { ["name"] = "src" }).Should().BeFalse();
    }

    [Test]
    public void Validate_DefaultGroupNumbersMissing_ReportsBothRequiredKeys()
    {
        var config = new Dictionary<string, string> { ["topic.creation.groups"] = "compacted" };

        TopicCreationSettings.Validate(config).Should().BeEquivalentTo(
            "Missing required configuration \"topic.creation.default.partitions\" which has no default value.",
            "Missing required configuration \"topic.creation.default.replication.factor\" which has no default value.");
    }

    [Test]
    public void Parse_DefaultGroupNumbersMissing_ThrowsWithEveryProblem()
    {
        var act = () => TopicCreationSettings.Parse(new Dictionary<string, string> { ["topic.creation.default.partitions"] = "1" });

        act.Should().Throw<ConfigValidationException>().Which.Problems.Should().Equal(
            "Missing required configuration \"topic.creation.default.replication.factor\" which has no default value.");
    }

    [Test]
    public void Validate_CompleteDefaultGroup_NoProblems()
    {
        TopicCreationSettings.Validate(WithDefaults()).Should().BeEmpty();
    }

    // Kafka's TopicCreationConfig validators.
    [TestCase("partitions", "0", "Invalid value 0 for configuration topic.creation.default.partitions: Number of partitions must be positive, or -1 to use the broker's default")]
    [TestCase("partitions", "-2", "Invalid value -2 for configuration topic.creation.default.partitions: Number of partitions must be positive, or -1 to use the broker's default")]
    [TestCase("partitions", "many", "Invalid value many for configuration topic.creation.default.partitions: Not a number of type INT")]
    [TestCase("replication.factor", "0", "Invalid value 0 for configuration topic.creation.default.replication.factor: Replication factor must be positive and not larger than the number of brokers in the Kafka cluster, or -1 to use the broker's default")]
    [TestCase("replication.factor", "40000", "Invalid value 40000 for configuration topic.creation.default.replication.factor: Not a number of type SHORT")]
    [TestCase("replication.factor", "x", "Invalid value x for configuration topic.creation.default.replication.factor: Not a number of type SHORT")]
    public void Validate_InvalidDefaultNumber_KafkasMessage(string key, string value, string expected)
    {
        var config = WithDefaults(("topic.creation.default." + key, value));

        TopicCreationSettings.Validate(config).Should().Equal(expected);
    }

    [Test]
    public void Validate_InvalidIncludeRegex_IsReportedInsteadOfFailingLater()
    {
        var config = WithDefaults(("topic.creation.groups", "g"), ("topic.creation.g.include", "orders, bad(("));

        TopicCreationSettings.Validate(config).Should().ContainSingle()
            .Which.Should().StartWith("Invalid value [orders, bad((] for configuration topic.creation.g.include: Syntax error in regular expression: ");
    }

    [Test]
    public void Parse_MinusOne_MeansBrokerDefault()
    {
        var settings = TopicCreationSettings.Parse(WithDefaults(
            ("topic.creation.default.partitions", "-1"), ("topic.creation.default.replication.factor", "-1")));

        var spec = settings.SpecFor("any");

        spec.Should().NotBeNull();
        spec!.Partitions.Should().Be(-1);
        spec.ReplicationFactor.Should().Be(-1);
    }

    [Test]
    public void SpecFor_OnlyDefaultGroup_MatchesEveryTopicWithItsNumbers()
    {
        var settings = TopicCreationSettings.Parse(WithDefaults());

        var spec = settings.SpecFor("orders");

        spec.Should().NotBeNull();
        spec!.Name.Should().Be("orders");
        spec.Partitions.Should().Be(3);
        spec.ReplicationFactor.Should().Be(2);
        settings.Groups.Should().ContainSingle().Which.Include.Should().Equal(".*");
    }

    [TestCase("orders", 5, TestName = "SpecFor_TopicIncludedByGroup_UsesTheGroup")]
    [TestCase("orders.internal", 3, TestName = "SpecFor_TopicAlsoExcludedByGroup_ExcludeWinsAndDefaultApplies")]
    [TestCase("customers", 5, TestName = "SpecFor_SecondIncludePattern_UsesTheGroup")]
    [TestCase("xorders", 3, TestName = "SpecFor_PatternMatchingOnlyPartOfTheName_DefaultApplies")]
    [TestCase("orders2", 5, TestName = "SpecFor_WildcardIncludePattern_UsesTheGroup")]
    [TestCase("customers-eu", 3, TestName = "SpecFor_LiteralPatternMatchingOnlyAPrefix_DefaultApplies")]
    [TestCase("other", 3, TestName = "SpecFor_TopicInNoGroup_DefaultApplies")]
    public void SpecFor_GroupsWithIncludeAndExclude_FirstMatchingGroupDecides(string topic, int expectedPartitions)
    {
        var settings = TopicCreationSettings.Parse(WithDefaults(
            ("topic.creation.groups", "hot"),
            ("topic.creation.hot.include", "orders.*, customers"),
            ("topic.creation.hot.exclude", ".*\\.internal"),
            ("topic.creation.hot.partitions", "5")));

        settings.SpecFor(topic)!.Partitions.Should().Be(expectedPartitions);
    }

    [Test]
    public void Matches_IncludeIsAFullMatch_PartialMatchesDoNotCount()
    {
        var group = new TopicCreationGroup("g", ["orders"], [], 1, 1, new Dictionary<string, string>());

        group.Matches("orders").Should().BeTrue();
        group.Matches("orders-eu").Should().BeFalse();
        group.Matches("eu-orders").Should().BeFalse();
    }

    [Test]
    public void Parse_GroupWithoutNumbers_FallsBackToTheDefaultGroupsValues()
    {
        var settings = TopicCreationSettings.Parse(WithDefaults(
            ("topic.creation.groups", "compacted"),
            ("topic.creation.compacted.include", "state-.*"),
            ("topic.creation.compacted.replication.factor", "1")));

        var spec = settings.SpecFor("state-1");

        spec!.Partitions.Should().Be(3, "partitions falls back to topic.creation.default.partitions");
        spec.ReplicationFactor.Should().Be(1);
    }

    [Test]
    public void Parse_GroupWithoutInclude_MatchesNothing()
    {
        var settings = TopicCreationSettings.Parse(WithDefaults(
            ("topic.creation.groups", "g"), ("topic.creation.g.partitions", "9")));

        settings.SpecFor("anything")!.Partitions.Should().Be(3);
        settings.Groups.Select(g => g.Name).Should().Equal("g", "default");
    }

    [Test]
    public void Parse_DefaultListedInGroups_IsIgnored()
    {
        var settings = TopicCreationSettings.Parse(WithDefaults(("topic.creation.groups", "default, g")));

        settings.Groups.Select(g => g.Name).Should().Equal("g", "default");
    }

    [Test]
    public void Parse_ExtraGroupKeys_BecomeTopicConfigsOfThatGroupOnly()
    {
        var settings = TopicCreationSettings.Parse(WithDefaults(
            ("topic.creation.default.retention.ms", "1000"),
            ("topic.creation.groups", "compacted"),
            ("topic.creation.compacted.include", "state-.*"),
            ("topic.creation.compacted.cleanup.policy", "compact"),
            ("topic.creation.compacted.min.insync.replicas", "2")));

        settings.SpecFor("state-1")!.Configs.Should().Equal(new Dictionary<string, string>
        {
            ["cleanup.policy"] = "compact",
            ["min.insync.replicas"] = "2",
        });
        settings.SpecFor("other")!.Configs.Should().Equal(new Dictionary<string, string> { ["retention.ms"] = "1000" });
    }
}
