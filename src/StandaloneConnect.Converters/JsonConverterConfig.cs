using StandaloneConnect.Sdk.Config;

namespace StandaloneConnect.Converters;

/// <summary>How <see cref="JsonConverter"/> writes Decimal values (Kafka's <c>DecimalFormat</c>).</summary>
public enum JsonDecimalFormat
{
    /// <summary>The two's-complement unscaled value as a base64 string (Kafka's default).</summary>
    Base64,

    /// <summary>A JSON number keeping the value's scale (<c>1.00</c>).</summary>
    Numeric,
}

/// <summary>Kafka's <c>JsonConverterConfig</c>: the keys, defaults and documentation of <see cref="JsonConverter"/>.</summary>
public static class JsonConverterConfig
{
    public const string SchemasEnableConfig = "schemas.enable";
    public const bool SchemasEnableDefault = true;
    public const string SchemasCacheSizeConfig = "schemas.cache.size";
    public const int SchemasCacheSizeDefault = 1000;
    public const string DecimalFormatConfig = "decimal.format";
    public const string DecimalFormatDefault = "BASE64";
    public const string ReplaceNullWithDefaultConfig = "replace.null.with.default";
    public const bool ReplaceNullWithDefaultDefault = true;

    private const string SchemasEnableDoc = "Include schemas within each of the serialized values and keys.";
    private const string SchemasCacheSizeDoc = "The maximum number of schemas that can be cached in this converter instance.";
    private const string DecimalFormatDoc = "Controls which format this converter will serialize decimals in."
        + " This value is case insensitive and can be either 'BASE64' (default) or 'NUMERIC'";
    private const string ReplaceNullWithDefaultDoc = "Whether to replace fields that have a default value and that are null to the"
        + " default value. When set to true, the default value is used, otherwise null is used.";

    /// <summary>A new definition: <c>converter.type</c> plus the four JSON keys, grouped as Kafka groups them.</summary>
    public static ConfigDef CreateConfigDef() => ConverterConfigs.NewConfigDef()
        .Define(SchemasEnableConfig, ConfigType.Boolean, SchemasEnableDefault, null, Importance.High, SchemasEnableDoc,
            "Schemas", 0, Width.Medium, "Enable Schemas")
        .Define(SchemasCacheSizeConfig, ConfigType.Int, SchemasCacheSizeDefault, null, Importance.High, SchemasCacheSizeDoc,
            "Schemas", 1, Width.Medium, "Schema Cache Size")
        .Define(DecimalFormatConfig, ConfigType.String, DecimalFormatDefault, Validators.InCaseInsensitive("BASE64", "NUMERIC"),
            Importance.Low, DecimalFormatDoc, "Serialization", 0, Width.Medium, "Decimal Format")
        .Define(ReplaceNullWithDefaultConfig, ConfigType.Boolean, ReplaceNullWithDefaultDefault, null, Importance.Low,
            ReplaceNullWithDefaultDoc, "Serialization", 1, Width.Medium, "Replace null with default");
}
