using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using StandaloneConnect.Runtime.Configuration;
using StandaloneConnect.Runtime.Herder;
using StandaloneConnect.Runtime.Plugins;
using StandaloneConnect.Sdk.Config;
using StandaloneConnect.Sdk.Connectors;
using StandaloneConnect.Sdk.Storage;
using StandaloneConnect.Sdk.Transforms;

namespace StandaloneConnect.Rest.Endpoints;

/// <summary>Kafka's <c>ConnectorPluginsResource</c>.</summary>
internal static class PluginsEndpoints
{
    /// <summary>Kafka's listing order.</summary>
    private static readonly PluginType[] Order =
        [PluginType.Sink, PluginType.Source, PluginType.Transformation, PluginType.Predicate, PluginType.Converter, PluginType.HeaderConverter];

    public static void MapPlugins(this IEndpointRouteBuilder app, ConnectApiContext api)
    {
        var plugins = api.Herder.Worker.Plugins;

        app.MapGet("/connector-plugins", (HttpRequest request) =>
        {
            var connectorsOnly = ConnectorsEndpoints.Flag(request, "connectorsOnly", defaultValue: true);
            var kinds = connectorsOnly ? Order.Take(2) : Order;
            return ConnectorsEndpoints.Json(kinds
                .SelectMany(kind => plugins.OfKind(kind).OrderBy(p => p.ClassName, StringComparer.Ordinal))
                .Select(p => new PluginInfoDto(p.ClassName, PluginDescriptor.KindName(p.Kind), p.Version is "undefined" or "" ? null : p.Version))
                .ToList());
        });

        app.MapGet("/connector-plugins/{plugin}/config", (string plugin) =>
        {
            var descriptor = Order.Select(kind => plugins.Find(kind, plugin)).FirstOrDefault(d => d is not null)
                ?? throw new RestException(404, $"Unknown plugin {plugin}.");
            return ConnectorsEndpoints.Json(ConfigDefOf(plugins, descriptor).Keys.Where(k => !k.InternalConfig).Select(RestMapping.Key).ToList());
        });

        var validate = async (string plugin, HttpRequest request, CancellationToken ct) =>
        {
            var raw = RestMapping.ConfigMap(await ConnectApiContext.ReadJsonAsync(request, ct).ConfigureAwait(false), "the connector config");
            if (raw.TryGetValue(ConnectorConfig.ConnectorClass, out var included) && included is not null
                && !Normalized(included).EndsWith(Normalized(plugin), StringComparison.Ordinal))
            {
                throw new BadRequestException($"Included connector type {included} does not match request type {plugin}");
            }

            var config = raw.Where(kv => kv.Value is not null).ToDictionary(kv => kv.Key, kv => kv.Value!);
            var validation = api.Herder.Validator.Validate(config);
            var configs = validation.Configs.ToList();
            foreach (var key in raw.Where(kv => kv.Value is null).Select(kv => kv.Key))
            {
                var entry = configs.Find(c => c.Value.Name == key);
                if (entry is null)
                {
                    entry = new ConfigInfoEntry(null, new ConfigValue(key));
                    configs.Add(entry);
                }

                entry.Value.AddErrorMessage("Null value can not be supplied as the configuration value.");
            }

            return ConnectorsEndpoints.Json(RestMapping.Validation(validation with { Configs = configs }));
        };
        app.MapPut("/connector-plugins/{plugin}/config/validate", validate);
        app.MapPost("/connector-plugins/{plugin}/config/validate", validate);
    }

    /// <summary>A plugin's own keys; for connectors followed by the framework's keys it does not define itself.</summary>
    private static ConfigDef ConfigDefOf(PluginRegistry plugins, PluginDescriptor descriptor)
    {
        switch (descriptor.Kind)
        {
            case PluginType.Source or PluginType.Sink:
                var own = Dispose(plugins.Create<Connector>(descriptor.Type), c => c.Config);
                var result = new ConfigDef(own);
                var framework = descriptor.Kind == PluginType.Sink ? ConnectorConfig.Sink : ConnectorConfig.Source;
                foreach (var key in framework.Keys.Where(k => own[k.Name] is null))
                {
                    result.Define(key);
                }

                return result;
            case PluginType.Converter:
                return Dispose(plugins.Create<IConverter>(descriptor.Type), c => c.Config);
            case PluginType.HeaderConverter:
                return Dispose(plugins.Create<IHeaderConverter>(descriptor.Type), c => c.Config);
            case PluginType.Transformation:
                return Dispose(plugins.Create<ITransformation>(descriptor.Type), c => c.Config);
            default:
                return Dispose(plugins.Create<IPredicate>(descriptor.Type), c => c.Config);
        }
    }

    private static ConfigDef Dispose<T>(T plugin, Func<T, ConfigDef> config)
    {
        try
        {
            return config(plugin);
        }
        finally
        {
            (plugin as IDisposable)?.Dispose();
        }
    }

    /// <summary>Kafka's <c>normalizedPluginName</c>: the simple name without a trailing <c>Connector</c>.</summary>
    private static string Normalized(string name)
    {
        var trimmed = name.Trim();
        return trimmed.EndsWith("Connector", StringComparison.Ordinal) ? trimmed[..^"Connector".Length] : trimmed;
    }
}
