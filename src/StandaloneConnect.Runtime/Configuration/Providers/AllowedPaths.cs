using StandaloneConnect.Sdk.Config;

namespace StandaloneConnect.Runtime.Configuration.Providers;

/// <summary>
/// The <c>allowed.paths</c> parameter of the file and directory providers (KIP-993): a comma-separated list of
/// absolute paths; a requested path (after resolving <c>.</c>, <c>..</c> and symbolic links) must lie inside one of
/// them, and the resolved path is the one read. Kafka compares the paths lexically, so a link inside an allowed
/// directory escapes it there; here the allowed paths and the requested one are both resolved to their real location.
/// When the parameter is absent or empty every path is allowed.
/// </summary>
internal sealed class AllowedPaths
{
    public const string ConfigName = "allowed.paths";

    private static readonly StringComparison PathComparison =
        OperatingSystem.IsWindows() || OperatingSystem.IsMacOS() ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal;

    private readonly IReadOnlyList<string>? _roots;

    private AllowedPaths(IReadOnlyList<string>? roots) => _roots = roots;

    public static AllowedPaths All { get; } = new(null);

    /// <exception cref="ConfigException">An entry is not absolute or does not exist.</exception>
    public static AllowedPaths FromParameters(IReadOnlyDictionary<string, string> parameters)
    {
        if (!parameters.TryGetValue(ConfigName, out string? value) || string.IsNullOrWhiteSpace(value))
        {
            return All;
        }

        var roots = new List<string>();
        foreach (string entry in value.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            if (!Path.IsPathFullyQualified(entry))
            {
                throw new ConfigException(ConfigName, value, $"Path {entry} is not absolute");
            }

            string normalised = Normalise(entry);
            if (!Path.Exists(normalised))
            {
                throw new ConfigException(ConfigName, value, $"Path {normalised} does not exist");
            }

            roots.Add(RealPath(normalised));
        }

        return new AllowedPaths(roots);
    }

    /// <summary>Returns the path to use, or null when <paramref name="path"/> lies outside every allowed path.</summary>
    public string? Resolve(string path)
    {
        if (_roots is null)
        {
            return path;
        }

        if (!Path.IsPathFullyQualified(path))
        {
            return null;
        }

        string real = RealPath(Normalise(path));
        return _roots.Any(root => IsUnder(real, root)) ? real : null;
    }

    private static string Normalise(string path) => Path.TrimEndingDirectorySeparator(Path.GetFullPath(path));

    /// <summary>
    /// <paramref name="path"/> (absolute, normalised) with every symbolic link along it replaced by its target, as
    /// POSIX <c>realpath</c>; components that do not exist are kept as they are.
    /// </summary>
    internal static string RealPath(string path, int depth = 0)
    {
        const int maxLinks = 40; // Linux's limit on links followed while resolving one path
        var root = Path.GetPathRoot(path) ?? "";
        var current = root;
        var parts = path[root.Length..].Split([Path.DirectorySeparatorChar, Path.AltDirectorySeparatorChar], StringSplitOptions.RemoveEmptyEntries);
        for (var i = 0; i < parts.Length; i++)
        {
            var next = Path.Combine(current, parts[i]);
            string? target;
            try
            {
                target = new FileInfo(next).LinkTarget;
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                target = null; // unreadable: compare what is written
            }

            if (target is null)
            {
                current = next;
                continue;
            }

            if (depth >= maxLinks)
            {
                throw new IOException($"Too many levels of symbolic links in {path}");
            }

            // The target, relative to the link's directory, with the remaining components, resolved again.
            var rest = Path.Combine([Path.GetFullPath(target, current), .. parts[(i + 1)..]]);
            return RealPath(Normalise(rest), depth + 1);
        }

        return current;
    }

    private static bool IsUnder(string path, string root)
    {
        if (!path.StartsWith(root, PathComparison))
        {
            return false;
        }

        return path.Length == root.Length
            || Path.EndsInDirectorySeparator(root)
            || path[root.Length] == Path.DirectorySeparatorChar
            || path[root.Length] == Path.AltDirectorySeparatorChar;
    }
}
