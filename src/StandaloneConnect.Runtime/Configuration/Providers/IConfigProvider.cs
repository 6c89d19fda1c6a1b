using System.Collections.ObjectModel;

namespace StandaloneConnect.Runtime.Configuration.Providers;

/// <summary>
/// Resolves <c>${provider:[path:]key}</c> placeholders in configuration values (Kafka's <c>ConfigProvider</c>).
/// Configured once from <c>config.providers.&lt;name&gt;.param.*</c>, then asked for keys under a path.
/// </summary>
public interface IConfigProvider : IDisposable
{
    /// <summary>Applies the provider's parameters (the <c>param.</c> prefix already stripped).</summary>
    /// <exception cref="StandaloneConnect.Sdk.Config.ConfigException">A parameter is invalid.</exception>
    void Configure(IReadOnlyDictionary<string, string> parameters);

    /// <summary>Returns the values of those <paramref name="keys"/> found under <paramref name="path"/>; missing keys are left out.</summary>
    ConfigData Get(string path, IReadOnlyCollection<string> keys);
}

/// <summary>Values returned by a provider, with an optional time after which they should be read again.</summary>
public sealed record ConfigData(IReadOnlyDictionary<string, string> Data, TimeSpan? Ttl = null)
{
    /// <summary>No values.</summary>
    public static ConfigData Empty { get; } = new(ReadOnlyDictionary<string, string>.Empty);
}
