using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Logging;

namespace StandaloneConnect.Rest.Endpoints;

/// <summary>Maps every Kafka Connect REST endpoint (and our extensions) except <c>/admin</c>, which goes on the admin listeners.</summary>
public static class ConnectApi
{
    public static void MapConnectApi(this IEndpointRouteBuilder app, ConnectApiContext api, ILoggerFactory loggerFactory)
    {
        var logger = loggerFactory.CreateLogger("StandaloneConnect.Rest.ConnectorsResource");
        app.MapRootAndCluster(api);
        app.MapConnectors(api, logger);
        app.MapOffsetsAndTopics(api);
        app.MapPlugins(api);
    }
}
