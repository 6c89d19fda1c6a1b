using System.Net;
using Microsoft.AspNetCore.Http;
using Microsoft.Net.Http.Headers;

namespace StandaloneConnect.Rest;

/// <summary>
/// Refuses the requests a web page the user visits could send to the worker behind the user's back:
/// <list type="bullet">
/// <item><b>Request bodies must be JSON</b> (as Kafka's resources declare with <c>@Consumes(APPLICATION_JSON)</c>): a
/// POST/PUT/PATCH/DELETE that has a body or a <c>Content-Type</c> needs <c>application/json</c> with no charset or
/// <c>charset=utf-8</c>, else 415. A browser can only send such a request cross-site after a CORS preflight, which
/// fails unless <c>access.control.allow.origin</c> allows the page.</item>
/// <item><b>State-changing requests from other web pages</b>: a POST/PUT/PATCH/DELETE whose <c>Origin</c> is neither the
/// worker's own origin nor allowed by <c>access.control.allow.origin</c> is refused with 403 (a bodiless
/// <c>POST …/restart</c> needs no preflight).</item>
/// <item><b>DNS rebinding</b>: while no authentication is configured (no <c>rest.basic.auth.credentials.file</c>, no
/// client certificate), a <c>Host</c> that is not an IP address, a loopback name, a listener's or the advertised host name,
/// or this machine's name is refused with 403: a page of <c>attacker.example</c> re-resolved to 127.0.0.1 sends
/// <c>Host: attacker.example</c>.</item>
/// </list>
/// </summary>
internal sealed class RequestGuardMiddleware
{
    public const string UnsupportedMediaType = "HTTP 415 Unsupported Media Type";

    private readonly CorsMiddleware? _cors;
    private readonly bool _basicAuth;
    private readonly HashSet<string> _hostNames;

    public RequestGuardMiddleware(RestServerSettings settings, CorsMiddleware? cors)
    {
        _cors = cors;
        _basicAuth = settings.BasicAuthEnabled;
        _hostNames = new HashSet<string>(settings.AllowedHostNames.Select(Normalize), StringComparer.OrdinalIgnoreCase);
    }

    public Task InvokeAsync(HttpContext context, RequestDelegate next)
    {
        var request = context.Request;
        if (!_basicAuth && context.Connection.ClientCertificate is null && !IsAllowedHost(request.Host))
        {
            throw new RestException(StatusCodes.Status403Forbidden,
                $"Host header '{request.Host}' is not a name of this worker. While the REST API has no authentication, only requests " +
                "for an IP address, localhost, the host of a listener (listeners, admin.listeners), rest.advertised.host.name or this " +
                "machine's host name are served (protection against DNS rebinding). Set rest.advertised.host.name to the name " +
                "clients use, or configure rest.basic.auth.credentials.file.");
        }

        if (HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method) || HttpMethods.IsOptions(request.Method))
        {
            return next(context);
        }

        string? origin = request.Headers.Origin;
        if (!string.IsNullOrEmpty(origin) && !IsSameOrigin(request, origin) && _cors?.OriginAllowed(origin) != true)
        {
            throw new RestException(StatusCodes.Status403Forbidden,
                $"Cross-origin {request.Method} request from '{origin}' refused: the origin is not allowed by access.control.allow.origin.");
        }

        if ((HasBody(request) || request.Headers.ContentType.Count > 0) && !IsJson(request.ContentType))
        {
            throw new RestException(StatusCodes.Status415UnsupportedMediaType,
                $"{UnsupportedMediaType}: the request body must be JSON (Content-Type: application/json), " +
                $"not {(string.IsNullOrEmpty(request.ContentType) ? "a body without Content-Type" : $"'{request.ContentType}'")}.");
        }

        return next(context);
    }

    /// <summary>
    /// <c>application/json</c>, optionally with <c>charset=utf-8</c> (case-insensitive, unquoted: ASP.NET Core's JSON
    /// reader does not understand a quoted charset) and no other parameter.
    /// </summary>
    internal static bool IsJson(string? contentType)
    {
        if (!MediaTypeHeaderValue.TryParse(contentType, out var media)
            || !media.MediaType.Equals("application/json", StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        return media.Parameters.All(p => p.Name.Equals("charset", StringComparison.OrdinalIgnoreCase)
            && p.Value.Equals("utf-8", StringComparison.OrdinalIgnoreCase));
    }

    private static bool HasBody(HttpRequest request) =>
        request.ContentLength > 0 || (request.ContentLength is null && request.Headers.TransferEncoding.Count > 0);

    private static bool IsSameOrigin(HttpRequest request, string origin) =>
        Uri.TryCreate(origin, UriKind.Absolute, out var uri)
        && uri.Scheme.Equals(request.Scheme, StringComparison.OrdinalIgnoreCase)
        && string.Equals(uri.Authority, request.Host.Value, StringComparison.OrdinalIgnoreCase);

    private bool IsAllowedHost(HostString host)
    {
        if (!host.HasValue)
        {
            return true; // HTTP/1.0 without Host: no browser sends that
        }

        var name = Normalize(host.Host);
        return IPAddress.TryParse(name, out _)
            || name.Equals("localhost", StringComparison.OrdinalIgnoreCase)
            || name.EndsWith(".localhost", StringComparison.OrdinalIgnoreCase)
            || _hostNames.Contains(name);
    }

    /// <summary>Lower-case-insensitive host without IPv6 brackets and without a trailing dot.</summary>
    private static string Normalize(string host) => host.Trim('[', ']').TrimEnd('.');
}
