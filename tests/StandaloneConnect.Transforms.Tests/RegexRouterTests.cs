using FluentAssertions;
using StandaloneConnect.Sdk;
using StandaloneConnect.Sdk.Config;
using StandaloneConnect.Sdk.Data;

namespace StandaloneConnect.Transforms.Tests;

public sealed class RegexRouterTests
{
    private static RegexRouter Router(string regex, string replacement)
    {
        var router = new RegexRouter();
        router.Configure(new Dictionary<string, string> { ["regex"] = regex, ["replacement"] = replacement });
        return router;
    }

    private static SourceRecord Record(string topic)
    {
        var record = new SourceRecord(new Dictionary<string, object?> { ["file"] = "f" }, new Dictionary<string, object?> { ["pos"] = 7L },
            topic, 3, Schema.String, "k", Schema.Int32, 42, 1234L);
        record.Headers.AddString("h", "v");
        return record;
    }

    [TestCase("logs-(.*)", "archive-$1", "logs-app", "archive-app")]
    [TestCase("logs-(.*)", "archive-$1", "xlogs-app", "xlogs-app")]
    [TestCase("logs", "x", "logs-app", "logs-app")]
    [TestCase("(.*)-(\\d+)", "$1", "orders-2024", "orders")]
    [TestCase("(.*?)", "$1-x", "abc", "-xabc")]
    [TestCase("a*", "b", "aaa", "b")]
    [TestCase("(?<env>prod|dev)\\.(.*)", "$2.${env}", "prod.orders", "orders.prod")]
    [TestCase("(.*)", "prefix_$1", "t", "prefix_t")]
    [TestCase("t(.*)", "cost\\$$1", "t5", "cost$5")]
    [TestCase(".*", "fixed", "anything", "fixed")]
    public void Apply_FullMatchThenReplaceFirst(string regex, string replacement, string topic, string expected) =>
        Router(regex, replacement).Apply(Record(topic))!.Topic.Should().Be(expected);

    [Test]
    public void Apply_NoMatch_ReturnsSameRecord()
    {
        var record = Record("other");
        Router("logs-(.*)", "$1").Apply(record).Should().BeSameAs(record);
    }

    [Test]
    public void Apply_Match_KeepsEverythingButTheTopic()
    {
        var result = (SourceRecord)Router("(.*)", "new-$1").Apply(Record("t"))!;
        result.Topic.Should().Be("new-t");
        result.KafkaPartition.Should().Be(3);
        result.Key.Should().Be("k");
        result.Value.Should().Be(42);
        result.ValueSchema.Should().BeSameAs(Schema.Int32);
        result.Timestamp.Should().Be(1234L);
        result.SourceOffset.Should().ContainKey("pos").WhoseValue.Should().Be(7L);
        result.Headers.Single().Should().Be(new Header("h", Schema.OptionalString, "v"));
    }

    [TestCase("regex", "Missing required configuration \"regex\" which has no default value.")]
    [TestCase("replacement", "Missing required configuration \"replacement\" which has no default value.")]
    public void Configure_MissingKey_Throws(string missing, string message)
    {
        var props = new Dictionary<string, string> { ["regex"] = "a", ["replacement"] = "b" };
        props.Remove(missing);
        FluentActions.Invoking(() => new RegexRouter().Configure(props)).Should().Throw<ConfigException>().WithMessage(message);
    }

    [Test]
    public void Configure_BothMissing_ReportsBoth() =>
        FluentActions.Invoking(() => new RegexRouter().Configure(new Dictionary<string, string>()))
            .Should().Throw<ConfigValidationException>().Which.Problems.Should().HaveCount(2);

    [TestCase("(", "Invalid value ( for configuration regex: Invalid regex:")]
    [TestCase("a++", "Invalid value a++ for configuration regex: Invalid regex: Possessive")]
    public void Configure_InvalidRegex_Throws(string regex, string messageStart) =>
        FluentActions.Invoking(() => Router(regex, "x")).Should().Throw<ConfigException>()
            .Which.Message.Should().StartWith(messageStart);

    [TestCase("(a)", "$2", "Invalid value $2 for configuration replacement: No group 2")]
    [TestCase("a", "x\\", "Invalid value x\\ for configuration replacement: character to be escaped is missing")]
    public void Configure_InvalidReplacement_Throws(string regex, string replacement, string message) =>
        FluentActions.Invoking(() => Router(regex, replacement)).Should().Throw<ConfigException>().WithMessage(message);

    [Test]
    public void Config_DeclaresKafkaKeys()
    {
        var def = new RegexRouter().Config;
        def.Keys.Select(k => (k.Name, k.Type, k.Required, k.Importance)).Should().Equal(
            ("regex", ConfigType.String, true, Importance.High), ("replacement", ConfigType.String, true, Importance.High));
        def["regex"]!.Validator!.ToString().Should().Be("valid regex");
    }

    [Test]
    public void Validate_InvalidRegex_ReportsErrorOnTheKey() =>
        new RegexRouter().Config.Validate(new Dictionary<string, string?> { ["regex"] = "[", ["replacement"] = "x" })
            .Single(v => v.Name == "regex").ErrorMessages.Should().ContainSingle().Which.Should().Contain("Invalid regex");

    [Test]
    public void Alias_IsKafkaClassName() =>
        typeof(RegexRouter).GetCustomAttributes(typeof(PluginAliasAttribute), false).Cast<PluginAliasAttribute>()
            .Select(a => a.Name).Should().Equal("org.apache.kafka.connect.transforms.RegexRouter");
}
