using System.Globalization;
using System.Text.RegularExpressions;
using StandaloneConnect.Runtime.Configuration;
using StandaloneConnect.Runtime.Storage;
using StandaloneConnect.Sdk;
using StandaloneConnect.Sdk.Connectors;

namespace StandaloneConnect.Runtime.Herder;

/// <summary>
/// KIP-875 offsets: source offsets live in the worker's offset store, sink offsets are the committed offsets of the
/// consumer group <c>connect-&lt;name&gt;</c>. Changes are only allowed while the connector is STOPPED.
/// </summary>
public sealed partial class StandaloneHerder
{
    public const string KafkaTopicKey = "kafka_topic";
    public const string KafkaPartitionKey = "kafka_partition";
    public const string KafkaOffsetKey = "kafka_offset";

    /// <summary>Kafka's <c>SinkUtils.consumerGroupId</c>.</summary>
    public static string SinkGroupId(string connector) => "connect-" + connector;

    /// <summary>The connector's current offsets (any state).</summary>
    public async Task<IReadOnlyList<ConnectorOffset>> GetOffsetsAsync(string name, CancellationToken cancellationToken)
    {
        var entry = Find(name) ?? throw new NotFoundException($"Connector {name} not found");
        if (!entry.IsSink)
        {
            return _worker.Offsets.GetAll(name)
                .Where(o => o.Offset is not null)
                .Select(o => new ConnectorOffset(o.Partition, o.Offset))
                .ToList();
        }

        var topics = await SinkTopicsAsync(entry, cancellationToken).ConfigureAwait(false);
        var committed = await _worker.Kafka.GroupOffsets.ListAsync(SinkGroupId(name), topics, cancellationToken).ConfigureAwait(false);
        return committed.Select(c => new ConnectorOffset(
                new Dictionary<string, object?> { [KafkaTopicKey] = c.Partition.Topic, [KafkaPartitionKey] = c.Partition.Partition },
                new Dictionary<string, object?> { [KafkaOffsetKey] = c.Offset }))
            .ToList();
    }

    /// <summary>Kafka's <c>PATCH /connectors/{name}/offsets</c>; returns the message to answer with.</summary>
    public Task<string> AlterOffsetsAsync(string name, IReadOnlyList<ConnectorOffset> offsets, CancellationToken cancellationToken) =>
        ModifyOffsetsAsync(name, offsets, cancellationToken);

    /// <summary>Kafka's <c>DELETE /connectors/{name}/offsets</c>; returns the message to answer with.</summary>
    public Task<string> ResetOffsetsAsync(string name, CancellationToken cancellationToken) =>
        ModifyOffsetsAsync(name, null, cancellationToken);

    private async Task<string> ModifyOffsetsAsync(string name, IReadOnlyList<ConnectorOffset>? offsets, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            ThrowIfStopped();
            var entry = Find(name) ?? throw new NotFoundException($"Connector {name} not found");
            if (entry.Target != TargetState.Stopped || !entry.Tasks.IsEmpty)
            {
                throw new BadRequestException(
                    "Connectors must be in the STOPPED state before their offsets can be modified. This can be done for the specified " +
                    $"connector by issuing a 'PUT' request to the '/connectors/{name}/stop' endpoint");
            }

            if (offsets is { Count: 0 })
            {
                throw new BadRequestException("Partitions / offsets need to be provided for an alter offsets request");
            }

            var config = _transformer.Transform(entry.Config);
            var connector = _worker.Plugins.Create<Connector>(entry.ConnectorType);
            bool managedByFramework;
            try
            {
                // Once started, a change runs to the end (bounded by the admin client's timeouts): a client that goes
                // away must not leave offsets half-changed.
                managedByFramework = entry.IsSink
                    ? await ModifySinkOffsetsAsync(entry, (SinkConnector)connector, config, offsets, CancellationToken.None).ConfigureAwait(false)
                    : await ModifySourceOffsetsAsync(entry, (SourceConnector)connector, config, offsets, CancellationToken.None).ConfigureAwait(false);
            }
            finally
            {
                (connector as IDisposable)?.Dispose();
            }

            var verb = offsets is null ? "reset" : "altered";
            return managedByFramework
                ? $"The offsets for this connector have been {verb} successfully"
                : $"The Connect framework-managed offsets for this connector have been {verb} successfully. However, if this connector " +
                  $"manages offsets externally, they will need to be manually {verb} in the system that the connector uses.";
        }
        finally
        {
            _gate.Release();
        }
    }

    private async Task<bool> ModifySourceOffsetsAsync(ConnectorEntry entry, SourceConnector connector, IReadOnlyDictionary<string, string> config,
        IReadOnlyList<ConnectorOffset>? offsets, CancellationToken cancellationToken)
    {
        var changes = offsets is null
            ? _worker.Offsets.GetAll(entry.Name).Select(o => new SourceOffsetEntry(o.Partition, null)).ToList()
            : offsets.Select(o => new SourceOffsetEntry(o.Partition ?? throw new BadRequestException("Source partitions may not be null"), o.Offset)).ToList();
        foreach (var change in changes)
        {
            try
            {
                OffsetJson.Validate(change.Partition, "Source partitions");
                OffsetJson.Validate(change.Offset, "Source offsets");
            }
            catch (DataException e)
            {
                throw new BadRequestException(e.Message);
            }
        }

        var result = CallAlterOffsets(entry.Name, () => connector.AlterOffsets(config,
            changes.Select(c => KeyValuePair.Create(c.Partition, c.Offset)).ToList()));
        if (changes.Count > 0)
        {
            await _worker.Offsets.SetAsync(entry.Name, changes, cancellationToken).ConfigureAwait(false);
        }

        return result;
    }

    private async Task<bool> ModifySinkOffsetsAsync(ConnectorEntry entry, SinkConnector connector, IReadOnlyDictionary<string, string> config,
        IReadOnlyList<ConnectorOffset>? offsets, CancellationToken cancellationToken)
    {
        var group = SinkGroupId(entry.Name);
        var admin = _worker.Kafka.GroupOffsets;
        var topics = await SinkTopicsAsync(entry, cancellationToken).ConfigureAwait(false);
        if (offsets is null)
        {
            var current = await admin.ListAsync(group, topics, cancellationToken).ConfigureAwait(false);
            var result = CallAlterOffsets(entry.Name, () => connector.AlterOffsets(config, current.ToDictionary(c => c.Partition, _ => (long?)null)));
            await admin.ResetAsync(group, null, topics, cancellationToken).ConfigureAwait(false);
            return result;
        }

        var parsed = ParseSinkOffsets(offsets);
        var altered = CallAlterOffsets(entry.Name, () => connector.AlterOffsets(config, parsed));
        var toCommit = parsed.Where(p => p.Value is not null).ToDictionary(p => p.Key, p => p.Value!.Value);
        var toReset = parsed.Where(p => p.Value is null).Select(p => p.Key).ToList();
        if (toCommit.Count > 0)
        {
            await admin.AlterAsync(group, toCommit, cancellationToken).ConfigureAwait(false);
        }

        if (toReset.Count > 0)
        {
            await admin.ResetAsync(group, toReset, topics, cancellationToken).ConfigureAwait(false);
        }

        return altered;
    }

    /// <summary>Kafka's <c>SinkUtils.parseSinkConnectorOffsets</c>: numbers may be given as JSON numbers or strings.</summary>
    private static Dictionary<TopicPartition, long?> ParseSinkOffsets(IReadOnlyList<ConnectorOffset> offsets)
    {
        var parsed = new Dictionary<TopicPartition, long?>();
        foreach (var (partitionMap, offsetMap) in offsets)
        {
            if (partitionMap is null)
            {
                throw new BadRequestException("The partition for a sink connector offset cannot be null or missing");
            }

            if (!partitionMap.ContainsKey(KafkaTopicKey) || !partitionMap.ContainsKey(KafkaPartitionKey))
            {
                throw new BadRequestException($"The partition for a sink connector offset must contain the keys '{KafkaTopicKey}' and '{KafkaPartitionKey}'");
            }

            if (partitionMap[KafkaTopicKey] is not string { Length: > 0 } topic)
            {
                throw new BadRequestException("Kafka topic names must be valid strings and may not be null");
            }

            var partitionValue = partitionMap[KafkaPartitionKey] ?? throw new BadRequestException("Kafka partitions must be valid numbers and may not be null");
            if (!int.TryParse(Convert.ToString(partitionValue, CultureInfo.InvariantCulture), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var partition))
            {
                throw new BadRequestException($"Failed to parse the following Kafka partition value in the provided offsets: '{partitionValue}'. " +
                                              "Partition values for sink connectors need to be integers.");
            }

            if (partition < 0)
            {
                throw new BadRequestException($"Kafka partition {partition} of topic {topic} in the provided offsets is negative");
            }

            var tp = new TopicPartition(topic, partition);
            if (offsetMap is null)
            {
                parsed[tp] = null;
                continue;
            }

            if (!offsetMap.TryGetValue(KafkaOffsetKey, out var offsetValue))
            {
                throw new BadRequestException($"The offset for a sink connector should either be null or contain the key '{KafkaOffsetKey}'");
            }

            if (!long.TryParse(Convert.ToString(offsetValue, CultureInfo.InvariantCulture), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var offset))
            {
                throw new BadRequestException($"Failed to parse the following Kafka offset value in the provided offsets: '{offsetValue ?? "null"}'. " +
                                              "Offset values for sink connectors need to be integers.");
            }

            if (offset < 0)
            {
                throw new BadRequestException($"Kafka offset {offset} for {tp} in the provided offsets is negative; use a null offset to reset a partition");
            }

            parsed[tp] = offset;
        }

        return parsed;
    }

    /// <summary>Calls the connector's <c>alterOffsets</c> hook; a rejection is the client's problem (400), with the connector's reason.</summary>
    private static bool CallAlterOffsets(string name, Func<bool> alter)
    {
        try
        {
            return alter();
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            throw new BadRequestException($"Failed to alter offsets for connector {name} because it threw an exception: {e.Message}");
        }
    }

    /// <summary>
    /// The topics a sink connector may have committed offsets for: its <c>topics</c> list, the cluster's topics matching
    /// its <c>topics.regex</c>, and every topic it has used. (Only the mock broker needs them: a real cluster lists a
    /// group's offsets by itself.)
    /// </summary>
    private async Task<IReadOnlyCollection<string>> SinkTopicsAsync(ConnectorEntry entry, CancellationToken cancellationToken)
    {
        var topics = new SortedSet<string>(StringComparer.Ordinal);
        var config = _transformer.Transform(entry.Config);
        if (config.TryGetValue(ConnectorConfig.Topics, out var list))
        {
            topics.UnionWith(list.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
        }

        if (_worker.Kafka.IsMockCluster && config.TryGetValue(ConnectorConfig.TopicsRegex, out var pattern) && pattern.Length > 0)
        {
            var regex = new Regex("^(?:" + pattern + ")$", RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));
            topics.UnionWith((await _worker.Kafka.TopicAdmin.ListTopicsAsync(cancellationToken).ConfigureAwait(false)).Where(t => regex.IsMatch(t)));
        }

        topics.UnionWith(_worker.ActiveTopics.Get(entry.Name));
        return topics;
    }
}
