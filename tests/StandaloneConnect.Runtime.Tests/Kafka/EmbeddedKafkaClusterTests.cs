using System.Text;
using Confluent.Kafka;
using StandaloneConnect.Testing;

namespace StandaloneConnect.Runtime.Tests.Kafka;

public sealed class EmbeddedKafkaClusterTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(20);

    private EmbeddedKafkaCluster _kafka = null!;

    [SetUp]
    public void SetUp() => _kafka = new EmbeddedKafkaCluster();

    [TearDown]
    public void TearDown() => _kafka.Dispose();

    [Test]
    public async Task ProduceStrings_1000Records_ConsumeStringsReturnsAll()
    {
        _kafka.CreateTopic("round-trip", partitions: 4).Should().BeTrue();
        var values = Enumerable.Range(0, 1000).Select(i => $"value-{i}").ToList();

        var produced = _kafka.ProduceStrings("round-trip", values);
        var consumed = await _kafka.ConsumeStringsAsync("round-trip", 1000, Timeout);

        produced.Should().Be(1000);
        consumed.Should().BeEquivalentTo(values);
        _kafka.HighWatermarks("round-trip").Values.Sum().Should().Be(1000);
    }

    [Test]
    public async Task ProduceBytes_KeysAndTombstone_ConsumeReturnsKeysValuesAndOffsets()
    {
        _kafka.CreateTopic("bytes", partitions: 1);
        var records = new (byte[]? Key, byte[]? Value)[]
        {
            ("k1"u8.ToArray(), "v1"u8.ToArray()),
            (null, "v2"u8.ToArray()),
            ("k3"u8.ToArray(), null),
        };

        _kafka.ProduceBytes("bytes", records).Should().Be(3);
        var consumed = await _kafka.ConsumeAsync("bytes", 3, Timeout);

        consumed.Select(r => r.Offset).Should().Equal(0L, 1L, 2L);
        consumed.Should().OnlyContain(r => r.Partition == 0 && r.Topic == "bytes" && r.Headers.Count == 0);
        consumed.Select(r => r.KeyAsString).Should().Equal("k1", null, "k3");
        consumed.Select(r => r.ValueAsString).Should().Equal("v1", "v2", null);
    }

    [Test]
    public async Task ConsumeAsync_HeadersProducedByClient_ReturnedInOrder()
    {
        _kafka.CreateTopic("headers", partitions: 1);
        using (var producer = new ProducerBuilder<Null, string>(_kafka.CreateProducerConfig()).SetLogHandler((_, _) => { }).Build())
        {
            var headers = new Headers { { "a", "1"u8.ToArray() }, { "b", null } };
            await producer.ProduceAsync("headers", new Message<Null, string> { Value = "x", Headers = headers });
        }

        var consumed = await _kafka.ConsumeAsync("headers", 1, Timeout);

        consumed[0].Headers.Select(h => h.Key).Should().Equal("a", "b");
        consumed[0].Headers[0].Value.Should().Equal(Encoding.UTF8.GetBytes("1"));
        consumed[0].Headers[1].Value.Should().BeNull();
    }

    [Test]
    public async Task ConsumeAsync_FewerRecordsThanExpected_ThrowsTimeoutWithCount()
    {
        _kafka.CreateTopic("short", partitions: 2);
        _kafka.ProduceStrings("short", ["a", "b", "c"]);

        var act = () => _kafka.ConsumeAsync("short", 5, TimeSpan.FromSeconds(1));

        await act.Should().ThrowAsync<TimeoutException>().WithMessage("*3 of 5*short*");
    }

    [Test]
    public async Task ConsumeAsync_MissingTopic_ThrowsTimeoutAndDoesNotCreateIt()
    {
        var act = () => _kafka.ConsumeAsync("never-created", 1, TimeSpan.FromMilliseconds(300));

        await act.Should().ThrowAsync<TimeoutException>().WithMessage("*never-created*");
        _kafka.HighWatermarks("never-created").Should().BeEmpty();
        _kafka.CreateTopic("never-created", 1).Should().BeTrue();
    }

    [Test]
    public async Task GetCommittedOffsetsAsync_AfterCommit_ReturnsCommittedPartitionsOnly()
    {
        _kafka.CreateTopic("commits", partitions: 3);
        var config = _kafka.CreateConsumerConfig("committing-group");
        using (var consumer = new ConsumerBuilder<Ignore, Ignore>(config).SetLogHandler((_, _) => { }).Build())
        {
            consumer.Commit([new TopicPartitionOffset("commits", 0, 5), new TopicPartitionOffset("commits", 2, 7)]);
            consumer.Close();
        }

        var committed = await _kafka.GetCommittedOffsetsAsync("committing-group", "commits");

        committed.Should().BeEquivalentTo(new Dictionary<int, long> { [0] = 5, [2] = 7 });
    }

    [Test]
    public async Task GetCommittedOffsetsAsync_UnknownGroup_ReturnsEmpty()
    {
        _kafka.CreateTopic("no-commits", partitions: 2);

        var committed = await _kafka.GetCommittedOffsetsAsync("nobody", "no-commits");

        committed.Should().BeEmpty();
    }

    [Test]
    public void HighWatermarks_PerPartition_CountsRecords()
    {
        _kafka.CreateTopic("wm", partitions: 2);
        _kafka.ProduceBytes("wm", Enumerable.Range(0, 10).Select(i => ((byte[]?)[(byte)i], (byte[]?)[1])));

        var watermarks = _kafka.HighWatermarks("wm");

        watermarks.Keys.Should().BeEquivalentTo([0, 1]);
        watermarks.Values.Sum().Should().Be(10);
    }

    [Test]
    public void Dispose_Twice_IsIdempotent()
    {
        var kafka = new EmbeddedKafkaCluster();
        kafka.CreateTopic("t", 1);
        kafka.ProduceStrings("t", ["x"]);

        kafka.Dispose();
        var act = kafka.Dispose;

        act.Should().NotThrow();
        kafka.Invoking(k => k.ProduceStrings("t", ["y"])).Should().Throw<ObjectDisposedException>();
    }
}
