using StandaloneConnect.Runtime.Kafka;
using StandaloneConnect.Runtime.Storage;

namespace StandaloneConnect.Runtime.Workers;

/// <summary>
/// The records of one poll that were handed to the producer, and the last source offset per source partition among
/// them. The delivery thread only decrements <see cref="Pending"/>; everything else happens on the task's thread.
/// </summary>
internal sealed class SubmittedBatch
{
    private readonly List<(IReadOnlyDictionary<string, object?> Partition, IReadOnlyDictionary<string, object?> Offset, int Seq)> _offsets = [];
    private readonly Dictionary<string, int> _indexByKey = new(StringComparer.Ordinal);
    private IReadOnlyDictionary<string, object?>? _lastPartition;
    private int _lastIndex;
    private int _seq;
    private int _pending = 1; // one for the batch itself, released by Seal()

    public RecordProducer.DeliveryHandler? Handler { get; set; }

    /// <summary>The producer, to make per-record handlers when the task overrides <c>CommitRecord</c>.</summary>
    public RecordProducer? Producer { get; init; }

    public IAckReceiver? Receiver { get; init; }

    /// <summary>A handler that also carries the record (for <c>SourceTask.CommitRecord</c>).</summary>
    public RecordProducer.DeliveryHandler HandlerFor(StandaloneConnect.Sdk.SourceRecord record) =>
        (Producer ?? throw new InvalidOperationException("no producer")).CreateHandler(
            Receiver ?? throw new InvalidOperationException("no receiver"), new RecordAck(this, record));

    public int Pending => Volatile.Read(ref _pending);

    public bool IsComplete => Pending == 0;

    public void AddInFlight() => Interlocked.Increment(ref _pending);

    public void Acknowledge() => Interlocked.Decrement(ref _pending);

    /// <summary>
    /// Called once after the whole batch was handed to the producer. Only the last offset of each partition is ever
    /// stored, so only those are checked (once per batch, not per record).
    /// </summary>
    public void Seal(object taskId)
    {
        foreach (var (_, offset, _) in _offsets)
        {
            OffsetJson.Validate(offset, $"Source offset of task {taskId}");
        }

        Acknowledge();
    }

    /// <summary>Remembers the record's offset as the latest for its partition (null partitions/offsets: stdin-like sources).</summary>
    public void Track(IReadOnlyDictionary<string, object?>? partition, IReadOnlyDictionary<string, object?>? offset, object taskId)
    {
        if (partition is null || offset is null)
        {
            return;
        }

        _seq++;
        if (ReferenceEquals(partition, _lastPartition))
        {
            _offsets[_lastIndex] = (partition, offset, _seq);
            return;
        }

        OffsetJson.Validate(partition, $"Source partition of task {taskId}");
        var key = OffsetJson.Write(partition);
        if (_indexByKey.TryGetValue(key, out var index))
        {
            _offsets[index] = (partition, offset, _seq);
        }
        else
        {
            index = _offsets.Count;
            _offsets.Add((partition, offset, _seq));
            _indexByKey[key] = index;
        }

        _lastPartition = partition;
        _lastIndex = index;
    }

    public IEnumerable<SourceOffsetEntry> Offsets =>
        _offsets.OrderBy(o => o.Seq).Select(o => new SourceOffsetEntry(o.Partition, o.Offset));
}

/// <summary>The delivery state of one record whose task overrides <c>CommitRecord</c>.</summary>
internal sealed record RecordAck(SubmittedBatch Batch, StandaloneConnect.Sdk.SourceRecord Record);

/// <summary>
/// Kafka's <c>SubmittedRecords</c>: batches in submission order; only a prefix of fully acknowledged batches is
/// committable, so an offset is committed only after its record and every earlier record were acknowledged.
/// </summary>
internal sealed class SourceOffsetTracker
{
    private readonly Lock _lock = new();
    private readonly Queue<SubmittedBatch> _inFlight = new();
    private readonly Dictionary<string, SourceOffsetEntry> _committable = new(StringComparer.Ordinal);

    /// <summary>Called by the task's loop after each poll's records were handed to the producer.</summary>
    public void Add(SubmittedBatch batch)
    {
        lock (_lock)
        {
            _inFlight.Enqueue(batch);
        }
    }

    /// <summary>
    /// Moves every acknowledged prefix batch into the committable set and returns it. Called by the committer only
    /// (one at a time), as are <see cref="Committed"/>.
    /// </summary>
    public IReadOnlyCollection<SourceOffsetEntry> CollectCommittable()
    {
        while (true)
        {
            SubmittedBatch? batch;
            lock (_lock)
            {
                if (!_inFlight.TryPeek(out batch) || !batch.IsComplete)
                {
                    break;
                }

                _inFlight.Dequeue();
            }

            foreach (var entry in batch.Offsets)
            {
                _committable[OffsetJson.Write(entry.Partition)] = entry;
            }
        }

        return _committable.Values;
    }

    /// <summary>The committable offsets were stored; forget them.</summary>
    public void Committed() => _committable.Clear();

    public bool AllAcknowledged
    {
        get
        {
            lock (_lock)
            {
                return _inFlight.All(b => b.IsComplete);
            }
        }
    }
}
