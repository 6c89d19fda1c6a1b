using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http;
using Microsoft.Net.Http.Headers;

namespace StandaloneConnect.Rest;

/// <summary>
/// Cross-origin requests as Kafka's Jetty <c>CrossOriginFilter</c> answers them (enabled by a non-empty
/// <c>access.control.allow.origin</c>): the request's origin is echoed when allowed, with credentials allowed; a
/// preflight (<c>OPTIONS</c> with <c>Access-Control-Request-Method</c>) from an allowed origin is answered here with 204,
/// before authentication.
/// </summary>
internal sealed class CorsMiddleware
{
    /// <summary>Jetty's default for the methods a preflight may ask for (when <c>access.control.allow.methods</c> is empty).</summary>
    public static readonly IReadOnlyList<string> DefaultMethods = ["GET", "POST", "HEAD"];

    // Jetty's default for the request headers a preflight may ask for.
    private const string AllowedHeaders = "X-Requested-With,Content-Type,Accept,Origin";
    private const string MaxAgeSeconds = "1800";
    private static readonly string[] AllowedHeaderList = AllowedHeaders.Split(',');

    private readonly bool _anyOrigin;
    private readonly IReadOnlyList<string> _origins;
    private readonly IReadOnlyList<Regex> _patterns;
    private readonly IReadOnlyList<string> _methods;

    public CorsMiddleware(IReadOnlyList<string> origins, IReadOnlyList<string> methods)
    {
        _anyOrigin = origins.Contains("*");
        _origins = origins.Where(o => !o.Contains('*', StringComparison.Ordinal)).ToList();
        _patterns = origins.Where(o => o.Contains('*', StringComparison.Ordinal) && o != "*")
            .Select(o => new Regex("^" + Regex.Escape(o).Replace("\\*", ".*", StringComparison.Ordinal) + "$",
                RegexOptions.CultureInvariant | RegexOptions.NonBacktracking, TimeSpan.FromSeconds(1)))
            .ToList();
        _methods = methods.Count == 0 ? DefaultMethods : methods;
    }

    public Task InvokeAsync(HttpContext context, RequestDelegate next)
    {
        var request = context.Request;
        string? origin = request.Headers.Origin;
        if (string.IsNullOrEmpty(origin) || !OriginAllowed(origin))
        {
            return next(context);
        }

        var response = context.Response;
        if (HttpMethods.IsOptions(request.Method) && request.Headers.AccessControlRequestMethod.Count > 0)
        {
            AnswerPreflight(request, response, origin);
            response.StatusCode = StatusCodes.Status204NoContent;
            return Task.CompletedTask;
        }

        AllowOrigin(response, origin);
        return next(context);
    }

    private void AnswerPreflight(HttpRequest request, HttpResponse response, string origin)
    {
        // As Jetty: a method or request header that is not allowed gets an answer without CORS headers.
        string? method = request.Headers.AccessControlRequestMethod;
        if (method is null || !_methods.Contains(method.Trim()))
        {
            return;
        }

        var headers = request.Headers.AccessControlRequestHeaders.ToString()
            .Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (!headers.All(h => AllowedHeaderList.Contains(h, StringComparer.OrdinalIgnoreCase)))
        {
            return;
        }

        AllowOrigin(response, origin);
        response.Headers.AccessControlMaxAge = MaxAgeSeconds;
        response.Headers.AccessControlAllowMethods = string.Join(',', _methods);
        response.Headers.AccessControlAllowHeaders = AllowedHeaders;
    }

    private void AllowOrigin(HttpResponse response, string origin)
    {
        response.Headers.AccessControlAllowOrigin = origin;
        response.Headers.AccessControlAllowCredentials = "true";
        if (!_anyOrigin)
        {
            response.Headers.Append(HeaderNames.Vary, HeaderNames.Origin);
        }
    }

    /// <summary>True when <c>access.control.allow.origin</c> allows one of the (space-separated) origins of an <c>Origin</c> header.</summary>
    public bool OriginAllowed(string originList)
    {
        if (_anyOrigin)
        {
            return true;
        }

        // The Origin header may hold several space-separated origins (Jetty accepts the request if any is allowed).
        foreach (var origin in originList.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            if (_origins.Contains(origin, StringComparer.Ordinal) || _patterns.Any(p => p.IsMatch(origin)))
            {
                return true;
            }
        }

        return false;
    }
}
