using StandaloneConnect.Sdk.Config;

namespace StandaloneConnect.Runtime.Configuration.Providers;

/// <summary>
/// <c>${file:/path/to/file.properties:key}</c>: reads a Java <c>.properties</c> file (Kafka's
/// <c>org.apache.kafka.common.config.provider.FileConfigProvider</c>). Honours <c>allowed.paths</c>.
/// </summary>
public sealed class FileConfigProvider : IConfigProvider
{
    public const string KafkaClassName = "org.apache.kafka.common.config.provider.FileConfigProvider";

    private readonly PathProviderScope _scope = new();

    /// <inheritdoc />
    public void Configure(IReadOnlyDictionary<string, string> parameters) => _scope.Configure(parameters);

    /// <inheritdoc />
    /// <exception cref="ConfigException">The file cannot be read or parsed.</exception>
    public ConfigData Get(string path, IReadOnlyCollection<string> keys)
    {
        if (_scope.Resolve(path, keys) is not { } filePath)
        {
            return ConfigData.Empty;
        }

        IReadOnlyDictionary<string, string> properties;
        try
        {
            properties = JavaProperties.Load(filePath);
        }
        catch (ConfigFileException ex)
        {
            throw new ConfigException($"Could not read properties from file {path}: {ex.Message}", ex);
        }

        var data = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (string key in keys)
        {
            if (properties.TryGetValue(key, out string? value))
            {
                data[key] = value;
            }
        }

        return new ConfigData(data);
    }

    public void Dispose()
    {
    }
}
