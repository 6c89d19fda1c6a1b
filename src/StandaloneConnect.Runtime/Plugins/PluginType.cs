namespace StandaloneConnect.Runtime.Plugins;

/// <summary>The plugin kinds of Kafka's <c>PluginType</c>, with the lower-case names the REST API prints.</summary>
public enum PluginType
{
    Sink,
    Source,
    Converter,
    HeaderConverter,
    Transformation,
    Predicate,
}

/// <summary>One plugin class and every name it answers to.</summary>
public sealed record PluginDescriptor(Type Type, PluginType Kind, string ClassName, string Version, IReadOnlyList<string> Aliases)
{
    public static string KindName(PluginType kind) => kind switch
    {
        PluginType.Sink => "sink",
        PluginType.Source => "source",
        PluginType.Converter => "converter",
        PluginType.HeaderConverter => "header_converter",
        PluginType.Transformation => "transformation",
        PluginType.Predicate => "predicate",
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };
}
