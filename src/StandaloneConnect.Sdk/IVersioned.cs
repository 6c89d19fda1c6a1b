using System.Reflection;

namespace StandaloneConnect.Sdk;

/// <summary>A plugin that reports its version (shown by <c>GET /connector-plugins</c>).</summary>
public interface IVersioned
{
    string Version { get; }
}

/// <summary>
/// Extra names a plugin answers to, typically the Apache Kafka class name it replaces
/// (<c>org.apache.kafka.connect.file.FileStreamSourceConnector</c>). The runtime also registers the .NET full
/// name, the simple name and the simple name without its type suffix, as Kafka does.
/// </summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
public sealed class PluginAliasAttribute(string name) : Attribute
{
    public string Name { get; } = name;
}

/// <summary>Version helpers for plugins.</summary>
public static class PluginVersion
{
    /// <summary>The informational (or assembly) version of the assembly that defines <paramref name="type"/>.</summary>
    public static string Of(Type type)
    {
        var assembly = type.Assembly;
        var info = assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion;
        if (info is not null)
        {
            var plus = info.IndexOf('+', StringComparison.Ordinal);
            return plus < 0 ? info : info[..plus];
        }

        return assembly.GetName().Version?.ToString(3) ?? "undefined";
    }
}
