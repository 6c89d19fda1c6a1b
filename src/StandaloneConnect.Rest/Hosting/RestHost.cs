using System.Net;
using System.Net.Sockets;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using StandaloneConnect.Sdk;

namespace StandaloneConnect.Rest;

/// <summary>
/// One Kestrel web application serving a set of listeners with one set of routes. The regular and the admin listeners
/// get separate hosts when <c>admin.listeners</c> is set, so each route table only exists where it is served (a path
/// of the other kind is a plain 404, whatever port numbers and Host headers say).
/// </summary>
internal sealed class RestHost : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly List<(RestListener Listener, ListenOptions Options)> _bindings;

    private RestHost(WebApplication app, List<(RestListener, ListenOptions)> bindings)
    {
        _app = app;
        _bindings = bindings;
    }

    /// <summary>The bound listener URLs, ports resolved (after <see cref="StartAsync"/>).</summary>
    public IReadOnlyList<(RestListener Listener, Uri Url)> Bound { get; private set; } = [];

    public static async Task<RestHost> CreateAsync(RestServerSettings settings, IReadOnlyList<RestListener> listeners,
        IEnumerable<Action<IEndpointRouteBuilder>> routes, ILoggerFactory loggerFactory, TimeProvider timeProvider,
        CancellationToken cancellationToken)
    {
        var addresses = new List<IPAddress?>();
        foreach (var listener in listeners)
        {
            addresses.Add(await ResolveAsync(listener, cancellationToken).ConfigureAwait(false));
        }

        // The empty builder reads no appsettings.json, ASPNETCORE_* variables or Kestrel section: only what is set here counts.
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions { ApplicationName = typeof(RestHost).Assembly.GetName().Name });
        builder.WebHost.UseKestrelCore().UseKestrelHttpsConfiguration();
        var bindings = new List<(RestListener, ListenOptions)>();
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            kestrel.Limits.MaxRequestBodySize = settings.RequestMaxBytes;
            // Room for every connector name a stored config may hold, percent-encoded (Kestrel's default is 8 KiB).
            kestrel.Limits.MaxRequestLineSize = RestServerSettings.MaxRequestLineBytes;
            for (var i = 0; i < listeners.Count; i++)
            {
                var listener = listeners[i];
                void Configure(ListenOptions options)
                {
                    bindings.Add((listener, options));
                    if (listener.Tls is { } tls)
                    {
                        options.UseHttps(tls.ToHttpsOptions());
                    }
                }

                if (addresses[i] is { } address)
                {
                    kestrel.Listen(address, listener.Port, Configure);
                }
                else
                {
                    kestrel.ListenAnyIP(listener.Port, Configure);
                }
            }
        });

        builder.Logging.ClearProviders()
            .SetMinimumLevel(LogLevel.Trace)
            .AddProvider(new ForwardingLoggerProvider(loggerFactory));
        builder.Services.AddRoutingCore();
        builder.Services.Configure<RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
        builder.Services.ConfigureHttpJsonOptions(o => RestJson.Apply(o.SerializerOptions));
        builder.Services.AddSingleton<IHostLifetime, EmbeddedHostLifetime>();
        builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = RestServerSettings.GracefulShutdownTimeout);

        var app = builder.Build();
        ConfigurePipeline(app, settings, loggerFactory, timeProvider);
        foreach (var map in routes)
        {
            map(app);
        }

        return new RestHost(app, bindings);
    }

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        try
        {
            await _app.StartAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is IOException or SocketException or InvalidOperationException)
        {
            var failed = _bindings.Where(b => b.Options.IPEndPoint is { } ep
                    && e.Message.Contains($"{b.Listener.Scheme}://{ep}", StringComparison.OrdinalIgnoreCase))
                .Select(b => b.Listener.Url).ToList();
            var named = failed.Count > 0 ? failed : _bindings.Select(b => b.Listener.Url).Distinct().ToList();
            throw new ConnectException($"Unable to start the REST server: cannot listen on {string.Join(", ", named)}: {e.Message}", e);
        }

        Bound = _bindings.Select(b => (b.Listener, BoundUrl(b.Listener, b.Options))).ToList();
    }

    public Task StopAsync(CancellationToken cancellationToken) => _app.StopAsync(cancellationToken);

    public ValueTask DisposeAsync() => _app.DisposeAsync();

    private static void ConfigurePipeline(WebApplication app, RestServerSettings settings, ILoggerFactory loggerFactory, TimeProvider timeProvider)
    {
        var logger = loggerFactory.CreateLogger<RestServer>();
        var accessLog = new AccessLogMiddleware(timeProvider, logger);
        app.Use(next => context => accessLog.InvokeAsync(context, next));
        if (settings.ResponseHeaderRules.Count > 0)
        {
            app.Use(next => context =>
            {
                var now = timeProvider.GetUtcNow();
                foreach (var rule in settings.ResponseHeaderRules)
                {
                    rule.Apply(context.Response.Headers, now);
                }

                return next(context);
            });
        }

        var cors = settings.AllowedOrigins.Count > 0 ? new CorsMiddleware(settings.AllowedOrigins, settings.AllowedMethods) : null;
        if (cors is not null)
        {
            app.Use(next => context => cors.InvokeAsync(context, next));
        }

        var errors = new ErrorMiddleware(settings, timeProvider, logger);
        app.Use(next => context => errors.InvokeAsync(context, next));
        var guard = new RequestGuardMiddleware(settings, cors);
        app.Use(next => context => guard.InvokeAsync(context, next));
        if (settings.BasicAuth is { } auth)
        {
            app.Use(next => context => auth.InvokeAsync(context, next));
        }

        app.Use(next => context => ErrorMiddleware.CheckBodySizeAsync(context, next, settings.RequestMaxBytes));
        app.Use(ServeHeadAsGetAsync);
        app.Use(EncodedPathSegments.BeforeRoutingAsync);
        app.UseRouting();
        app.Use(EncodedPathSegments.AfterRoutingAsync);
    }

    /// <summary>As JAX-RS does, a HEAD request is answered by the GET route (Kestrel sends no body for HEAD).</summary>
    private static async Task ServeHeadAsGetAsync(HttpContext context, RequestDelegate next)
    {
        if (!HttpMethods.IsHead(context.Request.Method))
        {
            await next(context).ConfigureAwait(false);
            return;
        }

        context.Request.Method = HttpMethods.Get;
        try
        {
            await next(context).ConfigureAwait(false);
        }
        finally
        {
            context.Request.Method = HttpMethods.Head;
        }
    }

    private static async Task<IPAddress?> ResolveAsync(RestListener listener, CancellationToken cancellationToken)
    {
        if (listener.Host.Length == 0)
        {
            return null;
        }

        if (IPAddress.TryParse(listener.Host, out var address))
        {
            return address;
        }

        try
        {
            // As Java's InetAddress.getByName: the first address, IPv4 preferred.
            var all = await Dns.GetHostAddressesAsync(listener.Host, cancellationToken).ConfigureAwait(false);
            return all.FirstOrDefault(a => a.AddressFamily == AddressFamily.InterNetwork) ?? all.FirstOrDefault()
                ?? throw new ConnectException($"Unable to start the REST server: host of listener {listener.Url} has no address");
        }
        catch (SocketException e)
        {
            throw new ConnectException($"Unable to start the REST server: cannot resolve the host of listener {listener.Url}: {e.Message}", e);
        }
    }

    private static Uri BoundUrl(RestListener listener, ListenOptions options)
    {
        var endPoint = options.IPEndPoint ?? throw new InvalidOperationException($"Listener {listener.Url} has no IP endpoint");
        var host = listener.IsWildcard || IPAddress.TryParse(listener.Host, out _) ? endPoint.Address.ToString() : listener.Host;
        return new UriBuilder(listener.Scheme, host, endPoint.Port).Uri;
    }
}
