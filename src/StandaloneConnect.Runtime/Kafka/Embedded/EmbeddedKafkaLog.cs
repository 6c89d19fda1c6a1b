using Microsoft.Extensions.Logging;

namespace StandaloneConnect.Runtime.Kafka.Embedded;

/// <summary>Source-generated log messages of the embedded (mock) Kafka cluster and its topic admin.</summary>
internal static partial class EmbeddedKafkaLog
{
    /// <summary>An admin client on the embedded cluster whose librdkafka logs and errors go to <paramref name="logger"/>.</summary>
    internal static Confluent.Kafka.IAdminClient CreateAdminClient(MockKafkaCluster cluster, string clientId, ILogger logger) =>
        CreateAdminClient(cluster.BootstrapServers, clientId, logger);

    /// <summary>An admin client on the mock cluster at <paramref name="bootstrapServers"/>.</summary>
    internal static Confluent.Kafka.IAdminClient CreateAdminClient(string bootstrapServers, string clientId, ILogger logger) =>
        new Confluent.Kafka.AdminClientBuilder(new Confluent.Kafka.AdminClientConfig { BootstrapServers = bootstrapServers, ClientId = clientId })
            .SetLogHandler((_, message) => ClientLog(logger, message.Facility, message.Message))
            .SetErrorHandler((_, error) => ClientError(logger, error.Code, error.Reason))
            .Build();

    [LoggerMessage(EventId = 1100, Level = LogLevel.Debug,
        Message = "Embedded Kafka cluster started: {BrokerCount} broker(s) at {BootstrapServers}")]
    internal static partial void ClusterStarted(ILogger logger, int brokerCount, string bootstrapServers);

    [LoggerMessage(EventId = 1101, Level = LogLevel.Debug, Message = "Embedded Kafka cluster at {BootstrapServers} stopped")]
    internal static partial void ClusterStopped(ILogger logger, string bootstrapServers);

    [LoggerMessage(EventId = 1102, Level = LogLevel.Debug,
        Message = "Embedded topic {Topic}: {Partitions} partition(s), replication factor {ReplicationFactor}, created={Created}")]
    internal static partial void TopicCreated(ILogger logger, string topic, int partitions, int replicationFactor, bool created);

    [LoggerMessage(EventId = 1103, Level = LogLevel.Debug, Message = "Embedded topic {Topic} deleted")]
    internal static partial void TopicDeleted(ILogger logger, string topic);

    [LoggerMessage(EventId = 1104, Level = LogLevel.Information, Message = "Embedded Kafka fault injection: {Operation} {Details}")]
    internal static partial void FaultInjected(ILogger logger, string operation, string details);

    [LoggerMessage(EventId = 1105, Level = LogLevel.Debug,
        Message = "Embedded topic {Topic}: ignoring {Count} topic config(s); the embedded broker does not support topic configs")]
    internal static partial void TopicConfigsIgnored(ILogger logger, string topic, int count);

    [LoggerMessage(EventId = 1106, Level = LogLevel.Debug, Message = "Embedded Kafka client [{Facility}] {Text}")]
    internal static partial void ClientLog(ILogger logger, string facility, string text);

    [LoggerMessage(EventId = 1107, Level = LogLevel.Debug, Message = "Embedded Kafka client error {Code}: {Reason}")]
    internal static partial void ClientError(ILogger logger, Confluent.Kafka.ErrorCode code, string reason);
}
