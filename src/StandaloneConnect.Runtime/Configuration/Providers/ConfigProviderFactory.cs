using StandaloneConnect.Sdk.Config;

namespace StandaloneConnect.Runtime.Configuration.Providers;

/// <summary>
/// Creates the built-in config providers from the class name a worker file gives in
/// <c>config.providers.&lt;name&gt;.class</c>: Kafka's class name, the .NET type name, or the simple class name.
/// </summary>
public sealed class ConfigProviderFactory
{
    private readonly IReadOnlyList<(string KafkaName, Type Type, Func<IConfigProvider> Create)> _providers;

    /// <param name="environment">The variables <see cref="EnvVarConfigProvider"/> sees; null for the process environment.</param>
    public ConfigProviderFactory(Func<IReadOnlyDictionary<string, string>>? environment = null)
    {
        _providers =
        [
            (FileConfigProvider.KafkaClassName, typeof(FileConfigProvider), () => new FileConfigProvider()),
            (DirectoryConfigProvider.KafkaClassName, typeof(DirectoryConfigProvider), () => new DirectoryConfigProvider()),
            (EnvVarConfigProvider.KafkaClassName, typeof(EnvVarConfigProvider),
                () => environment is null ? new EnvVarConfigProvider() : new EnvVarConfigProvider(environment)),
        ];
    }

    /// <summary>The Kafka class names of the providers this factory can create.</summary>
    public IReadOnlyList<string> KnownClassNames => _providers.Select(provider => provider.KafkaName).ToList();

    /// <summary>Creates a new, not yet configured provider.</summary>
    /// <exception cref="ConfigException"><paramref name="className"/> is not a known provider.</exception>
    public IConfigProvider Create(string className)
    {
        ArgumentNullException.ThrowIfNull(className);
        string name = className.Trim();
        foreach ((string kafkaName, Type type, Func<IConfigProvider> create) in _providers)
        {
            if (name == kafkaName || name == type.FullName || name == type.Name)
            {
                return create();
            }
        }

        throw new ConfigException($"Unknown config provider class '{className}'. Known classes: {string.Join(", ", KnownClassNames)}");
    }
}
