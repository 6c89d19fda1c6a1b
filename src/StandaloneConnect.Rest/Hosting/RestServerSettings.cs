using System.Net;
using StandaloneConnect.Runtime.Configuration;
using StandaloneConnect.Sdk.Config;

namespace StandaloneConnect.Rest;

/// <summary>
/// The REST server's settings, read from the worker config (Kafka's <c>RestServerConfig</c> keys plus
/// <c>rest.basic.auth.credentials.file</c> and <c>rest.request.max.bytes</c>). <see cref="Parse"/> checks everything up
/// front, keystores and credentials file included, and reports every problem at once.
/// </summary>
public sealed class RestServerSettings
{
    /// <summary>Kafka's <c>RestServer.DEFAULT_REST_REQUEST_TIMEOUT_MS</c>.</summary>
    public static readonly TimeSpan DefaultRequestTimeout = TimeSpan.FromSeconds(90);

    /// <summary>Kafka's <c>RestServer.GRACEFUL_SHUTDOWN_TIMEOUT_MS</c>: how long a stop waits for requests in flight.</summary>
    public static readonly TimeSpan GracefulShutdownTimeout = TimeSpan.FromSeconds(60);

    /// <summary>The longest request line (method, path, query) served: 64 KiB.</summary>
    public const int MaxRequestLineBytes = 64 * 1024;

    private const string BasicAuthExtension = "org.apache.kafka.connect.rest.basic.auth.extension.BasicAuthSecurityRestExtension";

    private RestServerSettings(string source)
    {
        Source = source;
    }

    /// <summary>The worker config file the settings came from.</summary>
    public string Source { get; }

    /// <summary>The regular listeners (<c>listeners</c>), at least one.</summary>
    public IReadOnlyList<RestListener> Listeners { get; private init; } = [];

    /// <summary><c>admin.listeners</c>: null when unset (admin endpoints on the regular listeners), empty when admin endpoints are disabled.</summary>
    public IReadOnlyList<RestListener>? AdminListeners { get; private init; }

    /// <summary>True unless <c>admin.listeners</c> is empty.</summary>
    public bool AdminEnabled => AdminListeners is not { Count: 0 };

    public string? AdvertisedHostName { get; private init; }

    public int? AdvertisedPort { get; private init; }

    /// <summary><c>http</c> or <c>https</c>: <c>rest.advertised.listener</c>, else http when any listener is http.</summary>
    public string AdvertisedScheme { get; private init; } = RestListener.Http;

    /// <summary><c>access.control.allow.origin</c> split on commas; empty when CORS is off.</summary>
    public IReadOnlyList<string> AllowedOrigins { get; private init; } = [];

    /// <summary><c>access.control.allow.methods</c> split on commas; empty means Jetty's default GET, POST, HEAD.</summary>
    public IReadOnlyList<string> AllowedMethods { get; private init; } = [];

    public IReadOnlyList<ResponseHeaderRule> ResponseHeaderRules { get; private init; } = [];

    /// <summary>True when <c>rest.basic.auth.credentials.file</c> is set (every request needs credentials).</summary>
    public bool BasicAuthEnabled => BasicAuth is not null;

    public long RequestMaxBytes { get; private init; }

    /// <summary>
    /// Host names (besides IP addresses and loopback names) that requests may carry in <c>Host</c> while no authentication
    /// is configured: the hosts of <c>listeners</c> and <c>admin.listeners</c>, <c>rest.advertised.host.name</c> and this
    /// machine's host name (see <see cref="RequestGuardMiddleware"/>).
    /// </summary>
    public IReadOnlyCollection<string> AllowedHostNames { get; private init; } = [];

    public TimeSpan RequestTimeout { get; private init; } = DefaultRequestTimeout;

    internal BasicAuthMiddleware? BasicAuth { get; private init; }

    /// <summary>Reads and checks the REST settings of <paramref name="config"/>.</summary>
    /// <exception cref="ConfigException">Every problem, one per line, each naming the key and <see cref="WorkerConfig.Source"/>.</exception>
    public static RestServerSettings Parse(WorkerConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        var parsed = config.Parsed;
        var problems = new List<string>();

        var listeners = ParseListeners(config, WorkerConfig.Listeners, ListenerTlsLoader.ListenersPrefix, problems) ?? [];
        if (parsed.GetList(WorkerConfig.Listeners).Count == 0)
        {
            problems.Add("Invalid value for listeners, at least one URL is expected, ex: http://localhost:8080,https://localhost:8443.");
        }

        var admin = ParseListeners(config, WorkerConfig.AdminListeners, ListenerTlsLoader.AdminListenersPrefix, problems);
        var advertisedListener = parsed.GetString(WorkerConfig.RestAdvertisedListener)?.ToLowerInvariant();
        if (advertisedListener is not (null or RestListener.Http or RestListener.Https))
        {
            problems.Add(new ConfigException(WorkerConfig.RestAdvertisedListener, advertisedListener, "String must be one of: http, https").Message);
        }

        var advertisedPort = parsed.GetIntOrNull(WorkerConfig.RestAdvertisedPort);
        if (advertisedPort is < 1 or > 65535)
        {
            problems.Add(new ConfigException(WorkerConfig.RestAdvertisedPort, advertisedPort, "Value must be between 1 and 65535").Message);
        }

        CheckRestExtensions(parsed.GetList(WorkerConfig.RestExtensionClasses), problems);
        var rules = ResponseHeaderRule.ParseAll(parsed.GetString(WorkerConfig.ResponseHttpHeadersConfig), problems);
        var basicAuth = Try(problems, () => parsed.GetString(WorkerConfig.RestBasicAuthCredentialsFile) is { Length: > 0 } file
            ? BasicAuthMiddleware.Load(file)
            : null);

        if (problems.Count > 0)
        {
            throw new ConfigValidationException(problems.Select(p => $"{config.Source}: {p}").ToList());
        }

        var advertisedHost = parsed.GetString(WorkerConfig.RestAdvertisedHostName) is { Length: > 0 } host ? host : null;
        return new RestServerSettings(config.Source)
        {
            Listeners = listeners,
            AdminListeners = admin,
            AdvertisedHostName = advertisedHost,
            AdvertisedPort = advertisedPort,
            AdvertisedScheme = advertisedListener ?? (listeners.Any(l => !l.IsHttps) ? RestListener.Http : RestListener.Https),
            AllowedOrigins = SplitCommas(parsed.GetString(WorkerConfig.AccessControlAllowOrigin)),
            AllowedMethods = SplitCommas(parsed.GetString(WorkerConfig.AccessControlAllowMethods)),
            ResponseHeaderRules = rules,
            BasicAuth = basicAuth,
            RequestMaxBytes = parsed.GetInt(WorkerConfig.RestRequestMaxBytes),
            AllowedHostNames = listeners.Concat(admin ?? []).Where(l => !l.IsWildcard).Select(l => l.Host)
                .Append(advertisedHost ?? "").Append(Dns.GetHostName())
                .Where(h => h.Length > 0).Distinct(StringComparer.OrdinalIgnoreCase).ToList(),
        };
    }

    private static List<RestListener>? ParseListeners(WorkerConfig config, string key, string tlsPrefix, List<string> problems)
    {
        if (config.Parsed.Get(key) is not List<string> urls)
        {
            return null;
        }

        var result = new List<RestListener>();
        Lazy<ListenerTls?>? tls = null;
        foreach (var url in urls)
        {
            var listener = Try(problems, () => RestListener.Parse(key, url));
            if (listener is { IsHttps: true })
            {
                // All https listeners of one kind share the keystore: it is loaded, and a problem reported, once.
                tls ??= new Lazy<ListenerTls?>(() => Try(problems, () => ListenerTlsLoader.Load(config, tlsPrefix, listener.Url)));
                listener = tls.Value is { } loaded ? listener with { Tls = loaded } : null;
            }

            if (listener is not null)
            {
                result.Add(listener);
            }
        }

        return result;
    }

    private static void CheckRestExtensions(IReadOnlyList<string> classes, List<string> problems)
    {
        foreach (var name in classes.Where(c => c.Length > 0))
        {
            problems.Add(new ConfigException(WorkerConfig.RestExtensionClasses, name, name == BasicAuthExtension
                ? $"Java REST extensions cannot be loaded; for HTTP basic authentication set {WorkerConfig.RestBasicAuthCredentialsFile} " +
                  "to the credentials file your PropertyFileLoginModule JAAS configuration names (lines 'username: password'), " +
                  $"and remove {WorkerConfig.RestExtensionClasses}"
                : $"Java REST extensions (ConnectRestExtension) cannot be loaded by this worker; remove {WorkerConfig.RestExtensionClasses}").Message);
        }
    }

    private static T? Try<T>(List<string> problems, Func<T?> parse)
        where T : class
    {
        try
        {
            return parse();
        }
        catch (ConfigException e)
        {
            problems.Add(e.Message);
            return null;
        }
    }

    private static List<string> SplitCommas(string? value) =>
        (value ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToList();
}
