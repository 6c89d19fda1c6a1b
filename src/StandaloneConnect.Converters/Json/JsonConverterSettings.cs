using StandaloneConnect.Sdk.Config;

namespace StandaloneConnect.Converters.Json;

/// <summary>The parsed settings of one <see cref="JsonConverter"/>.</summary>
internal sealed record JsonConverterSettings(bool SchemasEnabled, int SchemaCacheSize, JsonDecimalFormat DecimalFormat,
    bool ReplaceNullWithDefault)
{
    public static JsonConverterSettings Default { get; } = new(JsonConverterConfig.SchemasEnableDefault,
        JsonConverterConfig.SchemasCacheSizeDefault, JsonDecimalFormat.Base64, JsonConverterConfig.ReplaceNullWithDefaultDefault);

    public static JsonConverterSettings From(ParsedConfig config) => new(
        config.GetBoolean(JsonConverterConfig.SchemasEnableConfig),
        config.GetInt(JsonConverterConfig.SchemasCacheSizeConfig),
        string.Equals(config.GetString(JsonConverterConfig.DecimalFormatConfig), "NUMERIC", StringComparison.OrdinalIgnoreCase)
            ? JsonDecimalFormat.Numeric
            : JsonDecimalFormat.Base64,
        config.GetBoolean(JsonConverterConfig.ReplaceNullWithDefaultConfig));
}
