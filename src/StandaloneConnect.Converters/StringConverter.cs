using StandaloneConnect.Sdk;
using StandaloneConnect.Sdk.Config;
using StandaloneConnect.Sdk.Data;
using StandaloneConnect.Sdk.Storage;

namespace StandaloneConnect.Converters;

/// <summary>
/// Kafka's <c>StringConverter</c>: writes <c>value.toString()</c> (Java's rendering for non-strings) in the
/// configured character set, ignoring the schema; reads every value back as an optional STRING.
/// </summary>
/// <remarks>
/// <c>converter.encoding</c> sets both directions. As in Kafka, where it is handed to <c>StringSerializer</c> and
/// <c>StringDeserializer</c>, the serializers' own role-specific keys win over it: <c>key.serializer.encoding</c> /
/// <c>key.deserializer.encoding</c> for a key converter, <c>value.serializer.encoding</c> /
/// <c>value.deserializer.encoding</c> for a value or header converter.
/// </remarks>
[PluginAlias("org.apache.kafka.connect.storage.StringConverter")]
public sealed class StringConverter : IConverter, IHeaderConverter, IVersioned
{
    public const string EncodingConfig = "converter.encoding";
    public const string EncodingDefault = "UTF-8";
    private const string EncodingDoc = "The name of the Java character set to use for encoding strings as byte arrays.";
    private const string EncodingDisplay = "Encoding";

    private JavaCharset _writeCharset = JavaCharset.Utf8;
    private JavaCharset _readCharset = JavaCharset.Utf8;

    public ConfigDef Config => CreateConfigDef();

    public string Version => PluginVersion.Of(typeof(StringConverter));

    /// <summary>Kafka's <c>StringConverterConfig</c>: <c>converter.type</c> and <c>converter.encoding</c>.</summary>
    public static ConfigDef CreateConfigDef() => ConverterConfigs.NewConfigDef().Define(EncodingConfig, ConfigType.String,
        EncodingDefault, null, Importance.High, EncodingDoc, null, -1, Width.Medium, EncodingDisplay);

    public void Configure(IReadOnlyDictionary<string, string> configs, bool isKey) =>
        Configure(ConverterConfigs.WithType(configs, ConverterConfigs.TypeFor(isKey)));

    public void Configure(IReadOnlyDictionary<string, string> configs)
    {
        var withType = ConverterConfigs.WithDefaultType(configs, ConverterType.Header);
        var parsed = CreateConfigDef().Parse(withType);
        var encoding = parsed.GetString(EncodingConfig);
        var role = parsed.GetString(ConverterType.ConfigKey) == ConverterType.Key ? "key." : "value.";

        // Kafka configures the serializer first, so a bad write encoding is the one reported.
        _writeCharset = JavaCharset.ForName(withType.GetValueOrDefault(role + "serializer.encoding") ?? encoding);
        _readCharset = JavaCharset.ForName(withType.GetValueOrDefault(role + "deserializer.encoding") ?? encoding);
    }

    public byte[]? FromConnectData(string topic, ConnectHeaders? headers, Schema? schema, object? value) => value switch
    {
        null => null,
        string text => _writeCharset.GetBytes(text),
        _ => _writeCharset.GetBytes(JavaStringValue.Of(value)),
    };

    public SchemaAndValue ToConnectData(string topic, ConnectHeaders? headers, byte[]? value) =>
        new(Schema.OptionalString, value is null ? null : _readCharset.GetString(value));

    public byte[]? FromConnectHeader(string topic, string headerKey, Schema? schema, object? value) =>
        FromConnectData(topic, null, schema, value);

    public SchemaAndValue ToConnectHeader(string topic, string headerKey, byte[]? value) => ToConnectData(topic, null, value);
}
