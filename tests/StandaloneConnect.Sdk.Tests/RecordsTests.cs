using StandaloneConnect.Sdk.Data;

namespace StandaloneConnect.Sdk.Tests;

public sealed class RecordsTests
{
    private static readonly Dictionary<string, object?> Partition = new() { ["filename"] = "a.txt" };
    private static readonly Dictionary<string, object?> Offset = new() { ["position"] = 10L };

    [Test]
    public void NewRecord_SourceRecord_KeepsPartitionAndOffset()
    {
        ConnectRecord record = new SourceRecord(Partition, Offset, "t", 1, Schema.String, "k", Schema.String, "v", 5L);

        var copy = record.NewRecord("t2", 2, null, null, Schema.Int32, 42, 6L);

        var source = copy.Should().BeOfType<SourceRecord>().Subject;
        source.SourcePartition.Should().BeSameAs(Partition);
        source.SourceOffset.Should().BeSameAs(Offset);
        (source.Topic, source.KafkaPartition, source.Key, source.Value, source.Timestamp).Should().Be(("t2", (int?)2, (object?)null, (object?)42, (long?)6L));
    }

    [Test]
    public void NewRecord_SinkRecord_KeepsKafkaCoordinatesAndOriginals()
    {
        ConnectRecord record = new SinkRecord("t", 3, null, "k", Schema.String, "v", 99L, 1000L, TimestampType.LogAppendTime);

        var copy = record.NewRecord("renamed", null, null, "k", Schema.String, "v2", 2000L);

        var sink = copy.Should().BeOfType<SinkRecord>().Subject;
        sink.Topic.Should().Be("renamed");
        sink.KafkaPartition.Should().Be(3);
        sink.KafkaOffset.Should().Be(99L);
        sink.TimestampType.Should().Be(TimestampType.LogAppendTime);
        (sink.OriginalTopic, sink.OriginalKafkaPartition, sink.OriginalKafkaOffset).Should().Be(("t", 3, 99L));
        sink.Timestamp.Should().Be(2000L);
    }

    [Test]
    public void NewRecord_WithoutHeadersArgument_CopiesHeadersIndependently()
    {
        var record = new SourceRecord(Partition, Offset, "t", Schema.String, "v");
        record.Headers.AddString("h", "1");

        var copy = record.NewRecord("t", null, null, null, Schema.String, "v", null);
        copy.Headers.AddString("added", "2");

        copy.Headers.Select(h => h.Key).Should().Equal("h", "added");
        record.Headers.Select(h => h.Key).Should().Equal("h");
    }

    [Test]
    public void NewRecord_WithNullHeaders_HasNoHeaders()
    {
        var record = new SourceRecord(Partition, Offset, "t", Schema.String, "v");
        record.Headers.AddString("h", "1");

        var copy = record.NewRecord("t", null, null, null, Schema.String, "v", null, null);

        copy.HasHeaders.Should().BeFalse();
    }

    [Test]
    public void HasHeaders_NewRecord_IsFalseWithoutCreatingHeaders()
    {
        var record = new SinkRecord("t", 0, null, null, null, null, 0);

        record.HasHeaders.Should().BeFalse();
        record.Headers.IsEmpty.Should().BeTrue();
        record.HasHeaders.Should().BeFalse();
    }
}
