using System.Globalization;
using System.Text.RegularExpressions;
using StandaloneConnect.Runtime.Kafka;
using StandaloneConnect.Sdk.Config;

namespace StandaloneConnect.Runtime.Configuration;

/// <summary>
/// A source connector's <c>topic.creation.*</c> groups (Kafka's <c>TopicCreationConfig</c>): the first group whose
/// <c>include</c> regexes match a topic, and whose <c>exclude</c> ones do not, decides partitions, replication factor
/// and topic configs; <c>default</c> matches everything else.
/// </summary>
public sealed record TopicCreationSettings(IReadOnlyList<TopicCreationGroup> Groups)
{
    private const string Prefix = ConnectorConfig.TopicCreationPrefix;

    public static bool IsUsed(IReadOnlyDictionary<string, string> connectorConfig) =>
        connectorConfig.Keys.Any(k => k.StartsWith(Prefix, StringComparison.Ordinal));

    /// <summary>Problems with the group keys (required default partitions/replication factor, numbers), each naming the key.</summary>
    public static IReadOnlyList<string> Validate(IReadOnlyDictionary<string, string> connectorConfig)
    {
        try
        {
            Parse(connectorConfig);
            return [];
        }
        catch (ConfigValidationException e)
        {
            return e.Problems;
        }
    }

    public static TopicCreationSettings Parse(IReadOnlyDictionary<string, string> config)
    {
        var problems = new List<string>();
        var names = config.TryGetValue(ConnectorConfig.TopicCreationGroups, out var list) && list.Trim().Length > 0
            ? list.Split(',').Select(s => s.Trim()).Where(s => s.Length > 0 && s != "default").Distinct().ToList()
            : [];
        var defaults = ParseGroup(config, "default", null, problems);
        var groups = names.Select(n => ParseGroup(config, n, defaults, problems)).ToList();
        groups.Add(defaults);
        if (problems.Count > 0)
        {
            throw new ConfigValidationException(problems);
        }

        return new TopicCreationSettings(groups);
    }

    public NewTopicSpec? SpecFor(string topic)
    {
        var group = Groups.FirstOrDefault(g => g.Matches(topic));
        return group is null ? null : new NewTopicSpec(topic, group.Partitions, group.ReplicationFactor, group.TopicConfigs);
    }

    private static TopicCreationGroup ParseGroup(IReadOnlyDictionary<string, string> config, string name, TopicCreationGroup? fallback,
        List<string> problems)
    {
        var prefix = Prefix + name + ".";
        int Number(string key, int? fallbackValue, string typeName, int max, string rule)
        {
            var full = prefix + key;
            if (!config.TryGetValue(full, out var text))
            {
                if (fallbackValue is { } f)
                {
                    return f;
                }

                problems.Add($"Missing required configuration \"{full}\" which has no default value.");
                return -1;
            }

            if (!int.TryParse(text.Trim(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value) || value > max)
            {
                problems.Add($"Invalid value {text} for configuration {full}: Not a number of type {typeName}");
                return -1;
            }

            if (value == 0 || value < -1)
            {
                problems.Add($"Invalid value {value} for configuration {full}: {rule}");
                return -1;
            }

            return value;
        }

        var include = Regexes(config, prefix + "include", fallback is null ? [".*"] : [], problems);
        var exclude = Regexes(config, prefix + "exclude", [], problems);
        var partitions = Number("partitions", fallback?.Partitions, "INT", int.MaxValue,
            "Number of partitions must be positive, or -1 to use the broker's default");
        var rf = Number("replication.factor", fallback?.ReplicationFactor, "SHORT", short.MaxValue,
            "Replication factor must be positive and not larger than the number of brokers in the Kafka cluster, or -1 to use the broker's default");
        var known = new[] { "include", "exclude", "partitions", "replication.factor" };
        var topicConfigs = config.Where(kv => kv.Key.StartsWith(prefix, StringComparison.Ordinal) && !known.Contains(kv.Key[prefix.Length..]))
            .ToDictionary(kv => kv.Key[prefix.Length..], kv => kv.Value);
        return new TopicCreationGroup(name, include, exclude, partitions, (short)rf, topicConfigs);
    }

    private static IReadOnlyList<string> Regexes(IReadOnlyDictionary<string, string> config, string key, IReadOnlyList<string> fallback,
        List<string> problems)
    {
        if (!config.TryGetValue(key, out var text) || text.Trim().Length == 0)
        {
            return fallback;
        }

        var patterns = text.Split(',').Select(s => s.Trim()).ToList();
        foreach (var pattern in patterns)
        {
            try
            {
                _ = new Regex(pattern, RegexOptions.None, TimeSpan.FromSeconds(1));
            }
            catch (ArgumentException e)
            {
                problems.Add($"Invalid value [{string.Join(", ", patterns)}] for configuration {key}: Syntax error in regular expression: {e.Message}");
                return [];
            }
        }

        return patterns;
    }
}

/// <summary>One topic creation group.</summary>
public sealed record TopicCreationGroup(string Name, IReadOnlyList<string> Include, IReadOnlyList<string> Exclude, int Partitions,
    short ReplicationFactor, IReadOnlyDictionary<string, string> TopicConfigs)
{
    public bool Matches(string topic) =>
        Include.Any(p => JavaRegex.FullMatch(p, topic)) && !Exclude.Any(p => JavaRegex.FullMatch(p, topic));
}
