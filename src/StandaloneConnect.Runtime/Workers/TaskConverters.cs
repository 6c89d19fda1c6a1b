using StandaloneConnect.Runtime.Configuration;
using StandaloneConnect.Runtime.Plugins;
using StandaloneConnect.Sdk;
using StandaloneConnect.Sdk.Config;
using StandaloneConnect.Sdk.Storage;

namespace StandaloneConnect.Runtime.Workers;

/// <summary>
/// The key, value and header converters of one task. As in Kafka, a converter class set in the connector config
/// is configured with the connector's <c>key.converter.*</c> keys; otherwise the worker's class and keys are used.
/// </summary>
public sealed record TaskConverters(IConverter Key, IConverter Value, IHeaderConverter Header)
{
    public static TaskConverters Create(IReadOnlyDictionary<string, string> connectorConfig, WorkerConfig worker, PluginRegistry plugins)
    {
        var key = CreateConverter(ConnectorConfig.KeyConverter, connectorConfig, worker, plugins, ConverterType.Key);
        var value = CreateConverter(ConnectorConfig.ValueConverter, connectorConfig, worker, plugins, ConverterType.Value);
        var (headerType, headerSettings) = Resolve(ConnectorConfig.HeaderConverter, connectorConfig, worker, plugins, PluginType.HeaderConverter);
        var header = plugins.Create<IHeaderConverter>(headerType);
        var headerConfig = new Dictionary<string, string>(headerSettings) { [ConverterType.ConfigKey] = ConverterType.Header };
        Configure(ConnectorConfig.HeaderConverter, () => header.Configure(headerConfig));
        return new TaskConverters(key, value, header);
    }

    private static readonly (string Key, PluginType Kind)[] ConverterKeys =
    [
        (ConnectorConfig.KeyConverter, PluginType.Converter), (ConnectorConfig.ValueConverter, PluginType.Converter),
        (ConnectorConfig.HeaderConverter, PluginType.HeaderConverter),
    ];

    /// <summary>
    /// Refuses a worker whose <c>key.converter</c>, <c>value.converter</c> or <c>header.converter</c> class is not
    /// installed, as Kafka refuses to start then (their settings are checked when a task uses them, as in Kafka).
    /// </summary>
    /// <exception cref="ConfigValidationException">Every unknown class, each naming the key and the worker file.</exception>
    public static void CheckWorkerClasses(WorkerConfig worker, PluginRegistry plugins)
    {
        ArgumentNullException.ThrowIfNull(worker);
        ArgumentNullException.ThrowIfNull(plugins);
        var problems = new List<string>();
        foreach (var (key, kind) in ConverterKeys)
        {
            if (worker.Parsed.GetString(key) is { Length: > 0 } name && plugins.Find(kind, name) is null)
            {
                problems.Add($"{worker.Source}: {UnknownClass(key, kind, name, plugins)}");
            }
        }

        if (problems.Count > 0)
        {
            throw new ConfigValidationException(problems);
        }
    }

    private static string UnknownClass(string key, PluginType kind, string name, PluginRegistry plugins) =>
        $"Invalid value {name} for configuration {key}: {plugins.UnknownPluginMessage(kind, name)}";

    /// <summary>
    /// Problems with the converters a connector config names (as Kafka 3.7+ validates them): an unknown class, or
    /// settings the converter's own <see cref="ConfigDef"/> rejects, reported under the prefixed key
    /// (<c>value.converter.schemas.enable</c>). Converters inherited from the worker are not checked here.
    /// </summary>
    public static IEnumerable<(string Key, string Message)> Validate(IReadOnlyDictionary<string, string> connectorConfig, PluginRegistry plugins)
    {
        foreach (var (key, kind) in ConverterKeys)
        {
            if (!connectorConfig.TryGetValue(key, out var name) || string.IsNullOrWhiteSpace(name))
            {
                continue;
            }

            if (plugins.Find(kind, name) is not { } descriptor)
            {
                yield return (key, UnknownClass(key, kind, name, plugins));
                continue;
            }

            var instance = plugins.Create<object>(descriptor.Type);
            var definition = instance switch
            {
                IConverter c => c.Config,
                IHeaderConverter h => h.Config,
                _ => new ConfigDef(),
            };
            var settings = ParsedConfig.WithPrefix(connectorConfig, key + ".").ToDictionary(kv => kv.Key, kv => (string?)kv.Value);
            settings[ConverterType.ConfigKey] = key == ConnectorConfig.KeyConverter ? ConverterType.Key
                : key == ConnectorConfig.ValueConverter ? ConverterType.Value : ConverterType.Header;
            foreach (var value in definition.Validate(settings))
            {
                foreach (var message in value.ErrorMessages)
                {
                    // Kafka's text names the unprefixed key; name the one the user wrote.
                    yield return ($"{key}.{value.Name}", message.Replace($"for configuration {value.Name}:", $"for configuration {key}.{value.Name}:",
                        StringComparison.Ordinal));
                }
            }

            (instance as IDisposable)?.Dispose();
        }
    }

    private static IConverter CreateConverter(string key, IReadOnlyDictionary<string, string> connectorConfig, WorkerConfig worker,
        PluginRegistry plugins, string converterType)
    {
        var (type, settings) = Resolve(key, connectorConfig, worker, plugins, PluginType.Converter);
        var converter = plugins.Create<IConverter>(type);
        var config = new Dictionary<string, string>(settings) { [ConverterType.ConfigKey] = converterType };
        Configure(key, () => converter.Configure(config, converterType == ConverterType.Key));
        return converter;
    }

    /// <summary>A converter's own message names its key without the prefix (<c>schemas.enable</c>); say which converter it was.</summary>
    private static void Configure(string key, Action configure)
    {
        try
        {
            configure();
        }
        catch (ConfigException e)
        {
            throw new ConfigException($"{key}: {e.Message}", e);
        }
    }

    private static (Type Type, IReadOnlyDictionary<string, string> Settings) Resolve(string key, IReadOnlyDictionary<string, string> connectorConfig,
        WorkerConfig worker, PluginRegistry plugins, PluginType kind)
    {
        var fromConnector = connectorConfig.TryGetValue(key, out var name) && !string.IsNullOrWhiteSpace(name);
        if (!fromConnector)
        {
            name = worker.Parsed.GetClass(key);
        }

        if (string.IsNullOrWhiteSpace(name))
        {
            throw new ConfigException($"Missing required configuration \"{key}\" which has no default value.");
        }

        var descriptor = plugins.Find(kind, name)
            ?? throw new ConfigException($"Invalid value {name} for configuration {key}: {plugins.UnknownPluginMessage(kind, name)}");
        var settings = fromConnector ? ParsedConfig.WithPrefix(connectorConfig, key + ".") : worker.Parsed.OriginalsWithPrefix(key + ".");
        return (descriptor.Type, settings);
    }
}
