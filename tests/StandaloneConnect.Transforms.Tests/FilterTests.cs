using FluentAssertions;
using StandaloneConnect.Sdk;
using StandaloneConnect.Sdk.Data;

namespace StandaloneConnect.Transforms.Tests;

public sealed class FilterTests
{
    private static IEnumerable<TestCaseData> Records()
    {
        yield return new TestCaseData(new SourceRecord(null, null, "t", Schema.String, "value")).SetName("Apply_SourceRecordWithValue_Dropped");
        yield return new TestCaseData(new SourceRecord(null, null, "t", null, null)).SetName("Apply_Tombstone_Dropped");
        yield return new TestCaseData(new SinkRecord("t", 0, null, "k", null, "v", 5)).SetName("Apply_SinkRecord_Dropped");
    }

    [TestCaseSource(nameof(Records))]
    public void Apply_AnyRecord_ReturnsNull(ConnectRecord record)
    {
        using var filter = new Filter();
        filter.Configure(new Dictionary<string, string> { ["unrelated"] = "x" });
        filter.Apply(record).Should().BeNull();
    }

    [Test]
    public void Config_HasNoKeys() => new Filter().Config.Keys.Should().BeEmpty();

    [Test]
    public void Alias_IsKafkaClassName() =>
        typeof(Filter).GetCustomAttributes(typeof(PluginAliasAttribute), false).Cast<PluginAliasAttribute>()
            .Select(a => a.Name).Should().Equal("org.apache.kafka.connect.transforms.Filter");
}
