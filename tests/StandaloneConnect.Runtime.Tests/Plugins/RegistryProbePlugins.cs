using Microsoft.Extensions.Logging;
using StandaloneConnect.Sdk;
using StandaloneConnect.Sdk.Config;
using StandaloneConnect.Sdk.Connectors;
using StandaloneConnect.Sdk.Data;
using StandaloneConnect.Sdk.Storage;
using StandaloneConnect.Sdk.Transforms;

namespace StandaloneConnect.Runtime.Tests.Plugins;

// Small plugins the PluginRegistry tests find by scanning this assembly. The "RegistryProbe" prefix keeps their short
// names clear of plugins other test fixtures define in the same assembly.

[PluginAlias("com.example.probe.RegistryProbeSourceConnector")]
public sealed class RegistryProbeSourceConnector : SourceConnector
{
    public override ConfigDef Config { get; } = new();

    public override Type TaskType => typeof(SourceTask);

    public override void Start(IReadOnlyDictionary<string, string> props)
    {
    }

    public override IReadOnlyList<IReadOnlyDictionary<string, string>> TaskConfigs(int maxTasks) => [];

    public override void Stop()
    {
    }
}

public sealed class RegistryProbeSinkConnector : SinkConnector
{
    public override ConfigDef Config { get; } = new();

    public override Type TaskType => typeof(SinkTask);

    public override void Start(IReadOnlyDictionary<string, string> props)
    {
    }

    public override IReadOnlyList<IReadOnlyDictionary<string, string>> TaskConfigs(int maxTasks) => [];

    public override void Stop()
    {
    }
}

/// <summary>A converter whose constructor asks the registry for a clock and a logger.</summary>
public sealed class RegistryProbeConverter(TimeProvider time, ILogger logger) : IConverter
{
    public TimeProvider Time { get; } = time;

    public ILogger Logger { get; } = logger;

    public void Configure(IReadOnlyDictionary<string, string> configs, bool isKey)
    {
    }

    public byte[]? FromConnectData(string topic, ConnectHeaders? headers, Schema? schema, object? value) => null;

    public SchemaAndValue ToConnectData(string topic, ConnectHeaders? headers, byte[]? value) => SchemaAndValue.Null;
}

/// <summary>Kafka's <c>InsertField$Value</c> shape: an abstract outer class with nested Key/Value variants.</summary>
public abstract class RegistryProbeField : ITransformation
{
    public ConfigDef Config { get; } = new();

    public void Configure(IReadOnlyDictionary<string, string> configs)
    {
    }

    public ConnectRecord? Apply(ConnectRecord record) => record;

    public void Dispose()
    {
    }

    [PluginAlias("com.example.probe.RegistryProbeField$Key")]
    public sealed class Key : RegistryProbeField
    {
    }

    [PluginAlias("com.example.probe.RegistryProbeField$Value")]
    public sealed class Value : RegistryProbeField
    {
    }
}

public sealed class RegistryProbeTransformation : ITransformation
{
    public ConfigDef Config { get; } = new();

    public void Configure(IReadOnlyDictionary<string, string> configs)
    {
    }

    public ConnectRecord? Apply(ConnectRecord record) => record;

    public void Dispose()
    {
    }
}
