namespace StandaloneConnect.Sdk.Config;

/// <summary>Kafka's <c>ConfigDef.Type</c>; the REST API prints the upper-case name.</summary>
public enum ConfigType
{
    Boolean,
    String,
    Int,
    Short,
    Long,
    Double,
    List,
    Class,
    Password,
}

/// <summary>Kafka's <c>ConfigDef.Importance</c>.</summary>
public enum Importance
{
    High,
    Medium,
    Low,
}

/// <summary>Kafka's <c>ConfigDef.Width</c>, a UI hint.</summary>
public enum Width
{
    None,
    Short,
    Medium,
    Long,
}

/// <summary>A secret value; prints as <c>[hidden]</c>.</summary>
public sealed class Password(string value) : IEquatable<Password>
{
    public const string Hidden = "[hidden]";

    public string Value { get; } = value;

    public bool Equals(Password? other) => other is not null && other.Value == Value;

    public override bool Equals(object? obj) => Equals(obj as Password);

    public override int GetHashCode() => Value.GetHashCode(StringComparison.Ordinal);

    public override string ToString() => Hidden;
}

/// <summary>Checks one parsed config value; throws <see cref="ConfigException"/> when it is invalid.</summary>
public interface IValidator
{
    void EnsureValid(string name, object? value);
}

/// <summary>Suggests values and visibility for a key given the other parsed values (Kafka's <c>Recommender</c>).</summary>
public interface IRecommender
{
    IReadOnlyList<object> ValidValues(string name, IReadOnlyDictionary<string, object?> parsedConfig);

    bool Visible(string name, IReadOnlyDictionary<string, object?> parsedConfig);
}

/// <summary>One key of a <see cref="ConfigDef"/> with all of Kafka's metadata.</summary>
public sealed record ConfigKey(
    string Name,
    ConfigType Type,
    object? DefaultValue,
    bool HasDefault,
    IValidator? Validator,
    Importance Importance,
    string Documentation,
    string? Group,
    int OrderInGroup,
    Width Width,
    string DisplayName,
    IReadOnlyList<string> Dependents,
    IRecommender? Recommender,
    bool InternalConfig = false)
{
    /// <summary>True when the key has no default and must be given.</summary>
    public bool Required => !HasDefault;
}

/// <summary>The validation result for one key (Kafka's <c>ConfigValue</c>).</summary>
public sealed class ConfigValue(string name)
{
    public string Name { get; } = name;
    public object? Value { get; set; }
    public List<object> RecommendedValues { get; set; } = [];
    public List<string> ErrorMessages { get; } = [];
    public bool Visible { get; set; } = true;

    public void AddErrorMessage(string message) => ErrorMessages.Add(message);
}

/// <summary>Configuration errors found in one go; the message lists every problem, one per line.</summary>
public sealed class ConfigValidationException(IReadOnlyList<string> problems)
    : ConfigException(string.Join(Environment.NewLine, problems))
{
    public IReadOnlyList<string> Problems { get; } = problems;
}
