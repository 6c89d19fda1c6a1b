using System.Reflection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using StandaloneConnect.Sdk;
using StandaloneConnect.Sdk.Connectors;
using StandaloneConnect.Sdk.Storage;
using StandaloneConnect.Sdk.Transforms;

namespace StandaloneConnect.Runtime.Plugins;

/// <summary>
/// Every plugin class the worker can instantiate, found by scanning assemblies, and the names that resolve to them:
/// the .NET full name, each <see cref="PluginAliasAttribute"/> (Kafka's class names), the simple name, and the
/// simple name without its type suffix (<c>FileStreamSource</c>), the last two only when unambiguous, as in Kafka.
/// </summary>
public sealed class PluginRegistry
{
    private static readonly string[] Suffixes = ["HeaderConverter", "Connector", "Converter", "Transformation", "Predicate"];
    private readonly List<PluginDescriptor> _plugins = [];
    private readonly Dictionary<(PluginType, string), PluginDescriptor> _byName = [];
    private readonly TimeProvider _timeProvider;
    private readonly ILoggerFactory _loggerFactory;

    public PluginRegistry(IEnumerable<Assembly> assemblies, TimeProvider? timeProvider = null, ILoggerFactory? loggerFactory = null)
    {
        _timeProvider = timeProvider ?? TimeProvider.System;
        _loggerFactory = loggerFactory ?? NullLoggerFactory.Instance;
        foreach (var assembly in assemblies.Distinct())
        {
            Scan(assembly);
        }

        BuildAliases();
    }

    public IReadOnlyList<PluginDescriptor> Plugins => _plugins;

    public IEnumerable<PluginDescriptor> OfKind(PluginType kind) => _plugins.Where(p => p.Kind == kind);

    /// <summary>Finds a connector class (source or sink) by any of its names, or null.</summary>
    public PluginDescriptor? FindConnector(string name) =>
        Find(PluginType.Source, name) ?? Find(PluginType.Sink, name);

    public PluginDescriptor? Find(PluginType kind, string name) =>
        _byName.GetValueOrDefault((kind, name.Trim()));

    /// <summary>Kafka's error text for an unknown connector class, listing the available ones.</summary>
    public string UnknownConnectorMessage(string name) =>
        $"Failed to find any class that implements Connector and which name matches {name}, available connectors are: " +
        string.Join(", ", OfKind(PluginType.Source).Concat(OfKind(PluginType.Sink)).Select(p => p.ClassName));

    /// <summary>Kafka-like error text for an unknown plugin class of a kind, listing the available ones.</summary>
    public string UnknownPluginMessage(PluginType kind, string name) =>
        $"Class {name} could not be found. Available {PluginDescriptor.KindName(kind)} plugins are: " +
        string.Join(", ", OfKind(kind).Select(p => p.ClassName));

    /// <summary>
    /// Creates a plugin instance. Constructors may take a <see cref="TimeProvider"/> and an <see cref="ILogger"/>;
    /// the one with the most parameters the registry can satisfy is used.
    /// </summary>
    public T Create<T>(Type type) where T : class
    {
        var ctor = type.GetConstructors()
            .OrderByDescending(c => c.GetParameters().Length)
            .FirstOrDefault(c => c.GetParameters().All(CanSupply))
            ?? throw new ConnectException($"Plugin class {type.FullName} has no public constructor the worker can call");
        var args = ctor.GetParameters().Select(p => Supply(p, type)).ToArray();
        try
        {
            return (T)ctor.Invoke(args);
        }
        catch (TargetInvocationException e) when (e.InnerException is not null)
        {
            throw new ConnectException($"Failed to instantiate {type.FullName}: {e.InnerException.Message}", e.InnerException);
        }
    }

    private bool CanSupply(ParameterInfo p) =>
        p.ParameterType == typeof(TimeProvider) || p.ParameterType == typeof(ILogger) || p.HasDefaultValue;

    private object? Supply(ParameterInfo p, Type pluginType)
    {
        if (p.ParameterType == typeof(TimeProvider))
        {
            return _timeProvider;
        }

        if (p.ParameterType == typeof(ILogger))
        {
            return _loggerFactory.CreateLogger(pluginType.FullName ?? pluginType.Name);
        }

        return p.DefaultValue;
    }

    private void Scan(Assembly assembly)
    {
        Type[] types;
        try
        {
            types = assembly.GetExportedTypes();
        }
        catch (Exception e) when (e is ReflectionTypeLoadException or FileNotFoundException or FileLoadException)
        {
            throw new ConnectException($"Failed to load plugin types from {assembly.Location}: {e.Message}", e);
        }

        foreach (var type in types.Where(t => t is { IsClass: true, IsAbstract: false } && t.GetConstructors().Length > 0))
        {
            foreach (var kind in KindsOf(type))
            {
                var version = PluginVersion.Of(type);
                var aliases = type.GetCustomAttributes<PluginAliasAttribute>().Select(a => a.Name).ToList();
                var className = aliases.FirstOrDefault() ?? type.FullName ?? type.Name;
                _plugins.Add(new PluginDescriptor(type, kind, className, version, aliases));
            }
        }
    }

    private static IEnumerable<PluginType> KindsOf(Type type)
    {
        if (typeof(SourceConnector).IsAssignableFrom(type))
        {
            yield return PluginType.Source;
        }

        if (typeof(SinkConnector).IsAssignableFrom(type))
        {
            yield return PluginType.Sink;
        }

        if (typeof(IConverter).IsAssignableFrom(type))
        {
            yield return PluginType.Converter;
        }

        if (typeof(IHeaderConverter).IsAssignableFrom(type))
        {
            yield return PluginType.HeaderConverter;
        }

        if (typeof(ITransformation).IsAssignableFrom(type))
        {
            yield return PluginType.Transformation;
        }

        if (typeof(IPredicate).IsAssignableFrom(type))
        {
            yield return PluginType.Predicate;
        }
    }

    private void BuildAliases()
    {
        var ambiguous = new Dictionary<(PluginType, string), int>();
        var shortNames = new List<((PluginType, string) Key, PluginDescriptor Plugin)>();
        foreach (var p in _plugins)
        {
            _byName[(p.Kind, p.Type.FullName ?? p.Type.Name)] = p;
            _byName[(p.Kind, (p.Type.FullName ?? p.Type.Name).Replace('+', '$'))] = p;
            foreach (var alias in p.Aliases)
            {
                _byName[(p.Kind, alias)] = p;
            }

            foreach (var name in ShortNames(p).Distinct())
            {
                shortNames.Add(((p.Kind, name), p));
                ambiguous[(p.Kind, name)] = ambiguous.GetValueOrDefault((p.Kind, name)) + 1;
            }
        }

        foreach (var (key, plugin) in shortNames.Where(s => ambiguous[s.Key] == 1))
        {
            _byName.TryAdd(key, plugin);
        }
    }

    private static IEnumerable<string> ShortNames(PluginDescriptor p)
    {
        var names = p.Aliases.Select(a => a[(a.LastIndexOf('.') + 1)..]).Append(p.Type.Name);
        foreach (var simple in names)
        {
            if (simple.Contains('$', StringComparison.Ordinal))
            {
                continue; // nested classes (InsertField$Value) need the full name, as in Kafka
            }

            yield return simple;
            var suffix = Suffixes.FirstOrDefault(s => simple.EndsWith(s, StringComparison.Ordinal) && simple.Length > s.Length);
            if (suffix is not null)
            {
                yield return simple[..^suffix.Length];
            }
        }
    }
}
