using System.Text;
using StandaloneConnect.Sdk.Config;

namespace StandaloneConnect.Runtime.Configuration.Providers;

/// <summary>
/// <c>${dir:/path/to/dir:file}</c>: each regular file in the directory is a key and its whole UTF-8 content the
/// value, as used for Kubernetes secret volumes (Kafka's
/// <c>org.apache.kafka.common.config.provider.DirectoryConfigProvider</c>). Symbolic links to regular files count as
/// files; subdirectories do not. Honours <c>allowed.paths</c>.
/// </summary>
public sealed class DirectoryConfigProvider : IConfigProvider
{
    public const string KafkaClassName = "org.apache.kafka.common.config.provider.DirectoryConfigProvider";

    private readonly PathProviderScope _scope = new();

    /// <inheritdoc />
    public void Configure(IReadOnlyDictionary<string, string> parameters) => _scope.Configure(parameters);

    /// <inheritdoc />
    /// <exception cref="ConfigException">The directory cannot be listed or a file cannot be read.</exception>
    public ConfigData Get(string path, IReadOnlyCollection<string> keys)
    {
        if (_scope.Resolve(path, keys) is not { } directory || !Directory.Exists(directory))
        {
            return ConfigData.Empty;
        }

        var wanted = new HashSet<string>(keys, StringComparer.Ordinal);
        var data = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (string entry in ListEntries(directory))
        {
            string name = Path.GetFileName(entry);
            // Each file is checked too: a link in an allowed directory may point anywhere.
            if (wanted.Contains(name) && !Directory.Exists(entry) && _scope.Resolve(entry, keys) is { } file && TryRead(file) is { } value)
            {
                data[name] = value;
            }
        }

        return new ConfigData(data);
    }

    public void Dispose()
    {
    }

    private static IEnumerable<string> ListEntries(string directory)
    {
        try
        {
            return Directory.GetFileSystemEntries(directory);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new ConfigException($"Could not list directory {directory}: {ex.Message}", ex);
        }
    }

    /// <summary>Reads a file's content, or returns null when it vanished or is a dangling link.</summary>
    private static string? TryRead(string file)
    {
        try
        {
            return Encoding.UTF8.GetString(File.ReadAllBytes(file));
        }
        catch (Exception ex) when (ex is FileNotFoundException or DirectoryNotFoundException)
        {
            return null;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new ConfigException($"Could not read value from file {file}: {ex.Message}", ex);
        }
    }
}
