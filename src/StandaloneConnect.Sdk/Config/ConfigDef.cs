using System.Globalization;
using System.Text.RegularExpressions;

namespace StandaloneConnect.Sdk.Config;

/// <summary>
/// The declaration of a plugin's configuration (Kafka's <c>ConfigDef</c>): keys with type, default, validator,
/// importance, documentation and UI metadata. The same definition parses config at start-up
/// (<see cref="Parse"/>, which reports every problem at once) and answers the REST validation endpoints
/// (<see cref="Validate"/>).
/// </summary>
public sealed partial class ConfigDef
{
    /// <summary>Marks a key without default, i.e. a required key.</summary>
    public static readonly object NoDefault = new();

    private readonly List<ConfigKey> _keys = [];
    private readonly Dictionary<string, ConfigKey> _byName = new(StringComparer.Ordinal);

    public ConfigDef()
    {
    }

    public ConfigDef(ConfigDef other)
    {
        foreach (var key in other._keys)
        {
            Define(key);
        }
    }

    /// <summary>The keys in definition order.</summary>
    public IReadOnlyList<ConfigKey> Keys => _keys;

    /// <summary>The groups in first-use order.</summary>
    public IReadOnlyList<string> Groups => _keys.Select(k => k.Group).OfType<string>().Distinct().ToList();

    public ConfigKey? this[string name] => _byName.GetValueOrDefault(name);

    public ConfigDef Define(ConfigKey key)
    {
        if (!_byName.TryAdd(key.Name, key))
        {
            throw new ConfigException($"Configuration {key.Name} is defined twice.");
        }

        if (key.HasDefault && key.Validator is not null)
        {
            key.Validator.EnsureValid(key.Name, key.DefaultValue);
        }

        _keys.Add(key);
        return this;
    }

    /// <summary>Defines a key. Pass <see cref="NoDefault"/> as the default for a required key.</summary>
    public ConfigDef Define(string name, ConfigType type, object? defaultValue, IValidator? validator, Importance importance,
        string documentation, string? group = null, int orderInGroup = -1, Width width = Width.None, string? displayName = null,
        IReadOnlyList<string>? dependents = null, IRecommender? recommender = null)
    {
        var hasDefault = !ReferenceEquals(defaultValue, NoDefault);
        var parsedDefault = hasDefault ? ParseType(name, defaultValue, type) : null;
        return Define(new ConfigKey(name, type, parsedDefault, hasDefault, validator, importance, documentation, group,
            orderInGroup, width, displayName ?? name, dependents ?? [], recommender));
    }

    public ConfigDef Define(string name, ConfigType type, object? defaultValue, Importance importance, string documentation) =>
        Define(name, type, defaultValue, null, importance, documentation);

    /// <summary>Defines a required key without default.</summary>
    public ConfigDef Define(string name, ConfigType type, Importance importance, string documentation) =>
        Define(name, type, NoDefault, null, importance, documentation);

    /// <summary>Adds every key of <paramref name="other"/> that this definition does not have yet.</summary>
    public ConfigDef Merge(ConfigDef other)
    {
        foreach (var key in other._keys.Where(k => !_byName.ContainsKey(k.Name)))
        {
            Define(key);
        }

        return this;
    }

    /// <summary>
    /// Parses and validates the given properties; throws <see cref="ConfigValidationException"/> listing every
    /// problem. Keys not in the definition are kept in <see cref="ParsedConfig.Originals"/>.
    /// </summary>
    public ParsedConfig Parse(IReadOnlyDictionary<string, string> props)
    {
        var values = new Dictionary<string, object?>(StringComparer.Ordinal);
        var problems = new List<string>();
        foreach (var key in _keys)
        {
            try
            {
                values[key.Name] = ParseValue(key, props.TryGetValue(key.Name, out var raw) ? raw : null, props.ContainsKey(key.Name));
            }
            catch (ConfigException e)
            {
                problems.Add(e.Message);
            }
        }

        if (problems.Count > 0)
        {
            throw new ConfigValidationException(problems);
        }

        return new ParsedConfig(this, values, props);
    }

    /// <summary>Validates every key and returns one <see cref="ConfigValue"/> per key, errors included (never throws for bad values).</summary>
    public IReadOnlyList<ConfigValue> Validate(IReadOnlyDictionary<string, string?> props)
    {
        var parsed = new Dictionary<string, object?>(StringComparer.Ordinal);
        var results = new List<ConfigValue>();
        foreach (var key in _keys)
        {
            var cv = new ConfigValue(key.Name);
            results.Add(cv);
            props.TryGetValue(key.Name, out var raw);
            cv.Value = raw;
            try
            {
                if (props.ContainsKey(key.Name) && raw is null)
                {
                    throw new ConfigException("Null value can not be supplied as the configuration value.");
                }

                var value = ParseValue(key, raw, props.ContainsKey(key.Name));
                parsed[key.Name] = value;
                cv.Value = value;
            }
            catch (ConfigException e)
            {
                cv.AddErrorMessage(e.Message);
            }
        }

        foreach (var cv in results)
        {
            var key = _byName[cv.Name];
            if (key.Recommender is { } recommender)
            {
                cv.RecommendedValues = [.. recommender.ValidValues(key.Name, parsed)];
                cv.Visible = recommender.Visible(key.Name, parsed);
            }
        }

        return results;
    }

    /// <summary>Kafka's <c>ConfigDef.parseType</c>: converts a raw value (string or typed) to the key's type.</summary>
    public static object? ParseType(string name, object? value, ConfigType type)
    {
        if (value is null)
        {
            return null;
        }

        var text = value as string;
        var trimmed = text?.Trim();
        switch (type)
        {
            case ConfigType.Boolean:
                if (value is bool)
                {
                    return value;
                }

                if (string.Equals(trimmed, "true", StringComparison.OrdinalIgnoreCase))
                {
                    return true;
                }

                if (string.Equals(trimmed, "false", StringComparison.OrdinalIgnoreCase))
                {
                    return false;
                }

                throw new ConfigException(name, value, "Expected value to be either true or false");
            case ConfigType.Password:
                return value switch
                {
                    Password => value,
                    string s => new Password(s),
                    _ => throw new ConfigException(name, value, "Expected value to be a string, but it was a " + value.GetType().Name),
                };
            case ConfigType.String:
                return trimmed ?? throw new ConfigException(name, value, "Expected value to be a string, but it was a " + value.GetType().Name);
            case ConfigType.Int:
                return ParseNumber(name, value, trimmed, "INT", s => int.Parse(s, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture));
            case ConfigType.Short:
                return ParseNumber(name, value, trimmed, "SHORT", s => short.Parse(s, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture));
            case ConfigType.Long:
                return ParseNumber(name, value, trimmed, "LONG", s => long.Parse(s, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture));
            case ConfigType.Double:
                return ParseNumber(name, value, trimmed, "DOUBLE", s => double.Parse(s, NumberStyles.Float, CultureInfo.InvariantCulture));
            case ConfigType.List:
                if (value is not string && value is IEnumerable<string> list)
                {
                    return list.ToList();
                }

                if (trimmed is null)
                {
                    throw new ConfigException(name, value, "Expected a comma separated list.");
                }

                return trimmed.Length == 0 ? new List<string>() : CommaWithWhitespace().Split(trimmed).ToList();
            case ConfigType.Class:
                return trimmed ?? throw new ConfigException(name, value, "Expected a Class instance or class name.");
            default:
                throw new InvalidOperationException("Unknown type " + type);
        }
    }

    private static object? ParseValue(ConfigKey key, string? raw, bool present)
    {
        object? value;
        if (present && raw is not null)
        {
            value = ParseType(key.Name, raw, key.Type);
        }
        else if (!key.HasDefault)
        {
            throw new ConfigException($"Missing required configuration \"{key.Name}\" which has no default value.");
        }
        else
        {
            value = key.DefaultValue;
        }

        key.Validator?.EnsureValid(key.Name, value);
        return value;
    }

    private static object ParseNumber(string name, object value, string? trimmed, string typeName, Func<string, object> parse)
    {
        if (value is not string)
        {
            // Each arm is boxed on its own: without the casts the switch's natural type would be double for all.
            return typeName switch
            {
                "INT" when value is int or short or sbyte => (object)Convert.ToInt32(value, CultureInfo.InvariantCulture),
                "SHORT" when value is short or sbyte => (object)Convert.ToInt16(value, CultureInfo.InvariantCulture),
                "LONG" when value is long or int or short or sbyte => (object)Convert.ToInt64(value, CultureInfo.InvariantCulture),
                "DOUBLE" when value is double or float or int or long => (object)Convert.ToDouble(value, CultureInfo.InvariantCulture),
                _ => throw new ConfigException(name, value, "Expected value to be a " + typeName switch
                {
                    "INT" => "32-bit integer",
                    "SHORT" => "16-bit integer",
                    "LONG" => "64-bit integer",
                    _ => "double",
                } + ", but it was a " + value.GetType().Name),
            };
        }

        try
        {
            return parse(trimmed ?? "");
        }
        catch (Exception e) when (e is FormatException or OverflowException)
        {
            throw new ConfigException(name, value, "Not a number of type " + typeName);
        }
    }

    [GeneratedRegex(@"\s*,\s*")]
    private static partial Regex CommaWithWhitespace();
}
