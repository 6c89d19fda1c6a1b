using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Logging;
using StandaloneConnect.Runtime.Herder;
using StandaloneConnect.Sdk;
using StandaloneConnect.Sdk.Config;

namespace StandaloneConnect.Rest;

/// <summary>
/// The one error handler (Kafka's <c>ConnectExceptionMapper</c>): turns exceptions into <c>{"error_code":..,"message":..}</c>
/// with the matching status, gives every error answer without a body (404 from routing, 405, ...) Kafka's body
/// <c>HTTP 404 Not Found</c>, and answers 500 "Request timed out" when
/// a request runs past the request timeout (Kafka's 90 s): endpoints see the deadline through <see cref="HttpContext.RequestAborted"/>.
/// </summary>
internal sealed partial class ErrorMiddleware(RestServerSettings settings, TimeProvider timeProvider, ILogger logger)
{
    public const string TimedOut = "Request timed out";

    public async Task InvokeAsync(HttpContext context, RequestDelegate next)
    {
        var clientAborted = context.RequestAborted;
        using var deadline = new CancellationTokenSource(settings.RequestTimeout, timeProvider);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(clientAborted, deadline.Token);
        context.RequestAborted = linked.Token;
        try
        {
            await next(context).ConfigureAwait(false);
            if (!context.Response.HasStarted && context.Response.StatusCode >= 400)
            {
                // E.g. 404/405 from routing, or 413 when minimal APIs met a chunked body over the limit.
                var status = context.Response.StatusCode;
                var message = status == StatusCodes.Status413PayloadTooLarge
                    ? TooLarge(settings.RequestMaxBytes)
                    : $"HTTP {status} {ReasonPhrases.GetReasonPhrase(status)}".TrimEnd();
                await WriteAsync(context, status, message).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (clientAborted.IsCancellationRequested)
        {
            LogClientGone(logger, context.Request.Method, context.Request.Path);
        }
        catch (OperationCanceledException) when (deadline.IsCancellationRequested)
        {
            LogTimedOut(logger, context.Request.Method, context.Request.Path, (long)settings.RequestTimeout.TotalMilliseconds);
            await WriteAsync(context, StatusCodes.Status500InternalServerError, TimedOut).ConfigureAwait(false);
        }
        catch (Exception e)
        {
            var (status, message) = Map(e);
            if (e is BadHttpRequestException { StatusCode: StatusCodes.Status400BadRequest } && !HasBody(context.Request)
                && e.Message.Contains("body", StringComparison.OrdinalIgnoreCase))
            {
                // Minimal APIs' own wording ("Implicit body inferred for parameter ...") speaks C#, not HTTP.
                message = "Request body is missing: this endpoint expects a JSON body.";
            }

            if (status >= 500)
            {
                LogUnexpected(logger, e, context.Request.Method, context.Request.Path);
            }
            else
            {
                LogRejected(logger, context.Request.Method, context.Request.Path, status, e.Message);
            }

            await WriteAsync(context, status, message).ConfigureAwait(false);
        }
        finally
        {
            context.RequestAborted = clientAborted;
        }
    }

    /// <summary>The status and message an exception is answered with.</summary>
    public static (int Status, string Message) Map(Exception exception) => exception switch
    {
        RestException e => (e.Status, e.Message),
        NotFoundException e => (StatusCodes.Status404NotFound, e.Message),
        AlreadyExistsException e => (StatusCodes.Status409Conflict, e.Message),
        BadRequestException e => (StatusCodes.Status400BadRequest, e.Message),
        ConfigException e => (StatusCodes.Status400BadRequest, e.Message),
        BadHttpRequestException { InnerException: JsonException json } => (StatusCodes.Status400BadRequest, InvalidJson(json)),
        BadHttpRequestException e => (e.StatusCode, e.Message),
        JsonException e => (StatusCodes.Status400BadRequest, InvalidJson(e)),
        _ when IsInvalidUtf8(exception) => (StatusCodes.Status400BadRequest, RestJson.NotUtf8 + "."),
        _ => (StatusCodes.Status500InternalServerError, exception.Message),
    };

    /// <summary>A body that is not UTF-8, found while a bound parameter was read (System.Text.Json's transcoding error).</summary>
    private static bool IsInvalidUtf8(Exception exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            if (e is System.Text.DecoderFallbackException)
            {
                return true;
            }
        }

        return false;
    }

    private static bool HasBody(HttpRequest request) =>
        request.ContentLength > 0 || (request.ContentLength is null && request.Headers.TransferEncoding.Count > 0);

    private static string InvalidJson(JsonException e) => "Invalid JSON in request body: " + e.Message;

    /// <summary>Rejects a request whose declared body is over the limit before anything reads it (a chunked body is cut by Kestrel).</summary>
    public static Task CheckBodySizeAsync(HttpContext context, RequestDelegate next, long maxBytes)
    {
        if (context.Request.ContentLength > maxBytes)
        {
            throw new BadHttpRequestException(TooLarge(maxBytes), StatusCodes.Status413PayloadTooLarge);
        }

        return next(context);
    }

    private static string TooLarge(long maxBytes) =>
        $"Request body too large. The max request body size is {maxBytes} bytes (rest.request.max.bytes).";

    private async Task WriteAsync(HttpContext context, int status, string message)
    {
        if (context.Response.HasStarted)
        {
            // Part of the answer is already on the wire: the client can only learn about the failure from a broken connection.
            context.Abort();
            return;
        }

        context.Response.StatusCode = status;
        context.Response.ContentLength = null;
        context.Response.Headers.ContentType = RestJson.ContentType;
        if (!HttpMethods.IsHead(context.Request.Method))
        {
            await context.Response.WriteAsJsonAsync(new RestErrorMessage(status, message), RestJson.Options, RestJson.ContentType, CancellationToken.None)
                .ConfigureAwait(false);
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Uncaught exception in REST call {Method} {Path}")]
    private static partial void LogUnexpected(ILogger logger, Exception exception, string method, string path);

    [LoggerMessage(Level = LogLevel.Debug, Message = "REST call {Method} {Path} answered {Status}: {Reason}")]
    private static partial void LogRejected(ILogger logger, string method, string path, int status, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "REST call {Method} {Path} timed out after {TimeoutMs} ms")]
    private static partial void LogTimedOut(ILogger logger, string method, string path, long timeoutMs);

    [LoggerMessage(Level = LogLevel.Debug, Message = "REST call {Method} {Path}: the client went away")]
    private static partial void LogClientGone(ILogger logger, string method, string path);
}
