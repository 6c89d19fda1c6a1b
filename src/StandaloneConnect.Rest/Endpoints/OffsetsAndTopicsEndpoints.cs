using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using StandaloneConnect.Runtime.Configuration;
using StandaloneConnect.Runtime.Herder;
using StandaloneConnect.Sdk;

namespace StandaloneConnect.Rest.Endpoints;

/// <summary>KIP-875 offsets and KIP-558 active topics of a connector, plus our one-topic view.</summary>
internal static class OffsetsAndTopicsEndpoints
{
    public static void MapOffsetsAndTopics(this IEndpointRouteBuilder app, ConnectApiContext api)
    {
        var herder = api.Herder;
        var worker = herder.Worker.Config.Parsed;

        app.MapGet("/connectors/{connector}/offsets", async (string connector, CancellationToken ct) =>
            ConnectorsEndpoints.Json(RestMapping.Offsets(await herder.GetOffsetsAsync(connector, ct).ConfigureAwait(false))));

        app.MapPatch("/connectors/{connector}/offsets", async (string connector, HttpRequest request, CancellationToken ct) =>
        {
            var offsets = RestMapping.Offsets(await ConnectApiContext.ReadJsonAsync(request, ct).ConfigureAwait(false));
            if (offsets.Count == 0)
            {
                throw new BadRequestException("Partitions / offsets need to be provided for an alter offsets request");
            }

            var message = await herder.AlterOffsetsAsync(connector, offsets, ct).ConfigureAwait(false);
            return ConnectorsEndpoints.Json(new MessageDto(message));
        });

        app.MapDelete("/connectors/{connector}/offsets", async (string connector, CancellationToken ct) =>
            ConnectorsEndpoints.Json(new MessageDto(await herder.ResetOffsetsAsync(connector, ct).ConfigureAwait(false))));

        app.MapGet("/connectors/{connector}/topics", (string connector) =>
        {
            RequireTracking(worker.GetBoolean(WorkerConfig.TopicTrackingEnable), "Topic tracking is disabled.");
            return ConnectorsEndpoints.Json(new Dictionary<string, ActiveTopicsDto> { [connector] = new(herder.GetActiveTopics(connector)) });
        });

        app.MapPut("/connectors/{connector}/topics/reset", (string connector) =>
        {
            RequireTracking(worker.GetBoolean(WorkerConfig.TopicTrackingEnable), "Topic tracking is disabled.");
            RequireTracking(worker.GetBoolean(WorkerConfig.TopicTrackingAllowReset), "Topic tracking reset is disabled.");
            herder.ResetActiveTopics(connector);
            return Results.Accepted();
        });

        // Our extension: one topic as the connector sees it.
        app.MapGet("/connectors/{connector}/topics/{topic}", async (string connector, string topic, CancellationToken ct) =>
        {
            var active = herder.GetActiveTopics(connector).Contains(topic);
            var configured = herder.GetConnectorInfo(connector).Config.TryGetValue(ConnectorConfig.Topics, out var list)
                             && list.Split(',', StringSplitOptions.TrimEntries).Contains(topic);
            if (!active && !configured)
            {
                throw new NotFoundException($"Topic {topic} has not been used by connector {connector}");
            }

            var admin = herder.Worker.Kafka.TopicAdmin;
            var description = await admin.DescribeTopicAsync(topic, ct).ConfigureAwait(false);
            IReadOnlyDictionary<string, string?>? configs = null;
            string? configsError = null;
            try
            {
                configs = description is null ? null : await admin.DescribeTopicConfigsAsync(topic, ct).ConfigureAwait(false);
                configsError = description is not null && configs is null ? "The Kafka cluster does not answer DescribeConfigs (embedded broker)" : null;
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                configsError = e.Message;
            }

            return ConnectorsEndpoints.Json(new ConnectorTopicDto(connector, topic, active, configured, description is not null,
                description?.PartitionCount, description?.ReplicationFactor, configs?.OrderBy(kv => kv.Key, StringComparer.Ordinal).ToDictionary(), configsError));
        });
    }

    private static void RequireTracking(bool enabled, string message)
    {
        if (!enabled)
        {
            throw new RestException(403, message);
        }
    }
}

/// <summary>Our <c>GET /connectors/{name}/topics/{topic}</c> answer.</summary>
public sealed record ConnectorTopicDto(
    [property: JsonPropertyName("connector")] string Connector,
    [property: JsonPropertyName("topic")] string Topic,
    [property: JsonPropertyName("active")] bool Active,
    [property: JsonPropertyName("configured")] bool Configured,
    [property: JsonPropertyName("exists")] bool Exists,
    [property: JsonPropertyName("partitions")] int? Partitions,
    [property: JsonPropertyName("replication_factor")] int? ReplicationFactor,
    [property: JsonPropertyName("configs")] IReadOnlyDictionary<string, string?>? Configs,
    [property: JsonPropertyName("configs_error"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? ConfigsError);
