using StandaloneConnect.Sdk;
using StandaloneConnect.Sdk.Config;
using StandaloneConnect.Sdk.Data;
using StandaloneConnect.Sdk.Storage;

namespace StandaloneConnect.Converters;

/// <summary>
/// Kafka's <c>StringConverter</c>: writes <c>value.toString()</c> (Java's rendering for non-strings) in the
/// configured character set, ignoring the schema; reads every value back as an optional STRING.
/// </summary>
[PluginAlias("org.apache.kafka.connect.storage.StringConverter")]
public sealed class StringConverter : IConverter, IHeaderConverter, IVersioned
{
    public const string EncodingConfig = "converter.encoding";
    public const string EncodingDefault = "UTF-8";
    private const string EncodingDoc = "The name of the Java character set to use for encoding strings as byte arrays.";
    private const string EncodingDisplay = "Encoding";

    private JavaCharset _charset = JavaCharset.Utf8;

    public ConfigDef Config => CreateConfigDef();

    public string Version => PluginVersion.Of(typeof(StringConverter));

    /// <summary>Kafka's <c>StringConverterConfig</c>: <c>converter.type</c> and <c>converter.encoding</c>.</summary>
    public static ConfigDef CreateConfigDef() => ConverterConfigs.NewConfigDef().Define(EncodingConfig, ConfigType.String,
        EncodingDefault, null, Importance.High, EncodingDoc, null, -1, Width.Medium, EncodingDisplay);

    public void Configure(IReadOnlyDictionary<string, string> configs, bool isKey) =>
        Configure(ConverterConfigs.WithType(configs, ConverterConfigs.TypeFor(isKey)));

    public void Configure(IReadOnlyDictionary<string, string> configs)
    {
        var parsed = CreateConfigDef().Parse(ConverterConfigs.WithDefaultType(configs, ConverterType.Header));
        _charset = JavaCharset.ForName(EncodingConfig, parsed.GetString(EncodingConfig));
    }

    public byte[]? FromConnectData(string topic, ConnectHeaders? headers, Schema? schema, object? value) => value switch
    {
        null => null,
        string text => _charset.GetBytes(text),
        _ => _charset.GetBytes(JavaStringValue.Of(value)),
    };

    public SchemaAndValue ToConnectData(string topic, ConnectHeaders? headers, byte[]? value) =>
        new(Schema.OptionalString, value is null ? null : _charset.GetString(value));

    public byte[]? FromConnectHeader(string topic, string headerKey, Schema? schema, object? value) =>
        FromConnectData(topic, null, schema, value);

    public SchemaAndValue ToConnectHeader(string topic, string headerKey, byte[]? value) => ToConnectData(topic, null, value);
}
