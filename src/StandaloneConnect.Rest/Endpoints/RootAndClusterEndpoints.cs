using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using StandaloneConnect.Runtime.Herder;
using StandaloneConnect.Runtime.Workers;

namespace StandaloneConnect.Rest.Endpoints;

/// <summary><c>GET /</c>, <c>GET /health</c> (Kafka's <c>RootResource</c>) and our one-node cluster view under <c>/cluster</c>.</summary>
internal static class RootAndClusterEndpoints
{
    private static readonly TimeSpan HealthCheckTimeout = TimeSpan.FromSeconds(10);

    public static void MapRootAndCluster(this IEndpointRouteBuilder app, ConnectApiContext api)
    {
        var herder = api.Herder;

        app.MapGet("/", async (CancellationToken ct) =>
            ConnectorsEndpoints.Json(new ServerInfoDto(ConnectApiContext.KafkaVersion, ConnectApiContext.Commit,
                await api.ClusterIdAsync(ct).ConfigureAwait(false))));

        app.MapGet("/health", async (CancellationToken ct) =>
        {
            if (!herder.IsReady)
            {
                return Results.Json(new WorkerStatusDto("starting",
                    "Worker is still starting up. The connectors given on the command line are being created."), RestJson.Options, statusCode: 503);
            }

            // Kafka's health check goes through the herder's request queue; ours checks that the herder answers in time.
            if (!await herder.ProbeAsync(HealthCheckTimeout, ct).ConfigureAwait(false))
            {
                return Results.Json(new WorkerStatusDto("unhealthy",
                    "Worker was unable to handle this request and may be unable to handle other requests. " +
                    $"The herder did not answer within {HealthCheckTimeout.TotalSeconds:0} seconds; a connector operation may be stuck."),
                    RestJson.Options, statusCode: 500);
            }

            return ConnectorsEndpoints.Json(new WorkerStatusDto("healthy", "Worker has completed startup and is ready to handle requests."));
        });

        app.MapGet("/cluster/status", async (CancellationToken ct) =>
        {
            var node = Node(api);
            return ConnectorsEndpoints.Json(new ClusterStatusDto(node.Id, await api.ClusterIdAsync(ct).ConfigureAwait(false), "standalone",
                1, node.Connectors, node.Tasks));
        });

        app.MapGet("/cluster/nodes", () => ConnectorsEndpoints.Json(new[] { Node(api) }));

        app.MapGet("/cluster/nodes/{node}", (string node) =>
        {
            var self = Node(api);
            return self.Id == node || Uri.UnescapeDataString(node) == self.Id
                ? ConnectorsEndpoints.Json(self)
                : throw new RestException(404, $"Node {node} not found. This one-node cluster has node {self.Id}");
        });
    }

    private static NodeDto Node(ConnectApiContext api)
    {
        var statuses = api.Herder.GetAllStatuses();
        var now = api.TimeProvider.GetUtcNow();
        return new NodeDto(api.WorkerId, api.RestUrl.ToString().TrimEnd('/'), ConnectApiContext.KafkaVersion, ConnectApiContext.ProductVersion,
            ConnectApiContext.Commit, api.StartedAt.ToUnixTimeMilliseconds(), (long)(now - api.StartedAt).TotalMilliseconds,
            Counts(statuses.Select(s => s.Connector.State)), Counts(statuses.SelectMany(s => s.Tasks).Select(t => t.Status.State)));
    }

    private static CountsDto Counts(IEnumerable<ConnectState> states)
    {
        var all = states.ToList();
        return new CountsDto(all.Count, all.GroupBy(StatusSnapshot.Name).OrderBy(g => g.Key, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Count()));
    }
}

/// <summary>Counts of connectors or tasks: the total and how many are in each state.</summary>
public sealed record CountsDto(
    [property: JsonPropertyName("total")] int Total,
    [property: JsonPropertyName("states")] IReadOnlyDictionary<string, int> States);

/// <summary>One worker of the cluster (ours is a one-node cluster).</summary>
public sealed record NodeDto(
    [property: JsonPropertyName("id")] string Id,
    [property: JsonPropertyName("url")] string Url,
    [property: JsonPropertyName("version")] string Version,
    [property: JsonPropertyName("standalone_connect_version")] string ProductVersion,
    [property: JsonPropertyName("commit")] string Commit,
    [property: JsonPropertyName("started_at")] long StartedAt,
    [property: JsonPropertyName("uptime_ms")] long UptimeMs,
    [property: JsonPropertyName("connectors")] CountsDto Connectors,
    [property: JsonPropertyName("tasks")] CountsDto Tasks);

/// <summary>The cluster as a whole.</summary>
public sealed record ClusterStatusDto(
    [property: JsonPropertyName("leader")] string Leader,
    [property: JsonPropertyName("kafka_cluster_id")] string? KafkaClusterId,
    [property: JsonPropertyName("mode")] string Mode,
    [property: JsonPropertyName("nodes")] int Nodes,
    [property: JsonPropertyName("connectors")] CountsDto Connectors,
    [property: JsonPropertyName("tasks")] CountsDto Tasks);
