namespace StandaloneConnect.Runtime.Configuration;

/// <summary>
/// What a new connector may be called beyond Kafka's own rule (non-empty, no ISO control characters, checked by the
/// <c>name</c> key's validator): a name must be addressable in a REST URL, <c>/connectors/{name}</c>, or the connector
/// could never be inspected or deleted. Kafka accepts such names and then cannot address them either; stored connectors
/// that already have one are still loaded (with a warning), only new ones are refused.
/// </summary>
public static class ConnectorNameRules
{
    /// <summary>The longest name accepted for a new connector, in UTF-16 characters (any longer is a mistake, not a name).</summary>
    public const int MaxLength = 1000;

    /// <summary>Why <paramref name="name"/> cannot be given to a new connector, or null when it can.</summary>
    public static string? Problem(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        var shown = name.Length > 60 ? name[..60] + "…" : name;
        if (name.Length > MaxLength)
        {
            return $"Connector name '{shown}' is too long ({name.Length} characters); at most {MaxLength} are allowed.";
        }

        if (name.Contains('/', StringComparison.Ordinal))
        {
            return $"Connector name '{shown}' may not contain '/': the connector could not be addressed in REST URLs (/connectors/{{name}}).";
        }

        if (name is "." or "..")
        {
            return $"Connector name '{name}' is not allowed: '.' and '..' are removed from REST URLs (/connectors/{{name}}), the connector could not be addressed.";
        }

        return null;
    }

    /// <summary>How to write <paramref name="name"/> in a REST URL path (every reserved character percent-encoded).</summary>
    public static string UrlEscape(string name) =>
        name is "." or ".." ? name.Replace(".", "%2E", StringComparison.Ordinal) : Uri.EscapeDataString(name);
}
