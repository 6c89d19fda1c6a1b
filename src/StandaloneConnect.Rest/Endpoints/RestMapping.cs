using System.Text.Json;
using StandaloneConnect.Runtime.Herder;
using StandaloneConnect.Runtime.Storage;
using StandaloneConnect.Runtime.Workers;
using StandaloneConnect.Sdk.Config;
using StandaloneConnect.Sdk.Data;

namespace StandaloneConnect.Rest.Endpoints;

/// <summary>Herder results to Kafka's JSON entities, and request bodies to herder arguments.</summary>
internal static class RestMapping
{
    public static ConnectorInfoDto Info(ConnectorInfo info) =>
        new(info.Name, info.Config, info.Tasks.Select(Id).ToList(), info.Type);

    public static TaskIdDto Id(ConnectorTaskId id) => new(id.Connector, id.Task);

    public static ConnectorStatusDto Status(ConnectorStatusInfo status, string workerId) =>
        new(status.Name,
            new ConnectorStateDto(StatusSnapshot.Name(status.Connector.State), workerId, NonEmpty(status.Connector.Trace)),
            status.Tasks.Select(t => Task(t, workerId)).ToList(),
            status.Type);

    public static TaskStateDto Task(TaskStatusInfo task, string workerId) =>
        new(task.Id, StatusSnapshot.Name(task.Status.State), workerId, NonEmpty(task.Status.Trace));

    public static ConfigKeyInfoDto Key(ConfigKey key) =>
        new(key.Name, key.Type.ToString().ToUpperInvariant(), key.Required, key.HasDefault ? ValueText(key.DefaultValue, key.Type) : null,
            key.Importance.ToString().ToUpperInvariant(), key.Documentation, key.Group, key.OrderInGroup,
            key.Width.ToString().ToUpperInvariant(), key.DisplayName, key.Dependents);

    public static ConfigInfosDto Validation(ConfigValidation validation) =>
        new(validation.ConnectorClass, validation.ErrorCount, validation.Groups,
            validation.Configs.Select(c => new ConfigInfoDto(
                c.Definition is null ? null : Key(c.Definition),
                ValueInfo(c.Value, c.Definition?.Type)))
            .ToList());

    private static ConfigValueInfoDto ValueInfo(ConfigValue value, ConfigType? type) =>
        new(value.Name, ValueText(value.Value, type), value.RecommendedValues.Select(v => ValueText(v, type)).ToList(),
            value.ErrorMessages, value.Visible);

    /// <summary>Kafka's <c>ConfigDef.convertToString</c>; passwords are never shown.</summary>
    public static string? ValueText(object? value, ConfigType? type) => value switch
    {
        null => null,
        Password => Password.Hidden,
        _ when type == ConfigType.Password => Password.Hidden,
        string s => s,
        Type t => t.FullName ?? t.Name,
        IEnumerable<string> list => string.Join(",", list),
        _ => JavaStringValue.Of(value),
    };

    /// <summary>
    /// A config map from a request body: strings as they are, numbers and booleans as their JSON text (Kafka stores
    /// <c>"tasks.max": 1</c> as "1"), null as null; objects and arrays are rejected naming the key.
    /// </summary>
    public static Dictionary<string, string?> ConfigMap(JsonElement element, string what)
    {
        if (element.ValueKind != JsonValueKind.Object)
        {
            throw new RestException(400, $"{what} must be a JSON object of string keys and values, but was {Kind(element)}");
        }

        var map = new Dictionary<string, string?>(StringComparer.Ordinal);
        foreach (var property in element.EnumerateObject())
        {
            map[property.Name] = property.Value.ValueKind switch
            {
                JsonValueKind.String => property.Value.GetString(),
                JsonValueKind.Number or JsonValueKind.True or JsonValueKind.False => property.Value.GetRawText(),
                JsonValueKind.Null => null,
                _ => throw new RestException(400,
                    $"Invalid value for configuration '{property.Name}' in {what}: expected a string, number or boolean but was {Kind(property.Value)}"),
            };
        }

        return map;
    }

    /// <summary>A config map that may not contain nulls (create and update).</summary>
    public static Dictionary<string, string> NonNullConfigMap(JsonElement element, string what)
    {
        var map = ConfigMap(element, what);
        var nulls = map.Where(kv => kv.Value is null).Select(kv => kv.Key).ToList();
        if (nulls.Count > 0)
        {
            throw new RestException(400, $"Null value can not be supplied as the configuration value (key{(nulls.Count > 1 ? "s" : "")} {string.Join(", ", nulls)}).");
        }

        return map.ToDictionary(kv => kv.Key, kv => kv.Value!, StringComparer.Ordinal);
    }

    /// <summary>Kafka's <c>ConnectorOffsets</c> request body: <c>{"offsets":[{"partition":{...},"offset":{...}|null}]}</c>.</summary>
    public static IReadOnlyList<ConnectorOffset> Offsets(JsonElement body)
    {
        if (body.ValueKind != JsonValueKind.Object || !body.TryGetProperty("offsets", out var offsets) || offsets.ValueKind == JsonValueKind.Null)
        {
            return [];
        }

        if (offsets.ValueKind != JsonValueKind.Array)
        {
            throw new RestException(400, $"'offsets' must be a JSON array, but was {Kind(offsets)}");
        }

        return offsets.EnumerateArray().Select(item =>
        {
            if (item.ValueKind != JsonValueKind.Object)
            {
                throw new RestException(400, $"Each element of 'offsets' must be an object with 'partition' and 'offset', but one was {Kind(item)}");
            }

            var partition = item.TryGetProperty("partition", out var p) ? OffsetMap(p, "partition") : null;
            var offset = item.TryGetProperty("offset", out var o) ? OffsetMap(o, "offset") : null;
            return new ConnectorOffset(partition!, offset);
        }).ToList();
    }

    public static ConnectorOffsetsDto Offsets(IReadOnlyList<ConnectorOffset> offsets) =>
        new(offsets.Select(o => new ConnectorOffsetDto(o.Partition, o.Offset)).ToList());

    private static IReadOnlyDictionary<string, object?>? OffsetMap(JsonElement element, string what) => element.ValueKind switch
    {
        JsonValueKind.Null => null,
        JsonValueKind.Object => ReadOffsetMap(element, what),
        _ => throw new RestException(400, $"The {what} of a connector offset must be a JSON object or null, but was {Kind(element)}"),
    };

    private static Dictionary<string, object?> ReadOffsetMap(JsonElement element, string what)
    {
        try
        {
            return OffsetJson.ReadMap(element);
        }
        catch (FormatException e)
        {
            throw new RestException(400, $"The {what} of a connector offset may only contain primitive types (string, number, boolean, null) as values: {e.Message}");
        }
    }

    private static string Kind(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => "an array",
        JsonValueKind.String => "a string",
        JsonValueKind.Number => "a number",
        JsonValueKind.True or JsonValueKind.False => "a boolean",
        _ => "null",
    };

    private static string? NonEmpty(string? trace) => string.IsNullOrEmpty(trace) ? null : trace;
}
