using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Logging;
using StandaloneConnect.Runtime.Configuration;
using StandaloneConnect.Runtime.Herder;
using StandaloneConnect.Sdk;

namespace StandaloneConnect.Rest.Endpoints;

/// <summary>Kafka's <c>ConnectorsResource</c>: <c>/connectors</c> and everything under it except offsets and topics.</summary>
internal static partial class ConnectorsEndpoints
{
    public static void MapConnectors(this IEndpointRouteBuilder app, ConnectApiContext api, ILogger logger)
    {
        var herder = api.Herder;

        app.MapGet("/connectors", (HttpRequest request) =>
        {
            var expand = request.Query["expand"].OfType<string>().ToList();
            var names = herder.ConnectorNames;
            if (expand.Count == 0)
            {
                return Json(names);
            }

            foreach (var unknown in expand.Where(e => e is not ("status" or "info")))
            {
                LogUnknownExpansion(logger, unknown);
            }

            var result = new Dictionary<string, Dictionary<string, object>>();
            foreach (var name in names)
            {
                try
                {
                    var expanded = new Dictionary<string, object>();
                    if (expand.Contains("status"))
                    {
                        expanded["status"] = RestMapping.Status(herder.GetConnectorStatus(name), api.WorkerId);
                    }

                    if (expand.Contains("info"))
                    {
                        expanded["info"] = RestMapping.Info(herder.GetConnectorInfo(name));
                    }

                    result[name] = expanded;
                }
                catch (NotFoundException)
                {
                    // deleted while listing: skipped, as in Kafka
                }
            }

            return Json(result);
        });

        app.MapPost("/connectors", async (HttpRequest request, CancellationToken ct) =>
        {
            var body = await ConnectApiContext.ReadJsonAsync(request, ct).ConfigureAwait(false);
            if (body.ValueKind != JsonValueKind.Object)
            {
                throw new RestException(400, "The request body must be a JSON object with 'name' and 'config'");
            }

            var name = body.TryGetProperty("name", out var n) && n.ValueKind == JsonValueKind.String ? n.GetString()!.Trim() : "";
            if (!body.TryGetProperty("config", out var configElement) || configElement.ValueKind == JsonValueKind.Null)
            {
                throw new RestException(400, "The request body has no 'config': a JSON object with the connector's configuration is required");
            }

            var config = RestMapping.NonNullConfigMap(configElement, "config");
            var initial = body.TryGetProperty("initial_state", out var s) && s.ValueKind != JsonValueKind.Null ? InitialState(s) : (TargetState?)null;
            CheckAndPutName(name, config);
            var (info, _) = await herder.PutConnectorConfigAsync(name, config, initial, allowReplace: false, ct).ConfigureAwait(false);
            return Results.Json(RestMapping.Info(info), RestJson.Options, statusCode: 201).WithLocation(name);
        });

        app.MapGet("/connectors/{connector}", (string connector) => Json(RestMapping.Info(herder.GetConnectorInfo(connector))));

        app.MapGet("/connectors/{connector}/config", (string connector) => Json(herder.GetConnectorInfo(connector).Config));

        app.MapPut("/connectors/{connector}/config", async (string connector, HttpRequest request, CancellationToken ct) =>
        {
            var config = RestMapping.NonNullConfigMap(await ConnectApiContext.ReadJsonAsync(request, ct).ConfigureAwait(false), "the connector config");
            CheckAndPutName(connector, config);
            var (info, created) = await herder.PutConnectorConfigAsync(connector, config, null, allowReplace: true, ct).ConfigureAwait(false);
            var result = Results.Json(RestMapping.Info(info), RestJson.Options, statusCode: created ? 201 : 200);
            return created ? result.WithLocation(connector) : result;
        });

        app.MapPatch("/connectors/{connector}/config", async (string connector, HttpRequest request, CancellationToken ct) =>
        {
            var patch = RestMapping.ConfigMap(await ConnectApiContext.ReadJsonAsync(request, ct).ConfigureAwait(false), "the config patch");
            return Json(RestMapping.Info(await herder.PatchConnectorConfigAsync(connector, patch, ct).ConfigureAwait(false)));
        });

        app.MapGet("/connectors/{connector}/status", (string connector) => Json(RestMapping.Status(herder.GetConnectorStatus(connector), api.WorkerId)));

        app.MapGet("/connectors/{connector}/tasks", (string connector) =>
            Json(herder.GetTaskConfigs(connector).Select(t => new TaskInfoDto(RestMapping.Id(t.Id), t.Config)).ToList()));

        app.MapGet("/connectors/{connector}/tasks-config", (string connector) =>
        {
            LogTasksConfigDeprecated(logger);
            return Json(herder.GetTaskConfigs(connector).ToDictionary(t => t.Id.ToString(), t => t.Config));
        });

        app.MapGet("/connectors/{connector}/tasks/{task:int}/status", (string connector, int task) =>
            Json(RestMapping.Task(herder.GetTaskStatus(connector, task), api.WorkerId)));

        app.MapPost("/connectors/{connector}/tasks/{task:int}/restart", async (string connector, int task, CancellationToken ct) =>
        {
            await herder.RestartTaskAsync(connector, task, ct).ConfigureAwait(false);
            return Results.NoContent();
        });

        app.MapPost("/connectors/{connector}/restart", async (string connector, HttpRequest request, CancellationToken ct) =>
        {
            var includeTasks = Flag(request, "includeTasks");
            var onlyFailed = Flag(request, "onlyFailed");
            var plan = await herder.RestartConnectorAsync(connector, includeTasks, onlyFailed, ct).ConfigureAwait(false);
            return plan is null ? Results.NoContent() : Results.Json(RestMapping.Status(plan, api.WorkerId), RestJson.Options, statusCode: 202);
        });

        app.MapPut("/connectors/{connector}/pause", async (string connector, CancellationToken ct) =>
        {
            await herder.PauseConnectorAsync(connector, ct).ConfigureAwait(false);
            return Results.Accepted();
        });

        app.MapPut("/connectors/{connector}/resume", async (string connector, CancellationToken ct) =>
        {
            await herder.ResumeConnectorAsync(connector, ct).ConfigureAwait(false);
            return Results.Accepted();
        });

        app.MapPut("/connectors/{connector}/stop", async (string connector, CancellationToken ct) =>
        {
            await herder.StopConnectorAsync(connector, ct).ConfigureAwait(false);
            return Results.NoContent();
        });

        app.MapDelete("/connectors/{connector}", async (string connector, CancellationToken ct) =>
        {
            await herder.DeleteConnectorAsync(connector, ct).ConfigureAwait(false);
            return Results.NoContent();
        });

        // Distributed-mode internals: the standalone herder refuses them, as Kafka's does (500).
        app.MapPost("/connectors/{connector}/tasks", (string connector) =>
            RestJson.Error(500, "Kafka Connect in standalone mode does not support externally setting task configurations."));
        app.MapPut("/connectors/{connector}/fence", (string connector) =>
            RestJson.Error(500, "Kafka Connect in standalone mode does not support exactly-once source connectors."));
    }

    internal static IResult Json(object value) => Results.Json(value, RestJson.Options);

    /// <summary>Kafka's <c>checkAndPutConnectorConfigName</c>.</summary>
    private static void CheckAndPutName(string name, Dictionary<string, string> config)
    {
        if (config.TryGetValue(ConnectorConfig.Name, out var configured) && configured != name)
        {
            throw new BadRequestException($"Connector name configuration ({configured}) doesn't match connector name in the URL ({name})");
        }

        config[ConnectorConfig.Name] = name;
    }

    private static TargetState InitialState(JsonElement element) =>
        (element.ValueKind == JsonValueKind.String ? element.GetString()!.ToUpperInvariant() : null) switch
        {
            "RUNNING" => TargetState.Started,
            "PAUSED" => TargetState.Paused,
            "STOPPED" => TargetState.Stopped,
            _ => throw new RestException(400, $"Invalid initial_state {element.GetRawText()}: expected one of RUNNING, PAUSED, STOPPED"),
        };

    /// <summary>A boolean query parameter read as Java's <c>Boolean.valueOf</c> does (only "true", any case, is true), as Kafka's JAX-RS resources do.</summary>
    internal static bool Flag(HttpRequest request, string name, bool defaultValue = false) =>
        request.Query[name].FirstOrDefault() is { } text ? string.Equals(text, "true", StringComparison.OrdinalIgnoreCase) : defaultValue;

    private static IResult WithLocation(this IResult result, string name) => new LocationResult(result, "/connectors/" + Uri.EscapeDataString(name));

    private sealed class LocationResult(IResult inner, string location) : IResult
    {
        public Task ExecuteAsync(HttpContext httpContext)
        {
            httpContext.Response.Headers.Location = location;
            return inner.ExecuteAsync(httpContext);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Ignoring unknown expansion type {Expansion}")]
    private static partial void LogUnknownExpansion(ILogger logger, string expansion);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The GET /connectors/{{name}}/tasks-config endpoint is deprecated and will be removed in the next major release; use GET /connectors/{{name}}/tasks")]
    private static partial void LogTasksConfigDeprecated(ILogger logger);
}
