using StandaloneConnect.Sdk;
using StandaloneConnect.Sdk.Data;
using StandaloneConnect.Sdk.Storage;

namespace StandaloneConnect.Runtime.Tests.Plugins.TwinBeta;

/// <summary>Same simple name as <see cref="TwinAlpha.RegistryTwinConverter"/>: only the full names may resolve.</summary>
public sealed class RegistryTwinConverter : IConverter
{
    public void Configure(IReadOnlyDictionary<string, string> configs, bool isKey)
    {
    }

    public byte[]? FromConnectData(string topic, ConnectHeaders? headers, Schema? schema, object? value) => null;

    public SchemaAndValue ToConnectData(string topic, ConnectHeaders? headers, byte[]? value) => SchemaAndValue.Null;
}
