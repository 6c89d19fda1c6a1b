using Confluent.Kafka;
using Microsoft.Extensions.Logging;
using StandaloneConnect.Runtime.Configuration;
using StandaloneConnect.Runtime.Kafka.Embedded;
using StandaloneConnect.Sdk;

namespace StandaloneConnect.Runtime.Kafka;

/// <summary>
/// The worker's Kafka cluster: the real one at <c>bootstrap.servers</c>, checked to answer within
/// <c>bootstrap.timeout.ms</c>, or an in-process mock cluster when <c>bootstrap.servers=embedded</c>. A cluster at
/// <c>bootstrap.servers</c> that turns out to be librdkafka's mock (<c>connect-standalone embedded-kafka</c> in another
/// process: it does not implement the consumer group admin APIs) gets the embedded broker's group offset workarounds.
/// </summary>
public sealed partial class KafkaConnection : IDisposable
{
    private readonly MockKafkaCluster? _embedded;
    private readonly bool _ownsEmbedded;
    private readonly IAdminClient? _admin;
    private readonly IDisposable? _topicAdminResource;
    private readonly IDisposable? _groupOffsetsResource;

    private KafkaConnection(string bootstrapServers, ITopicAdmin topicAdmin, IGroupOffsetAdmin groupOffsets, MockKafkaCluster? embedded,
        IAdminClient? admin, IReadOnlyDictionary<string, string> adminConfig, ILoggerFactory loggerFactory, bool ownsEmbedded = true,
        bool isMockCluster = false)
    {
        ClientHealth = new KafkaClientHealth(loggerFactory.CreateLogger<KafkaClientHealth>(), TimeProvider.System);
        _ownsEmbedded = ownsEmbedded;
        IsMockCluster = isMockCluster || embedded is not null;
        BootstrapServers = bootstrapServers;
        TopicAdmin = topicAdmin;
        GroupOffsets = groupOffsets;
        _embedded = embedded;
        _admin = admin;
        _topicAdminResource = topicAdmin as IDisposable;
        _groupOffsetsResource = groupOffsets as IDisposable;
        AdminConfig = adminConfig;
    }

    /// <summary>How long the embedded cluster waits for more members on a group's first join.</summary>
    public const int EmbeddedRebalanceDelayMs = 300;

    /// <summary>Bound on asking DNS for the bootstrap hosts, and the cluster whether it implements the consumer group admin APIs.</summary>
    private static readonly TimeSpan ProbeTimeout = TimeSpan.FromSeconds(10);

    public string BootstrapServers { get; }

    /// <summary>Where the worker's producers and consumers report client errors (summarized instead of one line each).</summary>
    public KafkaClientHealth ClientHealth { get; }

    /// <summary>True for the in-process embedded broker (its topics are created through the mock's own call).</summary>
    public bool IsEmbedded => _embedded is not null;

    /// <summary>
    /// True for librdkafka's mock broker, in this process or another: consumers get the mock's short session and
    /// fetch settings, and group offsets the workarounds of <see cref="EmbeddedGroupOffsetAdmin"/>.
    /// </summary>
    public bool IsMockCluster { get; }

    public ITopicAdmin TopicAdmin { get; }

    /// <summary>
    /// Committed offsets of consumer groups (KIP-875 sink connector offsets): Kafka's admin calls on a real cluster, the
    /// workarounds of <see cref="EmbeddedGroupOffsetAdmin"/> on the embedded one.
    /// </summary>
    public IGroupOffsetAdmin GroupOffsets { get; }

    /// <summary>The admin client settings (for clients the worker creates later).</summary>
    public IReadOnlyDictionary<string, string> AdminConfig { get; }

    /// <summary>Uses an embedded cluster that the caller owns (tests, tools); disposing the connection leaves it running.</summary>
    public static KafkaConnection ForEmbedded(MockKafkaCluster cluster, ILoggerFactory loggerFactory) =>
        new(cluster.BootstrapServers, new EmbeddedTopicAdmin(cluster, loggerFactory.CreateLogger<EmbeddedTopicAdmin>()),
            EmbeddedGroupOffsets(cluster, loggerFactory), cluster, null,
            new Dictionary<string, string> { ["bootstrap.servers"] = cluster.BootstrapServers }, loggerFactory, ownsEmbedded: false);

    /// <summary>Connects as the worker config says; throws <see cref="ConnectException"/> naming the key and file when it cannot.</summary>
    public static async Task<KafkaConnection> OpenAsync(WorkerConfig config, ILoggerFactory loggerFactory, CancellationToken cancellationToken)
    {
        var logger = loggerFactory.CreateLogger<KafkaConnection>();
        if (config.UsesEmbeddedKafka)
        {
            var cluster = new MockKafkaCluster(config.Parsed.GetInt(WorkerConfig.EmbeddedKafkaBrokers), loggerFactory.CreateLogger<MockKafkaCluster>());
            // Sink tasks of one connector join its group together; a member joining a stable mock group waits
            // session.timeout.ms - 1 s, so give simultaneous joins a short window instead.
            cluster.SetGroupInitialRebalanceDelay(EmbeddedRebalanceDelayMs);
            LogEmbedded(logger, cluster.BootstrapServers, cluster.BrokerCount);
            var adminConfig = new Dictionary<string, string> { ["bootstrap.servers"] = cluster.BootstrapServers };
            return new KafkaConnection(cluster.BootstrapServers, new EmbeddedTopicAdmin(cluster, loggerFactory.CreateLogger<EmbeddedTopicAdmin>()),
                EmbeddedGroupOffsets(cluster, loggerFactory), cluster, null, adminConfig, loggerFactory);
        }

        var bootstrap = string.Join(",", config.Parsed.GetList(WorkerConfig.BootstrapServers));
        var servers = BootstrapServerList.Parse(config.Parsed.GetList(WorkerConfig.BootstrapServers));
        var probeTimeout = config.BootstrapTimeout < ProbeTimeout ? config.BootstrapTimeout : ProbeTimeout;
        if (await BootstrapServerList.UnresolvableAsync(servers, probeTimeout, cancellationToken).ConfigureAwait(false) is { Count: > 0 } unknown)
        {
            throw new ConnectException($"No resolvable bootstrap urls given in bootstrap.servers={bootstrap} (set in {config.Source}): " +
                $"DNS does not know {string.Join(", ", unknown)}. Fix bootstrap.servers, or use bootstrap.servers=embedded for an in-process broker.");
        }

        var settings = AdminSettings(config, bootstrap);
        IAdminClient admin;
        try
        {
            admin = new AdminClientBuilder(settings)
                .SetLogHandler((_, m) => LogClient(logger, LogLevel.Debug, m.Message))
                .SetErrorHandler((_, _) => { })
                .Build();
        }
        catch (Exception e) when (e is ArgumentException or KafkaException or InvalidOperationException)
        {
            throw new ConnectException($"Invalid Kafka client settings in {config.Source}: {e.Message}", e);
        }

        var lookup = Task.Run(() => admin.GetMetadata(config.BootstrapTimeout), CancellationToken.None);
        try
        {
            var metadata = await lookup.WaitAsync(cancellationToken).ConfigureAwait(false);
            if (metadata.Brokers.Count == 0)
            {
                throw new KafkaException(ErrorCode.Local_AllBrokersDown);
            }

            LogConnected(logger, bootstrap, metadata.Brokers.Count);
        }
        catch (OperationCanceledException)
        {
            // Stopped while waiting for the cluster (a signal during start-up): the blocking call still owns the client.
            _ = lookup.ContinueWith(_ => admin.Dispose(), CancellationToken.None, TaskContinuationOptions.None, TaskScheduler.Default);
            throw;
        }
        catch (KafkaException e)
        {
            admin.Dispose();
            throw new ConnectException(
                $"Could not reach the Kafka cluster at bootstrap.servers={bootstrap} (set in {config.Source}) within " +
                $"{(long)config.BootstrapTimeout.TotalMilliseconds} ms ({WorkerConfig.BootstrapTimeoutMs}): {e.Error.Reason}. " +
                "Start the cluster, fix bootstrap.servers, or use bootstrap.servers=embedded for an in-process broker.", e);
        }

        bool groupAdmin;
        try
        {
            groupAdmin = await KafkaGroupOffsetAdmin.SupportsGroupAdminAsync(admin, probeTimeout, cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            admin.Dispose();
            throw;
        }

        IGroupOffsetAdmin groupOffsets = groupAdmin
            ? new KafkaGroupOffsetAdmin(admin, loggerFactory.CreateLogger<KafkaGroupOffsetAdmin>())
            : new EmbeddedGroupOffsetAdmin(bootstrap, loggerFactory.CreateLogger<EmbeddedGroupOffsetAdmin>());
        if (!groupAdmin)
        {
            LogMockCluster(logger, bootstrap);
        }

        return new KafkaConnection(bootstrap, new KafkaTopicAdmin(admin, loggerFactory.CreateLogger<KafkaTopicAdmin>()), groupOffsets, null, admin,
            settings, loggerFactory, isMockCluster: !groupAdmin);
    }

    public void Dispose()
    {
        ClientHealth.Dispose();
        _topicAdminResource?.Dispose();
        _groupOffsetsResource?.Dispose();
        _admin?.Dispose();
        if (_ownsEmbedded)
        {
            _embedded?.Dispose();
        }
    }

    private static EmbeddedGroupOffsetAdmin EmbeddedGroupOffsets(MockKafkaCluster cluster, ILoggerFactory loggerFactory) =>
        new(cluster, loggerFactory.CreateLogger<EmbeddedGroupOffsetAdmin>());

    private static Dictionary<string, string> AdminSettings(WorkerConfig config, string bootstrap)
    {
        // Kafka's admin client inherits the worker's top-level client keys (security, SSL) plus admin.* overrides.
        var inherited = config.Originals
            .Where(kv => IsClientKey(kv.Key))
            .Select(kv => new KeyValuePair<string, ClientProperty>(kv.Key, new ClientProperty(kv.Value, $"{kv.Key} in {config.Source}")));
        return ClientConfigs.Build(
            ClientConfigs.Defaults(new Dictionary<string, string> { ["bootstrap.servers"] = bootstrap, ["client.id"] = "connect-standalone-admin" }, "framework"),
            inherited,
            ClientConfigs.WithPrefix(config.Originals, "admin.", config.Source));
    }

    /// <summary>Top-level worker keys that are Kafka client settings (security and SSL) shared by every client.</summary>
    public static bool IsClientKey(string key) =>
        key.StartsWith("security.", StringComparison.Ordinal) || key.StartsWith("sasl.", StringComparison.Ordinal)
        || (key.StartsWith("ssl.", StringComparison.Ordinal) && !key.StartsWith("ssl.client.auth", StringComparison.Ordinal));

    [LoggerMessage(Level = LogLevel.Warning, Message = "Embedded Kafka broker started: bootstrap.servers={Bootstrap} ({Brokers} broker(s)). " +
        "Its data lives in memory only and is lost when connect-standalone exits; each partition keeps at most 5 MiB.")]
    private static partial void LogEmbedded(ILogger logger, string bootstrap, int brokers);

    [LoggerMessage(Level = LogLevel.Information, Message = "The Kafka cluster at {Bootstrap} does not implement the consumer group admin APIs " +
        "(DescribeGroups, DeleteGroups, OffsetDelete): it is librdkafka's mock broker (e.g. connect-standalone embedded-kafka). Sink connector " +
        "offsets use the embedded broker's workarounds there (see the README).")]
    private static partial void LogMockCluster(ILogger logger, string bootstrap);

    [LoggerMessage(Level = LogLevel.Information, Message = "Connected to Kafka at {Bootstrap} ({Brokers} broker(s))")]
    private static partial void LogConnected(ILogger logger, string bootstrap, int brokers);

    [LoggerMessage(Message = "Kafka admin client: {Message}")]
    private static partial void LogClient(ILogger logger, LogLevel level, string message);
}
