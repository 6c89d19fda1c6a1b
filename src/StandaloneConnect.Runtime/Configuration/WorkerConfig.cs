using StandaloneConnect.Sdk.Config;

namespace StandaloneConnect.Runtime.Configuration;

/// <summary>
/// The standalone worker's settings: Kafka's <c>WorkerConfig</c>/<c>StandaloneConfig</c> keys and defaults
/// (reference §3) plus StandaloneConnect's own keys (offset store type, embedded broker, start-up check).
/// </summary>
public sealed class WorkerConfig
{
    public const string BootstrapServers = "bootstrap.servers";
    public const string EmbeddedBootstrap = "embedded";
    public const string KeyConverter = "key.converter";
    public const string ValueConverter = "value.converter";
    public const string HeaderConverter = "header.converter";
    public const string OffsetStorageFileName = "offset.storage.file.filename";
    public const string OffsetStorageType = "offset.storage.type";
    public const string OffsetFlushIntervalMs = "offset.flush.interval.ms";
    public const string OffsetFlushTimeoutMs = "offset.flush.timeout.ms";
    public const string TaskShutdownGracefulTimeoutMs = "task.shutdown.graceful.timeout.ms";
    public const string PluginPath = "plugin.path";
    public const string ConnectorClientConfigOverridePolicy = "connector.client.config.override.policy";
    public const string TopicCreationEnable = "topic.creation.enable";
    public const string EmbeddedKafkaBrokers = "embedded.kafka.brokers";
    public const string EmbeddedKafkaPartitions = "embedded.kafka.partitions";
    public const string BootstrapTimeoutMs = "bootstrap.timeout.ms";
    public const string SinkStaticMembership = "sink.group.static.membership";
    public const string ConfigStorageFileName = "config.storage.file.filename";
    public const string TopicTrackingEnable = "topic.tracking.enable";
    public const string TopicTrackingAllowReset = "topic.tracking.allow.reset";
    public const string Listeners = "listeners";
    public const string AdminListeners = "admin.listeners";
    public const string RestAdvertisedHostName = "rest.advertised.host.name";
    public const string RestAdvertisedPort = "rest.advertised.port";
    public const string RestAdvertisedListener = "rest.advertised.listener";
    public const string AccessControlAllowOrigin = "access.control.allow.origin";
    public const string AccessControlAllowMethods = "access.control.allow.methods";
    public const string ResponseHttpHeadersConfig = "response.http.headers.config";
    public const string RestExtensionClasses = "rest.extension.classes";
    public const string SslClientAuth = "ssl.client.auth";
    public const string RestBasicAuthCredentialsFile = "rest.basic.auth.credentials.file";
    public const string RestRequestMaxBytes = "rest.request.max.bytes";

    public static ConfigDef Definition { get; } = BuildDefinition();

    private WorkerConfig(ParsedConfig parsed, string source)
    {
        Parsed = parsed;
        Source = source;
    }

    /// <summary>The file the settings came from (for error messages).</summary>
    public string Source { get; }

    public ParsedConfig Parsed { get; }

    public IReadOnlyDictionary<string, string> Originals => Parsed.Originals;

    public bool UsesEmbeddedKafka =>
        Parsed.GetList(BootstrapServers) is [var only] && string.Equals(only, EmbeddedBootstrap, StringComparison.OrdinalIgnoreCase);

    public string OffsetStoreType => Parsed.GetString(OffsetStorageType) ?? "file";

    public string OffsetFile => Parsed.GetString(OffsetStorageFileName) ?? "";

    /// <summary>Where connectors created or changed over REST are kept across restarts; null when they are not kept (Kafka's behaviour).</summary>
    public string? ConfigStoreFile => Parsed.GetString(ConfigStorageFileName) is { Length: > 0 } file ? file : null;

    public TimeSpan OffsetFlushInterval => TimeSpan.FromMilliseconds(Parsed.GetLong(OffsetFlushIntervalMs));

    public TimeSpan OffsetFlushTimeout => TimeSpan.FromMilliseconds(Parsed.GetLong(OffsetFlushTimeoutMs));

    public TimeSpan GracefulShutdownTimeout => TimeSpan.FromMilliseconds(Parsed.GetLong(TaskShutdownGracefulTimeoutMs));

    public TimeSpan BootstrapTimeout => TimeSpan.FromMilliseconds(Parsed.GetLong(BootstrapTimeoutMs));

    /// <summary>Parses worker properties; every problem is reported at once, each naming the key and the file.</summary>
    public static WorkerConfig Parse(IReadOnlyDictionary<string, string> props, string source)
    {
        WorkerConfig config;
        try
        {
            config = new WorkerConfig(Definition.Parse(props), source);
        }
        catch (ConfigValidationException e)
        {
            throw new ConfigValidationException(e.Problems.Select(p => $"{source}: {p}").ToList());
        }

        if (config.ConfigStoreFile is { } store && SamePath(store, config.OffsetFile))
        {
            throw new ConfigValidationException([$"{source}: {ConfigStorageFileName} and {OffsetStorageFileName} name the same file " +
                $"({Path.GetFullPath(store)}): the connector configs and the offsets would overwrite each other. Use two files."]);
        }

        return config;
    }

    private static bool SamePath(string a, string b) =>
        string.Equals(Path.GetFullPath(a), Path.GetFullPath(b), OperatingSystem.IsWindows() || OperatingSystem.IsMacOS()
            ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal);

    private static ConfigDef BuildDefinition()
    {
        const string common = "Common";
        return new ConfigDef()
            .Define(BootstrapServers, ConfigType.List, "localhost:9092", Kafka.BootstrapServerList.Validator, Importance.High,
                "A list of host/port pairs used to establish the initial connection to the Kafka cluster. " +
                "The single value 'embedded' starts an in-process Kafka-protocol broker instead (data in memory only).", common)
            .Define("client.dns.lookup", ConfigType.String, "use_all_dns_ips", Validators.In("use_all_dns_ips", "resolve_canonical_bootstrap_servers_only"),
                Importance.Medium, "Controls how the client uses DNS lookups.", common)
            .Define(KeyConverter, ConfigType.Class, ConfigDef.NoDefault, null, Importance.High,
                "Converter class used to convert between Kafka Connect format and the serialized form that is written to Kafka (keys).", common)
            .Define(ValueConverter, ConfigType.Class, ConfigDef.NoDefault, null, Importance.High,
                "Converter class used to convert between Kafka Connect format and the serialized form that is written to Kafka (values).", common)
            .Define(HeaderConverter, ConfigType.Class, "org.apache.kafka.connect.storage.SimpleHeaderConverter", null, Importance.Low,
                "HeaderConverter class used to convert between Kafka Connect format and the serialized form that is written to Kafka.", common)
            .Define(OffsetStorageFileName, ConfigType.String, ConfigDef.NoDefault, Validators.NonEmptyString, Importance.High,
                "File to store source connector offsets in.", common)
            .Define(OffsetStorageType, ConfigType.String, "file", Validators.In("file", "sqlite"), Importance.Medium,
                "How offset.storage.file.filename is written: 'file' (readable JSON, atomic replace) or 'sqlite' (a SQLite database).", common)
            // Kafka has no validator for these two; 0 makes every source offset commit fail (or spin), so at least 1 ms is required.
            .Define(OffsetFlushIntervalMs, ConfigType.Long, 60000L, Validators.AtLeast(1), Importance.Low,
                "Interval at which to try committing offsets for tasks.", common)
            .Define(OffsetFlushTimeoutMs, ConfigType.Long, 5000L, Validators.AtLeast(1), Importance.Low,
                "Maximum number of milliseconds to wait for records to flush and partition offset data to be committed to offset storage before cancelling the process and restoring the offset data to be committed in a future attempt.", common)
            .Define(TaskShutdownGracefulTimeoutMs, ConfigType.Long, 5000L, Validators.AtLeast(0), Importance.Low,
                "Amount of time to wait for tasks to shutdown gracefully. This is the total amount of time, not per task.", common)
            .Define(PluginPath, ConfigType.List, null, null, Importance.Low,
                "Directories with .NET plugin assemblies (*.dll). Config provider variables are not allowed here.", common)
            .Define("plugin.discovery", ConfigType.String, "hybrid_warn", Validators.InCaseInsensitive("only_scan", "hybrid_warn", "hybrid_fail", "service_load"),
                Importance.Low, "Accepted for compatibility; .NET plugins are always discovered by scanning their assemblies.", common)
            .Define(ConfigTransformer.ConfigProvidersConfig, ConfigType.List, "", null, Importance.Low,
                "Comma-separated names of ConfigProvider classes, loaded and used in the order specified.", common)
            .Define(ConnectorClientConfigOverridePolicy, ConfigType.String, "All", Validators.In("All", "None", "Principal"), Importance.Medium,
                "Which client configurations connectors may override: All, None or Principal.", common)
            .Define(TopicCreationEnable, ConfigType.Boolean, true, Importance.Low,
                "Whether to allow automatic creation of topics used by source connectors, when source connectors are configured with `topic.creation.` properties.")
            .Define(ConfigStorageFileName, ConfigType.String, null, null, Importance.Medium,
                "File in which connectors created, changed, paused, stopped or deleted over the REST API are kept, so that they are restored after a restart. " +
                "Unset (the default, as in Kafka): such changes are lost when the worker stops.", common)
            .Define(TopicTrackingEnable, ConfigType.Boolean, true, Importance.Low, "Enable tracking the set of active topics per connector during runtime.")
            .Define(TopicTrackingAllowReset, ConfigType.Boolean, true, Importance.Low, "If set to true, it allows user requests to reset the set of active topics per connector.")
            .Define(Listeners, ConfigType.List, "http://127.0.0.1:8083", null, Importance.Low,
                "List of comma-separated URIs the REST API will listen on. The supported protocols are HTTP and HTTPS. " +
                "Specify hostname as 0.0.0.0 to bind to all interfaces. Leave hostname empty to bind to default interface. " +
                "Examples of legal listener lists: HTTP://myhost:8083,HTTPS://myhost:8084. " +
                "The default (unlike Kafka's http://:8083) listens on the loopback interface only.")
            .Define(AdminListeners, ConfigType.List, null, null, Importance.Low,
                "List of comma-separated URIs the Admin REST API will listen on. The supported protocols are HTTP and HTTPS. " +
                "An empty or blank string will disable this feature. The default behavior is to use the regular listener " +
                "(specified by the 'listeners' property). A comma-separated list of valid URLs, e.g., http://localhost:8080,https://localhost:8443.")
            .Define(RestAdvertisedHostName, ConfigType.String, null, null, Importance.Low,
                "If this is set, this is the hostname that will be given out to other workers to connect to.")
            .Define(RestAdvertisedPort, ConfigType.Int, null, null, Importance.Low,
                "If this is set, this is the port that will be given out to other workers to connect to.")
            .Define(RestAdvertisedListener, ConfigType.String, null, null, Importance.Low,
                "Sets the advertised listener (HTTP or HTTPS) which will be given to other workers to use.")
            .Define(AccessControlAllowOrigin, ConfigType.String, "", null, Importance.Low,
                "Value to set the Access-Control-Allow-Origin header to for REST API requests. To enable cross origin access, " +
                "set this to the domain of the application that should be permitted to access the API, or '*' to allow access " +
                "from any domain. The default value only allows access from the domain of the REST API.")
            .Define(AccessControlAllowMethods, ConfigType.String, "", null, Importance.Low,
                "Sets the methods supported for cross origin requests by setting the Access-Control-Allow-Methods header. " +
                "The default value of the Access-Control-Allow-Methods header allows cross origin requests for GET, POST and HEAD.")
            .Define(ResponseHttpHeadersConfig, ConfigType.String, "", null, Importance.Low,
                "Rules for REST API HTTP response headers: comma-separated '[action] [header name]:[header value]' with action " +
                "set, add, setDate or addDate; a rule that contains a comma is quoted with double quotes.")
            .Define(RestExtensionClasses, ConfigType.List, "", null, Importance.Low,
                "Comma-separated names of ConnectRestExtension classes. Java REST extensions cannot be loaded here: any value is " +
                "rejected at start-up (for HTTP basic authentication use rest.basic.auth.credentials.file).")
            .Define(SslClientAuth, ConfigType.String, "none", Validators.In("required", "requested", "none"), Importance.Low,
                "Whether HTTPS listeners of the REST API request client certificates: 'required', 'requested' or 'none'. " +
                "Client certificates are checked against the listener's ssl.truststore.location (PKCS12).")
            .Define(RestBasicAuthCredentialsFile, ConfigType.String, null, null, Importance.Medium,
                "Enables HTTP basic authentication on every REST endpoint. The file holds one 'username: password' (or " +
                "'username=password') line per user, the format of Kafka's PropertyFileLoginModule credentials file.")
            .Define(RestRequestMaxBytes, ConfigType.Int, 1048576, Validators.AtLeast(1), Importance.Low,
                "The largest request body the REST API accepts, in bytes; a larger body is answered with 413.")
            .Define(EmbeddedKafkaBrokers, ConfigType.Int, 1, Validators.Between(1, 16), Importance.Low,
                "With bootstrap.servers=embedded: how many brokers the in-process cluster has.")
            .Define(EmbeddedKafkaPartitions, ConfigType.Int, 1, Validators.Between(1, 10000), Importance.Low,
                "With bootstrap.servers=embedded: partitions of each topic the worker creates (each partition keeps at most 5 MiB).")
            .Define(SinkStaticMembership, ConfigType.Boolean, true, Importance.Low,
                "StandaloneConnect: give each sink task's consumer a static group.instance.id (connector-consumer-<connector>-<task>), so a " +
                "task restarted after a crash gets its partitions back at once instead of after the dead member's session.timeout.ms. " +
                "Not used on librdkafka's mock broker (it does not implement static membership) or when consumer.group.instance.id is set.")
            .Define(BootstrapTimeoutMs, ConfigType.Long, 15000L, Validators.AtLeast(1), Importance.Low,
                "How long start-up waits for the Kafka cluster at bootstrap.servers to answer before it fails with exit code 2.");
    }
}
