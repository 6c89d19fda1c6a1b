using System.Text.RegularExpressions;
using StandaloneConnect.Sdk.Config;

namespace StandaloneConnect.Runtime.Configuration;

/// <summary>
/// Keeps secrets out of error messages, REST bodies and logs: values of <c>PASSWORD</c> keys, of keys that look like
/// secrets when no <see cref="ConfigDef"/> says otherwise, and every value a config provider resolved (its
/// <c>${provider:path:key}</c> placeholder is shown instead).
/// </summary>
public static partial class ConfigRedaction
{
    /// <summary>What a hidden value prints as (Kafka's <c>Password.toString()</c>).</summary>
    public const string Hidden = Password.Hidden;

    /// <summary>
    /// True for keys whose values are usually secrets: <c>*password*</c>, <c>*secret*</c>, <c>*token*</c>,
    /// <c>*credential*</c>, <c>*passphrase*</c>, <c>*jaas.config</c>, <c>*user.info</c>, <c>*api.key</c>,
    /// <c>*private*</c>, and names ending in <c>.key</c> or <c>_key</c> (but not <c>key.converter</c> and other keys that
    /// merely start with "key").
    /// </summary>
    public static bool LooksSecret(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        return SecretKey().IsMatch(key);
    }

    /// <summary>
    /// <paramref name="value"/> as it may be shown for <paramref name="key"/>: hidden when <paramref name="definition"/>
    /// types the key <c>PASSWORD</c>, or (for keys it does not define) when the key looks secret or the value carries
    /// credentials (<c>password=…</c>, <c>scheme://user:pass@host</c>).
    /// </summary>
    public static string Show(string key, string value, ConfigDef? definition = null)
    {
        ArgumentNullException.ThrowIfNull(key);
        if (definition?[key] is { } known)
        {
            return known.Type == ConfigType.Password ? Hidden : value;
        }

        return LooksSecret(key) || CredentialsInValue().IsMatch(value) ? Hidden : value;
    }

    /// <summary>Java's <c>Map.toString</c> (<c>{k1=v1, k2=v2}</c>) with every value passed through <see cref="Show"/>.</summary>
    public static string FormatMap(IReadOnlyDictionary<string, string> map, ConfigDef? definition = null)
    {
        ArgumentNullException.ThrowIfNull(map);
        return "{" + string.Join(", ", map.Select(kv => $"{kv.Key}={Show(kv.Key, kv.Value, definition)}")) + "}";
    }

    /// <summary>
    /// Replaces, in <paramref name="message"/>, every value resolved from a config provider by the raw text that named
    /// it (<paramref name="raw"/> holds the unresolved config, <paramref name="resolved"/> the resolved one).
    /// </summary>
    public static string HideResolved(string message, IReadOnlyDictionary<string, string> raw, IReadOnlyDictionary<string, string> resolved)
    {
        ArgumentNullException.ThrowIfNull(message);
        foreach (var (key, rawValue) in raw)
        {
            if (!resolved.TryGetValue(key, out var value) || value == rawValue || value.Length == 0)
            {
                continue;
            }

            // Kafka's shape first ("Invalid value V for configuration K"), so that short values are only replaced there.
            message = message.Replace($"Invalid value {value} for configuration {key}", $"Invalid value {rawValue} for configuration {key}",
                StringComparison.Ordinal);
            if (value.Length >= MinimumFreeTextLength)
            {
                message = message.Replace(value, rawValue, StringComparison.Ordinal);
            }
        }

        return message;
    }

    /// <summary>Resolved values this long are also replaced outside Kafka's message shape (shorter ones would hit unrelated text).</summary>
    private const int MinimumFreeTextLength = 4;

    [GeneratedRegex(@"password|passwd|secret|token|credential|passphrase|jaas\.config|user\.info|api[._-]?key|private|([._-]key$)",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex SecretKey();

    [GeneratedRegex(@"(password|passwd|pwd)\s*=|://[^/@\s:]+:[^/@\s]+@", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex CredentialsInValue();
}
