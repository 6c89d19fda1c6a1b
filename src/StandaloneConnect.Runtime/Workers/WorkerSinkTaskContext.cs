using StandaloneConnect.Sdk;
using StandaloneConnect.Sdk.Connectors;

namespace StandaloneConnect.Runtime.Workers;

/// <summary>
/// A sink task's requests to the framework (Kafka's <c>WorkerSinkTaskContext</c>). Requests are recorded here and
/// applied by the task's loop on its own thread, after the call that made them returns.
/// </summary>
internal sealed class WorkerSinkTaskContext(IReadOnlyDictionary<string, string> configs, IErrantRecordReporter? reporter) : ISinkTaskContext
{
    private readonly Dictionary<TopicPartition, long> _offsets = [];
    private readonly HashSet<TopicPartition> _pauseRequests = [];
    private readonly HashSet<TopicPartition> _resumeRequests = [];

    public IReadOnlyDictionary<string, string> Configs { get; } = configs;

    public IErrantRecordReporter? ErrantRecordReporter { get; } = reporter;

    public IReadOnlyCollection<TopicPartition> Assignment => AssignedPartitions;

    public HashSet<TopicPartition> AssignedPartitions { get; } = [];

    public long TimeoutMs { get; private set; }

    public bool CommitRequested { get; set; }

    public void Offset(IReadOnlyDictionary<TopicPartition, long> offsets)
    {
        foreach (var (tp, offset) in offsets)
        {
            _offsets[tp] = offset;
        }
    }

    public void Offset(TopicPartition partition, long offset) => _offsets[partition] = offset;

    public void Timeout(long timeoutMs) => TimeoutMs = timeoutMs;

    public void Pause(params TopicPartition[] partitions)
    {
        foreach (var tp in partitions)
        {
            _resumeRequests.Remove(tp);
            _pauseRequests.Add(tp);
        }
    }

    public void Resume(params TopicPartition[] partitions)
    {
        foreach (var tp in partitions)
        {
            _pauseRequests.Remove(tp);
            _resumeRequests.Add(tp);
        }
    }

    public void RequestCommit() => CommitRequested = true;

    /// <summary>The offset requests made since the last call, cleared.</summary>
    public Dictionary<TopicPartition, long> TakeOffsets()
    {
        var result = new Dictionary<TopicPartition, long>(_offsets);
        _offsets.Clear();
        return result;
    }

    public (List<TopicPartition> Pause, List<TopicPartition> Resume) TakePauseRequests()
    {
        var result = (_pauseRequests.ToList(), _resumeRequests.ToList());
        _pauseRequests.Clear();
        _resumeRequests.Clear();
        return result;
    }
}
