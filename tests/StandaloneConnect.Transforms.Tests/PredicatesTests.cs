using FluentAssertions;
using StandaloneConnect.Sdk;
using StandaloneConnect.Sdk.Config;
using StandaloneConnect.Sdk.Data;
using StandaloneConnect.Transforms.Predicates;

namespace StandaloneConnect.Transforms.Tests;

public sealed class PredicatesTests
{
    private static SourceRecord Record(string topic = "t", string value = "v", Schema? valueSchema = null, params string[] headers) =>
        RecordWithValue(topic, value, valueSchema, headers);

    private static SourceRecord RecordWithValue(string topic, object? value, Schema? valueSchema, string[] headers)
    {
        var record = new SourceRecord(null, null, topic, valueSchema, value);
        foreach (var h in headers)
        {
            record.Headers.AddString(h, "x");
        }

        return record;
    }

    private static HasHeaderKey HasHeader(string name)
    {
        var predicate = new HasHeaderKey();
        predicate.Configure(new Dictionary<string, string> { ["name"] = name });
        return predicate;
    }

    private static TopicNameMatches TopicMatches(string pattern)
    {
        var predicate = new TopicNameMatches();
        predicate.Configure(new Dictionary<string, string> { ["pattern"] = pattern });
        return predicate;
    }

    [TestCase("a", new[] { "a" }, true)]
    [TestCase("a", new[] { "b", "a", "a" }, true)]
    [TestCase("a", new[] { "b" }, false)]
    [TestCase("a", new[] { "A" }, false)]
    [TestCase("a", new string[0], false)]
    public void HasHeaderKey_Test(string name, string[] headers, bool expected) =>
        HasHeader(name).Test(Record(headers: headers)).Should().Be(expected);

    [TestCase(null, "Missing required configuration \"name\" which has no default value.")]
    [TestCase("", "Invalid value  for configuration name: String must be non-empty")]
    public void HasHeaderKey_Configure_MissingOrEmpty_Throws(string? name, string message)
    {
        var props = name is null ? new Dictionary<string, string>() : new Dictionary<string, string> { ["name"] = name };
        FluentActions.Invoking(() => new HasHeaderKey().Configure(props)).Should().Throw<ConfigException>().WithMessage(message);
    }

    [Test]
    public void RecordIsTombstone_NullValue_True() =>
        new RecordIsTombstone().Test(RecordWithValue("t", null, Schema.OptionalString, [])).Should().BeTrue();

    [TestCase("v")]
    [TestCase("")]
    [TestCase(0)]
    public void RecordIsTombstone_AnyValue_False(object value) =>
        new RecordIsTombstone().Test(RecordWithValue("t", value, null, [])).Should().BeFalse();

    [Test]
    public void RecordIsTombstone_Config_HasNoKeys() => new RecordIsTombstone().Config.Keys.Should().BeEmpty();

    [TestCase("orders-.*", "orders-eu", true)]
    [TestCase("orders", "orders-eu", false)]
    [TestCase("orders", "my-orders", false)]
    [TestCase("a|orders", "orders", true)]
    [TestCase("orders-\\d+", "orders-42", true)]
    [TestCase("(?i)ORDERS", "orders", true)]
    [TestCase("orders.*", "ORDERS", false)]
    public void TopicNameMatches_Test_FullMatch(string pattern, string topic, bool expected) =>
        TopicMatches(pattern).Test(Record(topic)).Should().Be(expected);

    [TestCase(null, "Missing required configuration \"pattern\" which has no default value.")]
    [TestCase("", "Invalid value  for configuration pattern: String must be non-empty")]
    [TestCase("[", "Invalid value [ for configuration pattern: Invalid regex: Unclosed character class*")]
    [TestCase("a*+", "Invalid value a*+ for configuration pattern: Invalid regex: Possessive*")]
    public void TopicNameMatches_Configure_Invalid_Throws(string? pattern, string message)
    {
        var props = pattern is null ? new Dictionary<string, string>() : new Dictionary<string, string> { ["pattern"] = pattern };
        FluentActions.Invoking(() => new TopicNameMatches().Configure(props)).Should().Throw<ConfigException>().WithMessage(message);
    }

    [Test]
    public void Configs_DeclareKafkaKeys()
    {
        var name = new HasHeaderKey().Config["name"]!;
        (name.Type, name.Required, name.Importance).Should().Be((ConfigType.String, true, Importance.Medium));
        var pattern = new TopicNameMatches().Config["pattern"]!;
        (pattern.Type, pattern.Required, pattern.Importance).Should().Be((ConfigType.String, true, Importance.Medium));
    }

    [TestCase(typeof(HasHeaderKey), "org.apache.kafka.connect.transforms.predicates.HasHeaderKey")]
    [TestCase(typeof(RecordIsTombstone), "org.apache.kafka.connect.transforms.predicates.RecordIsTombstone")]
    [TestCase(typeof(TopicNameMatches), "org.apache.kafka.connect.transforms.predicates.TopicNameMatches")]
    public void Alias_IsKafkaClassName(Type type, string alias)
    {
        type.GetCustomAttributes(typeof(PluginAliasAttribute), false).Cast<PluginAliasAttribute>().Select(a => a.Name)
            .Should().Equal(alias);
        type.Should().Implement<StandaloneConnect.Sdk.Transforms.IPredicate>();
    }
}
