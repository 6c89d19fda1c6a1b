using StandaloneConnect.Runtime.Configuration;
using StandaloneConnect.Sdk.Config;

namespace StandaloneConnect.Runtime.Tests.Configuration;

public sealed class ConfigRedactionTests
{
    [TestCase("connection.password", true)]
    [TestCase("ssl.keystore.password", true)]
    [TestCase("sasl.jaas.config", true)]
    [TestCase("basic.auth.user.info", true)]
    [TestCase("aws.secret.access.key", true)]
    [TestCase("api.key", true)]
    [TestCase("apikey", true)]
    [TestCase("oauth.token", true)]
    [TestCase("ssl.key", true)]
    [TestCase("private_key", true)]
    [TestCase("gcp.credentials.json", true)]
    [TestCase("key.converter", false)]
    [TestCase("key.ignore", false)]
    [TestCase("topic", false)]
    [TestCase("pk.fields", false)]
    [TestCase("connection.user", false)]
    [TestCase("keystore.type", false)]
    public void LooksSecret_Key_IsClassified(string key, bool secret)
    {
        ConfigRedaction.LooksSecret(key).Should().Be(secret);
    }

    [Test]
    public void Show_KnownDefinition_HidesPasswordTypesOnly()
    {
        var definition = new ConfigDef()
            .Define("db.password", ConfigType.String, "", null, Importance.High, "not typed PASSWORD")
            .Define("auth", ConfigType.Password, "", null, Importance.High, "typed PASSWORD");

        ConfigRedaction.Show("auth", "s", definition).Should().Be("[hidden]");
        ConfigRedaction.Show("db.password", "s", definition).Should().Be("s", "the definition says it is not a password");
        ConfigRedaction.Show("other.password", "s", definition).Should().Be("[hidden]", "keys the definition does not know fall back to their name");
    }

    [TestCase("http://user:pw@host:9200", "[hidden]")]
    [TestCase("jdbc:mysql://db/app?password=x", "[hidden]")]
    [TestCase("http://host:9200", "http://host:9200")]
    public void Show_ValueWithCredentials_IsHidden(string value, string shown)
    {
        ConfigRedaction.Show("connection.url", value).Should().Be(shown);
    }

    [Test]
    public void HideResolved_ShortAndLongValues_ReplacesKafkasShapeAndLongText()
    {
        var raw = new Dictionary<string, string> { ["tasks.max"] = "${file:/s:k}", ["n"] = "${env:N}" };
        var resolved = new Dictionary<string, string> { ["tasks.max"] = "root:secret", ["n"] = "1" };

        ConfigRedaction.HideResolved("Invalid value root:secret for configuration tasks.max: Not a number; saw root:secret", raw, resolved)
            .Should().Be("Invalid value ${file:/s:k} for configuration tasks.max: Not a number; saw ${file:/s:k}");
        ConfigRedaction.HideResolved("Invalid value 1 for configuration n: Value must be at least 10", raw, resolved)
            .Should().Be("Invalid value ${env:N} for configuration n: Value must be at least 10");
    }
}
