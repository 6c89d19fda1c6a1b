using System.Collections.Concurrent;
using System.Reflection;
using StandaloneConnect.Sdk;
using StandaloneConnect.Sdk.Config;

namespace StandaloneConnect.Runtime.Plugins;

/// <summary>
/// The Java class names Kafka prints where we print a class: the DLQ's <c>__connect.errors.class.name</c> and
/// <c>__connect.errors.exception.class.name</c> headers and the tolerated-error log line. Tools that read those
/// headers see the same names as under Kafka Connect.
/// </summary>
public static class KafkaClassNames
{
    private static readonly ConcurrentDictionary<Type, string> Plugins = new();

    private static readonly Dictionary<Type, string> Exceptions = new()
    {
        [typeof(ConnectException)] = "org.apache.kafka.connect.errors.ConnectException",
        [typeof(DataException)] = "org.apache.kafka.connect.errors.DataException",
        [typeof(RetriableException)] = "org.apache.kafka.connect.errors.RetriableException",
        [typeof(SchemaBuilderException)] = "org.apache.kafka.connect.errors.SchemaBuilderException",
        [typeof(NotFoundException)] = "org.apache.kafka.connect.errors.NotFoundException",
        [typeof(AlreadyExistsException)] = "org.apache.kafka.connect.errors.AlreadyExistsException",
        [typeof(IllegalWorkerStateException)] = "org.apache.kafka.connect.errors.IllegalWorkerStateException",
        [typeof(ConfigException)] = "org.apache.kafka.common.config.ConfigException",
    };

    /// <summary>A plugin's Kafka class name (its first dotted <see cref="PluginAliasAttribute"/>), else the .NET name with <c>$</c> for nesting.</summary>
    public static string Of(Type type) => Plugins.GetOrAdd(type, static t =>
        t.GetCustomAttributes<PluginAliasAttribute>(inherit: false).FirstOrDefault(a => a.Name.Contains('.', StringComparison.Ordinal))?.Name
        ?? (t.FullName ?? t.Name).Replace('+', '$'));

    /// <summary>Kafka's exception class for the framework's exceptions; the .NET name for anything else.</summary>
    public static string OfException(Exception exception)
    {
        var type = exception.GetType();
        return Exceptions.TryGetValue(type, out var name) ? name : type.FullName ?? type.Name;
    }
}
