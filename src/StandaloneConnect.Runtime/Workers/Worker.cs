using Microsoft.Extensions.Logging;
using StandaloneConnect.Runtime.Configuration;
using StandaloneConnect.Runtime.Errors;
using StandaloneConnect.Runtime.Kafka;
using StandaloneConnect.Runtime.Plugins;
using StandaloneConnect.Runtime.Storage;
using StandaloneConnect.Runtime.Transforms;
using StandaloneConnect.Sdk;
using StandaloneConnect.Sdk.Config;
using StandaloneConnect.Sdk.Connectors;

namespace StandaloneConnect.Runtime.Workers;

/// <summary>
/// Builds and starts task runners for connectors (Kafka's <c>Worker</c>): converters, transformation chain, error
/// handler, and the Kafka client configured from framework defaults, the worker's <c>producer.</c>/<c>consumer.</c>
/// keys and the connector's overrides. <paramref name="activeTopics"/> defaults to one built from the worker's
/// <c>topic.tracking.enable</c>.
/// </summary>
public sealed class Worker(WorkerConfig config, PluginRegistry plugins, IOffsetStore offsets, KafkaConnection kafka,
    TimeProvider time, ILoggerFactory loggerFactory, ActiveTopics? activeTopics = null)
{
    public WorkerConfig Config => config;

    /// <summary>The topics each connector's tasks have used (KIP-558).</summary>
    public ActiveTopics ActiveTopics { get; } = activeTopics ?? new ActiveTopics(config.Parsed.GetBoolean(WorkerConfig.TopicTrackingEnable));

    public PluginRegistry Plugins => plugins;

    public IOffsetStore Offsets => offsets;

    public KafkaConnection Kafka => kafka;

    /// <summary>
    /// Creates a task runner (not started). <paramref name="connectorConfig"/> has its placeholders resolved. Settings are
    /// parsed first and clients created last, and whatever was created is disposed again if a later step throws.
    /// </summary>
    public WorkerTask CreateTask(ConnectorTaskId id, Type taskType, IReadOnlyDictionary<string, string> connectorConfig,
        IReadOnlyDictionary<string, string> taskConfig, ITaskStatusListener listener)
    {
        var isSink = typeof(SinkTask).IsAssignableFrom(taskType);
        var parsed = (isSink ? ConnectorConfig.Sink : ConnectorConfig.Source).Parse(connectorConfig);
        var logger = loggerFactory.CreateLogger(isSink ? typeof(WorkerSinkTask) : typeof(WorkerSourceTask));
        var created = new List<IDisposable>();
        try
        {
            return isSink
                ? CreateSinkTask(id, taskType, connectorConfig, taskConfig, listener, parsed, logger, created)
                : CreateSourceTask(id, taskType, connectorConfig, taskConfig, listener, parsed, logger, created);
        }
        catch
        {
            foreach (var resource in created)
            {
                resource.Dispose();
            }

            throw;
        }
    }

    private WorkerSinkTask CreateSinkTask(ConnectorTaskId id, Type taskType, IReadOnlyDictionary<string, string> connectorConfig,
        IReadOnlyDictionary<string, string> taskConfig, ITaskStatusListener listener, ParsedConfig parsed, ILogger logger, List<IDisposable> created)
    {
        var consumerConfig = ConsumerConfig(id, connectorConfig, out var maxPollRecords);
        var dlqTopic = parsed.GetString(ConnectorConfig.DlqTopicName) ?? "";
        var toCreate = new List<NewTopicSpec>();
        if (dlqTopic.Length > 0)
        {
            toCreate.Add(new NewTopicSpec(dlqTopic, 1, parsed.GetShort(ConnectorConfig.DlqReplicationFactor)));
        }

        if (kafka.IsEmbedded)
        {
            // The embedded broker does not create topics for subscribers: create the listed ones so the sink starts at once.
            var partitions = config.Parsed.GetInt(WorkerConfig.EmbeddedKafkaPartitions);
            toCreate.AddRange(parsed.GetList(ConnectorConfig.Topics).Select(t => new NewTopicSpec(t, partitions, 1)));
        }

        var converters = TaskConverters.Create(connectorConfig, config, plugins);
        var transforms = Track(created, TransformationChain.Build(connectorConfig, plugins));
        IErrorReporter[] reporters = dlqTopic.Length == 0 ? [] :
        [
            new DeadLetterQueueReporter(dlqTopic, parsed.GetBoolean(ConnectorConfig.DlqContextHeaders), id.Connector, id.Task,
                Track(created, new RecordProducer(ProducerConfig(id, connectorConfig, $"connector-dlq-producer-{id}"),
                    $"producer settings of connector {id.Connector}", logger, kafka.ClientHealth)),
                logger),
        ];
        var errors = new ErrorHandler(ErrorHandlerSettings.From(parsed), id.ToString(), reporters, time, logger);
        var task = plugins.Create<SinkTask>(taskType);
        var setup = new SinkTaskSetup(task, taskConfig, converters, transforms, errors,
            rebalance => new RecordConsumer(consumerConfig, $"consumer settings of connector {id.Connector}", rebalance, logger, kafka.ClientHealth),
            parsed.GetList(ConnectorConfig.Topics), parsed.GetString(ConnectorConfig.TopicsRegex), maxPollRecords, config.OffsetFlushInterval,
            config.OffsetFlushTimeout, toCreate.Count == 0 ? null : ct => CreateTopicsAsync(toCreate, ct), ActiveTopics.CreateRecorder(id.Connector));
        return new WorkerSinkTask(id, setup, listener, time, logger);
    }

    private WorkerSourceTask CreateSourceTask(ConnectorTaskId id, Type taskType, IReadOnlyDictionary<string, string> connectorConfig,
        IReadOnlyDictionary<string, string> taskConfig, ITaskStatusListener listener, ParsedConfig parsed, ILogger logger, List<IDisposable> created)
    {
        var producerConfig = ProducerConfig(id, connectorConfig, $"connector-producer-{id}");
        var topics = new TopicCreator(kafka.TopicAdmin, TopicSpecFor(connectorConfig));
        var converters = TaskConverters.Create(connectorConfig, config, plugins);
        var transforms = Track(created, TransformationChain.Build(connectorConfig, plugins));
        var errors = new ErrorHandler(ErrorHandlerSettings.From(parsed), id.ToString(), [], time, logger);
        var task = plugins.Create<SourceTask>(taskType);
        var producer = Track(created, new RecordProducer(producerConfig, $"producer settings of connector {id.Connector}", logger, kafka.ClientHealth));
        var setup = new SourceTaskSetup(task, taskConfig, converters, transforms, errors, producer, topics, offsets,
            config.OffsetFlushInterval, config.OffsetFlushTimeout, ActiveTopics.CreateRecorder(id.Connector));
        return new WorkerSourceTask(id, setup, listener, time, logger);
    }

    private static T Track<T>(List<IDisposable> created, T resource) where T : IDisposable
    {
        created.Add(resource);
        return resource;
    }

    /// <summary>Producer settings, as Kafka builds them: framework defaults &lt; worker <c>producer.*</c> &lt; connector <c>producer.override.*</c> (top-level worker keys are not inherited).</summary>
    public IReadOnlyDictionary<string, string> ProducerConfig(ConnectorTaskId id, IReadOnlyDictionary<string, string> connectorConfig, string clientId)
    {
        var defaults = new Dictionary<string, string>
        {
            ["bootstrap.servers"] = kafka.BootstrapServers,
            ["acks"] = "all",
            ["enable.idempotence"] = "false",
            ["max.in.flight.requests.per.connection"] = "1",
            ["delivery.timeout.ms"] = int.MaxValue.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["client.id"] = clientId,
            ["linger.ms"] = "5",
            ["partitioner"] = "murmur2_random", // Java's default partitioner: keyed records land where Kafka Connect puts them
            ["dotnet.producer.delivery.report.fields"] = "timestamp",
        };
        if (kafka.IsEmbedded)
        {
            defaults["allow.auto.create.topics"] = "false";
        }

        return ClientConfigs.Build(
            ClientConfigs.Defaults(defaults, "framework"),
            ClientConfigs.WithPrefix(config.Originals, "producer.", config.Source),
            ClientConfigs.WithPrefix(connectorConfig, "producer.override.", $"connector {id.Connector}"));
    }

    /// <summary>Consumer settings: framework defaults &lt; worker <c>consumer.*</c> &lt; connector <c>consumer.override.*</c>.</summary>
    public IReadOnlyDictionary<string, string> ConsumerConfig(ConnectorTaskId id, IReadOnlyDictionary<string, string> connectorConfig, out int maxPollRecords)
    {
        var defaults = new Dictionary<string, string>
        {
            ["bootstrap.servers"] = kafka.BootstrapServers,
            ["group.id"] = "connect-" + id.Connector,
            ["enable.auto.commit"] = "false",
            ["auto.offset.reset"] = "earliest",
            ["isolation.level"] = "read_uncommitted", // Java's default (librdkafka's is read_committed)
            ["client.id"] = $"connector-consumer-{id}",
        };
        if (StaticInstanceId(id, kafka.IsMockCluster, config.Parsed.GetBoolean(WorkerConfig.SinkStaticMembership)) is { } instance)
        {
            defaults["group.instance.id"] = instance; // a consumer.group.instance.id of the user wins (a later layer)
        }

        if (kafka.IsMockCluster)
        {
            defaults["fetch.wait.max.ms"] = "50";
            defaults["topic.metadata.refresh.interval.ms"] = "1000";
            defaults["session.timeout.ms"] = "6000";
            defaults["heartbeat.interval.ms"] = "1000";
        }

        var worker = ClientConfigs.WithPrefix(config.Originals, "consumer.", config.Source);
        var overrides = ClientConfigs.WithPrefix(connectorConfig, "consumer.override.", $"connector {id.Connector}");
        var poll = overrides.GetValueOrDefault("max.poll.records") ?? worker.GetValueOrDefault("max.poll.records");
        maxPollRecords = 500;
        if (poll is not null && (!int.TryParse(poll.Value, out maxPollRecords) || maxPollRecords < 1))
        {
            throw new ConfigException($"Invalid value {poll.Value} for {poll.Origin}: expected a positive whole number");
        }

        return ClientConfigs.Build(ClientConfigs.Defaults(defaults, "framework"), worker, overrides);
    }

    /// <summary>
    /// The static membership id of a sink task's consumer (KIP-345), unique per task within the connector's group: a
    /// restarted task takes over its partitions at once, and the broker fences a second consumer with the same id, so no
    /// two members can share it. Graceful stops leave the group explicitly (<see cref="RecordConsumer.Close"/>). Null on the
    /// mock broker, which adds a second member instead of fencing, or when <c>sink.group.static.membership=false</c>.
    /// </summary>
    internal static string? StaticInstanceId(ConnectorTaskId id, bool mockCluster, bool enabled) =>
        enabled && !mockCluster ? $"connector-consumer-{id}" : null;

    private async Task CreateTopicsAsync(IReadOnlyList<NewTopicSpec> specs, CancellationToken cancellationToken)
    {
        foreach (var spec in specs)
        {
            await kafka.TopicAdmin.CreateTopicAsync(spec, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>How a source task's topics are created: always in embedded mode, per <c>topic.creation.*</c> otherwise.</summary>
    private Func<string, NewTopicSpec?> TopicSpecFor(IReadOnlyDictionary<string, string> connectorConfig)
    {
        if (kafka.IsEmbedded)
        {
            var partitions = config.Parsed.GetInt(WorkerConfig.EmbeddedKafkaPartitions);
            return topic => new NewTopicSpec(topic, partitions, 1);
        }

        if (!config.Parsed.GetBoolean(WorkerConfig.TopicCreationEnable) || !TopicCreationSettings.IsUsed(connectorConfig))
        {
            return _ => null;
        }

        var settings = TopicCreationSettings.Parse(connectorConfig);
        return settings.SpecFor;
    }
}
