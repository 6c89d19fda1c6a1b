using System.Collections.Concurrent;
using StandaloneConnect.Sdk;
using StandaloneConnect.Sdk.Config;
using StandaloneConnect.Sdk.Connectors;
using StandaloneConnect.Sdk.Data;
using StandaloneConnect.Sdk.Transforms;

namespace StandaloneConnect.Runtime.Tests.Workers;

// Plugins for the active-topic tests, resolved by the WorkerFixture's registry over this assembly. The "ActiveTopicsProbe"
// prefix keeps their short names clear of plugins other fixtures define in the same assembly.

/// <summary>Emits one record per topic name a test puts in <see cref="ActiveTopicsProbeSourceTask.Pending"/>, and nothing else.</summary>
public sealed class ActiveTopicsProbeSourceConnector : SourceConnector
{
    private IReadOnlyDictionary<string, string> _props = new Dictionary<string, string>();

    public override ConfigDef Config { get; } = new();

    public override Type TaskType => typeof(ActiveTopicsProbeSourceTask);

    public override void Start(IReadOnlyDictionary<string, string> props) => _props = props;

    public override IReadOnlyList<IReadOnlyDictionary<string, string>> TaskConfigs(int maxTasks) => [_props];

    public override void Stop()
    {
    }
}

public sealed class ActiveTopicsProbeSourceTask : SourceTask
{
    /// <summary>Topics to send one record to, in order.</summary>
    public static readonly ConcurrentQueue<string> Pending = new();

    /// <summary>Records Kafka acknowledged (CommitRecord runs after the worker recorded the record's topic).</summary>
    public static int Acknowledged;

    /// <summary>A real source's bounded wait when it has no data, as the SDK contract asks.</summary>
    private static readonly TimeSpan IdleWait = TimeSpan.FromMilliseconds(20);
    private static readonly IReadOnlyDictionary<string, object?> Partition = new Dictionary<string, object?> { ["p"] = "probe" };
    private long _next;

    public override void Start(IReadOnlyDictionary<string, string> props)
    {
    }

    public override async ValueTask<IReadOnlyList<SourceRecord>> PollAsync(CancellationToken cancellationToken)
    {
        var batch = new List<SourceRecord>();
        while (Pending.TryDequeue(out var topic))
        {
            batch.Add(new SourceRecord(Partition, new Dictionary<string, object?> { ["i"] = _next++ }, topic, Schema.String, "v"));
        }

        if (batch.Count == 0)
        {
            await Task.Delay(IdleWait, cancellationToken).ConfigureAwait(false);
        }

        return batch;
    }

    public override void CommitRecord(SourceRecord record, RecordMetadata? metadata) => Interlocked.Increment(ref Acknowledged);

    public override void Stop()
    {
    }
}

/// <summary>Routes every record to its topic plus <c>suffix</c> (like a RegexRouter).</summary>
public sealed class ActiveTopicsProbeRouteTransformation : ITransformation
{
    private string _suffix = "";

    public ConfigDef Config { get; } = new ConfigDef()
        .Define("suffix", ConfigType.String, ConfigDef.NoDefault, Validators.NonEmptyString, Importance.High, "Appended to the topic.");

    public void Configure(IReadOnlyDictionary<string, string> configs) => _suffix = Config.Parse(configs).GetString("suffix") ?? "";

    public ConnectRecord? Apply(ConnectRecord record) =>
        record.NewRecord(record.Topic + _suffix, record.KafkaPartition, record.KeySchema, record.Key, record.ValueSchema, record.Value, record.Timestamp);

    public void Dispose()
    {
    }
}
