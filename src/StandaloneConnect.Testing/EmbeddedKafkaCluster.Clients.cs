using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text;
using Confluent.Kafka;
using Confluent.Kafka.Admin;

namespace StandaloneConnect.Testing;

public sealed partial class EmbeddedKafkaCluster
{
    private static readonly TimeSpan MetadataTimeout = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(100);

    /// <summary>
    /// Produces UTF-8 values (null = tombstone) with null keys and waits until all are delivered.
    /// </summary>
    /// <returns>The number of records delivered.</returns>
    /// <exception cref="TimeoutException">Not all were delivered within <see cref="ProduceTimeout"/>.</exception>
    /// <exception cref="InvalidOperationException">A record was rejected by the broker.</exception>
    public int ProduceStrings(string topic, IEnumerable<string?> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        return ProduceBytes(topic, values.Select(v => ((byte[]?)null, v is null ? null : Encoding.UTF8.GetBytes(v))));
    }

    /// <summary>Produces raw key/value pairs and waits until all are delivered.</summary>
    /// <returns>The number of records delivered.</returns>
    /// <exception cref="TimeoutException">Not all were delivered within <see cref="ProduceTimeout"/>.</exception>
    /// <exception cref="InvalidOperationException">A record was rejected by the broker.</exception>
    public int ProduceBytes(string topic, IEnumerable<(byte[]? Key, byte[]? Value)> records)
    {
        ArgumentException.ThrowIfNullOrEmpty(topic);
        ArgumentNullException.ThrowIfNull(records);
        var producer = Producer();
        var failures = new ConcurrentQueue<Error>();
        void OnDelivery(DeliveryReport<byte[]?, byte[]?> report)
        {
            if (report.Error.IsError)
            {
                failures.Enqueue(report.Error);
            }
        }

        var count = 0;
        foreach (var (key, value) in records)
        {
            var message = new Message<byte[]?, byte[]?> { Key = key, Value = value };
            while (true)
            {
                try
                {
                    producer.Produce(topic, message, OnDelivery);
                    break;
                }
                catch (ProduceException<byte[]?, byte[]?> e) when (e.Error.Code == ErrorCode.Local_QueueFull)
                {
                    producer.Poll(PollInterval); // serve delivery reports to make room
                }
            }

            count++;
        }

        var undelivered = producer.Flush(ProduceTimeout);
        if (undelivered > 0)
        {
            throw new TimeoutException($"{undelivered} of {count} records to '{topic}' were not delivered within {ProduceTimeout}.");
        }

        if (failures.TryPeek(out var first))
        {
            throw new InvalidOperationException($"{failures.Count} of {count} records to '{topic}' failed; first error: {first.Code} {first.Reason}");
        }

        return count;
    }

    /// <summary>
    /// Reads <paramref name="expectedCount"/> records of <paramref name="topic"/> from the beginning of every partition
    /// (explicit assignment, no group join), waiting for the topic to appear if needed.
    /// </summary>
    /// <returns>The first <paramref name="expectedCount"/> records read, in arrival order (ordered within each partition).</returns>
    /// <exception cref="TimeoutException">Fewer records arrived before <paramref name="timeout"/> passed; the message says how many.</exception>
    public async Task<IReadOnlyList<ConsumedRecord>> ConsumeAsync(
        string topic, int expectedCount, TimeSpan timeout, CancellationToken ct = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(topic);
        ArgumentOutOfRangeException.ThrowIfNegative(expectedCount);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(timeout, TimeSpan.Zero);
        if (expectedCount == 0)
        {
            return [];
        }

        Interlocked.Increment(ref _activeConsumers);
        try
        {
            ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed), this);
            using var linked = CancellationTokenSource.CreateLinkedTokenSource(ct, _lifetime.Token);
            var clock = Stopwatch.StartNew();
            var partitions = await WaitForPartitionsAsync(topic, timeout, clock, linked.Token).ConfigureAwait(false);
            return await Task.Factory.StartNew(
                () => ConsumeLoop(topic, partitions, expectedCount, timeout, clock, linked.Token),
                linked.Token,
                TaskCreationOptions.LongRunning,
                TaskScheduler.Default).ConfigureAwait(false);
        }
        finally
        {
            Interlocked.Decrement(ref _activeConsumers);
        }
    }

    /// <summary><see cref="ConsumeAsync"/>, returning the values decoded as UTF-8 (null for tombstones).</summary>
    public async Task<IReadOnlyList<string?>> ConsumeStringsAsync(
        string topic, int expectedCount, TimeSpan timeout, CancellationToken ct = default)
    {
        var records = await ConsumeAsync(topic, expectedCount, timeout, ct).ConfigureAwait(false);
        return records.Select(r => r.ValueAsString).ToList();
    }

    /// <summary>The offsets <paramref name="groupId"/> committed for <paramref name="topic"/>, by partition.</summary>
    /// <returns>Only partitions that have a committed offset; empty if none or if the topic does not exist.</returns>
    public async Task<IReadOnlyDictionary<int, long>> GetCommittedOffsetsAsync(
        string groupId, string topic, CancellationToken ct = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(groupId);
        var partitions = await Task.Run(() => FindPartitions(topic), ct).WaitAsync(ct).ConfigureAwait(false);
        if (partitions is null)
        {
            return new Dictionary<int, long>();
        }

        var request = new ConsumerGroupTopicPartitions(
            groupId, partitions.Select(p => new TopicPartition(topic, p)).ToList());
        var results = await Admin()
            .ListConsumerGroupOffsetsAsync([request], new ListConsumerGroupOffsetsOptions { RequestTimeout = MetadataTimeout })
            .WaitAsync(ct).ConfigureAwait(false);
        return results
            .SelectMany(r => r.Partitions)
            .Where(p => !p.Error.IsError && p.Offset != Offset.Unset)
            .ToDictionary(p => p.Partition.Value, p => p.Offset.Value);
    }

    /// <summary>The high watermark (next offset to be written) of every partition of <paramref name="topic"/>.</summary>
    /// <returns>Partition to high watermark; empty if the topic does not exist.</returns>
    public IReadOnlyDictionary<int, long> HighWatermarks(string topic)
    {
        var partitions = FindPartitions(topic);
        if (partitions is null)
        {
            return new Dictionary<int, long>();
        }

        var consumer = WatermarkConsumer();
        return partitions.ToDictionary(
            p => p,
            p => consumer.QueryWatermarkOffsets(new TopicPartition(topic, p), MetadataTimeout).High.Value);
    }

    private List<ConsumedRecord> ConsumeLoop(
        string topic, IReadOnlyList<int> partitions, int expectedCount, TimeSpan timeout, Stopwatch clock, CancellationToken ct)
    {
        var records = new List<ConsumedRecord>(expectedCount);
        using var consumer = new ConsumerBuilder<byte[]?, byte[]?>(CreateConsumerConfig()).Quiet().Build();
        // Offset 0 rather than Offset.Beginning: a logical offset needs a ListOffsets request, which librdkafka
        // retries only after 500 ms when it is issued before the partition leader is known (always, for a new
        // consumer). If the log no longer starts at 0, auto.offset.reset=earliest moves to its start.
        consumer.Assign(partitions.Select(p => new TopicPartitionOffset(topic, p, new Offset(0))));
        try
        {
            while (records.Count < expectedCount)
            {
                ct.ThrowIfCancellationRequested();
                var remaining = timeout - clock.Elapsed;
                if (remaining <= TimeSpan.Zero)
                {
                    throw new TimeoutException(
                        $"Read {records.Count} of {expectedCount} expected records from '{topic}' within {timeout}.");
                }

                var result = consumer.Consume(remaining < PollInterval ? remaining : PollInterval);
                if (result is { IsPartitionEOF: false, Message: not null })
                {
                    records.Add(ToRecord(result));
                }
            }
        }
        finally
        {
            consumer.Close(); // never joined a group and commits nothing: returns at once
        }

        return records;
    }

    private static ConsumedRecord ToRecord(ConsumeResult<byte[]?, byte[]?> result)
    {
        var headers = result.Message.Headers is { Count: > 0 } h
            ? h.Select(x => new KeyValuePair<string, byte[]?>(x.Key, x.GetValueBytes())).ToList()
            : [];
        return new ConsumedRecord(
            result.Topic,
            result.Partition.Value,
            result.Offset.Value,
            result.Message.Key,
            result.Message.Value,
            headers,
            result.Message.Timestamp.UtcDateTime);
    }

    private async Task<IReadOnlyList<int>> WaitForPartitionsAsync(
        string topic, TimeSpan timeout, Stopwatch clock, CancellationToken ct)
    {
        while (true)
        {
            var partitions = await Task.Run(() => FindPartitions(topic), ct).ConfigureAwait(false);
            if (partitions is not null)
            {
                return partitions;
            }

            if (clock.Elapsed >= timeout)
            {
                throw new TimeoutException($"Topic '{topic}' did not appear within {timeout}; read 0 records.");
            }

            await Task.Delay(PollInterval, ct).ConfigureAwait(false);
        }
    }

    /// <summary>Partition ids of an existing topic, or null. Asks metadata for ALL topics: naming one would auto-create it.</summary>
    private List<int>? FindPartitions(string topic)
    {
        ArgumentException.ThrowIfNullOrEmpty(topic);
        var metadata = Admin().GetMetadata(MetadataTimeout);
        var found = metadata.Topics.Find(t => string.Equals(t.Topic, topic, StringComparison.Ordinal));
        return found is null || found.Error.IsError || found.Partitions.Count == 0
            ? null
            : found.Partitions.Select(p => p.PartitionId).Order().ToList();
    }
}
