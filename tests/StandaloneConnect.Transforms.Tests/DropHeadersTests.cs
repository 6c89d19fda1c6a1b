using FluentAssertions;
using StandaloneConnect.Sdk;
using StandaloneConnect.Sdk.Config;
using StandaloneConnect.Sdk.Data;

namespace StandaloneConnect.Transforms.Tests;

public sealed class DropHeadersTests
{
    private static DropHeaders Drop(string headers)
    {
        var transform = new DropHeaders();
        transform.Configure(new Dictionary<string, string> { ["headers"] = headers });
        return transform;
    }

    private static SourceRecord Record(params string[] headerKeys)
    {
        var record = new SourceRecord(null, null, "t", 1, Schema.String, "k", Schema.String, "v", 99L);
        for (var i = 0; i < headerKeys.Length; i++)
        {
            record.Headers.AddInt(headerKeys[i], i);
        }

        return record;
    }

    [TestCase("a", new[] { "a", "b", "a", "c" }, new[] { "b", "c" })]
    [TestCase("a,c", new[] { "a", "b", "a", "c" }, new[] { "b" })]
    [TestCase(" a , c ", new[] { "a", "b", "c" }, new[] { "b" })]
    [TestCase("x", new[] { "a", "b" }, new[] { "a", "b" })]
    [TestCase("A", new[] { "a" }, new[] { "a" })]
    [TestCase("a", new string[0], new string[0])]
    public void Apply_RemovesEveryHeaderWithAListedName(string config, string[] before, string[] after) =>
        Drop(config).Apply(Record(before))!.Headers.Select(h => h.Key).Should().Equal(after);

    [Test]
    public void Apply_KeepsOrderValuesAndOtherFields_AndLeavesInputUntouched()
    {
        var record = Record("a", "b", "c");
        var result = Drop("b").Apply(record)!;
        result.Headers.Select(h => h.Value).Should().Equal(0, 2);
        (result.Topic, result.KafkaPartition, result.Key, result.Value, result.Timestamp).Should().Be(("t", 1, "k", "v", 99L));
        record.Headers.Should().HaveCount(3);
    }

    [TestCase(null, "Missing required configuration \"headers\" which has no default value.")]
    [TestCase("", "Invalid value [] for configuration headers: Empty list")]
    [TestCase("  ", "Invalid value [] for configuration headers: Empty list")]
    public void Configure_MissingOrEmpty_Throws(string? headers, string message)
    {
        var props = new Dictionary<string, string>();
        if (headers is not null)
        {
            props["headers"] = headers;
        }

        FluentActions.Invoking(() => new DropHeaders().Configure(props)).Should().Throw<ConfigException>().WithMessage(message);
    }

    [Test]
    public void Config_DeclaresKafkaKey()
    {
        var key = new DropHeaders().Config["headers"]!;
        (key.Type, key.Required, key.Importance, key.Validator!.ToString()).Should().Be((ConfigType.List, true, Importance.High, "non-empty list"));
    }

    [Test]
    public void Alias_IsKafkaClassName() =>
        typeof(DropHeaders).GetCustomAttributes(typeof(PluginAliasAttribute), false).Cast<PluginAliasAttribute>()
            .Select(a => a.Name).Should().Equal("org.apache.kafka.connect.transforms.DropHeaders");
}
