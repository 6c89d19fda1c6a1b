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
            // Kafka prints the whole map here; secrets are hidden (no ConfigDef is known yet, so keys that look secret).
            throw new BadRequestException($"Connector config {ConfigRedaction.FormatMap(rawConfig)} contains no connector type");
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

        HideResolvedValues(entries, rawConfig, config);
        var groups = framework.Groups.Concat(connector.Config.Groups).Distinct().ToList();
        return new ConfigValidation(className, groups, entries);
    }

    /// <summary>
    /// Values resolved from config providers never leave the worker through validation: a key whose raw value has a
    /// placeholder shows that raw value, and error messages name the placeholder instead of what it resolved to (Kafka
    /// validates the resolved config and prints it, e.g. a line of a secrets file in a tasks.max error).
    /// </summary>
    private static void HideResolvedValues(List<ConfigInfoEntry> entries, IReadOnlyDictionary<string, string> raw,
        IReadOnlyDictionary<string, string> resolved)
    {
        foreach (var entry in entries)
        {
            var value = entry.Value;
            if (raw.TryGetValue(value.Name, out var rawValue) && resolved.TryGetValue(value.Name, out var resolvedValue) && rawValue != resolvedValue)
            {
                value.Value = entry.Definition?.Type == ConfigType.Password ? new Password(rawValue) : rawValue;
            }

            for (var i = 0; i < value.ErrorMessages.Count; i++)
            {
                value.ErrorMessages[i] = ConfigRedaction.HideResolved(value.ErrorMessages[i], raw, resolved);
            }
        }
    }

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
