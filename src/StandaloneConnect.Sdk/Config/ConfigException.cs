namespace StandaloneConnect.Sdk.Config;

/// <summary>
/// A configuration value is missing or invalid. The message follows Kafka's wording so scripts that grep for
/// it keep working: <c>Invalid value abc for configuration tasks.max: Not a number of type INT</c>.
/// </summary>
public class ConfigException : Exception
{
    public ConfigException(string message) : base(message) { }

    public ConfigException(string message, Exception? innerException) : base(message, innerException) { }

    public ConfigException(string name, object? value, string? message)
        : base($"Invalid value {value ?? "null"} for configuration {name}{(message is null ? "" : ": " + message)}")
    {
        Name = name;
    }

    /// <summary>The configuration key the error is about, when one key is to blame.</summary>
    public string? Name { get; }
}
