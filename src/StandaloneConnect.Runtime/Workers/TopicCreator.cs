using System.Collections.Concurrent;
using StandaloneConnect.Runtime.Kafka;

namespace StandaloneConnect.Runtime.Workers;

/// <summary>
/// Creates a source task's topics the first time a record goes to them (Kafka's topic creation for source
/// connectors): <paramref name="specFor"/> says how (null: leave it to the broker).
/// </summary>
public sealed class TopicCreator(ITopicAdmin admin, Func<string, NewTopicSpec?> specFor)
{
    private readonly ConcurrentDictionary<string, bool> _known = new(StringComparer.Ordinal);
    private string? _last;

    public async ValueTask EnsureAsync(string topic, CancellationToken cancellationToken)
    {
        if (ReferenceEquals(topic, _last) || _known.ContainsKey(topic))
        {
            _last = topic;
            return;
        }

        if (specFor(topic) is { } spec)
        {
            await admin.CreateTopicAsync(spec, cancellationToken).ConfigureAwait(false);
        }

        _known[topic] = true;
        _last = topic;
    }
}
