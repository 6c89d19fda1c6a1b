using System.Globalization;
using StandaloneConnect.Runtime.Configuration;
using StandaloneConnect.Sdk.Config;

namespace StandaloneConnect.Runtime.Tests.Configuration.RuntimeConfigs;

public sealed class ConnectorConfigTests
{
    private static Dictionary<string, string> Minimal() => new()
    {
        ["name"] = "c1",
        ["connector.class"] = "FileStreamSource",
    };

    private static ConfigDef Definition(string which) => which switch
    {
        "Common" => ConnectorConfig.Common,
        "Source" => ConnectorConfig.Source,
        "Sink" => ConnectorConfig.Sink,
        _ => throw new ArgumentOutOfRangeException(nameof(which)),
    };

    // Reference §4: the framework keys every connector has.
    [TestCase("tasks.max", "1")]
    [TestCase("tasks.max.enforce", "true")]
    [TestCase("key.converter", "null")]
    [TestCase("value.converter", "null")]
    [TestCase("header.converter", "null")]
    [TestCase("transforms", "[]")]
    [TestCase("predicates", "[]")]
    [TestCase("config.action.reload", "restart")]
    [TestCase("errors.retry.timeout", "0")]
    [TestCase("errors.retry.delay.max.ms", "60000")]
    [TestCase("errors.tolerance", "none")]
    [TestCase("errors.log.enable", "false")]
    [TestCase("errors.log.include.messages", "false")]
    public void Common_KeyNotGiven_HasKafkasDefaultInEveryDefinition(string key, string expected)
    {
        foreach (var which in new[] { "Common", "Source", "Sink" })
        {
            Render(Definition(which).Parse(Minimal()).Get(key)).Should().Be(expected, $"{which} inherits the common keys");
        }
    }

    [TestCase("topics", "[]")]
    [TestCase("topics.regex", "")]
    [TestCase("errors.deadletterqueue.topic.name", "")]
    [TestCase("errors.deadletterqueue.topic.replication.factor", "3")]
    [TestCase("errors.deadletterqueue.context.headers.enable", "false")]
    public void Sink_KeyNotGiven_HasKafkasDefault(string key, string expected)
    {
        Render(ConnectorConfig.Sink.Parse(Minimal()).Get(key)).Should().Be(expected);
    }

    [TestCase("topic.creation.groups", "[]")]
    [TestCase("exactly.once.support", "requested")]
    [TestCase("transaction.boundary", "poll")]
    [TestCase("transaction.boundary.interval.ms", "null")]
    [TestCase("offsets.storage.topic", "null")]
    public void Source_KeyNotGiven_HasKafkasDefault(string key, string expected)
    {
        Render(ConnectorConfig.Source.Parse(Minimal()).Get(key)).Should().Be(expected);
    }

    [Test]
    public void Sink_DlqReplicationFactor_IsAShort()
    {
        ConnectorConfig.Sink.Parse(Minimal()).Get(ConnectorConfig.DlqReplicationFactor).Should().BeOfType<short>();
    }

    [Test]
    public void Definitions_SourceAndSinkKeys_StayInTheirOwnDefinition()
    {
        var common = ConnectorConfig.Common.Keys.Select(k => k.Name).ToList();
        var source = ConnectorConfig.Source.Keys.Select(k => k.Name).ToList();
        var sink = ConnectorConfig.Sink.Keys.Select(k => k.Name).ToList();

        source.Should().Contain(common).And.Contain("topic.creation.groups").And.NotContain("topics");
        sink.Should().Contain(common).And.Contain("topics", "topics.regex").And.NotContain("topic.creation.groups");
        common.Should().NotContain(["topics", "topic.creation.groups"]);
    }

    [TestCase("Common")]
    [TestCase("Source")]
    [TestCase("Sink")]
    public void Parse_NameAndClassMissing_ReportsBoth(string which)
    {
        var act = () => Definition(which).Parse(new Dictionary<string, string>());

        act.Should().Throw<ConfigValidationException>().Which.Problems.Should().BeEquivalentTo(
            "Missing required configuration \"name\" which has no default value.",
            "Missing required configuration \"connector.class\" which has no default value.");
    }

    [TestCase("tasks.max", "0", "Value must be at least 1")]
    [TestCase("tasks.max", "-3", "Value must be at least 1")]
    [TestCase("tasks.max", "many", "Not a number of type INT")]
    [TestCase("errors.tolerance", "some", "String must be one of (case insensitive): none, all")]
    [TestCase("config.action.reload", "reload", "String must be one of (case insensitive): none, restart")]
    [TestCase("errors.retry.timeout", "1s", "Not a number of type LONG")]
    [TestCase("errors.log.enable", "yes", "Expected value to be either true or false")]
    [TestCase("name", "", "String may not be empty")]
    public void Common_InvalidValue_NamesKeyValueAndRule(string key, string value, string rule)
    {
        var props = Minimal();
        props[key] = value;

        var act = () => ConnectorConfig.Common.Parse(props);

        act.Should().Throw<ConfigValidationException>().Which.Problems
            .Should().Equal($"Invalid value {value} for configuration {key}: {rule}");
    }

    // Kafka prints the parsed alias list as a Java List.
    [TestCase("transforms", "a,b,a", "[a, b, a]")]
    [TestCase("predicates", "p , p", "[p, p]")]
    public void Common_DuplicateAliases_AreRejected(string key, string value, string printed)
    {
        var props = Minimal();
        props[key] = value;

        var act = () => ConnectorConfig.Common.Parse(props);

        act.Should().Throw<ConfigValidationException>().Which.Problems
            .Should().Equal($"Invalid value {printed} for configuration {key}: Duplicate alias provided.");
    }

    [Test]
    public void Common_NameWithControlCharacter_IsRejected()
    {
        var props = Minimal();
        props["name"] = "bad\tname";

        var act = () => ConnectorConfig.Common.Parse(props);

        act.Should().Throw<ConfigValidationException>()
            .WithMessage("*configuration name: String may not contain control sequences but had the following ASCII chars: 9");
    }

    [TestCase("ALL")]
    [TestCase("None")]
    public void Common_ErrorsTolerance_IsCaseInsensitive(string value)
    {
        var props = Minimal();
        props["errors.tolerance"] = value;

        ConnectorConfig.Common.Parse(props).GetString("errors.tolerance").Should().Be(value);
    }

    [TestCase("exactly.once.support", "sometimes", "String must be one of (case insensitive): requested, required")]
    [TestCase("transaction.boundary", "batch", "String must be one of (case insensitive): poll, interval, connector")]
    public void Source_InvalidValue_NamesKeyValueAndRule(string key, string value, string rule)
    {
        var props = Minimal();
        props[key] = value;

        var act = () => ConnectorConfig.Source.Parse(props);

        act.Should().Throw<ConfigValidationException>().Which.Problems
            .Should().Equal($"Invalid value {value} for configuration {key}: {rule}");
    }

    [Test]
    public void Sink_InvalidTopicsRegex_IsRejected()
    {
        var props = Minimal();
        props["topics.regex"] = "orders-(";

        var act = () => ConnectorConfig.Sink.Parse(props);

        act.Should().Throw<ConfigValidationException>().Which.Problems
            .Should().Equal("Invalid value orders-( for configuration topics.regex: Must be a valid regular expression");
    }

    [TestCase("a", null, null, TestName = "ValidateSinkTopics_TopicsOnly_NoProblem")]
    [TestCase(null, "a.*", null, TestName = "ValidateSinkTopics_RegexOnly_NoProblem")]
    [TestCase("a", "b.*", "topics and topics.regex are mutually exclusive options, but both are set.", TestName = "ValidateSinkTopics_Both_MutuallyExclusive")]
    [TestCase(null, null, "Must configure one of topics or topics.regex", TestName = "ValidateSinkTopics_Neither_MustConfigureOne")]
    [TestCase("  ", "", "Must configure one of topics or topics.regex", TestName = "ValidateSinkTopics_BlankValues_MustConfigureOne")]
    public void ValidateSinkTopics_TopicsAndRegex_KafkasMessage(string? topics, string? regex, string? expected)
    {
        var props = new Dictionary<string, string>();
        if (topics is not null)
        {
            props["topics"] = topics;
        }

        if (regex is not null)
        {
            props["topics.regex"] = regex;
        }

        var problems = ConnectorConfig.ValidateSinkTopics(props).ToList();

        if (expected is null)
        {
            problems.Should().BeEmpty();
        }
        else
        {
            problems.Should().Equal(expected);
        }
    }

    // Kafka 3.7+ (KAFKA-13327) SinkConnectorConfig.validate: the list is printed as a Java List.
    [Test]
    public void ValidateSinkTopics_DlqInTopics_KafkasMessage()
    {
        var props = new Dictionary<string, string> { ["topics"] = "orders, dlq", ["errors.deadletterqueue.topic.name"] = " dlq " };

        ConnectorConfig.ValidateSinkTopics(props).Should().Equal(
            "The DLQ topic 'dlq' may not be included in the list of topics ('topics=[orders, dlq]') consumed by the connector");
    }

    [Test]
    public void ValidateSinkTopics_DlqMatchingRegex_KafkasMessage()
    {
        var props = new Dictionary<string, string> { ["topics.regex"] = "d.*", ["errors.deadletterqueue.topic.name"] = "dlq" };

        ConnectorConfig.ValidateSinkTopics(props).Should().Equal(
            "The DLQ topic 'dlq' may not be matched by the regex for the topics ('topics.regex=d.*') consumed by the connector");
    }

    [TestCase("topics", "orders,dlq-archive")]
    [TestCase("topics.regex", "dl")]
    [TestCase("topics.regex", "orders.*")]
    public void ValidateSinkTopics_DlqNotConsumed_NoProblem(string key, string value)
    {
        var props = new Dictionary<string, string> { [key] = value, ["errors.deadletterqueue.topic.name"] = "dlq" };

        ConnectorConfig.ValidateSinkTopics(props).Should().BeEmpty();
    }

    [TestCase("x", "x", true)]
    [TestCase("a.c", "abc", true)]
    [TestCase("ab", "abc", false)]
    [TestCase("bc", "abc", false)]
    [TestCase("a|abc", "abc", true)]
    public void JavaRegexFullMatch_Pattern_MatchesTheWholeInput(string pattern, string input, bool expected)
    {
        JavaRegex.FullMatch(pattern, input).Should().Be(expected);
    }

    private static string Render(object? value) => value switch
    {
        null => "null",
        bool b => b ? "true" : "false",
        string s => s,
        IEnumerable<string> list => "[" + string.Join(", ", list) + "]",
        _ => Convert.ToString(value, CultureInfo.InvariantCulture) ?? "",
    };
}
