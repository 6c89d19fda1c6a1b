using StandaloneConnect.Sdk.Config;
using StandaloneConnect.Sdk.Storage;

namespace StandaloneConnect.Converters;

/// <summary>Kafka's <c>ConverterConfig</c>: the <c>converter.type</c> key every converter declares.</summary>
internal static class ConverterConfigs
{
    private const string TypeDoc = "How this converter will be used.";

    /// <summary>A new definition holding <c>converter.type</c> (required, <c>key</c>, <c>value</c> or <c>header</c>).</summary>
    public static ConfigDef NewConfigDef() => new ConfigDef().Define(ConverterType.ConfigKey, ConfigType.String, ConfigDef.NoDefault,
        Validators.In(ConverterType.Key, ConverterType.Value, ConverterType.Header), Importance.Low, TypeDoc);

    /// <summary>A copy of <paramref name="configs"/> with <c>converter.type</c> set, as Kafka's <c>configure(map, isKey)</c> does.</summary>
    public static IReadOnlyDictionary<string, string> WithType(IReadOnlyDictionary<string, string> configs, string type) =>
        new Dictionary<string, string>(configs, StringComparer.Ordinal) { [ConverterType.ConfigKey] = type };

    /// <summary>
    /// The header entry point: Kafka requires <c>converter.type</c> there; it defaults to <c>header</c> here so a
    /// header converter configured without it still works.
    /// </summary>
    public static IReadOnlyDictionary<string, string> WithDefaultType(IReadOnlyDictionary<string, string> configs, string type) =>
        configs.ContainsKey(ConverterType.ConfigKey) ? configs : WithType(configs, type);

    public static string TypeFor(bool isKey) => isKey ? ConverterType.Key : ConverterType.Value;
}
