using StandaloneConnect.Runtime.Workers;
using StandaloneConnect.Sdk;
using StandaloneConnect.Sdk.Config;

namespace StandaloneConnect.Runtime.Herder;

/// <summary>A request the client got wrong (HTTP 400 in the REST API).</summary>
public sealed class BadRequestException(string message) : ConnectException(message);

/// <summary>A connector's configuration and task ids (Kafka's <c>ConnectorInfo</c>).</summary>
public sealed record ConnectorInfo(string Name, IReadOnlyDictionary<string, string> Config, IReadOnlyList<ConnectorTaskId> Tasks, string Type);

/// <summary>One task's state.</summary>
public sealed record TaskStatusInfo(int Id, StatusSnapshot Status);

/// <summary>A connector's state and its tasks' states, tasks sorted by id (Kafka's <c>ConnectorStateInfo</c>).</summary>
public sealed record ConnectorStatusInfo(string Name, StatusSnapshot Connector, IReadOnlyList<TaskStatusInfo> Tasks, string Type);

/// <summary>One key of a validation answer: its definition (null for keys no definition knows) and its value with errors.</summary>
public sealed record ConfigInfoEntry(ConfigKey? Definition, ConfigValue Value);

/// <summary>The outcome of validating a connector config (Kafka's <c>ConfigInfos</c>).</summary>
public sealed record ConfigValidation(string ConnectorClass, IReadOnlyList<string> Groups, IReadOnlyList<ConfigInfoEntry> Configs)
{
    public int ErrorCount => Configs.Sum(c => c.Value.ErrorMessages.Count);

    public IEnumerable<string> Errors => Configs.SelectMany(c => c.Value.ErrorMessages);

    /// <summary>Kafka's message for an invalid connector config.</summary>
    public string ErrorMessage =>
        $"Connector configuration is invalid and contains the following {ErrorCount} error(s):\n" +
        string.Join("\n", Errors) +
        "\nYou can also find the above list of errors at the endpoint `/connector-plugins/{connectorType}/config/validate`";
}

/// <summary>One task's id and config (Kafka's <c>TaskInfo</c>).</summary>
public sealed record TaskConfigInfo(ConnectorTaskId Id, IReadOnlyDictionary<string, string> Config);

/// <summary>One partition and its offset (Kafka's <c>ConnectorOffset</c>); a null offset in a change request resets the partition.</summary>
public sealed record ConnectorOffset(IReadOnlyDictionary<string, object?> Partition, IReadOnlyDictionary<string, object?>? Offset);
