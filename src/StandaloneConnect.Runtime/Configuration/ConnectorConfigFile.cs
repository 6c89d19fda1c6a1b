using System.Collections.ObjectModel;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace StandaloneConnect.Runtime.Configuration;

/// <summary>A connector as read from a file passed on the command line.</summary>
/// <param name="Name">The connector name.</param>
/// <param name="Config">The connector configuration; always contains <c>name</c>.</param>
/// <param name="InitialState">The requested <c>initial_state</c>, or null when the file does not say.</param>
public sealed record ConnectorFileConfig(string Name, IReadOnlyDictionary<string, string> Config, TargetState? InitialState);

/// <summary>
/// Reads the connector files given to <c>connect-standalone</c> in the three forms Kafka 3.7+ accepts
/// (<c>ConnectStandalone.parseConnectorConfigurationFile</c>): a flat JSON object of configs, a JSON
/// <c>CreateConnectorRequest</c> (<c>{"name", "config", "initial_state"}</c>), or a Java <c>.properties</c> file.
/// Text whose first non-blank character is <c>{</c> is JSON and is never re-read as properties.
/// </summary>
public static partial class ConnectorConfigFile
{
    private const string NameConfig = "name";

    /// <exception cref="ConfigFileException">The file is missing, unreadable or not a valid connector configuration.</exception>
    public static ConnectorFileConfig Load(string path) => Parse(ConfigFileReader.ReadText(path), path);

    /// <summary>Parses connector file text; <paramref name="sourceName"/> names the file in every error.</summary>
    /// <exception cref="ConfigFileException">The text is not a valid connector configuration.</exception>
    public static ConnectorFileConfig Parse(string text, string sourceName)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(sourceName);

        if (!text.TrimStart().StartsWith('{'))
        {
            IReadOnlyDictionary<string, string> properties = JavaProperties.Parse(text, sourceName);
            return new ConnectorFileConfig(RequireName(properties, sourceName), properties, null);
        }

        using JsonDocument document = ParseJson(text, sourceName);
        JsonElement root = document.RootElement;
        if (root.TryGetProperty("config", out JsonElement config) && config.ValueKind == JsonValueKind.Object)
        {
            return ReadCreateConnectorRequest(root, config, sourceName);
        }

        IReadOnlyDictionary<string, string> configs = ReadStringMap(root, sourceName, "");
        return new ConnectorFileConfig(RequireName(configs, sourceName), configs, null);
    }

    private static ConnectorFileConfig ReadCreateConnectorRequest(JsonElement root, JsonElement configElement, string sourceName)
    {
        string? name = null;
        if (root.TryGetProperty(NameConfig, out JsonElement nameElement) && nameElement.ValueKind != JsonValueKind.Null)
        {
            name = ScalarText(nameElement)
                ?? throw new ConfigFileException(sourceName, null, "'name' must be a string");
        }

        TargetState? initialState = ReadInitialState(root, sourceName);
        var config = new OrderedDictionary<string, string>(ReadStringMap(configElement, sourceName, "config."), StringComparer.Ordinal);
        if (config.TryGetValue(NameConfig, out string? configName))
        {
            if (!string.Equals(configName, name, StringComparison.Ordinal))
            {
                throw new ConfigFileException(sourceName, null,
                    $"Connector name configuration in 'config' doesn't match the one specified in 'name' at '{sourceName}'");
            }
        }
        else if (name is null)
        {
            throw MissingName(sourceName);
        }
        else
        {
            config.Insert(0, NameConfig, name);
        }

        return new ConnectorFileConfig(configName ?? name ?? "", new ReadOnlyDictionary<string, string>(config), initialState);
    }

    private static TargetState? ReadInitialState(JsonElement root, string sourceName)
    {
        if (!root.TryGetProperty("initial_state", out JsonElement element) || element.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        string? text = element.ValueKind == JsonValueKind.String ? element.GetString() : null;
        return text?.ToUpperInvariant() switch
        {
            "RUNNING" => TargetState.Started,
            "PAUSED" => TargetState.Paused,
            "STOPPED" => TargetState.Stopped,
            _ => throw new ConfigFileException(sourceName, null,
                $"Invalid value {element.GetRawText()} for 'initial_state'; accepted values are RUNNING, PAUSED and STOPPED"),
        };
    }

    /// <summary>Reads an object whose values are strings, numbers or booleans (stored as their JSON text, as Kafka's REST API does).</summary>
    private static IReadOnlyDictionary<string, string> ReadStringMap(JsonElement element, string sourceName, string keyPrefix)
    {
        if (element.ValueKind != JsonValueKind.Object)
        {
            throw new ConfigFileException(sourceName, null,
                $"a JSON connector configuration must be an object, not {Describe(element.ValueKind)}");
        }

        var map = new OrderedDictionary<string, string>(StringComparer.Ordinal);
        foreach (JsonProperty property in element.EnumerateObject())
        {
            map[property.Name] = ScalarText(property.Value) ?? throw new ConfigFileException(sourceName, null,
                $"the value of '{keyPrefix}{property.Name}' must be a string, number or boolean, not {Describe(property.Value.ValueKind)}");
        }

        return new ReadOnlyDictionary<string, string>(map);
    }

    private static string? ScalarText(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => value.GetString(),
        JsonValueKind.Number or JsonValueKind.True or JsonValueKind.False => value.GetRawText(),
        _ => null,
    };

    private static string Describe(JsonValueKind kind) => kind switch
    {
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => "an array",
        JsonValueKind.Null => "null",
        _ => kind.ToString().ToLowerInvariant(),
    };

    private static JsonDocument ParseJson(string text, string sourceName)
    {
        try
        {
            return JsonDocument.Parse(text);
        }
        catch (JsonException ex)
        {
            string detail = JsonPositionSuffix().Replace(ex.Message, "");
            string where = ex.LineNumber is { } line && ex.BytePositionInLine is { } column
                ? $" at line {line + 1}, position {column + 1}"
                : "";
            throw new ConfigFileException(sourceName, null, $"invalid JSON connector configuration{where}: {detail}", ex);
        }
    }

    private static string RequireName(IReadOnlyDictionary<string, string> configs, string sourceName) =>
        configs.TryGetValue(NameConfig, out string? name) ? name : throw MissingName(sourceName);

    private static ConfigFileException MissingName(string sourceName) =>
        new(sourceName, null, $"Connector configuration at '{sourceName}' is missing the mandatory 'name' configuration");

    [GeneratedRegex(@"\s*(Path: \S+ \| )?LineNumber: \d+ \| BytePositionInLine: \d+\.\s*$")]
    private static partial Regex JsonPositionSuffix();
}
