using StandaloneConnect.Sdk;
using StandaloneConnect.Sdk.Config;
using StandaloneConnect.Sdk.Data;
using StandaloneConnect.Sdk.Storage;

namespace StandaloneConnect.Converters;

/// <summary>
/// Kafka's <c>ByteArrayConverter</c>: passes raw bytes through unchanged (<c>byte[]</c> or
/// <c>ReadOnlyMemory&lt;byte&gt;</c>) and reads every value back as an optional BYTES value.
/// </summary>
[PluginAlias("org.apache.kafka.connect.converters.ByteArrayConverter")]
public sealed class ByteArrayConverter : IConverter, IHeaderConverter, IVersioned
{
    public ConfigDef Config => ConverterConfigs.NewConfigDef();

    public string Version => PluginVersion.Of(typeof(ByteArrayConverter));

    public void Configure(IReadOnlyDictionary<string, string> configs, bool isKey) =>
        Configure(ConverterConfigs.WithType(configs, ConverterConfigs.TypeFor(isKey)));

    public void Configure(IReadOnlyDictionary<string, string> configs) =>
        Config.Parse(ConverterConfigs.WithDefaultType(configs, ConverterType.Header));

    public byte[]? FromConnectData(string topic, ConnectHeaders? headers, Schema? schema, object? value)
    {
        if (schema is not null && schema.Type != SchemaType.Bytes)
        {
            throw new DataException("Invalid schema type for ByteArrayConverter: " + schema.Type.KafkaName());
        }

        return value switch
        {
            null => null,
            byte[] bytes => bytes,
            ReadOnlyMemory<byte> memory => memory.ToArray(),
            _ => throw new DataException("ByteArrayConverter is not compatible with objects of type " + value.GetType()),
        };
    }

    public SchemaAndValue ToConnectData(string topic, ConnectHeaders? headers, byte[]? value) =>
        new(Schema.OptionalBytes, value);

    public byte[]? FromConnectHeader(string topic, string headerKey, Schema? schema, object? value) =>
        FromConnectData(topic, null, schema, value);

    public SchemaAndValue ToConnectHeader(string topic, string headerKey, byte[]? value) => ToConnectData(topic, null, value);
}
