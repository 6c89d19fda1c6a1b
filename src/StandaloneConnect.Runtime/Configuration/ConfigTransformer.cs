using System.Collections.ObjectModel;
using System.Text;
using System.Text.RegularExpressions;
using StandaloneConnect.Runtime.Configuration.Providers;
using StandaloneConnect.Sdk.Config;

namespace StandaloneConnect.Runtime.Configuration;

/// <summary>Configs with their placeholders replaced, and the TTLs the providers reported, by path.</summary>
public sealed record ConfigTransformResult(IReadOnlyDictionary<string, string> Data, IReadOnlyDictionary<string, TimeSpan> Ttls);

/// <summary>
/// Replaces <c>${provider:[path:]key}</c> placeholders using the providers a worker configures with
/// <c>config.providers</c> (Kafka's <c>ConfigTransformer</c>). A placeholder naming an unconfigured provider, or a key
/// the provider does not have, is left as written. Replacements are not themselves scanned for placeholders.
/// Owns its providers and disposes them.
/// </summary>
public sealed partial class ConfigTransformer : IDisposable
{
    public const string ConfigProvidersConfig = "config.providers";

    private readonly OrderedDictionary<string, IConfigProvider> _providers;

    /// <param name="providers">Configured providers by name; the transformer takes ownership of them.</param>
    public ConfigTransformer(IReadOnlyDictionary<string, IConfigProvider> providers)
    {
        ArgumentNullException.ThrowIfNull(providers);
        _providers = new OrderedDictionary<string, IConfigProvider>(providers, StringComparer.Ordinal);
    }

    /// <summary>The configured provider names, in the order the worker lists them.</summary>
    public IReadOnlyList<string> ProviderNames => [.. _providers.Keys];

    /// <summary>
    /// Creates and configures the providers named by <c>config.providers</c>, each from
    /// <c>config.providers.&lt;name&gt;.class</c> and <c>config.providers.&lt;name&gt;.param.*</c>.
    /// </summary>
    /// <exception cref="ConfigFileException">A provider has no class, an unknown class or invalid parameters; names the key and <paramref name="workerFileName"/>.</exception>
    public static ConfigTransformer FromWorkerConfig(
        IReadOnlyDictionary<string, string> workerProps, string workerFileName, ConfigProviderFactory? factory = null)
    {
        ArgumentNullException.ThrowIfNull(workerProps);
        ArgumentNullException.ThrowIfNull(workerFileName);
        factory ??= new ConfigProviderFactory();

        var providers = new OrderedDictionary<string, IConfigProvider>(StringComparer.Ordinal);
        try
        {
            string names = workerProps.GetValueOrDefault(ConfigProvidersConfig, "");
            foreach (string name in names.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
            {
                if (!providers.ContainsKey(name))
                {
                    providers.Add(name, CreateProvider(workerProps, workerFileName, factory, name));
                }
            }

            return new ConfigTransformer(providers);
        }
        catch
        {
            foreach (IConfigProvider provider in providers.Values)
            {
                provider.Dispose();
            }

            throw;
        }
    }

    /// <summary>Returns a copy of <paramref name="configs"/> with every resolvable placeholder replaced.</summary>
    public IReadOnlyDictionary<string, string> Transform(IReadOnlyDictionary<string, string> configs) =>
        TransformWithTtls(configs).Data;

    /// <summary>Like <see cref="Transform"/>, also returning the TTL each provider path reported.</summary>
    public ConfigTransformResult TransformWithTtls(IReadOnlyDictionary<string, string> configs)
    {
        ArgumentNullException.ThrowIfNull(configs);

        var keysByProviderPath = new Dictionary<(string Provider, string Path), HashSet<string>>();
        foreach (string value in configs.Values)
        {
            foreach (Match match in PlaceholderPattern().Matches(value))
            {
                (string provider, string path, string key) = Parts(match);
                if (_providers.ContainsKey(provider))
                {
                    keysByProviderPath.TryAdd((provider, path), new HashSet<string>(StringComparer.Ordinal));
                    keysByProviderPath[(provider, path)].Add(key);
                }
            }
        }

        var lookups = new Dictionary<(string Provider, string Path), IReadOnlyDictionary<string, string>>();
        var ttls = new Dictionary<string, TimeSpan>(StringComparer.Ordinal);
        foreach (((string provider, string path), HashSet<string> keys) in keysByProviderPath)
        {
            ConfigData data = _providers[provider].Get(path, keys);
            lookups[(provider, path)] = data.Data;
            if (data.Ttl is { } ttl && ttl >= TimeSpan.Zero)
            {
                ttls[path] = ttl;
            }
        }

        var result = new OrderedDictionary<string, string>(StringComparer.Ordinal);
        foreach ((string key, string value) in configs)
        {
            result[key] = Replace(value, lookups);
        }

        return new ConfigTransformResult(new ReadOnlyDictionary<string, string>(result), ttls);
    }

    /// <summary>
    /// Lists placeholders that name a provider the worker does not configure, one message per config key and provider,
    /// so a connector that uses <c>${vault:...}</c> without a <c>vault</c> provider can be rejected up front.
    /// </summary>
    public IReadOnlyList<string> ValidateReferences(IReadOnlyDictionary<string, string> configs)
    {
        ArgumentNullException.ThrowIfNull(configs);
        string configured = _providers.Count == 0
            ? "no config providers are configured"
            : $"configured providers: {string.Join(", ", _providers.Keys)}";

        var problems = new List<string>();
        foreach ((string key, string value) in configs)
        {
            var reported = new HashSet<string>(StringComparer.Ordinal);
            foreach (Match match in PlaceholderPattern().Matches(value))
            {
                string provider = Parts(match).Provider;
                if (!_providers.ContainsKey(provider) && reported.Add(provider))
                {
                    problems.Add($"Config key '{key}' references unknown config provider '{provider}' ({configured})");
                }
            }
        }

        return problems;
    }

    public void Dispose()
    {
        foreach (IConfigProvider provider in _providers.Values)
        {
            provider.Dispose();
        }
    }

    private static IConfigProvider CreateProvider(
        IReadOnlyDictionary<string, string> workerProps, string workerFileName, ConfigProviderFactory factory, string name)
    {
        string classKey = $"{ConfigProvidersConfig}.{name}.class";
        if (!workerProps.TryGetValue(classKey, out string? className) || string.IsNullOrWhiteSpace(className))
        {
            throw new ConfigFileException(workerFileName, null,
                $"{ConfigProvidersConfig} lists '{name}' but {classKey} is not set");
        }

        IConfigProvider provider;
        try
        {
            provider = factory.Create(className);
        }
        catch (ConfigException ex)
        {
            throw new ConfigFileException(workerFileName, null,
                $"Invalid value {className} for configuration {classKey}: unknown config provider class; available: {string.Join(", ", factory.KnownClassNames)}", ex);
        }

        string paramPrefix = $"{ConfigProvidersConfig}.{name}.param.";
        Dictionary<string, string> parameters = workerProps
            .Where(entry => entry.Key.StartsWith(paramPrefix, StringComparison.Ordinal))
            .ToDictionary(entry => entry.Key[paramPrefix.Length..], entry => entry.Value, StringComparer.Ordinal);
        try
        {
            provider.Configure(parameters);
            return provider;
        }
        catch (ConfigException ex)
        {
            provider.Dispose();
            throw new ConfigFileException(workerFileName, null,
                $"Invalid parameters for config provider '{name}' ({paramPrefix}*): {ex.Message}", ex);
        }
    }

    private static string Replace(string value, Dictionary<(string Provider, string Path), IReadOnlyDictionary<string, string>> lookups)
    {
        MatchCollection matches = PlaceholderPattern().Matches(value);
        if (matches.Count == 0)
        {
            return value;
        }

        var sb = new StringBuilder(value.Length);
        int copied = 0;
        foreach (Match match in matches)
        {
            (string provider, string path, string key) = Parts(match);
            if (lookups.TryGetValue((provider, path), out IReadOnlyDictionary<string, string>? data)
                && data.TryGetValue(key, out string? replacement))
            {
                sb.Append(value, copied, match.Index - copied).Append(replacement);
                copied = match.Index + match.Length;
            }
        }

        return sb.Append(value, copied, value.Length - copied).ToString();
    }

    /// <summary>True when the value contains a <c>${provider:[path:]key}</c> placeholder.</summary>
    public static bool HasReference(string? value) => value is not null && PlaceholderPattern().IsMatch(value);

    private static (string Provider, string Path, string Key) Parts(Match match) =>
        (match.Groups[1].Value, match.Groups[3].Success ? match.Groups[3].Value : "", match.Groups[4].Value);

    /// <summary>Kafka's <c>ConfigTransformer.DEFAULT_PATTERN</c>.</summary>
    [GeneratedRegex(@"\$\{([^}]*?):(([^}]*?):)?([^}]*?)\}", RegexOptions.CultureInvariant)]
    private static partial Regex PlaceholderPattern();
}
