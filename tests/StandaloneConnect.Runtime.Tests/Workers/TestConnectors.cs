using System.Collections.Concurrent;
using System.Globalization;
using StandaloneConnect.Sdk;
using StandaloneConnect.Sdk.Config;
using StandaloneConnect.Sdk.Connectors;
using StandaloneConnect.Sdk.Data;

namespace StandaloneConnect.Runtime.Tests.Workers;

/// <summary>Emits <c>count</c> records "r-0".."r-(count-1)" with offsets {"i": n}, resuming after the stored offset.</summary>
public sealed class CountingSourceConnector : SourceConnector
{
    private IReadOnlyDictionary<string, string> _props = new Dictionary<string, string>();

    public override ConfigDef Config { get; } = new ConfigDef()
        .Define("topic", ConfigType.String, Importance.High, "topic")
        .Define("count", ConfigType.Int, 10, Importance.High, "records to emit")
        .Define("fail.at", ConfigType.Int, -1, Importance.Low, "poll throws after emitting this many records");

    public override Type TaskType => typeof(CountingSourceTask);

    public override void Start(IReadOnlyDictionary<string, string> props) => _props = props;

    public override IReadOnlyList<IReadOnlyDictionary<string, string>> TaskConfigs(int maxTasks) => [_props];

    public override void Stop()
    {
    }
}

public sealed class CountingSourceTask : SourceTask
{
    public static readonly ConcurrentQueue<(SourceRecord Record, RecordMetadata? Metadata)> Committed = new();
    private static readonly IReadOnlyDictionary<string, object?> Partition = new Dictionary<string, object?> { ["p"] = "only" };

    /// <summary>A real source's bounded wait when it has no data, as the SDK contract asks.</summary>
    private static readonly TimeSpan IdleWait = TimeSpan.FromMilliseconds(20);
    private string _topic = "";
    private int _count;
    private int _next;
    private int _failAt;

    public override void Start(IReadOnlyDictionary<string, string> props)
    {
        _topic = props["topic"];
        _count = int.Parse(props.GetValueOrDefault("count", "10"), CultureInfo.InvariantCulture);
        _failAt = int.Parse(props.GetValueOrDefault("fail.at", "-1"), CultureInfo.InvariantCulture);
        if (Context.OffsetStorageReader.Offset(Partition) is { } offset && offset["i"] is long i)
        {
            _next = (int)i + 1;
        }
    }

    public override async ValueTask<IReadOnlyList<SourceRecord>> PollAsync(CancellationToken cancellationToken)
    {
        if (_failAt >= 0 && _next >= _failAt)
        {
            throw new ConnectException("poll failed on purpose");
        }

        if (_next >= _count)
        {
            await Task.Delay(IdleWait, cancellationToken).ConfigureAwait(false);
            return [];
        }

        var batch = new List<SourceRecord>();
        for (; _next < _count && batch.Count < 100; _next++)
        {
            batch.Add(new SourceRecord(Partition, new Dictionary<string, object?> { ["i"] = (long)_next }, _topic, Schema.String, "r-" + _next));
        }

        return batch;
    }

    public override void CommitRecord(SourceRecord record, RecordMetadata? metadata) => Committed.Enqueue((record, metadata));

    public override void Stop()
    {
    }
}

/// <summary>Collects every record; can fail a put with a RetriableException once.</summary>
public sealed class CollectingSinkConnector : SinkConnector
{
    private IReadOnlyDictionary<string, string> _props = new Dictionary<string, string>();

    public override ConfigDef Config { get; } = new ConfigDef()
        .Define("retry.once", ConfigType.Boolean, false, Importance.Low, "first put throws RetriableException");

    public override Type TaskType => typeof(CollectingSinkTask);

    public override void Start(IReadOnlyDictionary<string, string> props) => _props = props;

    public override IReadOnlyList<IReadOnlyDictionary<string, string>> TaskConfigs(int maxTasks) =>
        Enumerable.Range(0, maxTasks).Select(_ => _props).ToList();

    public override void Stop()
    {
    }
}

public sealed class CollectingSinkTask : SinkTask
{
    public static readonly ConcurrentQueue<SinkRecord> Received = new();
    public static int Flushes;
    private bool _retryOnce;

    public override void Start(IReadOnlyDictionary<string, string> props)
    {
        _retryOnce = props.TryGetValue("retry.once", out var r) && bool.Parse(r);
        Context.Timeout(50);
    }

    public override ValueTask PutAsync(IReadOnlyList<SinkRecord> records, CancellationToken cancellationToken)
    {
        if (_retryOnce && records.Count > 0)
        {
            _retryOnce = false;
            throw new RetriableException("not yet");
        }

        foreach (var record in records)
        {
            Received.Enqueue(record);
        }

        return ValueTask.CompletedTask;
    }

    public override ValueTask FlushAsync(IReadOnlyDictionary<TopicPartition, long> currentOffsets, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref Flushes);
        return ValueTask.CompletedTask;
    }

    public override void Stop()
    {
    }
}

/// <summary>A source connector whose Start always throws.</summary>
public sealed class FailingStartConnector : SourceConnector
{
    public override ConfigDef Config { get; } = new ConfigDef();

    public override Type TaskType => typeof(CountingSourceTask);

    public override void Start(IReadOnlyDictionary<string, string> props) => throw new ConnectException("start failed on purpose");

    public override IReadOnlyList<IReadOnlyDictionary<string, string>> TaskConfigs(int maxTasks) => [];

    public override void Stop()
    {
    }
}
