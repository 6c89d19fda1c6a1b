using StandaloneConnect.Sdk;
using StandaloneConnect.Sdk.Config;
using StandaloneConnect.Sdk.Data;

namespace StandaloneConnect.Transforms.Tests;

public sealed class TimestampRouterTests
{
    private const long Timestamp = 1705314605007L; // 2024-01-15T10:30:05.007Z

    [TestCase(null, null, "orders-20240115")]
    [TestCase("${topic}_${timestamp}", "yyyy-MM", "orders_2024-01")]
    [TestCase("archive.${timestamp}", "yyyyMMddHH", "archive.2024011510")]
    [TestCase("${topic}-${topic}-${timestamp}-${timestamp}", "dd", "orders-orders-15-15")]
    [TestCase("fixed", null, "fixed")]
    [TestCase("${topic}-$1-${timestamp}", "'v'", "orders-$1-v")]
    public void Apply_Formats_RewritesTopic(string? topicFormat, string? timestampFormat, string expected)
    {
        using var router = Configure(topicFormat, timestampFormat);
        var record = new SinkRecord("orders", 3, Schema.String, "k", Schema.Int32, 42, 7, Timestamp, TimestampType.CreateTime);

        var result = (SinkRecord?)router.Apply(record);

        result.Should().NotBeNull();
        result!.Topic.Should().Be(expected);
        result.KafkaPartition.Should().Be(3);
        result.Key.Should().Be("k");
        result.KeySchema.Should().Be(Schema.String);
        result.Value.Should().Be(42);
        result.ValueSchema.Should().Be(Schema.Int32);
        result.Timestamp.Should().Be(Timestamp);
        result.KafkaOffset.Should().Be(7);
    }

    [Test]
    public void Apply_TopicContainsTimestampPlaceholder_IsReplacedToo()
    {
        // Kafka replaces ${topic} first, then ${timestamp} in the result.
        using var router = Configure(null, "yyyy");
        var record = new SinkRecord("a${timestamp}", 0, null, null, null, null, 0, Timestamp, TimestampType.CreateTime);

        router.Apply(record)!.Topic.Should().Be("a2024-2024");
    }

    [Test]
    public void Apply_Tombstone_IsRoutedWithNullValue()
    {
        using var router = Configure(null, null);
        var record = new SinkRecord("orders", 0, Schema.String, "k", null, null, 0, Timestamp, TimestampType.CreateTime);

        var result = router.Apply(record)!;

        result.Topic.Should().Be("orders-20240115");
        result.Value.Should().BeNull();
    }

    [Test]
    public void Apply_NullTimestamp_ThrowsKafkasError()
    {
        using var router = Configure(null, null);
        var record = new SinkRecord("orders", 0, null, null, null, null, 0);

        FluentActions.Invoking(() => router.Apply(record)).Should().Throw<DataException>()
            .WithMessage("Timestamp missing on record: SinkRecord{topic='orders'*");
    }

    [TestCase("yyyy-qq", "Invalid value yyyy-qq for configuration timestamp.format: Illegal pattern character 'q'")]
    [TestCase("'open", "Invalid value 'open for configuration timestamp.format: Unterminated quote in date format pattern ''open'")]
    public void Configure_BadTimestampFormat_ThrowsConfigException(string format, string message)
    {
        using var router = new TimestampRouter();

        FluentActions.Invoking(() => router.Configure(new Dictionary<string, string> { ["timestamp.format"] = format }))
            .Should().Throw<ConfigException>().WithMessage(message);
    }

    [Test]
    public void Config_DeclaresKafkasKeysAndDefaults()
    {
        using var router = new TimestampRouter();

        router.Config.Keys.Select(k => (k.Name, k.DefaultValue, k.Importance)).Should().Equal(
            ("topic.format", (object?)"${topic}-${timestamp}", Importance.High),
            ("timestamp.format", (object?)"yyyyMMdd", Importance.High));
    }

    private static TimestampRouter Configure(string? topicFormat, string? timestampFormat)
    {
        var props = new Dictionary<string, string>();
        if (topicFormat is not null)
        {
            props["topic.format"] = topicFormat;
        }

        if (timestampFormat is not null)
        {
            props["timestamp.format"] = timestampFormat;
        }

        var router = new TimestampRouter();
        router.Configure(props);
        return router;
    }
}
