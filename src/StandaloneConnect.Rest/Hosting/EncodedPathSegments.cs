using System.Globalization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

namespace StandaloneConnect.Rest;

/// <summary>
/// Lets a path segment hold what Kestrel cannot route: an encoded slash (<c>/connectors/a%2Fb</c>: Kestrel keeps
/// <c>%2F</c> undecoded) and encoded dot segments (<c>/connectors/%2E%2E</c>: Kestrel decodes and removes them). Such
/// segments are taken from the raw request target, replaced by placeholders for routing, and the route values are
/// set to the decoded text afterwards. New connectors may not have such names; stored ones can so still be deleted.
/// </summary>
internal static class EncodedPathSegments
{
    private const char Placeholder = '\uFFFF';
    private static readonly object ItemKey = new();

    /// <summary>Before routing: routes on placeholders for segments that decode to '/'-holding or dot segments.</summary>
    public static Task BeforeRoutingAsync(HttpContext context, RequestDelegate next)
    {
        var raw = context.Features.Get<IHttpRequestFeature>()?.RawTarget;
        if (raw is null || !raw.StartsWith('/') || !raw.Contains('%', StringComparison.Ordinal))
        {
            return next(context);
        }

        var query = raw.IndexOf('?', StringComparison.Ordinal);
        var segments = (query < 0 ? raw : raw[..query])[1..].Split('/').Select(Uri.UnescapeDataString).ToArray();
        if (!segments.Any(NeedsPlaceholder))
        {
            return next(context);
        }

        context.Items[ItemKey] = segments;
        context.Request.Path = new PathString("/" + string.Join('/',
            segments.Select((s, i) => NeedsPlaceholder(s) ? Placeholder + i.ToString(CultureInfo.InvariantCulture) : s)));
        return next(context);
    }

    /// <summary>After routing: route values that are placeholders get their decoded segment.</summary>
    public static Task AfterRoutingAsync(HttpContext context, RequestDelegate next)
    {
        if (context.Items.TryGetValue(ItemKey, out var value) && value is string[] segments)
        {
            foreach (var (key, routeValue) in context.Request.RouteValues.ToList())
            {
                if (routeValue is string text && text.Length > 1 && text[0] == Placeholder
                    && int.TryParse(text.AsSpan(1), NumberStyles.None, CultureInfo.InvariantCulture, out var index) && index < segments.Length)
                {
                    context.Request.RouteValues[key] = segments[index];
                }
            }
        }

        return next(context);
    }

    private static bool NeedsPlaceholder(string segment) => segment.Contains('/', StringComparison.Ordinal) || segment is "." or "..";
}
