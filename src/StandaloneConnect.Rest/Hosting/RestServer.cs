using System.Net;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Logging;

namespace StandaloneConnect.Rest;

/// <summary>
/// The worker's HTTP server (Kafka's <c>RestServer</c>): Kestrel on the configured listeners, the routes others map
/// through <c>mapApi</c>/<c>mapAdmin</c>, and around them the error handler, CORS, response header rules, basic
/// authentication, the body size limit, the request timeout and an access log.
/// </summary>
public sealed partial class RestServer : IAsyncDisposable
{
    private readonly RestServerSettings _settings;
    private readonly ILoggerFactory _loggerFactory;
    private readonly Action<IEndpointRouteBuilder> _mapApi;
    private readonly Action<IEndpointRouteBuilder>? _mapAdmin;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger _logger;
    private readonly List<RestHost> _hosts = [];
    private Uri? _advertisedUrl;
    private bool _running;

    public RestServer(RestServerSettings settings, ILoggerFactory loggerFactory, Action<IEndpointRouteBuilder> mapApi,
        Action<IEndpointRouteBuilder>? mapAdmin)
        : this(settings, loggerFactory, mapApi, mapAdmin, TimeProvider.System)
    {
    }

    /// <summary>As the main constructor, with the clock used for the request timeout, date headers and durations.</summary>
    public RestServer(RestServerSettings settings, ILoggerFactory loggerFactory, Action<IEndpointRouteBuilder> mapApi,
        Action<IEndpointRouteBuilder>? mapAdmin, TimeProvider timeProvider)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(loggerFactory);
        ArgumentNullException.ThrowIfNull(mapApi);
        ArgumentNullException.ThrowIfNull(timeProvider);
        _settings = settings;
        _loggerFactory = loggerFactory;
        _mapApi = mapApi;
        _mapAdmin = mapAdmin;
        _timeProvider = timeProvider;
        _logger = loggerFactory.CreateLogger<RestServer>();
    }

    /// <summary>The bound regular listener URLs, actual ports (port 0 resolved); empty before <see cref="StartAsync"/>.</summary>
    public IReadOnlyList<Uri> Urls { get; private set; } = [];

    /// <summary>The URLs serving the admin routes: <see cref="Urls"/> when <c>admin.listeners</c> is unset, none when it is empty.</summary>
    public IReadOnlyList<Uri> AdminUrls { get; private set; } = [];

    /// <summary>
    /// The URL given out for this worker (Kafka's <c>advertisedUrl()</c>): the first listener of the advertised scheme, with
    /// <c>rest.advertised.host.name</c>/<c>rest.advertised.port</c> applied; a wildcard host advertises the machine's host name.
    /// </summary>
    public Uri AdvertisedUrl => _advertisedUrl ?? throw new InvalidOperationException("The REST server has not been started");

    /// <summary>Kafka's worker id: advertised host and port.</summary>
    public string WorkerId => $"{AdvertisedUrl.Host}:{AdvertisedUrl.Port}";

    /// <summary>Binds every listener and starts serving; a bind failure throws an exception naming the listener.</summary>
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (_hosts.Count > 0)
        {
            throw new InvalidOperationException("The REST server has already been started");
        }

        var adminListeners = _settings.AdminListeners is { Count: > 0 } separate ? separate : null;
        var regularRoutes = new List<Action<IEndpointRouteBuilder>> { _mapApi };
        if (_mapAdmin is not null && _settings.AdminListeners is null)
        {
            regularRoutes.Add(_mapAdmin);
        }

        try
        {
            var regular = await StartHostAsync(_settings.Listeners, regularRoutes, cancellationToken).ConfigureAwait(false);
            Urls = regular.Bound.Select(b => b.Url).ToList();
            AdminUrls = _settings.AdminListeners is null ? Urls : [];
            if (adminListeners is not null)
            {
                IEnumerable<Action<IEndpointRouteBuilder>> adminRoutes = _mapAdmin is null ? [] : [_mapAdmin];
                var admin = await StartHostAsync(adminListeners, adminRoutes, cancellationToken).ConfigureAwait(false);
                AdminUrls = admin.Bound.Select(b => b.Url).ToList();
            }
        }
        catch (Exception e)
        {
            try
            {
                await StopHostsAsync(CancellationToken.None).ConfigureAwait(false);
            }
            catch (Exception cleanup)
            {
                // The start-up failure is what the caller needs to see.
                LogCleanupFailed(_logger, cleanup, e.Message);
            }

            throw;
        }

        _running = true;
        _advertisedUrl = BuildAdvertisedUrl(_hosts[0].Bound);
        LogListening(_logger, string.Join(", ", Urls), _advertisedUrl);
        if (adminListeners is not null)
        {
            LogAdminListening(_logger, string.Join(", ", AdminUrls));
        }
        else if (!_settings.AdminEnabled)
        {
            LogAdminDisabled(_logger);
        }
    }

    /// <summary>Stops accepting requests and waits for those in flight (at most 60 s, or until <paramref name="cancellationToken"/>).</summary>
    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (!_running)
        {
            return;
        }

        _running = false;
        LogStopping(_logger);
        await StopHostsAsync(cancellationToken).ConfigureAwait(false);
        LogStopped(_logger);
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync(CancellationToken.None).ConfigureAwait(false);
        await StopHostsAsync(CancellationToken.None).ConfigureAwait(false);
    }

    private async Task<RestHost> StartHostAsync(IReadOnlyList<RestListener> listeners, IEnumerable<Action<IEndpointRouteBuilder>> routes,
        CancellationToken cancellationToken)
    {
        var host = await RestHost.CreateAsync(_settings, listeners, routes, _loggerFactory, _timeProvider, cancellationToken).ConfigureAwait(false);
        _hosts.Add(host);
        await host.StartAsync(cancellationToken).ConfigureAwait(false);
        return host;
    }

    private async Task StopHostsAsync(CancellationToken cancellationToken)
    {
        foreach (var host in Enumerable.Reverse(_hosts))
        {
            try
            {
                await host.StopAsync(cancellationToken).ConfigureAwait(false);
            }
            finally
            {
                await host.DisposeAsync().ConfigureAwait(false);
            }
        }

        _hosts.Clear();
    }

    private Uri BuildAdvertisedUrl(IReadOnlyList<(RestListener Listener, Uri Url)> bound)
    {
        var scheme = _settings.AdvertisedScheme;
        var chosen = bound.FirstOrDefault(b => b.Listener.Scheme == scheme);
        var (listener, url) = chosen.Listener is null ? bound[0] : chosen;
        var host = _settings.AdvertisedHostName
            ?? (listener.IsWildcard ? Dns.GetHostName() : listener.Host);
        return new UriBuilder(scheme, host, _settings.AdvertisedPort ?? url.Port).Uri;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "REST server listening at {Urls}, advertising URL {AdvertisedUrl}")]
    private static partial void LogListening(ILogger logger, string urls, Uri advertisedUrl);

    [LoggerMessage(Level = LogLevel.Information, Message = "REST admin endpoints listening at {Urls}")]
    private static partial void LogAdminListening(ILogger logger, string urls);

    [LoggerMessage(Level = LogLevel.Information, Message = "REST admin endpoints are disabled (admin.listeners is empty)")]
    private static partial void LogAdminDisabled(ILogger logger);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Cleaning up after a failed REST server start ({Failure}) failed")]
    private static partial void LogCleanupFailed(ILogger logger, Exception exception, string failure);

    [LoggerMessage(Level = LogLevel.Information, Message = "Stopping REST server")]
    private static partial void LogStopping(ILogger logger);

    [LoggerMessage(Level = LogLevel.Information, Message = "REST server stopped")]
    private static partial void LogStopped(ILogger logger);
}
