using System.Reflection;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using StandaloneConnect.Runtime.Herder;

namespace StandaloneConnect.Rest.Endpoints;

/// <summary>What the endpoints need besides the herder: this worker's identity (known once listeners are bound), clock, versions.</summary>
public sealed class ConnectApiContext(StandaloneHerder herder, Func<string> workerId, Func<Uri> restUrl, TimeProvider timeProvider)
{
    /// <summary>The Kafka Connect REST API level this worker implements (reported as <c>version</c> by <c>GET /</c>).</summary>
    public const string KafkaVersion = "3.9.0";

    private Task<string?>? _clusterId;

    public StandaloneHerder Herder { get; } = herder;

    public string WorkerId => workerId();

    public Uri RestUrl => restUrl();

    public TimeProvider TimeProvider { get; } = timeProvider;

    public DateTimeOffset StartedAt { get; } = timeProvider.GetUtcNow();

    /// <summary>StandaloneConnect's own version, e.g. <c>0.1.0</c>.</summary>
    public static string ProductVersion { get; } = (typeof(ConnectApiContext).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "0.0.0").Split('+')[0];

    /// <summary>The source commit the binary was built from (16 hex digits, as Kafka prints it), or "unknown".</summary>
    public static string Commit { get; } = CommitOf(typeof(ConnectApiContext).Assembly);

    /// <summary>The Kafka cluster id, asked once (null if the cluster does not tell; asked again next time).</summary>
    public async Task<string?> ClusterIdAsync(CancellationToken cancellationToken)
    {
        var pending = _clusterId ??= Herder.Worker.Kafka.TopicAdmin.GetClusterIdAsync(CancellationToken.None);
        try
        {
            var id = await pending.WaitAsync(TimeSpan.FromSeconds(10), cancellationToken).ConfigureAwait(false);
            if (id is null)
            {
                _clusterId = null;
            }

            return id;
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            _clusterId = null;
            return null;
        }
    }

    internal static async Task<JsonElement> ReadJsonAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        if (request.ContentLength == 0)
        {
            throw new RestException(400, "Request body is missing: a JSON document was expected");
        }

        using var document = await JsonDocument.ParseAsync(request.Body, default, cancellationToken).ConfigureAwait(false);
        return document.RootElement.Clone();
    }

    private static string CommitOf(Assembly assembly)
    {
        var version = assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "";
        var plus = version.IndexOf('+', StringComparison.Ordinal);
        var sha = plus >= 0 ? version[(plus + 1)..] : "";
        return sha.Length >= 16 ? sha[..16] : "unknown";
    }
}
