using System.Text.RegularExpressions;
using StandaloneConnect.Sdk;

namespace StandaloneConnect.Runtime.Kafka;

/// <summary>Where a client property came from, for error messages.</summary>
public sealed record ClientProperty(string Value, string Origin);

/// <summary>
/// Builds librdkafka client properties the way Kafka's <c>Worker</c> builds Java client properties: framework
/// defaults, then the worker's <c>producer.</c>/<c>consumer.</c>/<c>admin.</c> keys, then the connector's
/// <c>*.override.*</c> keys allowed by <c>connector.client.config.override.policy</c>. Java-only keys are translated
/// (<c>fetch.max.wait.ms</c> → <c>fetch.wait.max.ms</c>, <c>sasl.jaas.config</c> → <c>sasl.username</c>/<c>password</c>,
/// <c>buffer.memory</c> → <c>queue.buffering.max.kbytes</c>) or dropped when they only make sense on the JVM.
/// </summary>
public static class ClientConfigs
{
    /// <summary>Java client keys with no librdkafka meaning: serializers (the worker always moves bytes), JVM hooks.</summary>
    private static readonly HashSet<string> JavaOnly = new(StringComparer.Ordinal)
    {
        "key.serializer", "value.serializer", "key.deserializer", "value.deserializer", "max.block.ms",
        "interceptor.classes", "partitioner.class", "metric.reporters", "metrics.num.samples", "metrics.recording.level",
        "metrics.sample.window.ms", "default.api.timeout.ms", "security.providers", "auto.include.jmx.reporter",
        "partitioner.ignore.keys", "partitioner.adaptive.partitioning.enable", "partitioner.availability.timeout.ms",
        "exclude.internal.topics", "ssl.truststore.type", "ssl.keystore.type", "ssl.protocol", "ssl.provider",
        "ssl.trustmanager.algorithm", "ssl.keymanager.algorithm", "sasl.login.callback.handler.class",
        "sasl.client.callback.handler.class", "client.dns.lookup", "retries", "max.poll.records",
        "ssl.truststore.password", "ssl.enabled.protocols", "ssl.cipher.suites.ignored", "ssl.secure.random.implementation",
    };

    private static readonly Dictionary<string, string> Renames = new(StringComparer.Ordinal)
    {
        ["fetch.max.wait.ms"] = "fetch.wait.max.ms",
        ["send.buffer.bytes"] = "socket.send.buffer.bytes",
        ["receive.buffer.bytes"] = "socket.receive.buffer.bytes",
        ["compression.type"] = "compression.codec",
    };

    private static readonly string[] PrincipalKeys = ["security.protocol", "sasl.jaas.config", "sasl.mechanism"];

    /// <summary>Properties of the worker file that start with <paramref name="prefix"/>, prefix removed.</summary>
    public static Dictionary<string, ClientProperty> WithPrefix(IReadOnlyDictionary<string, string> props, string prefix, string origin)
    {
        var result = new Dictionary<string, ClientProperty>(StringComparer.Ordinal);
        foreach (var (key, value) in props)
        {
            if (key.StartsWith(prefix, StringComparison.Ordinal) && key.Length > prefix.Length)
            {
                result[key[prefix.Length..]] = new ClientProperty(value, $"{prefix}{key[prefix.Length..]} in {origin}");
            }
        }

        return result;
    }

    /// <summary>
    /// The connector's <c>{kind}.override.*</c> keys that the policy allows; a disallowed key is an error
    /// (Kafka rejects the connector config with the same rule).
    /// </summary>
    public static IReadOnlyList<string> OverridePolicyViolations(IReadOnlyDictionary<string, string> connectorConfig, string policy)
    {
        var problems = new List<string>();
        foreach (var kind in new[] { "producer", "consumer", "admin" })
        {
            foreach (var key in connectorConfig.Keys.Where(k => k.StartsWith(kind + ".override.", StringComparison.Ordinal)))
            {
                var clientKey = key[(kind.Length + ".override.".Length)..];
                var allowed = policy switch
                {
                    "All" => true,
                    "Principal" => PrincipalKeys.Contains(clientKey),
                    _ => false,
                };
                if (!allowed)
                {
                    problems.Add($"{key}: The '{policy}' policy does not allow '{clientKey}' to be overridden in the connector configuration.");
                }
            }
        }

        return problems;
    }

    /// <summary>Merges layers (later wins) and translates Java client keys to librdkafka keys.</summary>
    public static Dictionary<string, string> Build(params IEnumerable<KeyValuePair<string, ClientProperty>>[] layers)
    {
        var merged = new Dictionary<string, (ClientProperty Property, int Layer)>(StringComparer.Ordinal);
        for (var i = 0; i < layers.Length; i++)
        {
            foreach (var (key, value) in layers[i])
            {
                merged[key] = (value, i);
            }
        }

        // Translated in layer order, so a higher layer also wins over a lower layer's synonym (fetch.max.wait.ms vs fetch.wait.max.ms).
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (key, (property, _)) in merged.OrderBy(kv => kv.Value.Layer))
        {
            Translate(key, property, result);
        }

        return result;
    }

    /// <summary>A layer of framework defaults.</summary>
    public static IEnumerable<KeyValuePair<string, ClientProperty>> Defaults(IReadOnlyDictionary<string, string> values, string origin) =>
        values.Select(kv => new KeyValuePair<string, ClientProperty>(kv.Key, new ClientProperty(kv.Value, origin)));

    private static void Translate(string key, ClientProperty property, Dictionary<string, string> result)
    {
        var value = property.Value;
        if (JavaOnly.Contains(key))
        {
            return;
        }

        switch (key)
        {
            case "buffer.memory":
                result["queue.buffering.max.kbytes"] = Math.Max(1, ParseLong(key, property) / 1024).ToString(System.Globalization.CultureInfo.InvariantCulture);
                return;
            case "delivery.timeout.ms":
                // librdkafka caps message.timeout.ms at 2147483647 and treats 0 as infinite, like Integer.MAX_VALUE in Java.
                result["delivery.timeout.ms"] = Math.Min(ParseLong(key, property), int.MaxValue).ToString(System.Globalization.CultureInfo.InvariantCulture);
                return;
            case "ssl.truststore.location":
                if (value.EndsWith(".jks", StringComparison.OrdinalIgnoreCase))
                {
                    throw new ConnectException(
                        $"{property.Origin}: a Java KeyStore (.jks) truststore cannot be read by librdkafka; convert it to PEM " +
                        "(keytool -exportcert -rfc) and set ssl.ca.location, or use a PKCS#12 file");
                }

                result["ssl.ca.location"] = value;
                return;
            case "ssl.endpoint.identification.algorithm":
                result[key] = value.Trim().Length == 0 ? "none" : value; // Java's "" disables hostname verification
                return;
            case "sasl.jaas.config":
                TranslateJaas(property, result);
                return;
        }

        result[Renames.GetValueOrDefault(key, key)] = value;
    }

    private static long ParseLong(string key, ClientProperty property) =>
        long.TryParse(property.Value.Trim(), System.Globalization.NumberStyles.Integer, System.Globalization.CultureInfo.InvariantCulture, out var v)
            ? v
            : throw new ConnectException($"Invalid value {property.Value} for {property.Origin}: expected a whole number for {key}");

    private static void TranslateJaas(ClientProperty property, Dictionary<string, string> result)
    {
        var user = JaasOption("username").Match(property.Value);
        var password = JaasOption("password").Match(property.Value);
        if (!user.Success || !password.Success)
        {
            throw new ConnectException(
                $"{property.Origin}: only PlainLoginModule/ScramLoginModule with username=\"...\" password=\"...\" can be translated to librdkafka; " +
                "set sasl.username and sasl.password instead");
        }

        result["sasl.username"] = user.Groups[1].Value;
        result["sasl.password"] = password.Groups[1].Value;
    }

    private static Regex JaasOption(string name) =>
        new(name + "\\s*=\\s*\"([^\"]*)\"", RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));
}
