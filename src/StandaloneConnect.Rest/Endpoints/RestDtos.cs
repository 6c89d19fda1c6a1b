using System.Text.Json.Serialization;

namespace StandaloneConnect.Rest.Endpoints;

// The JSON shapes of Kafka Connect's REST entities (org.apache.kafka.connect.runtime.rest.entities), property for property.

public sealed record ServerInfoDto(
    [property: JsonPropertyName("version")] string Version,
    [property: JsonPropertyName("commit")] string Commit,
    [property: JsonPropertyName("kafka_cluster_id")] string? KafkaClusterId);

public sealed record WorkerStatusDto(
    [property: JsonPropertyName("status")] string Status,
    [property: JsonPropertyName("message")] string Message);

public sealed record TaskIdDto(
    [property: JsonPropertyName("connector")] string Connector,
    [property: JsonPropertyName("task")] int Task);

public sealed record ConnectorInfoDto(
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("config")] IReadOnlyDictionary<string, string> Config,
    [property: JsonPropertyName("tasks")] IReadOnlyList<TaskIdDto> Tasks,
    [property: JsonPropertyName("type")] string Type);

public sealed record ConnectorStateDto(
    [property: JsonPropertyName("state")] string State,
    [property: JsonPropertyName("worker_id")] string WorkerId,
    [property: JsonPropertyName("trace"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Trace);

public sealed record TaskStateDto(
    [property: JsonPropertyName("id")] int Id,
    [property: JsonPropertyName("state")] string State,
    [property: JsonPropertyName("worker_id")] string WorkerId,
    [property: JsonPropertyName("trace"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Trace);

public sealed record ConnectorStatusDto(
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("connector")] ConnectorStateDto Connector,
    [property: JsonPropertyName("tasks")] IReadOnlyList<TaskStateDto> Tasks,
    [property: JsonPropertyName("type")] string Type);

public sealed record TaskInfoDto(
    [property: JsonPropertyName("id")] TaskIdDto Id,
    [property: JsonPropertyName("config")] IReadOnlyDictionary<string, string> Config);

public sealed record ActiveTopicsDto([property: JsonPropertyName("topics")] IReadOnlyList<string> Topics);

public sealed record ConnectorOffsetDto(
    [property: JsonPropertyName("partition")] IReadOnlyDictionary<string, object?> Partition,
    [property: JsonPropertyName("offset")] IReadOnlyDictionary<string, object?>? Offset);

public sealed record ConnectorOffsetsDto([property: JsonPropertyName("offsets")] IReadOnlyList<ConnectorOffsetDto> Offsets);

public sealed record MessageDto([property: JsonPropertyName("message")] string Message);

public sealed record PluginInfoDto(
    [property: JsonPropertyName("class")] string Class,
    [property: JsonPropertyName("type")] string Type,
    [property: JsonPropertyName("version"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Version);

public sealed record ConfigKeyInfoDto(
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("type")] string Type,
    [property: JsonPropertyName("required")] bool Required,
    [property: JsonPropertyName("default_value")] string? DefaultValue,
    [property: JsonPropertyName("importance")] string Importance,
    [property: JsonPropertyName("documentation")] string Documentation,
    [property: JsonPropertyName("group")] string? Group,
    [property: JsonPropertyName("order")] int Order,
    [property: JsonPropertyName("width")] string Width,
    [property: JsonPropertyName("display_name")] string DisplayName,
    [property: JsonPropertyName("dependents")] IReadOnlyList<string> Dependents);

public sealed record ConfigValueInfoDto(
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("value")] string? Value,
    [property: JsonPropertyName("recommended_values")] IReadOnlyList<string?> RecommendedValues,
    [property: JsonPropertyName("errors")] IReadOnlyList<string> Errors,
    [property: JsonPropertyName("visible")] bool Visible);

public sealed record ConfigInfoDto(
    [property: JsonPropertyName("definition")] ConfigKeyInfoDto? Definition,
    [property: JsonPropertyName("value")] ConfigValueInfoDto Value);

public sealed record ConfigInfosDto(
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("error_count")] int ErrorCount,
    [property: JsonPropertyName("groups")] IReadOnlyList<string> Groups,
    [property: JsonPropertyName("configs")] IReadOnlyList<ConfigInfoDto> Configs);
