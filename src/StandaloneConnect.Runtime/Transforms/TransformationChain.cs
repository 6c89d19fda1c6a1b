using StandaloneConnect.Runtime.Configuration;
using StandaloneConnect.Runtime.Errors;
using StandaloneConnect.Runtime.Plugins;
using StandaloneConnect.Sdk;
using StandaloneConnect.Sdk.Config;
using StandaloneConnect.Sdk.Transforms;

namespace StandaloneConnect.Runtime.Transforms;

/// <summary>One configured transformation, with its optional predicate (Kafka's <c>TransformationStage</c>).</summary>
public sealed record TransformationStage(string Alias, ITransformation Transformation, string? PredicateAlias, IPredicate? Predicate, bool Negate)
{
    /// <summary>Applies when there is no predicate, or when <c>predicate.test(record) XOR negate</c>.</summary>
    public ConnectRecord? Apply(ConnectRecord record) =>
        Predicate is null || Predicate.Test(record) ^ Negate ? Transformation.Apply(record) : record;
}

/// <summary>
/// The <c>transforms=</c> chain of a connector. Built from the connector config: every problem (unknown alias,
/// unknown type, missing key, invalid SMT setting) is reported at once, each naming the key.
/// </summary>
public sealed class TransformationChain : IDisposable
{
    public static readonly TransformationChain Empty = new([], []);
    private readonly IReadOnlyList<IPredicate> _predicates;

    private TransformationChain(IReadOnlyList<TransformationStage> stages, IReadOnlyList<IPredicate> predicates)
    {
        Stages = stages;
        _predicates = predicates;
    }

    public IReadOnlyList<TransformationStage> Stages { get; }

    public bool IsEmpty => Stages.Count == 0;

    /// <summary>Validates the chain's keys without instantiating anything long-lived; returns the problems.</summary>
    public static IReadOnlyList<string> Validate(IReadOnlyDictionary<string, string> config, PluginRegistry plugins)
    {
        var problems = new List<string>();
        try
        {
            using var chain = Build(config, plugins);
        }
        catch (ConfigValidationException e)
        {
            problems.AddRange(e.Problems);
        }

        return problems;
    }

    /// <summary>Instantiates and configures every transformation and predicate of the config.</summary>
    public static TransformationChain Build(IReadOnlyDictionary<string, string> config, PluginRegistry plugins)
    {
        var problems = new List<string>();
        var predicateAliases = Aliases(config, ConnectorConfig.Predicates);
        var transformAliases = Aliases(config, ConnectorConfig.Transforms);
        if (predicateAliases.Count == 0 && transformAliases.Count == 0)
        {
            return Empty;
        }

        var predicates = new Dictionary<string, IPredicate>(StringComparer.Ordinal);
        foreach (var alias in predicateAliases)
        {
            if (Create<IPredicate>(config, plugins, "predicates." + alias + ".", PluginType.Predicate, problems) is { } p)
            {
                predicates[alias] = p;
            }
        }

        var stages = new List<TransformationStage>();
        foreach (var alias in transformAliases)
        {
            var prefix = "transforms." + alias + ".";
            var transformation = Create<ITransformation>(config, plugins, prefix, PluginType.Transformation, problems);
            config.TryGetValue(prefix + "predicate", out var predicateAlias);
            predicateAlias = string.IsNullOrWhiteSpace(predicateAlias) ? null : predicateAlias.Trim();
            IPredicate? predicate = null;
            if (predicateAlias is not null && !predicates.TryGetValue(predicateAlias, out predicate))
            {
                problems.Add($"Invalid value {predicateAlias} for configuration {prefix}predicate: " +
                    (predicateAliases.Contains(predicateAlias) ? "The predicate could not be created" : $"Predicate alias {predicateAlias} is not listed in '{ConnectorConfig.Predicates}'"));
            }

            var negate = false;
            if (config.TryGetValue(prefix + "negate", out var negateText))
            {
                try
                {
                    negate = (bool)(ConfigDef.ParseType(prefix + "negate", negateText, ConfigType.Boolean) ?? false);
                }
                catch (ConfigException e)
                {
                    problems.Add(e.Message);
                }
            }

            if (transformation is not null)
            {
                stages.Add(new TransformationStage(alias, transformation, predicateAlias, predicate, negate));
            }
        }

        var chain = new TransformationChain(stages, [.. predicates.Values]);
        if (problems.Count > 0)
        {
            chain.Dispose();
            throw new ConfigValidationException(problems);
        }

        return chain;
    }

    /// <summary>Runs the record through every stage; null when a stage dropped it.</summary>
    public ConnectRecord? Apply(ConnectRecord record)
    {
        ConnectRecord? current = record;
        for (var i = 0; i < Stages.Count && current is not null; i++)
        {
            current = Stages[i].Apply(current);
        }

        return current;
    }

    /// <summary>
    /// Kafka's <c>TransformationChain.apply</c> in a task: each stage runs under the error handler (stage
    /// TRANSFORMATION, the stage's transformation class), so a failure names the SMT that failed. Returns false when a
    /// stage failed and the error was tolerated; <paramref name="result"/> is null when a stage dropped the record.
    /// </summary>
    public bool TryApply(ConnectRecord record, ErrorHandler errors, ConsumedRecordContext? consumed, CancellationToken stop,
        out ConnectRecord? result)
    {
        ConnectRecord? current = record;
        for (var i = 0; i < Stages.Count && current is not null; i++)
        {
            var stage = Stages[i];
            if (!errors.TryExecute(Errors.Stage.Transformation, stage.Transformation.GetType(), (stage, current),
                    static s => s.stage.Apply(s.current), consumed, current, out current, stop))
            {
                result = null;
                return false;
            }
        }

        result = current;
        return true;
    }

    public void Dispose()
    {
        foreach (var stage in Stages)
        {
            stage.Transformation.Dispose();
        }

        foreach (var predicate in _predicates)
        {
            predicate.Dispose();
        }
    }

    private static List<string> Aliases(IReadOnlyDictionary<string, string> config, string key) =>
        config.TryGetValue(key, out var list) && !string.IsNullOrWhiteSpace(list)
            ? [.. list.Split(',').Select(a => a.Trim()).Where(a => a.Length > 0)]
            : [];

    private static T? Create<T>(IReadOnlyDictionary<string, string> config, PluginRegistry plugins, string prefix, PluginType kind,
        List<string> problems) where T : class
    {
        var typeKey = prefix + "type";
        if (!config.TryGetValue(typeKey, out var typeName) || string.IsNullOrWhiteSpace(typeName))
        {
            problems.Add($"Missing required configuration \"{typeKey}\" which has no default value.");
            return null;
        }

        var descriptor = plugins.Find(kind, typeName);
        if (descriptor is null)
        {
            problems.Add($"Invalid value {typeName} for configuration {typeKey}: {plugins.UnknownPluginMessage(kind, typeName)}");
            return null;
        }

        // As Kafka does, the stage's own keys (predicate, negate) are not passed to the transformation.
        var settings = ParsedConfig.WithPrefix(config, prefix)
            .Where(kv => kind != PluginType.Transformation || kv.Key is not ("predicate" or "negate"))
            .ToDictionary(kv => kv.Key, kv => kv.Value);
        try
        {
            var instance = plugins.Create<T>(descriptor.Type);
            var configDef = instance switch
            {
                ITransformation t => t.Config,
                IPredicate p => p.Config,
                _ => new ConfigDef(),
            };
            var errors = configDef.Validate(settings.ToDictionary(kv => kv.Key, kv => (string?)kv.Value))
                .SelectMany(v => v.ErrorMessages.Select(m => $"{prefix}{v.Name}: {m}")).ToList();
            if (errors.Count > 0)
            {
                problems.AddRange(errors);
                (instance as IDisposable)?.Dispose();
                return null;
            }

            switch (instance)
            {
                case ITransformation t:
                    t.Configure(settings);
                    break;
                case IPredicate p:
                    p.Configure(settings);
                    break;
            }

            return instance;
        }
        catch (Exception e) when (e is ConfigException or ConnectException)
        {
            problems.Add($"{typeKey}={typeName}: {e.Message}");
            return null;
        }
    }
}
