using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace StandaloneConnect.Runtime.Logging;

/// <summary>
/// The log levels of this worker, changeable at run time (Kafka's <c>Loggers</c>, behind <c>/admin/loggers</c>), with
/// log4j semantics: logger names are dotted, a logger without an explicit level inherits the level of its nearest
/// dotted ancestor that has one, and the root logger's level otherwise.
/// </summary>
/// <remarks>
/// Known loggers are every category that has asked <see cref="IsEnabled"/> so far and every logger that got an explicit
/// level. Thread-safe. Reads never lock: the explicit levels are an immutable snapshot replaced as a whole on change,
/// and each category caches its effective level together with the snapshot version it was computed from.
/// </remarks>
public sealed class LoggerLevels
{
    /// <summary>The root logger's name in the API ("root", any case; log4j2's empty name is accepted too).</summary>
    public const string RootLoggerName = "root";

    private readonly TimeProvider _time;
    private readonly Lock _gate = new();
    private readonly ConcurrentDictionary<string, Cached> _used = new(StringComparer.Ordinal);
    private volatile Snapshot _snapshot;

    /// <param name="timeProvider">The clock for <see cref="LoggerLevel.LastModified"/>.</param>
    /// <param name="rootLevel">The root level: a log4j or <see cref="LogLevel"/> name, any case; INFO if null.</param>
    /// <param name="initialLevels">Loggers with a level from the start (like those in Kafka's log4j config file):
    /// they are listed as explicit, with no last-modified time.</param>
    /// <exception cref="ArgumentException">A level is neither a log4j nor a <see cref="LogLevel"/> name.</exception>
    public LoggerLevels(TimeProvider timeProvider, string? rootLevel = null, IEnumerable<KeyValuePair<string, string>>? initialLevels = null)
    {
        ArgumentNullException.ThrowIfNull(timeProvider);
        _time = timeProvider;
        var root = ParseOrThrow(rootLevel ?? Log4jLevel.Info, configured: true, nameof(rootLevel));
        var loggers = new Dictionary<string, Explicit>(StringComparer.Ordinal);
        foreach (var (name, level) in initialLevels ?? [])
        {
            if (IsRootName(name))
            {
                root = ParseOrThrow(level, configured: true, nameof(initialLevels));
            }
            else
            {
                loggers[name] = new Explicit(ParseOrThrow(level, configured: true, nameof(initialLevels)), null);
            }
        }

        _snapshot = new Snapshot(0, new Explicit(root, null), loggers);
    }

    /// <summary>Parses a log4j level name as <c>PUT /admin/loggers/{logger}</c> accepts it; <paramref name="level"/> is upper case.</summary>
    public static bool TryParseLevel(string? text, out string level) => Log4jLevel.TryParse(text, out level);

    /// <summary>
    /// Whether <paramref name="category"/> logs at <paramref name="level"/>. Called on every log call: a cached lookup
    /// that allocates nothing unless levels changed since this category last asked (or it never asked).
    /// </summary>
    public bool IsEnabled(string category, LogLevel level)
    {
        var snapshot = _snapshot;
        if (!_used.TryGetValue(category, out var cached) || cached.Version != snapshot.Version)
        {
            cached = new Cached(snapshot.Version, snapshot.Effective(category).Minimum);
            _used[category] = cached;
        }

        return level >= cached.Minimum && level != LogLevel.None;
    }

    /// <summary>The root logger and every logger with an explicit level, sorted by name (ordinal, like Java's TreeMap).</summary>
    public IReadOnlyDictionary<string, LoggerLevel> AllExplicit()
    {
        var snapshot = _snapshot;
        var result = new SortedDictionary<string, LoggerLevel>(StringComparer.Ordinal);
        foreach (var (name, level) in snapshot.Loggers)
        {
            result[name] = level.ToLoggerLevel();
        }

        result[RootLoggerName] = snapshot.Root.ToLoggerLevel();
        return result;
    }

    /// <summary>
    /// The level of a known logger: its explicit level, else its effective (inherited) level with no last-modified
    /// time; null if no logger of that name is known. "root" (any case) is the root logger.
    /// </summary>
    public LoggerLevel? Level(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        var snapshot = _snapshot;
        if (IsRootName(name))
        {
            return snapshot.Root.ToLoggerLevel();
        }

        if (snapshot.Loggers.TryGetValue(name, out var own))
        {
            return own.ToLoggerLevel();
        }

        return _used.ContainsKey(name) ? new LoggerLevel(snapshot.Effective(name).Level, null) : null;
    }

    /// <summary>The names of all known loggers (not the root), sorted.</summary>
    public IReadOnlyList<string> KnownLoggers()
    {
        var names = new SortedSet<string>(_used.Keys, StringComparer.Ordinal);
        names.UnionWith(_snapshot.Loggers.Keys);
        return [.. names];
    }

    /// <summary>
    /// Sets <paramref name="level"/> explicitly on the logger <paramref name="name"/> and on every known logger whose
    /// name starts with it (a plain prefix match, as Kafka's <c>Loggers.setLevel</c> does: "a.b" also matches "a.bc");
    /// "root" sets the root logger and every known logger. A logger's last-modified time changes only if its level
    /// really changes. Returns the names of all these loggers, sorted.
    /// </summary>
    /// <exception cref="ArgumentException"><paramref name="level"/> is not a log4j level name.</exception>
    public IReadOnlyList<string> SetLevel(string name, string level)
    {
        ArgumentNullException.ThrowIfNull(name);
        var parsed = ParseOrThrow(level, configured: false, nameof(level));
        lock (_gate)
        {
            var old = _snapshot;
            var now = _time.GetUtcNow().ToUnixTimeMilliseconds();
            var loggers = new Dictionary<string, Explicit>(old.Loggers, StringComparer.Ordinal);
            var affected = new SortedSet<string>(StringComparer.Ordinal);
            var root = old.Root;
            var isRoot = IsRootName(name);
            if (isRoot)
            {
                root = old.Root.Level == parsed ? old.Root : new Explicit(parsed, now);
                affected.Add(RootLoggerName);
            }
            else
            {
                Set(name);
            }

            foreach (var known in _used.Keys.Concat(old.Loggers.Keys))
            {
                if (isRoot || known.StartsWith(name, StringComparison.Ordinal))
                {
                    Set(known);
                }
            }

            _snapshot = new Snapshot(unchecked(old.Version + 1), root, loggers);
            return [.. affected];

            void Set(string logger)
            {
                if (!affected.Add(logger))
                {
                    return;
                }

                var current = old.Loggers.GetValueOrDefault(logger);
                var currentLevel = current?.Level ?? old.Effective(logger).Level;
                loggers[logger] = new Explicit(parsed, currentLevel == parsed ? current?.LastModified : now);
            }
        }
    }

    private static bool IsRootName(string name) =>
        name.Length == 0 || string.Equals(name, RootLoggerName, StringComparison.OrdinalIgnoreCase);

    private static string ParseOrThrow(string? text, bool configured, string parameter) =>
        (configured ? Log4jLevel.TryParseConfigured(text, out var level) : Log4jLevel.TryParse(text, out level))
            ? level
            : throw new ArgumentException($"invalid log level '{text}'.", parameter);

    private readonly record struct Cached(int Version, LogLevel Minimum);

    private sealed class Explicit(string level, long? lastModified)
    {
        public string Level { get; } = level;

        public long? LastModified { get; } = lastModified;

        public LogLevel Minimum { get; } = Log4jLevel.ToLogLevel(level);

        public LoggerLevel ToLoggerLevel() => new(Level, LastModified);
    }

    /// <summary>The explicit levels at one version; never changed once published.</summary>
    private sealed class Snapshot(int version, Explicit root, Dictionary<string, Explicit> loggers)
    {
        private readonly Dictionary<string, Explicit>.AlternateLookup<ReadOnlySpan<char>> _bySpan =
            loggers.GetAlternateLookup<ReadOnlySpan<char>>();

        public int Version { get; } = version;

        public Explicit Root { get; } = root;

        public IReadOnlyDictionary<string, Explicit> Loggers { get; } = loggers;

        /// <summary>The explicit level of the logger or of its nearest dotted ancestor that has one, else the root's.</summary>
        public Explicit Effective(string logger)
        {
            var name = logger.AsSpan();
            while (true)
            {
                if (_bySpan.TryGetValue(name, out var found))
                {
                    return found;
                }

                var dot = name.LastIndexOf('.');
                if (dot < 0)
                {
                    return Root;
                }

                name = name[..dot];
            }
        }
    }
}
