namespace StandaloneConnect.Runtime.Workers;

/// <summary>
/// The topics each connector has actually used since it was created or last reset (KIP-558), for
/// <c>GET /connectors/{name}/topics</c> and <c>PUT /connectors/{name}/topics/reset</c>. A source task records the
/// final topic of every record Kafka acknowledged; a sink task records the topic of every consumed record it
/// converted. Kept in memory, as Kafka's standalone worker keeps its status store. When the worker's
/// <c>topic.tracking.enable</c> is false nothing is recorded.
/// </summary>
/// <remarks>
/// Tasks record through an <see cref="ActiveTopicRecorder"/>, whose per-task cache makes a known topic a lock-free,
/// allocation-free check. <see cref="Reset"/> bumps a generation number that invalidates every cache, so tasks
/// record their topics again on their next record.
/// </remarks>
public sealed class ActiveTopics
{
    private readonly Lock _lock = new();
    private readonly Dictionary<string, SortedSet<string>> _byConnector = new(StringComparer.Ordinal);
    private int _generation;

    public ActiveTopics(bool enabled) => Enabled = enabled;

    /// <summary>The worker's <c>topic.tracking.enable</c>.</summary>
    public bool Enabled { get; }

    /// <summary>Changes on every <see cref="Reset"/>; a recorder's cache is valid only for the generation it was built in.</summary>
    internal int Generation => Volatile.Read(ref _generation);

    /// <summary>Adds <paramref name="topic"/> to the topics of <paramref name="connector"/> (no-op when disabled).</summary>
    public void Record(string connector, string topic)
    {
        if (Enabled)
        {
            RecordAndGetGeneration(connector, topic);
        }
    }

    /// <summary>The connector's active topics, sorted ordinally; empty when none (or when tracking is disabled).</summary>
    public IReadOnlyList<string> Get(string connector)
    {
        lock (_lock)
        {
            return _byConnector.TryGetValue(connector, out var topics) ? [.. topics] : [];
        }
    }

    /// <summary>Forgets the connector's topics (a reset request, or the connector was deleted); its tasks record again.</summary>
    public void Reset(string connector)
    {
        lock (_lock)
        {
            _byConnector.Remove(connector);
            _generation++;
        }
    }

    /// <summary>A recorder for one task of <paramref name="connector"/>; not shared between tasks.</summary>
    public ActiveTopicRecorder CreateRecorder(string connector) => new(this, connector);

    /// <summary>Records the topic and returns the generation it is recorded in (both read under the same lock).</summary>
    internal int RecordAndGetGeneration(string connector, string topic)
    {
        lock (_lock)
        {
            if (!_byConnector.TryGetValue(connector, out var topics))
            {
                topics = new SortedSet<string>(StringComparer.Ordinal);
                _byConnector[connector] = topics;
            }

            topics.Add(topic);
            return _generation;
        }
    }
}

/// <summary>
/// One task's view of <see cref="ActiveTopics"/>: remembers which topics it already recorded in the current
/// generation, so a record to a known topic costs a generation compare and a set lookup. Safe to call from several
/// threads at once (a source task's acknowledgements may arrive on more than one producer thread).
/// </summary>
public sealed class ActiveTopicRecorder
{
    private static readonly Seen Nothing = new(-1, new HashSet<string>(StringComparer.Ordinal));
    private readonly ActiveTopics _owner;
    private readonly string _connector;
    private Seen _seen = Nothing; // immutable snapshots, replaced (never changed) when a topic is added or after a reset

    internal ActiveTopicRecorder(ActiveTopics owner, string connector)
    {
        _owner = owner;
        _connector = connector;
    }

    public string Connector => _connector;

    /// <summary>Records <paramref name="topic"/> for the connector unless this task already did since the last reset.</summary>
    public void Record(string topic)
    {
        if (!_owner.Enabled)
        {
            return;
        }

        var seen = Volatile.Read(ref _seen);
        if (seen.Generation == _owner.Generation && seen.Topics.Contains(topic))
        {
            return;
        }

        RecordNew(topic, seen);
    }

    private void RecordNew(string topic, Seen seen)
    {
        // Every topic in a snapshot was recorded in the snapshot's generation, so a hit on the fast path is still recorded.
        // Racing writers may replace each other's snapshot: that costs a repeated (idempotent) record, never a lost one.
        var generation = _owner.RecordAndGetGeneration(_connector, topic);
        var topics = seen.Generation == generation
            ? new HashSet<string>(seen.Topics, StringComparer.Ordinal)
            : new HashSet<string>(StringComparer.Ordinal);
        topics.Add(topic);
        Volatile.Write(ref _seen, new Seen(generation, topics));
    }

    private sealed record Seen(int Generation, HashSet<string> Topics);
}
