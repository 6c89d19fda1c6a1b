using System.Globalization;
using StandaloneConnect.Sdk;
using StandaloneConnect.Sdk.Config;
using StandaloneConnect.Sdk.Connectors;
using StandaloneConnect.Sdk.Data;

namespace SamplePlugin;

/// <summary>
/// Emits <c>prefix-0</c>, <c>prefix-1</c>, ... up to <c>count</c> records into <c>topic</c>, resuming after the last
/// committed number. Use it with <c>connector.class=SequenceSource</c> once its folder is on <c>plugin.path</c>.
/// </summary>
public sealed class SequenceSourceConnector : SourceConnector
{
    public const string TopicConfig = "topic";
    public const string CountConfig = "count";
    public const string PrefixConfig = "prefix";

    private IReadOnlyDictionary<string, string> _props = new Dictionary<string, string>();

    public override ConfigDef Config { get; } = new ConfigDef()
        .Define(TopicConfig, ConfigType.String, ConfigDef.NoDefault, Validators.NonEmptyString, Importance.High, "The topic to write to")
        .Define(CountConfig, ConfigType.Long, 100L, Validators.AtLeast(0), Importance.Medium, "How many records to emit")
        .Define(PrefixConfig, ConfigType.String, "seq", Importance.Low, "Text before each number");

    public override Type TaskType => typeof(SequenceSourceTask);

    public override void Start(IReadOnlyDictionary<string, string> props)
    {
        Config.Parse(props);
        _props = props;
    }

    public override IReadOnlyList<IReadOnlyDictionary<string, string>> TaskConfigs(int maxTasks) => [_props];

    public override void Stop()
    {
    }
}

/// <summary>The task: one source partition <c>{"sequence": prefix}</c>, offset <c>{"next": n}</c>.</summary>
public sealed class SequenceSourceTask : SourceTask
{
    private IReadOnlyDictionary<string, object?> _partition = new Dictionary<string, object?>();
    private string _topic = "";
    private string _prefix = "";
    private long _count;
    private long _next;

    public override void Start(IReadOnlyDictionary<string, string> props)
    {
        _topic = props[SequenceSourceConnector.TopicConfig];
        _prefix = props.GetValueOrDefault(SequenceSourceConnector.PrefixConfig, "seq");
        _count = long.Parse(props.GetValueOrDefault(SequenceSourceConnector.CountConfig, "100"), CultureInfo.InvariantCulture);
        _partition = new Dictionary<string, object?> { ["sequence"] = _prefix };
        _next = Context.OffsetStorageReader.Offset(_partition) is { } offset && offset.TryGetValue("next", out var n) && n is long l ? l : 0;
    }

    public override async ValueTask<IReadOnlyList<SourceRecord>> PollAsync(CancellationToken cancellationToken)
    {
        if (_next >= _count)
        {
            await Task.Delay(200, cancellationToken).ConfigureAwait(false);
            return [];
        }

        var batch = new List<SourceRecord>();
        for (; _next < _count && batch.Count < 500; _next++)
        {
            var offset = new Dictionary<string, object?> { ["next"] = _next + 1 };
            batch.Add(new SourceRecord(_partition, offset, _topic, Schema.String, $"{_prefix}-{_next}"));
        }

        return batch;
    }

    public override void Stop()
    {
    }
}
