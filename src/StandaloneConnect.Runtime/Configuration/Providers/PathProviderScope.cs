namespace StandaloneConnect.Runtime.Configuration.Providers;

/// <summary>
/// What the file and directory providers share: <c>allowed.paths</c> read in <c>Configure</c>, and the check each
/// <c>Get</c> starts with. A helper rather than a base class, because the providers are public and this is not.
/// </summary>
internal sealed class PathProviderScope
{
    private AllowedPaths _allowedPaths = AllowedPaths.All;

    /// <exception cref="StandaloneConnect.Sdk.Config.ConfigException">An <c>allowed.paths</c> entry is invalid.</exception>
    public void Configure(IReadOnlyDictionary<string, string> parameters)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        _allowedPaths = AllowedPaths.FromParameters(parameters);
    }

    /// <summary>
    /// The path a <c>Get(path, keys)</c> should read, or null when it should return no data (empty path, or a path
    /// outside every allowed path).
    /// </summary>
    public string? Resolve(string path, IReadOnlyCollection<string> keys)
    {
        ArgumentNullException.ThrowIfNull(keys);
        return string.IsNullOrEmpty(path) ? null : _allowedPaths.Resolve(path);
    }
}
