using System.Collections.ObjectModel;
using System.Text.Encodings.Web;
using System.Text.Json;
using StandaloneConnect.Runtime.Configuration;

namespace StandaloneConnect.Runtime.Storage;

/// <summary>A connector as kept by <see cref="ConnectorConfigStore"/>: its raw config (placeholders unresolved) and target state.</summary>
public sealed record StoredConnector(string Name, IReadOnlyDictionary<string, string> Config, TargetState Target);

/// <summary>The connector configs file cannot be read or written; the message names the file.</summary>
public sealed class ConnectorConfigStoreException(string message, Exception? inner = null) : Exception(message, inner);

/// <summary>
/// Connectors created or changed over the REST API, kept in one human-readable JSON file
/// (<c>config.storage.file.filename</c>) so that they survive a restart. Every <see cref="Save"/> replaces the whole
/// file atomically (<see cref="AtomicFile"/>); a file that cannot be read is reported, never reset.
/// <code>{"version":1,"connectors":[{"name":"a","target_state":"STARTED","config":{"connector.class":"..","name":"a"}}]}</code>
/// Connectors keep the order given to <see cref="Save"/>, config keys their enumeration order, values are stored raw.
/// On Unix a new file is readable by its owner only (configs may hold secrets); a replaced file keeps its permissions.
/// </summary>
public sealed class ConnectorConfigStore
{
    private const int CurrentVersion = 1;
    private const string NameConfig = "name";
    private static readonly JsonWriterOptions WriterOptions = new()
    {
        Indented = true,
        NewLine = "\n", // the same bytes on every platform
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping, // non-ASCII text stays readable
    };
    private readonly Lock _writeLock = new();

    public ConnectorConfigStore(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        Location = Path.GetFullPath(path);
    }

    /// <summary>The full path of the file.</summary>
    public string Location { get; }

    /// <summary>Reads every stored connector, in file order; a missing file is an empty list.</summary>
    /// <exception cref="ConnectorConfigStoreException">The file cannot be read or is not a valid connector configs file.</exception>
    public IReadOnlyList<StoredConnector> Load()
    {
        if (Directory.Exists(Location))
        {
            throw new ConnectorConfigStoreException($"Cannot read the connector configs file '{Location}': it is a directory.");
        }

        if (!AtomicFile.Exists(Location))
        {
            return [];
        }

        byte[] content;
        try
        {
            content = File.ReadAllBytes(Location);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new ConnectorConfigStoreException($"Cannot read the connector configs file '{Location}': {e.Message}", e);
        }

        try
        {
            return Parse(content).AsReadOnly();
        }
        catch (Exception e) when (e is JsonException or FormatException or InvalidOperationException)
        {
            var problem = e is JsonException ? $"is not valid JSON, it may be truncated ({e.Message})" : $"is not a valid connector configs file: {e.Message}";
            throw new ConnectorConfigStoreException(
                $"The connector configs file '{Location}' {problem}. It was left untouched: repair it, or move it away to start " +
                "without the connectors created over the REST API.", e);
        }
    }

    /// <summary>Replaces the file with <paramref name="connectors"/>; durable when it returns. Thread-safe.</summary>
    /// <exception cref="ArgumentException">A connector is null, has a null name, config or value, invalid UTF-16 text, a duplicate name, or a config 'name' that differs.</exception>
    /// <exception cref="ConnectorConfigStoreException">The file cannot be written; its previous content is intact.</exception>
    public void Save(IReadOnlyList<StoredConnector> connectors)
    {
        ArgumentNullException.ThrowIfNull(connectors);
        var content = Serialize(connectors);
        lock (_writeLock)
        {
            try
            {
                AtomicFile.Write(Location, content, UnixFileMode.UserRead | UnixFileMode.UserWrite);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                throw new ConnectorConfigStoreException(
                    $"Cannot write the connector configs file '{Location}': {e.Message} Its previous content was kept.", e);
            }
        }
    }

    private static List<StoredConnector> Parse(ReadOnlyMemory<byte> content)
    {
        if (content.Span.StartsWith("\uFEFF"u8))
        {
            content = content[3..];
        }

        using var doc = JsonDocument.Parse(content);
        var root = doc.RootElement;
        if (root.ValueKind != JsonValueKind.Object)
        {
            throw new FormatException($"expected an object with \"version\" and \"connectors\" but found {Describe(root.ValueKind)}");
        }

        if (!root.TryGetProperty("version", out var version) || version.ValueKind != JsonValueKind.Number)
        {
            throw new FormatException("\"version\" is missing or not a number");
        }

        if (!version.TryGetInt32(out var number) || number != CurrentVersion)
        {
            throw new FormatException($"version {version.GetRawText()} is not supported, this release reads version {CurrentVersion} " +
                "(was the file written by a newer StandaloneConnect?)");
        }

        if (!root.TryGetProperty("connectors", out var items) || items.ValueKind != JsonValueKind.Array)
        {
            throw new FormatException("\"connectors\" is missing or not an array");
        }

        var connectors = new List<StoredConnector>();
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var item in items.EnumerateArray())
        {
            var index = connectors.Count;
            var connector = ReadConnector(item, index);
            if (!seen.TryAdd(connector.Name, index))
            {
                throw new FormatException($"connector '{connector.Name}' appears twice (connectors[{seen[connector.Name]}] and connectors[{index}])");
            }

            connectors.Add(connector);
        }

        return connectors;
    }

    private static StoredConnector ReadConnector(JsonElement item, int index)
    {
        if (item.ValueKind != JsonValueKind.Object)
        {
            throw new FormatException($"connectors[{index}] is {Describe(item.ValueKind)}, not an object");
        }

        if (!item.TryGetProperty("name", out var nameElement) || nameElement.ValueKind != JsonValueKind.String)
        {
            throw new FormatException($"connectors[{index}] has no string \"name\"");
        }

        var name = nameElement.GetString() ?? "";
        var what = $"connector '{name}' (connectors[{index}])";
        if (!item.TryGetProperty("target_state", out var state) || state.ValueKind != JsonValueKind.String)
        {
            throw new FormatException($"{what} has no string \"target_state\"");
        }

        var target = state.GetString() switch
        {
            "STARTED" => TargetState.Started,
            "PAUSED" => TargetState.Paused,
            "STOPPED" => TargetState.Stopped,
            _ => throw new FormatException($"{what} has an unknown target_state {state.GetRawText()}, expected \"STARTED\", \"PAUSED\" or \"STOPPED\""),
        };

        if (!item.TryGetProperty("config", out var configElement) || configElement.ValueKind != JsonValueKind.Object)
        {
            throw new FormatException($"{what} has no \"config\" object");
        }

        var config = new OrderedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var property in configElement.EnumerateObject())
        {
            if (property.Value.ValueKind != JsonValueKind.String)
            {
                throw new FormatException($"{what} has a non-string config value for '{property.Name}': {Describe(property.Value.ValueKind)}");
            }

            if (!config.TryAdd(property.Name, property.Value.GetString() ?? ""))
            {
                throw new FormatException($"{what} has the config key '{property.Name}' twice");
            }
        }

        if (config.TryGetValue(NameConfig, out var configName) && configName != name)
        {
            throw new FormatException($"{what} has a config 'name' of '{configName}' that differs from the connector name");
        }

        return new StoredConnector(name, new ReadOnlyDictionary<string, string>(config), target);
    }

    private static byte[] Serialize(IReadOnlyList<StoredConnector> connectors)
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream, WriterOptions))
        {
            writer.WriteStartObject();
            writer.WriteNumber("version", CurrentVersion);
            writer.WriteStartArray("connectors");
            foreach (var connector in connectors)
            {
                Validate(connector, names);
                writer.WriteStartObject();
                writer.WriteString("name", connector.Name);
                writer.WriteString("target_state", connector.Target switch
                {
                    TargetState.Paused => "PAUSED",
                    TargetState.Stopped => "STOPPED",
                    _ => "STARTED",
                });
                writer.WriteStartObject("config");
                foreach (var (key, value) in connector.Config)
                {
                    writer.WriteString(key, value);
                }

                writer.WriteEndObject();
                writer.WriteEndObject();
            }

            writer.WriteEndArray();
            writer.WriteEndObject();
        }

        stream.WriteByte((byte)'\n');
        return stream.ToArray();
    }

    private static void Validate(StoredConnector? connector, HashSet<string> names)
    {
        ArgumentNullException.ThrowIfNull(connector);
        if (connector.Name is null || connector.Config is null || !Enum.IsDefined(connector.Target))
        {
            throw new ArgumentException($"Connector '{connector.Name}' needs a name, a config and a defined target state", nameof(connector));
        }

        if (!IsValidUtf16(connector.Name))
        {
            throw new ArgumentException($"Connector name '{connector.Name}' is not valid UTF-16 text", nameof(connector));
        }

        if (!names.Add(connector.Name))
        {
            throw new ArgumentException($"Connector '{connector.Name}' is listed twice", nameof(connector));
        }

        foreach (var (key, value) in connector.Config)
        {
            if (value is null)
            {
                throw new ArgumentException($"Connector '{connector.Name}' has a null value for '{key}'", nameof(connector));
            }

            if (!IsValidUtf16(key) || !IsValidUtf16(value))
            {
                // Utf8JsonWriter would silently turn a lone surrogate into U+FFFD.
                throw new ArgumentException($"Connector '{connector.Name}' has invalid UTF-16 text in '{key}'", nameof(connector));
            }
        }

        if (connector.Config.TryGetValue(NameConfig, out var configName) && configName != connector.Name)
        {
            throw new ArgumentException($"Connector '{connector.Name}' has a config 'name' of '{configName}'", nameof(connector));
        }
    }

    private static bool IsValidUtf16(string text)
    {
        for (var i = 0; i < text.Length; i++)
        {
            if (char.IsHighSurrogate(text[i]) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                i++;
            }
            else if (char.IsSurrogate(text[i]))
            {
                return false;
            }
        }

        return true;
    }

    private static string Describe(JsonValueKind kind) => kind switch
    {
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => "an array",
        JsonValueKind.Null => "null",
        JsonValueKind.True or JsonValueKind.False => "a boolean",
        _ => "a " + kind.ToString().ToLowerInvariant(),
    };
}
