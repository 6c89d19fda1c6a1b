using StandaloneConnect.Sdk.Config;

namespace StandaloneConnect.Runtime.Configuration.Providers;

/// <summary>
/// The <c>allowed.paths</c> parameter of the file and directory providers (KIP-993): a comma-separated list of
/// absolute paths; a requested path (after resolving <c>.</c> and <c>..</c>) must lie inside one of them.
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

            roots.Add(normalised);
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

        string normalised = Normalise(path);
        return _roots.Any(root => IsUnder(normalised, root)) ? normalised : null;
    }

    private static string Normalise(string path) => Path.TrimEndingDirectorySeparator(Path.GetFullPath(path));

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
