using System.Globalization;
using System.Text.RegularExpressions;
using StandaloneConnect.Sdk.Config;

namespace StandaloneConnect.Rest;

/// <summary>
/// One entry of <c>listeners</c> or <c>admin.listeners</c>: <c>http://host:port</c> or <c>https://host:port</c>
/// (scheme case-insensitive, IPv6 hosts in brackets). An empty host, <c>0.0.0.0</c> or <c>[::]</c> listens on every interface.
/// </summary>
public sealed partial record RestListener(string Url, string Scheme, string Host, int Port)
{
    public const string Http = "http";
    public const string Https = "https";

    public bool IsHttps => Scheme == Https;

    /// <summary>True when the listener binds every interface (empty host, <c>0.0.0.0</c>, <c>::</c>).</summary>
    public bool IsWildcard => Host is "" or "0.0.0.0" or "::";

    /// <summary>The certificate and client-certificate policy of an https listener (null for http).</summary>
    internal ListenerTls? Tls { get; init; }

    /// <summary>Parses one listener URL; throws a <see cref="ConfigException"/> naming <paramref name="key"/> when it is malformed.</summary>
    internal static RestListener Parse(string key, string url)
    {
        if (string.IsNullOrWhiteSpace(url))
        {
            throw new ConfigException(key, url, "Empty URL found when parsing listeners list.");
        }

        var match = ListenerPattern().Match(url.Trim());
        if (!match.Success)
        {
            throw new ConfigException(key, url, "Listener doesn't have the right format (protocol://hostname:port).");
        }

        var scheme = match.Groups["scheme"].Value.ToLowerInvariant();
        if (scheme is not (Http or Https))
        {
            throw new ConfigException(key, url, "Listener protocol must be either \"http\" or \"https\".");
        }

        if (!int.TryParse(match.Groups["port"].Value, NumberStyles.None, CultureInfo.InvariantCulture, out var port) || port > 65535)
        {
            throw new ConfigException(key, url, "Listener port must be between 0 and 65535.");
        }

        return new RestListener(url.Trim(), scheme, match.Groups["host"].Value, port);
    }

    // Kafka's RestServer.LISTENER_PATTERN, with the port limited to digits and an optional trailing slash.
    [GeneratedRegex(@"^(?<scheme>[^:/]+)://(?:\[(?<host>[0-9a-zA-Z\-%._:]*)\]|(?<host>[0-9a-zA-Z\-%._]*)):(?<port>[0-9]+)/?$")]
    private static partial Regex ListenerPattern();
}
