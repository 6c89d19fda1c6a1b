using System.Globalization;
using System.Runtime.Serialization;
using StandaloneConnect.Sdk;
using StandaloneConnect.Sdk.Config;
using StandaloneConnect.Sdk.Data;
using StandaloneConnect.Sdk.Storage;

namespace StandaloneConnect.Converters;

/// <summary>
/// Kafka's <c>BooleanConverter</c>: writes one byte, <c>0x01</c> or <c>0x00</c> (<c>BooleanSerializer</c>), and
/// reads every value back as an optional BOOLEAN. Null stays null; any other byte is rejected.
/// </summary>
[PluginAlias("org.apache.kafka.connect.converters.BooleanConverter")]
public sealed class BooleanConverter : IConverter, IHeaderConverter, IVersioned
{
    private const byte True = 0x01;
    private const byte False = 0x00;
    private const string DeserializeError = "Failed to deserialize boolean: ";

    public ConfigDef Config => ConverterConfigs.NewConfigDef();

    public string Version => PluginVersion.Of(typeof(BooleanConverter));

    public void Configure(IReadOnlyDictionary<string, string> configs, bool isKey) =>
        Configure(ConverterConfigs.WithType(configs, ConverterConfigs.TypeFor(isKey)));

    public void Configure(IReadOnlyDictionary<string, string> configs) =>
        Config.Parse(ConverterConfigs.WithDefaultType(configs, ConverterType.Header));

    public byte[]? FromConnectData(string topic, ConnectHeaders? headers, Schema? schema, object? value)
    {
        if (schema is not null && schema.Type != SchemaType.Boolean)
        {
            throw new DataException("Invalid schema type for BooleanConverter: " + schema.Type.KafkaName());
        }

        return value switch
        {
            null => null,
            bool flag => [flag ? True : False],
            _ => throw new DataException("BooleanConverter is not compatible with objects of type " + value.GetType()),
        };
    }

    public SchemaAndValue ToConnectData(string topic, ConnectHeaders? headers, byte[]? value) =>
        new(Schema.OptionalBoolean, value is null ? null : Read(value));

    public byte[]? FromConnectHeader(string topic, string headerKey, Schema? schema, object? value) =>
        FromConnectData(topic, null, schema, value);

    public SchemaAndValue ToConnectHeader(string topic, string headerKey, byte[]? value) => ToConnectData(topic, null, value);

    private static bool Read(byte[] value)
    {
        // Kafka's BooleanDeserializer errors; the byte is printed as Java's signed byte.
        var problem = value.Length != 1 ? "Size of data received by BooleanDeserializer is not 1"
            : value[0] is True or False ? null
            : "Unexpected byte received by BooleanDeserializer: " + ((sbyte)value[0]).ToString(CultureInfo.InvariantCulture);
        if (problem is not null)
        {
            var cause = new SerializationException(problem);
            throw new DataException(DeserializeError + cause.Message, cause);
        }

        return value[0] == True;
    }
}
