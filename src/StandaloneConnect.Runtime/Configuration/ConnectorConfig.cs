using System.Text.RegularExpressions;
using StandaloneConnect.Sdk.Config;

namespace StandaloneConnect.Runtime.Configuration;

/// <summary>
/// The framework's connector keys (Kafka's <c>ConnectorConfig</c>, <c>SinkConnectorConfig</c>,
/// <c>SourceConnectorConfig</c>; reference §4). The connector's own keys are validated by its <see cref="ConfigDef"/>.
/// </summary>
public static class ConnectorConfig
{
    public const string Name = "name";
    public const string ConnectorClass = "connector.class";
    public const string TasksMax = "tasks.max";
    public const string TasksMaxEnforce = "tasks.max.enforce";
    public const string KeyConverter = "key.converter";
    public const string ValueConverter = "value.converter";
    public const string HeaderConverter = "header.converter";
    public const string Transforms = "transforms";
    public const string Predicates = "predicates";
    public const string ErrorsRetryTimeout = "errors.retry.timeout";
    public const string ErrorsRetryMaxDelay = "errors.retry.delay.max.ms";
    public const string ErrorsTolerance = "errors.tolerance";
    public const string ErrorsLogEnable = "errors.log.enable";
    public const string ErrorsLogIncludeMessages = "errors.log.include.messages";
    public const string Topics = "topics";
    public const string TopicsRegex = "topics.regex";
    public const string DlqTopicName = "errors.deadletterqueue.topic.name";
    public const string DlqReplicationFactor = "errors.deadletterqueue.topic.replication.factor";
    public const string DlqContextHeaders = "errors.deadletterqueue.context.headers.enable";
    public const string TopicCreationGroups = "topic.creation.groups";
    public const string TopicCreationPrefix = "topic.creation.";

    private const string CommonGroup = "Common";
    private const string TransformsGroup = "Transforms";
    private const string PredicatesGroup = "Predicates";
    private const string ErrorGroup = "Error Handling";

    public static ConfigDef Common { get; } = BuildCommon();

    public static ConfigDef Source { get; } = new ConfigDef(Common)
        .Define(TopicCreationGroups, ConfigType.List, "", null, Importance.Low,
            "Groups of configurations for topics created by source connectors", "Topic Creation", 0, Width.Long, "Topic Creation Groups")
        .Define("exactly.once.support", ConfigType.String, "requested", Validators.InCaseInsensitive("requested", "required"), Importance.Medium,
            "Permitted values are requested, required.", "Exactly Once Support", 0, Width.Short, "Exactly once support")
        .Define("transaction.boundary", ConfigType.String, "poll", Validators.InCaseInsensitive("poll", "interval", "connector"), Importance.Medium,
            "Permitted values are: poll, interval, connector.", "Exactly Once Support", 1, Width.Short, "Transaction Boundary")
        .Define("transaction.boundary.interval.ms", ConfigType.Long, null, null, Importance.Low,
            "If 'transaction.boundary' is set to 'interval', determines the interval for producer transaction commits.", "Exactly Once Support", 2, Width.Short, "Transaction boundary interval")
        .Define("offsets.storage.topic", ConfigType.String, null, null, Importance.Low,
            "The name of a separate offsets topic to use for this connector (no effect in standalone mode).", "offsets.topic", 0, Width.Long, "Offsets topic");

    public static ConfigDef Sink { get; } = new ConfigDef(Common)
        .Define(Topics, ConfigType.List, "", null, Importance.High,
            "List of topics to consume, separated by commas", CommonGroup, 4, Width.Long, "Topics")
        .Define(TopicsRegex, ConfigType.String, "", Validators.Lambda(ValidateRegex, "valid regex"), Importance.High,
            "Regular expression giving topics to consume. Under the hood, the regex is compiled to a java.util.regex.Pattern. Only one of topics or topics.regex should be specified.",
            CommonGroup, 4, Width.Long, "Topics regex")
        .Define(DlqTopicName, ConfigType.String, "", null, Importance.Medium,
            "The name of the topic to be used as the dead letter queue (DLQ) for messages that result in an error when processed by this sink connector, or its transformations or converters. The topic name is blank by default, which means that no messages are to be recorded in the DLQ.",
            ErrorGroup, 6, Width.Medium, "Dead Letter Queue Topic Name")
        .Define(DlqReplicationFactor, ConfigType.Short, (short)3, null, Importance.Medium,
            "Replication factor used to create the dead letter queue topic when it doesn't already exist.", ErrorGroup, 7, Width.Medium, "Dead Letter Queue Topic Replication Factor")
        .Define(DlqContextHeaders, ConfigType.Boolean, false, null, Importance.Medium,
            "If true, add headers containing error context to the messages written to the dead letter queue. To avoid clashing with headers from the original record, all error context header keys, all error context header keys will start with <code>__connect.errors.</code>",
            ErrorGroup, 8, Width.Medium, "Enable Error Context Headers");

    /// <summary>Kafka's sink rules: exactly one of topics / topics.regex, and the DLQ topic not among them.</summary>
    public static IEnumerable<string> ValidateSinkTopics(IReadOnlyDictionary<string, string> props)
    {
        var topics = props.TryGetValue(Topics, out var t) ? t.Trim() : "";
        var regex = props.TryGetValue(TopicsRegex, out var r) ? r.Trim() : "";
        if (topics.Length > 0 && regex.Length > 0)
        {
            yield return "topics and topics.regex are mutually exclusive options, but both are set.";
        }
        else if (topics.Length == 0 && regex.Length == 0)
        {
            yield return "Must configure one of topics or topics.regex";
        }

        var dlq = props.TryGetValue(DlqTopicName, out var d) ? d.Trim() : "";
        if (dlq.Length > 0)
        {
            // Kafka 3.7+ wording (KAFKA-13327); the topics are printed as a Java List.
            var topicList = topics.Split(',').Select(s => s.Trim()).Where(s => s.Length > 0).Distinct().ToList();
            if (topicList.Contains(dlq))
            {
                yield return $"The DLQ topic '{dlq}' may not be included in the list of topics ('{Topics}=[{string.Join(", ", topicList)}]') consumed by the connector";
            }

            if (regex.Length > 0 && IsValidRegex(regex) && JavaRegex.FullMatch(regex, dlq))
            {
                yield return $"The DLQ topic '{dlq}' may not be matched by the regex for the topics ('{TopicsRegex}={regex}') consumed by the connector";
            }
        }
    }

    private static ConfigDef BuildCommon() => new ConfigDef()
        .Define(Name, ConfigType.String, ConfigDef.NoDefault, Validators.NonEmptyStringWithoutControlChars, Importance.High,
            "Globally unique name to use for this connector.", CommonGroup, 1, Width.Medium, "Connector name")
        .Define(ConnectorClass, ConfigType.String, ConfigDef.NoDefault, null, Importance.High,
            "Name or alias of the class for this connector. Must be a subclass of org.apache.kafka.connect.connector.Connector. If the connector is org.apache.kafka.connect.file.FileStreamSinkConnector, you can either specify this full name, or use \"FileStreamSink\" or \"FileStreamSinkConnector\" to make the configuration a bit shorter",
            CommonGroup, 2, Width.Long, "Connector class")
        .Define(TasksMax, ConfigType.Int, 1, Validators.AtLeast(1), Importance.High,
            "Maximum number of tasks to use for this connector.", CommonGroup, 3, Width.Short, "Tasks max")
        .Define(TasksMaxEnforce, ConfigType.Boolean, true, null, Importance.Low,
            "(Deprecated) Whether to enforce that the tasks.max property is respected by the connector. By default, connectors that generate too many tasks will fail, and existing sets of tasks that exceed the tasks.max property will also be failed. If this property is set to false, then connectors will be allowed to generate more than the maximum number of tasks, and existing sets of tasks that exceed the tasks.max property will be allowed to run. This property is deprecated and will be removed in an upcoming major release.",
            CommonGroup, 4, Width.Short, "Enforce tasks max")
        .Define(KeyConverter, ConfigType.Class, null, null, Importance.Low,
            "Converter class used to convert between Kafka Connect format and the serialized form that is written to Kafka. This controls the format of the keys in messages written to or read from Kafka, and since this is independent of connectors it allows any connector to work with any serialization format. Examples of common formats include JSON and Avro.",
            CommonGroup, 5, Width.Short, "Key converter class")
        .Define(ValueConverter, ConfigType.Class, null, null, Importance.Low,
            "Converter class used to convert between Kafka Connect format and the serialized form that is written to Kafka. This controls the format of the values in messages written to or read from Kafka, and since this is independent of connectors it allows any connector to work with any serialization format. Examples of common formats include JSON and Avro.",
            CommonGroup, 6, Width.Short, "Value converter class")
        .Define(HeaderConverter, ConfigType.Class, null, null, Importance.Low,
            "HeaderConverter class used to convert between Kafka Connect format and the serialized form that is written to Kafka. This controls the format of the header values in messages written to or read from Kafka, and since this is independent of connectors it allows any connector to work with any serialization format. Examples of common formats include JSON and Avro. By default, the SimpleHeaderConverter is used to serialize header values to strings and deserialize them by inferring the schemas.",
            CommonGroup, 7, Width.Short, "Header converter class")
        .Define("config.action.reload", ConfigType.String, "restart", Validators.InCaseInsensitive("none", "restart"), Importance.Low,
            "The action that Connect should take on the connector when changes in external configuration providers result in a change in the connector's configuration properties. A value of 'none' indicates that Connect will do nothing. A value of 'restart' indicates that Connect should restart/reload the connector with the updated configuration properties.The restart may actually be scheduled in the future if the external configuration provider indicates that a configuration value will expire in the future.",
            CommonGroup, 8, Width.Medium, "Reload Action")
        .Define(Transforms, ConfigType.List, "", Validators.Lambda(ValidateUniqueAliases, "unique transformation aliases"), Importance.Low,
            "Aliases for the transformations to be applied to records.", TransformsGroup, 0, Width.Long, "Transforms")
        .Define(Predicates, ConfigType.List, "", Validators.Lambda(ValidateUniqueAliases, "unique predicate aliases"), Importance.Low,
            "Aliases for the predicates used by transformations.", PredicatesGroup, 0, Width.Long, "Predicates")
        .Define(ErrorsRetryTimeout, ConfigType.Long, 0L, null, Importance.Medium,
            "The maximum duration in milliseconds that a failed operation will be reattempted. The default is 0, which means no retries will be attempted. Use -1 for infinite retries.",
            ErrorGroup, 1, Width.Medium, "Retry Timeout for Errors")
        .Define(ErrorsRetryMaxDelay, ConfigType.Long, 60000L, null, Importance.Medium,
            "The maximum duration in milliseconds between consecutive retry attempts. Jitter will be added to the delay once this limit is reached to prevent thundering herd issues.",
            ErrorGroup, 2, Width.Medium, "Maximum Delay Between Retries for Errors")
        .Define(ErrorsTolerance, ConfigType.String, "none", Validators.InCaseInsensitive("none", "all"), Importance.Medium,
            "Behavior for tolerating errors during connector operation. 'none' is the default value and signals that any error will result in an immediate connector task failure; 'all' changes the behavior to skip over problematic records.",
            ErrorGroup, 3, Width.Short, "Error Tolerance")
        .Define(ErrorsLogEnable, ConfigType.Boolean, false, null, Importance.Medium,
            "If true, write each error and the details of the failed operation and problematic record to the Connect application log. This is 'false' by default, so that only errors that are not tolerated are reported.",
            ErrorGroup, 4, Width.Short, "Log Errors")
        .Define(ErrorsLogIncludeMessages, ConfigType.Boolean, false, null, Importance.Medium,
            "Whether to include in the log the Connect record that resulted in a failure. For sink records, the topic, partition, offset, and timestamp will be logged. For source records, the key and value (and their schemas), all headers, and the timestamp, Kafka topic, Kafka partition, source partition, and source offset will be logged. This is 'false' by default, which will prevent record keys, values, and headers from being written to log files.",
            ErrorGroup, 5, Width.Long, "Log Error Details");

    private static void ValidateUniqueAliases(string name, object? value)
    {
        if (value is IEnumerable<string> aliases)
        {
            var duplicates = aliases.GroupBy(a => a).Where(g => g.Count() > 1).Select(g => g.Key).ToList();
            if (duplicates.Count > 0)
            {
                throw new ConfigException(name, "[" + string.Join(", ", aliases) + "]", "Duplicate alias provided.");
            }
        }
    }

    private static void ValidateRegex(string name, object? value)
    {
        if (value is string s && s.Length > 0 && !IsValidRegex(s))
        {
            throw new ConfigException(name, s, "Must be a valid regular expression");
        }
    }

    private static bool IsValidRegex(string pattern)
    {
        try
        {
            _ = new Regex(pattern, RegexOptions.None, TimeSpan.FromSeconds(1));
            return true;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }
}

/// <summary>Java-style regex helpers: <c>Matcher.matches()</c> is a full match.</summary>
public static class JavaRegex
{
    public static bool FullMatch(string pattern, string input) =>
        Regex.IsMatch(input, "^(?:" + pattern + ")$", RegexOptions.None, TimeSpan.FromSeconds(1));
}
