using StandaloneConnect.Sdk.Config;

namespace StandaloneConnect.Converters.Tests;

/// <summary><c>JsonConverterConfig</c> validation: Kafka's <c>ConfigException</c> texts for each bad setting.</summary>
public sealed partial class JsonConverterTests
{
    [TestCase("decimal.format", "HEX", "Invalid value HEX for configuration decimal.format: String must be one of (case insensitive): BASE64, NUMERIC")]
    [TestCase("schemas.enable", "yes", "Invalid value yes for configuration schemas.enable: Expected value to be either true or false")]
    [TestCase("replace.null.with.default", "1", "Invalid value 1 for configuration replace.null.with.default: Expected value to be either true or false")]
    [TestCase("schemas.cache.size", "many", "Invalid value many for configuration schemas.cache.size: Not a number of type INT")]
    [TestCase("converter.type", "body", "Invalid value body for configuration converter.type: String must be one of: key, value, header")]
    public void Configure_BadSetting_KafkaMessage(string key, string value, string message)
    {
        var act = () => new JsonConverter().Configure(new Dictionary<string, string> { ["converter.type"] = "header", [key] = value });

        act.Should().Throw<ConfigException>().Which.Message.Should().Be(message);
    }

    [TestCase("TRUE", "{\"schema\":{\"type\":\"int32\",\"optional\":false},\"payload\":1}")]
    [TestCase("False", "1")]
    public void Configure_BooleanCaseInsensitive_LikeKafka(string schemasEnable, string expected)
    {
        var converter = new JsonConverter();
        converter.Configure(new Dictionary<string, string> { ["schemas.enable"] = schemasEnable }, isKey: true);

        Write(converter, Sdk.Data.Schema.Int32, 1).Should().Be(expected);
    }
}
