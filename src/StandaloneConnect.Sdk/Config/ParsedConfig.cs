namespace StandaloneConnect.Sdk.Config;

/// <summary>Parsed, typed configuration values plus the original strings (Kafka's <c>AbstractConfig</c>).</summary>
public sealed class ParsedConfig
{
    internal ParsedConfig(ConfigDef definition, IReadOnlyDictionary<string, object?> values, IReadOnlyDictionary<string, string> originals)
    {
        Definition = definition;
        Values = values;
        Originals = originals;
    }

    public ConfigDef Definition { get; }

    /// <summary>Every defined key with its parsed value (defaults applied).</summary>
    public IReadOnlyDictionary<string, object?> Values { get; }

    /// <summary>The raw properties as given, including keys the definition does not know.</summary>
    public IReadOnlyDictionary<string, string> Originals { get; }

    public object? Get(string key) =>
        Values.TryGetValue(key, out var v) ? v : throw new ConfigException($"Unknown configuration '{key}'");

    public string? GetString(string key) => (string?)Get(key);

    public int GetInt(string key) => (int)(Get(key) ?? throw Missing(key));

    public short GetShort(string key) => (short)(Get(key) ?? throw Missing(key));

    public long GetLong(string key) => (long)(Get(key) ?? throw Missing(key));

    public double GetDouble(string key) => (double)(Get(key) ?? throw Missing(key));

    public bool GetBoolean(string key) => (bool)(Get(key) ?? throw Missing(key));

    public int? GetIntOrNull(string key) => (int?)Get(key);

    public long? GetLongOrNull(string key) => (long?)Get(key);

    public IReadOnlyList<string> GetList(string key) => (IReadOnlyList<string>?)(List<string>?)Get(key) ?? [];

    public Password? GetPassword(string key) => (Password?)Get(key);

    /// <summary>The name given for a CLASS key (resolved by the runtime's plugin registry).</summary>
    public string? GetClass(string key) => (string?)Get(key);

    /// <summary>The original entries whose key starts with <paramref name="prefix"/>, with the prefix removed when <paramref name="strip"/>.</summary>
    public IReadOnlyDictionary<string, string> OriginalsWithPrefix(string prefix, bool strip = true) =>
        WithPrefix(Originals, prefix, strip);

    /// <summary>The entries of <paramref name="props"/> whose key starts with <paramref name="prefix"/>.</summary>
    public static IReadOnlyDictionary<string, string> WithPrefix(IReadOnlyDictionary<string, string> props, string prefix, bool strip = true)
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (k, v) in props)
        {
            if (k.StartsWith(prefix, StringComparison.Ordinal))
            {
                result[strip ? k[prefix.Length..] : k] = v;
            }
        }

        return result;
    }

    private static ConfigException Missing(string key) => new($"Configuration '{key}' has no value");
}
