using System.Collections;
using System.Text.RegularExpressions;
using StandaloneConnect.Sdk.Config;

namespace StandaloneConnect.Runtime.Configuration.Providers;

/// <summary>
/// <c>${env:VARIABLE}</c>: environment variables, limited to names that fully match <c>allowlist.pattern</c>
/// (default <c>.*</c>). Kafka's <c>org.apache.kafka.common.config.provider.EnvVarConfigProvider</c> (KIP-887).
/// </summary>
public sealed class EnvVarConfigProvider : IConfigProvider
{
    public const string KafkaClassName = "org.apache.kafka.common.config.provider.EnvVarConfigProvider";
    public const string AllowlistPatternConfig = "allowlist.pattern";

    private static readonly TimeSpan MatchTimeout = TimeSpan.FromSeconds(1);

    private readonly Func<IReadOnlyDictionary<string, string>> _environment;
    private IReadOnlyDictionary<string, string> _visible = new Dictionary<string, string>(StringComparer.Ordinal);

    /// <summary>Reads the process environment.</summary>
    public EnvVarConfigProvider()
        : this(ReadProcessEnvironment)
    {
    }

    /// <param name="environment">Supplies the variables; called once per <see cref="Configure"/>.</param>
    public EnvVarConfigProvider(Func<IReadOnlyDictionary<string, string>> environment)
    {
        ArgumentNullException.ThrowIfNull(environment);
        _environment = environment;
        Configure(new Dictionary<string, string>());
    }

    /// <inheritdoc />
    public void Configure(IReadOnlyDictionary<string, string> parameters)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        string pattern = parameters.TryGetValue(AllowlistPatternConfig, out string? configured) ? configured : ".*";
        Regex allowlist;
        try
        {
            allowlist = new Regex($@"\A(?:{pattern})\z", RegexOptions.CultureInvariant, MatchTimeout);
        }
        catch (ArgumentException ex)
        {
            throw new ConfigException(AllowlistPatternConfig, pattern, $"Not a valid regular expression: {ex.Message}");
        }

        _visible = _environment()
            .Where(variable => allowlist.IsMatch(variable.Key))
            .ToDictionary(variable => variable.Key, variable => variable.Value, StringComparer.Ordinal);
    }

    /// <inheritdoc />
    /// <exception cref="ConfigException"><paramref name="path"/> is not empty.</exception>
    public ConfigData Get(string path, IReadOnlyCollection<string> keys)
    {
        ArgumentNullException.ThrowIfNull(keys);
        if (!string.IsNullOrEmpty(path))
        {
            throw new ConfigException($"Path is not supported for EnvVarConfigProvider, invalid value '{path}'");
        }

        var data = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (string key in keys)
        {
            if (_visible.TryGetValue(key, out string? value))
            {
                data[key] = value;
            }
        }

        return new ConfigData(data);
    }

    public void Dispose()
    {
    }

    private static IReadOnlyDictionary<string, string> ReadProcessEnvironment()
    {
        var variables = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (DictionaryEntry entry in Environment.GetEnvironmentVariables())
        {
            if (entry.Key is string name && entry.Value is string value)
            {
                variables[name] = value;
            }
        }

        return variables;
    }
}
