using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.Server.Kestrel.Https;
using StandaloneConnect.Runtime.Configuration;
using StandaloneConnect.Sdk.Config;

namespace StandaloneConnect.Rest;

/// <summary>
/// Reads the SSL settings of https listeners as Kafka's <c>SSLUtils</c> does: when any <c>listeners.https.*</c>
/// (<c>admin.listeners.https.*</c>) key is set, only the prefixed keys count; otherwise the top-level <c>ssl.*</c> keys.
/// Only PKCS#12 keystores and truststores can be read.
/// </summary>
internal static class ListenerTlsLoader
{
    public const string ListenersPrefix = "listeners.https.";
    public const string AdminListenersPrefix = "admin.listeners.https.";

    private const string KeystoreLocation = "ssl.keystore.location";
    private const string KeystorePassword = "ssl.keystore.password";
    private const string KeystoreType = "ssl.keystore.type";
    private const string KeyPassword = "ssl.key.password";
    private const string TruststoreLocation = "ssl.truststore.location";
    private const string TruststorePassword = "ssl.truststore.password";
    private const string TruststoreType = "ssl.truststore.type";

    /// <summary>Loads the keystore (and truststore) for https listeners configured under <paramref name="prefix"/>.</summary>
    /// <exception cref="ConfigException">A key is missing or invalid, or a store cannot be read; the message names the key and file.</exception>
    public static ListenerTls Load(WorkerConfig config, string prefix, string listenerUrl)
    {
        var prefixed = config.Parsed.OriginalsWithPrefix(prefix);
        var usePrefix = prefixed.Count > 0;
        var values = usePrefix ? prefixed : config.Originals;
        string Key(string name) => usePrefix ? prefix + name : name;
        string? Value(string name) => values.TryGetValue(name, out var v) && v.Trim().Length > 0 ? v.Trim() : null;

        var location = Value(KeystoreLocation) ?? throw new ConfigException(
            $"Missing required configuration \"{Key(KeystoreLocation)}\"{(usePrefix ? "" : $" (or \"{prefix}{KeystoreLocation}\")")}: " +
            $"the https listener {listenerUrl} needs a PKCS12 keystore with its certificate and private key.");
        var passwords = new[] { Value(KeystorePassword), Value(KeyPassword) }.OfType<string>().Distinct().ToList();
        var stores = LoadStore(Key(KeystoreLocation), location, Key(KeystoreType), Value(KeystoreType), Key(KeystorePassword), passwords);
        var certificate = stores.FirstOrDefault(c => c.HasPrivateKey) ?? throw new ConfigException(Key(KeystoreLocation), location,
            "The keystore holds no private key entry (it must hold the server certificate with its private key).");
        var chain = new X509Certificate2Collection(stores.Where(c => !ReferenceEquals(c, certificate)).ToArray());

        var clientAuthKey = Key(WorkerConfig.SslClientAuth);
        var clientAuth = usePrefix ? Value(WorkerConfig.SslClientAuth) ?? "none" : config.Parsed.GetString(WorkerConfig.SslClientAuth) ?? "none";
        var mode = clientAuth switch
        {
            "none" => ClientCertificateMode.NoCertificate,
            "requested" => ClientCertificateMode.AllowCertificate,
            "required" => ClientCertificateMode.RequireCertificate,
            _ => throw new ConfigException(clientAuthKey, clientAuth, "String must be one of: required, requested, none"),
        };
        if (mode == ClientCertificateMode.NoCertificate)
        {
            return new ListenerTls(certificate, chain, mode, []);
        }

        var trustLocation = Value(TruststoreLocation) ?? throw new ConfigException(
            $"Missing required configuration \"{Key(TruststoreLocation)}\": {clientAuthKey}={clientAuth} checks client certificates " +
            "against a PKCS12 truststore.");
        var trustPasswords = new[] { Value(TruststorePassword) }.OfType<string>().ToList();
        var trusted = LoadStore(Key(TruststoreLocation), trustLocation, Key(TruststoreType), Value(TruststoreType), Key(TruststorePassword), trustPasswords);
        if (trusted.Count == 0)
        {
            throw new ConfigException(Key(TruststoreLocation), trustLocation, "The truststore holds no certificates.");
        }

        return new ListenerTls(certificate, chain, mode, trusted);
    }

    private static X509Certificate2Collection LoadStore(string locationKey, string location, string typeKey, string? type,
        string passwordKey, IReadOnlyList<string> passwords)
    {
        var convert = $"convert it with: keytool -importkeystore -srckeystore {location} -destkeystore {Path.ChangeExtension(location, ".p12")} " +
            $"-deststoretype PKCS12, then set {locationKey} to the new file and {typeKey}=PKCS12";
        if (type is not null && !string.Equals(type, "PKCS12", StringComparison.OrdinalIgnoreCase))
        {
            throw new ConfigException(typeKey, type, $"Only PKCS12 stores are supported; {convert}");
        }

        byte[] bytes;
        try
        {
            bytes = File.ReadAllBytes(location);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or NotSupportedException or ArgumentException)
        {
            throw new ConfigException(locationKey, location, e is FileNotFoundException or DirectoryNotFoundException
                ? "File not found."
                : $"Cannot read the file: {e.Message}");
        }

        if (bytes is [0xFE, 0xED, 0xFE, 0xED, ..] or [0xCE, 0xCE, 0xCE, 0xCE, ..])
        {
            throw new ConfigException(locationKey, location, $"This is a Java JKS/JCEKS store; only PKCS12 stores are supported: {convert}");
        }

        CryptographicException? failure = null;
        IEnumerable<string?> attempts = passwords.Count == 0 ? new string?[] { null } : passwords.ToArray<string?>();
        foreach (var password in attempts)
        {
            try
            {
                return X509CertificateLoader.LoadPkcs12Collection(bytes, password, X509KeyStorageFlags.DefaultKeySet);
            }
            catch (CryptographicException e)
            {
                failure = e;
            }
        }

        throw new ConfigException(locationKey, location,
            $"Cannot open the PKCS12 store (wrong {passwordKey}, or not a PKCS12 file): {failure?.Message}");
    }
}
