using StandaloneConnect.Sdk;
using StandaloneConnect.Sdk.Connectors;
using StandaloneConnect.Sdk.Storage;

namespace StandaloneConnect.Testing;

/// <summary>
/// Runs a <see cref="SourceTask"/> the way the worker does, without Kafka: initialize with a context whose offset
/// reader is <see cref="OffsetStore"/>, start, poll, commit, stop. <see cref="Commit"/> plays the part of a
/// successful offset flush: it stores the last offset polled for each source partition, reports each record as
/// acknowledged (<see cref="SourceTask.CommitRecord"/>) and calls <see cref="SourceTask.Commit"/>. To test a
/// restart, start a new task on a new harness that shares the first one's <see cref="OffsetStore"/>.
/// </summary>
/// <example>
/// <code>
/// await using var harness = SourceTaskHarness.Start(new MyTask(), config);
/// var records = await harness.PollAsync();
/// harness.Commit();
/// </code>
/// </example>
public sealed class SourceTaskHarness : IAsyncDisposable
{
    private readonly CancellationTokenSource _stopping = new();
    private readonly List<SourceRecord> _uncommitted = [];
    private Task<IReadOnlyList<SourceRecord>>? _inFlight;
    private long _nextKafkaOffset;
    private bool _started;
    private bool _stopped;

    public SourceTaskHarness(SourceTask task, IReadOnlyDictionary<string, string> config, InMemoryOffsetStorageReader? offsetStore = null)
    {
        ArgumentNullException.ThrowIfNull(task);
        ArgumentNullException.ThrowIfNull(config);
        Task = task;
        Config = config;
        OffsetStore = offsetStore ?? new InMemoryOffsetStorageReader();
    }

    public SourceTask Task { get; }

    public IReadOnlyDictionary<string, string> Config { get; }

    /// <summary>The committed offsets the task reads on start, and where <see cref="Commit"/> writes.</summary>
    public InMemoryOffsetStorageReader OffsetStore { get; }

    /// <summary>Records polled since the last <see cref="Commit"/>.</summary>
    public IReadOnlyList<SourceRecord> Uncommitted => _uncommitted;

    /// <summary>Creates a harness, initializes and starts the task.</summary>
    public static SourceTaskHarness Start(SourceTask task, IReadOnlyDictionary<string, string> config,
        InMemoryOffsetStorageReader? offsetStore = null)
    {
        var harness = new SourceTaskHarness(task, config, offsetStore);
        harness.Start();
        return harness;
    }

    /// <summary>Initializes and starts the task.</summary>
    public void Start()
    {
        if (_started)
        {
            throw new InvalidOperationException("The task was already started");
        }

        Task.Initialize(new Context(Config, OffsetStore));
        Task.Start(Config);
        _started = true;
    }

    /// <summary>One poll. The token passed to the task is also cancelled by <see cref="StopAsync"/>.</summary>
    public async Task<IReadOnlyList<SourceRecord>> PollAsync(CancellationToken cancellationToken = default)
    {
        if (!_started || _stopped)
        {
            throw new InvalidOperationException(_stopped ? "The task was stopped" : "The task was not started");
        }

        if (_inFlight is not null)
        {
            throw new InvalidOperationException("A poll is already in progress; the framework never polls concurrently");
        }

        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, _stopping.Token);
        var poll = PollTaskAsync(linked.Token);
        _inFlight = poll;
        try
        {
            var records = await poll.ConfigureAwait(false);
            _uncommitted.AddRange(records);
            return records;
        }
        finally
        {
            _inFlight = null;
        }
    }

    /// <summary>
    /// Polls until at least <paramref name="minimumRecords"/> records arrived in total or <paramref name="timeout"/>
    /// (real time) elapsed; returns everything polled, which may be fewer on timeout. At the deadline a poll in
    /// progress is cancelled, so this also returns when the task waits on a fake clock that nobody advances.
    /// </summary>
    public async Task<IReadOnlyList<SourceRecord>> PollUntilAsync(int minimumRecords, TimeSpan timeout,
        CancellationToken cancellationToken = default)
    {
        var all = new List<SourceRecord>();
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        while (all.Count < minimumRecords && !deadline.IsCancellationRequested)
        {
            try
            {
                all.AddRange(await PollAsync(deadline.Token).ConfigureAwait(false));
            }
            catch (OperationCanceledException) when (deadline.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
            {
                break;
            }
        }

        cancellationToken.ThrowIfCancellationRequested();
        return all;
    }

    /// <summary>
    /// Acknowledges every record polled since the last commit (<see cref="SourceTask.CommitRecord"/> with made-up
    /// Kafka coordinates), stores the last offset of each source partition in <see cref="OffsetStore"/>, then
    /// calls <see cref="SourceTask.Commit"/>. Records without a source partition are acknowledged but not stored.
    /// </summary>
    public void Commit()
    {
        var latest = new Dictionary<IReadOnlyDictionary<string, object?>, IReadOnlyDictionary<string, object?>?>(OffsetMapComparer.Instance);
        foreach (var record in _uncommitted)
        {
            Task.CommitRecord(record, new RecordMetadata(record.Topic, record.KafkaPartition ?? 0, _nextKafkaOffset++, record.Timestamp));
            if (record.SourcePartition is { } partition)
            {
                latest[partition] = record.SourceOffset;
            }
        }

        foreach (var (partition, offset) in latest)
        {
            OffsetStore.Set(partition, offset);
        }

        _uncommitted.Clear();
        Task.Commit();
    }

    /// <summary>
    /// Stops the task as the worker does: cancels a poll in progress, waits for it to return, then calls
    /// <see cref="ConnectTask.Stop"/> once. Uncommitted records are not committed.
    /// </summary>
    public async ValueTask StopAsync()
    {
        if (!_started || _stopped)
        {
            return;
        }

        _stopped = true;
        await _stopping.CancelAsync().ConfigureAwait(false);
        if (_inFlight is { } poll)
        {
            try
            {
                await poll.ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                // A poll may end this way when cancelled.
            }
        }

        Task.Stop();
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync().ConfigureAwait(false);
        _stopping.Dispose();
    }

    private async Task<IReadOnlyList<SourceRecord>> PollTaskAsync(CancellationToken cancellationToken) =>
        await Task.PollAsync(cancellationToken).ConfigureAwait(false);

    private sealed class Context(IReadOnlyDictionary<string, string> configs, IOffsetStorageReader offsets) : ISourceTaskContext
    {
        public IReadOnlyDictionary<string, string> Configs => configs;

        public IOffsetStorageReader OffsetStorageReader => offsets;
    }
}
