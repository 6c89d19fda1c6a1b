using System.Reflection;
using System.Runtime.Loader;
using Microsoft.Extensions.Logging;

namespace StandaloneConnect.Cli;

/// <summary>The assemblies scanned for plugins: the built-in families plus every *.dll under <c>plugin.path</c>.</summary>
internal static partial class PluginAssemblies
{
    public static IReadOnlyList<Assembly> BuiltIn { get; } =
    [
        typeof(Converters.JsonConverter).Assembly,
        typeof(Transforms.TransformsAssembly).Assembly,
        typeof(Connectors.File.FileStreamSourceConnector).Assembly,
    ];

    public static IReadOnlyList<Assembly> Load(IReadOnlyList<string> pluginPath, ILogger logger)
    {
        var result = new List<Assembly>(BuiltIn);
        foreach (var entry in pluginPath.Where(p => p.Length > 0))
        {
            IEnumerable<string> files = Directory.Exists(entry) ? Directory.EnumerateFiles(entry, "*.dll", SearchOption.AllDirectories)
                : File.Exists(entry) ? [entry]
                : [];
            if (!Directory.Exists(entry) && !File.Exists(entry))
            {
                LogMissing(logger, Path.GetFullPath(entry)); // as Kafka: reported and ignored
            }

            foreach (var file in files)
            {
                try
                {
                    var name = AssemblyName.GetAssemblyName(file).Name;
                    if (AppDomain.CurrentDomain.GetAssemblies().Any(a => a.GetName().Name == name))
                    {
                        continue; // the host's own copy (StandaloneConnect.Sdk and shared dependencies) wins
                    }

                    result.Add(AssemblyLoadContext.Default.LoadFromAssemblyPath(Path.GetFullPath(file)));
                }
                catch (Exception e) when (e is BadImageFormatException or FileLoadException)
                {
                    LogSkipped(logger, file, e.Message);
                }
            }
        }

        return result;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "plugin.path: {Entry} does not exist; ignoring it")]
    private static partial void LogMissing(ILogger logger, string entry);

    [LoggerMessage(Level = LogLevel.Warning, Message = "plugin.path: skipping {File}: {Reason}")]
    private static partial void LogSkipped(ILogger logger, string file, string reason);
}
