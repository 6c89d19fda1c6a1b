using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Http;

namespace StandaloneConnect.Rest;

/// <summary>
/// The JSON settings of the REST API (what Kafka's Jackson provider does): property names exactly as the DTOs'
/// <see cref="JsonPropertyNameAttribute"/> say, nulls written, non-ASCII text written as is (not <c>\u</c>-escaped).
/// </summary>
public static class RestJson
{
    /// <summary>The content type of every JSON answer, as Kafka's (no charset parameter).</summary>
    public const string ContentType = "application/json";

    /// <summary>Shared, read-only options for reading and writing request and response bodies.</summary>
    public static JsonSerializerOptions Options { get; } = CreateOptions();

    /// <summary>Kafka's error body <c>{"error_code":status,"message":message}</c> with that status.</summary>
    public static IResult Error(int status, string message) =>
        Results.Json(new RestErrorMessage(status, message), Options, ContentType, status);

    /// <summary>Writes Kafka's error body directly (for middleware that has no endpoint to return a result from).</summary>
    public static Task WriteErrorAsync(HttpContext context, int status, string message)
    {
        ArgumentNullException.ThrowIfNull(context);
        context.Response.StatusCode = status;
        return context.Response.WriteAsJsonAsync(new RestErrorMessage(status, message), Options, ContentType, context.RequestAborted);
    }

    /// <summary>The message for a request body that is not UTF-8 (400, like any other malformed JSON).</summary>
    public const string NotUtf8 = "Invalid JSON in request body: the body is not valid UTF-8";

    /// <summary>Applies the REST API's settings to <paramref name="options"/> (used for ASP.NET's own JSON options too).</summary>
    public static void Apply(JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.PropertyNamingPolicy = null;
        options.DictionaryKeyPolicy = null;
        options.PropertyNameCaseInsensitive = false;
        options.DefaultIgnoreCondition = JsonIgnoreCondition.Never;
        options.Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping;

        // Jackson accepts "1" for a number field, as Kafka's request entities do.
        options.NumberHandling = JsonNumberHandling.AllowReadingFromString;
    }

    private static JsonSerializerOptions CreateOptions()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.General);
        Apply(options);
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }
}

/// <summary>Kafka's <c>ErrorMessage</c> entity: the body of every error answer.</summary>
public sealed record RestErrorMessage(
    [property: JsonPropertyName("error_code")] int ErrorCode,
    [property: JsonPropertyName("message")] string? Message);
