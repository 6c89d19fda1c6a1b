using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace StandaloneConnect.Rest;

/// <summary>One Debug line per request (Kafka's request log): method, path, status and duration; never headers or bodies.</summary>
internal sealed partial class AccessLogMiddleware(TimeProvider timeProvider, ILogger logger)
{
    public async Task InvokeAsync(HttpContext context, RequestDelegate next)
    {
        if (!logger.IsEnabled(LogLevel.Debug))
        {
            await next(context).ConfigureAwait(false);
            return;
        }

        var started = timeProvider.GetTimestamp();
        try
        {
            await next(context).ConfigureAwait(false);
        }
        finally
        {
            var elapsed = timeProvider.GetElapsedTime(started);
            LogRequest(logger, context.Request.Method, context.Request.Path, context.Response.StatusCode, (long)elapsed.TotalMilliseconds);
        }
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "{Method} {Path} {Status} {DurationMs} ms")]
    private static partial void LogRequest(ILogger logger, string method, string path, int status, long durationMs);
}
