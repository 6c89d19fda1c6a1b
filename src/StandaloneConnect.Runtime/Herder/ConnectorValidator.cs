using StandaloneConnect.Runtime.Configuration;
using StandaloneConnect.Runtime.Plugins;
using StandaloneConnect.Runtime.Transforms;
using StandaloneConnect.Runtime.Workers;
using StandaloneConnect.Sdk;
using StandaloneConnect.Sdk.Config;
using StandaloneConnect.Sdk.Connectors;

namespace StandaloneConnect.Runtime.Herder;

/// <summary>
/// Validates a connector config the way Kafka's <c>AbstractHerder.validateConnectorConfig</c> does: the framework's
/// keys, the connector's own <see cref="ConfigDef"/>, the transformation chain, converters, sink topic rules,
/// client override policy and config provider references, all reported together.
/// </summary>
public sealed class ConnectorValidator(PluginRegistry plugins, WorkerConfig worker, ConfigTransformer transformer)
{
    public ConfigValidation Validate(IReadOnlyDictionary<string, string> rawConfig)
    {
        if (!rawConfig.TryGetValue(ConnectorConfig.ConnectorClass, out var className) || string.IsNullOrWhiteSpace(className))
        {
            throw new BadRequestException($"Connector config {FormatMap(rawConfig)} contains no connector type");
        }

        var descriptor = plugins.FindConnector(className) ?? throw new BadRequestException(plugins.UnknownConnectorMessage(className));
        var isSink = descriptor.Kind == PluginType.Sink;
        var config = transformer.Transform(rawConfig);
        var nullable = config.ToDictionary(kv => kv.Key, kv => (string?)kv.Value);
        var framework = isSink ? ConnectorConfig.Sink : ConnectorConfig.Source;
        var entries = framework.Validate(nullable).Select(v => new ConfigInfoEntry(framework[v.Name], v)).ToList();

        var connector = plugins.Create<Connector>(descriptor.Type);
        foreach (var value in connector.Validate(nullable))
        {
            var definition = connector.Config[value.Name];
            var existing = entries.FindIndex(e => e.Value.Name == value.Name);
            if (existing >= 0)
            {
                entries[existing] = new ConfigInfoEntry(definition ?? entries[existing].Definition, value);
            }
            else
            {
                entries.Add(new ConfigInfoEntry(definition, value));
            }
        }

        if (isSink)
        {
            foreach (var problem in ConnectorConfig.ValidateSinkTopics(config))
            {
                AddError(entries, ConnectorConfig.Topics, problem);
                AddError(entries, ConnectorConfig.TopicsRegex, problem);
            }
        }
        else if (worker.Parsed.GetBoolean(WorkerConfig.TopicCreationEnable) && TopicCreationSettings.IsUsed(config))
        {
            foreach (var problem in TopicCreationSettings.Validate(config))
            {
                AddError(entries, ProblemKey(problem, ConnectorConfig.TopicCreationPrefix + "default.partitions"), problem);
            }
        }

        foreach (var problem in TransformationChain.Validate(config, plugins))
        {
            AddError(entries, ProblemKey(problem, ConnectorConfig.Transforms), problem);
        }

        foreach (var (key, problem) in TaskConverters.Validate(config, plugins))
        {
            AddError(entries, key, problem);
        }

        foreach (var problem in Kafka.ClientConfigs.OverridePolicyViolations(config,
                     worker.Parsed.GetString(WorkerConfig.ConnectorClientConfigOverridePolicy) ?? "All"))
        {
            AddError(entries, problem[..problem.IndexOf(':', StringComparison.Ordinal)], problem);
        }

        foreach (var problem in transformer.ValidateReferences(rawConfig))
        {
            AddError(entries, ProblemKey(problem, ConnectorConfig.Name), problem);
        }

        var groups = framework.Groups.Concat(connector.Config.Groups).Distinct().ToList();
        return new ConfigValidation(className, groups, entries);
    }

    /// <summary>Java's <c>Map.toString</c>: <c>{k1=v1, k2=v2}</c>.</summary>
    public static string FormatMap(IReadOnlyDictionary<string, string> map) =>
        "{" + string.Join(", ", map.Select(kv => $"{kv.Key}={kv.Value}")) + "}";

    private static void AddError(List<ConfigInfoEntry> entries, string key, string message)
    {
        var entry = entries.Find(e => e.Value.Name == key);
        if (entry is null)
        {
            entry = new ConfigInfoEntry(null, new ConfigValue(key));
            entries.Add(entry);
        }

        if (!entry.Value.ErrorMessages.Contains(message))
        {
            entry.Value.AddErrorMessage(message);
        }
    }

    /// <summary>The key a problem message names (<c>Invalid value x for configuration KEY: ...</c>, <c>"KEY"</c>, <c>'KEY'</c>), else the fallback.</summary>
    private static string ProblemKey(string problem, string fallback)
    {
        var marker = "for configuration ";
        var i = problem.IndexOf(marker, StringComparison.Ordinal);
        if (i >= 0)
        {
            var rest = problem[(i + marker.Length)..];
            var end = rest.IndexOf(':', StringComparison.Ordinal);
            return end > 0 ? rest[..end] : rest;
        }

        foreach (var quote in new[] { '"', '\'' })
        {
            var start = problem.IndexOf(quote, StringComparison.Ordinal);
            var end = start >= 0 ? problem.IndexOf(quote, start + 1) : -1;
            if (end > start + 1)
            {
                return problem[(start + 1)..end];
            }
        }

        return fallback;
    }
}
