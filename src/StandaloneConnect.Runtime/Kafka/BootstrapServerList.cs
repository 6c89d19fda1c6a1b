using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text.RegularExpressions;
using StandaloneConnect.Sdk.Config;

namespace StandaloneConnect.Runtime.Kafka;

/// <summary>
/// <c>bootstrap.servers</c> checked as Kafka's <c>ClientUtils.parseAndValidateAddresses</c> does, with its messages, but
/// at start-up instead of after <c>bootstrap.timeout.ms</c> of connection attempts: every entry <c>[scheme://]host:port</c>
/// (IPv6 hosts in brackets) with a port up to 65535, a dotted-decimal host a valid IPv4 address, and at least one host
/// resolvable by DNS. The single value <c>embedded</c> stands for the in-process broker.
/// </summary>
public static partial class BootstrapServerList
{
    private const string Key = "bootstrap.servers";

    /// <summary>The syntax checks, as the <c>bootstrap.servers</c> validator of the worker config.</summary>
    public static IValidator Validator { get; } = new SyntaxValidator();

    /// <summary>Host and port of every entry; throws a <see cref="ConfigException"/> with Kafka's text for the first bad one.</summary>
    public static IReadOnlyList<(string Host, int Port)> Parse(IReadOnlyList<string> entries)
    {
        ArgumentNullException.ThrowIfNull(entries);
        var servers = new List<(string Host, int Port)>();
        foreach (var url in entries.Where(e => !string.IsNullOrWhiteSpace(e)).Select(e => e.Trim()))
        {
            var match = HostPort().Match(url);
            if (!match.Success)
            {
                throw new ConfigException($"Invalid url in {Key}: {url} (expected host:port)");
            }

            if (!int.TryParse(match.Groups["port"].Value, NumberStyles.None, CultureInfo.InvariantCulture, out var port) || port > 65535)
            {
                throw new ConfigException($"Invalid port in {Key}: {url} (ports are 0-65535)");
            }

            var host = match.Groups["host"].Value;
            if (DottedDecimal().IsMatch(host) && !IPAddress.TryParse(host, out _))
            {
                throw new ConfigException($"Unknown host in {Key}: {url} ({host} is not a valid IPv4 address)");
            }

            servers.Add((host, port));
        }

        if (servers.Count == 0)
        {
            throw new ConfigException($"No resolvable bootstrap urls given in {Key}");
        }

        return servers;
    }

    /// <summary>
    /// The hosts DNS does not know, when none of them resolves (Kafka then refuses the config too); an empty list when at
    /// least one resolves, or when DNS does not answer within <paramref name="timeout"/> (the client gets to try).
    /// </summary>
    public static async Task<IReadOnlyList<string>> UnresolvableAsync(IReadOnlyList<(string Host, int Port)> servers, TimeSpan timeout,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(servers);
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        var failed = new List<string>();
        foreach (var host in servers.Select(s => s.Host).Distinct(StringComparer.OrdinalIgnoreCase))
        {
            if (host.Length == 0 || IPAddress.TryParse(host, out _))
            {
                return [];
            }

            try
            {
                if ((await Dns.GetHostAddressesAsync(host, deadline.Token).ConfigureAwait(false)).Length > 0)
                {
                    return [];
                }
            }
            catch (SocketException e) when (e.SocketErrorCode is SocketError.HostNotFound or SocketError.NoData)
            {
                // Unknown to DNS: try the next one.
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                return []; // DNS is slow: let the Kafka client decide
            }
            catch (SocketException)
            {
                return []; // a DNS failure that says nothing about the name
            }

            failed.Add(host);
        }

        return failed;
    }

    // Kafka's Utils.HOST_PORT_PATTERN, anchored at the end too (trailing text is a mistake, not a port).
    [GeneratedRegex(@"^(?:[0-9a-zA-Z\-%._]*://)?\[?(?<host>[0-9a-zA-Z\-%._:]*)]?:(?<port>[0-9]+)/?$")]
    private static partial Regex HostPort();

    [GeneratedRegex(@"^[0-9]+(\.[0-9]+){3}$")]
    private static partial Regex DottedDecimal();

    private sealed class SyntaxValidator : IValidator
    {
        public void EnsureValid(string name, object? value)
        {
            if (value is not IReadOnlyList<string> entries)
            {
                return;
            }

            if (entries.Any(e => string.Equals(e.Trim(), Configuration.WorkerConfig.EmbeddedBootstrap, StringComparison.OrdinalIgnoreCase)))
            {
                if (entries.Count(e => e.Trim().Length > 0) > 1)
                {
                    throw new ConfigException($"Invalid value {string.Join(",", entries)} for configuration {name}: " +
                        $"'{Configuration.WorkerConfig.EmbeddedBootstrap}' must be the only value (it starts the in-process broker)");
                }

                return;
            }

            Parse(entries);
        }

        public override string ToString() => "host:port list, or 'embedded'";
    }
}
