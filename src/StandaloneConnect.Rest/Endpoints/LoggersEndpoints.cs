using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Logging;
using StandaloneConnect.Runtime.Logging;

namespace StandaloneConnect.Rest.Endpoints;

/// <summary>
/// Kafka's <c>LoggingResource</c> (KIP-495, KIP-976): read and change this worker's log levels at run time.
/// Served on the admin listeners.
/// </summary>
public static partial class LoggersEndpoints
{
    private const string WorkerScope = "worker";
    private const string ClusterScope = "cluster";

    public static void MapLoggers(this IEndpointRouteBuilder admin, LoggerLevels levels, ILogger logger)
    {
        ArgumentNullException.ThrowIfNull(admin);
        ArgumentNullException.ThrowIfNull(levels);
        ArgumentNullException.ThrowIfNull(logger);

        // Only loggers with an explicit level, and root.
        admin.MapGet("/admin/loggers", () =>
            ConnectorsEndpoints.Json(levels.AllExplicit().ToDictionary(kv => kv.Key, kv => Dto(kv.Value), StringComparer.Ordinal)));

        admin.MapGet("/admin/loggers/{name}", (string name) =>
        {
            var level = levels.Level(name);
            if (level is null)
            {
                LogLoggerNotFound(logger, name);
                throw new RestException(404, $"Logger {name} not found.");
            }

            return ConnectorsEndpoints.Json(Dto(level));
        });

        admin.MapPut("/admin/loggers/{name}", async (string name, HttpRequest request, CancellationToken ct) =>
        {
            var levelText = LevelOf(await ConnectApiContext.ReadJsonAsync(request, ct).ConfigureAwait(false))
                ?? throw new RestException(400, "Desired 'level' parameter was not specified in request.");

            // Kafka's quirk: an unknown level is a 404.
            if (!LoggerLevels.TryParseLevel(levelText, out var level))
            {
                throw new RestException(404, $"invalid log level '{levelText}'.");
            }

            var scope = request.Query["scope"].FirstOrDefault() ?? WorkerScope;
            var cluster = scope.ToLowerInvariant() switch
            {
                WorkerScope => false,
                ClusterScope => true,
                _ => WarnUnknownScope(scope),
            };

            LogSettingLevel(logger, name, level);
            var affected = levels.SetLevel(name, level);

            // Standalone has one worker: the cluster is this worker, but the answer is the cluster one (204, no body).
            return cluster ? Results.NoContent() : ConnectorsEndpoints.Json(affected);
        });

        bool WarnUnknownScope(string scope)
        {
            LogUnknownScope(logger, scope, WorkerScope);
            return false;
        }
    }

    /// <summary>
    /// The <c>level</c> of a <c>{"level":...}</c> body, as Jackson reads it into a Map&lt;String,String&gt;: a string as
    /// it is, a number or boolean as its text; null when absent or JSON null. Other shapes are a 400.
    /// </summary>
    private static string? LevelOf(JsonElement body)
    {
        if (body.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        if (body.ValueKind != JsonValueKind.Object)
        {
            throw new RestException(400, "The request body must be a JSON object such as {\"level\":\"DEBUG\"}");
        }

        if (!body.TryGetProperty("level", out var level))
        {
            return null;
        }

        return level.ValueKind switch
        {
            JsonValueKind.String => level.GetString(),
            JsonValueKind.Null => null,
            JsonValueKind.Number or JsonValueKind.True or JsonValueKind.False => level.GetRawText(),
            _ => throw new RestException(400, "'level' must be a string such as \"DEBUG\""),
        };
    }

    private static LoggerLevelDto Dto(LoggerLevel level) => new(level.Level, level.LastModified);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Unable to find level for logger {LoggerName}")]
    private static partial void LogLoggerNotFound(ILogger logger, string loggerName);

    [LoggerMessage(Level = LogLevel.Information, Message = "Setting level of namespace {LoggerNamespace} and children to {Level}")]
    private static partial void LogSettingLevel(ILogger logger, string loggerNamespace, string level);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Received invalid scope '{Scope}' in request to adjust logging level; will default to {DefaultScope}")]
    private static partial void LogUnknownScope(ILogger logger, string scope, string defaultScope);

    /// <summary>Kafka's <c>LoggerLevel</c> entity; <c>last_modified</c> is written even when null.</summary>
    private sealed record LoggerLevelDto(
        [property: JsonPropertyName("level")] string Level,
        [property: JsonPropertyName("last_modified"), JsonIgnore(Condition = JsonIgnoreCondition.Never)] long? LastModified);
}
