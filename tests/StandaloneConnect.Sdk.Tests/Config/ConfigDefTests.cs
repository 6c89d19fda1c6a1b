using StandaloneConnect.Sdk.Config;

namespace StandaloneConnect.Sdk.Tests.Config;

public sealed class ConfigDefTests
{
    [TestCase(ConfigType.Boolean, "TRUE", true)]
    [TestCase(ConfigType.Boolean, " false ", false)]
    [TestCase(ConfigType.Int, " 42 ", 42)]
    [TestCase(ConfigType.Int, "+7", 7)]
    [TestCase(ConfigType.Int, "-2147483648", int.MinValue)]
    [TestCase(ConfigType.Short, "7", (short)7)]
    [TestCase(ConfigType.Long, "-9000000000", -9_000_000_000L)]
    [TestCase(ConfigType.Double, "1.5", 1.5)]
    [TestCase(ConfigType.Double, "1e3", 1000.0)]
    [TestCase(ConfigType.String, "  padded  ", "padded")]
    [TestCase(ConfigType.Class, " org.example.Foo ", "org.example.Foo")]
    public void Parse_ValidText_ReturnsTypedValue(ConfigType type, string raw, object expected)
    {
        var parsed = Define(type).Parse(Props(raw));

        parsed.Get("k").Should().Be(expected).And.BeOfType(expected.GetType());
    }

    [TestCase("a, b ,c", new[] { "a", "b", "c" })]
    [TestCase("single", new[] { "single" })]
    [TestCase("", new string[0])]
    [TestCase("  ", new string[0])]
    [TestCase("a,,b", new[] { "a", "", "b" })]
    public void Parse_List_SplitsOnCommasAndTrims(string raw, string[] expected)
    {
        var parsed = Define(ConfigType.List).Parse(Props(raw));

        parsed.GetList("k").Should().Equal(expected);
    }

    [Test]
    public void Parse_Password_IsHiddenWhenPrinted()
    {
        var password = Define(ConfigType.Password).Parse(Props("s3cret")).GetPassword("k");

        password!.Value.Should().Be("s3cret");
        password.ToString().Should().Be("[hidden]");
    }

    [TestCase(ConfigType.Int, "abc", "Invalid value abc for configuration k: Not a number of type INT")]
    [TestCase(ConfigType.Int, "2147483648", "Invalid value 2147483648 for configuration k: Not a number of type INT")]
    [TestCase(ConfigType.Int, "1.5", "Invalid value 1.5 for configuration k: Not a number of type INT")]
    [TestCase(ConfigType.Short, "70000", "Invalid value 70000 for configuration k: Not a number of type SHORT")]
    [TestCase(ConfigType.Long, "x", "Invalid value x for configuration k: Not a number of type LONG")]
    [TestCase(ConfigType.Double, "x", "Invalid value x for configuration k: Not a number of type DOUBLE")]
    [TestCase(ConfigType.Boolean, "yes", "Invalid value yes for configuration k: Expected value to be either true or false")]
    public void Parse_InvalidText_ThrowsKafkasMessage(ConfigType type, string raw, string expected)
    {
        var act = () => Define(type).Parse(Props(raw));

        act.Should().Throw<ConfigValidationException>().Which.Problems.Should().Equal(expected);
    }

    [Test]
    public void Parse_TasksMaxNotANumber_ThrowsKafkasMessage()
    {
        var def = new ConfigDef().Define("tasks.max", ConfigType.Int, 1, Validators.AtLeast(1), Importance.High, "Max tasks");

        var act = () => def.Parse(new Dictionary<string, string> { ["tasks.max"] = "abc" });

        act.Should().Throw<ConfigException>().WithMessage("Invalid value abc for configuration tasks.max: Not a number of type INT");
    }

    [Test]
    public void Parse_MissingRequired_ThrowsKafkasMessage()
    {
        var def = new ConfigDef().Define("name", ConfigType.String, Importance.High, "Name");

        var act = () => def.Parse(new Dictionary<string, string>());

        act.Should().Throw<ConfigException>().WithMessage("Missing required configuration \"name\" which has no default value.");
    }

    [Test]
    public void Parse_SeveralProblems_ReportsAllInDefinitionOrder()
    {
        var def = new ConfigDef()
            .Define("name", ConfigType.String, Importance.High, "Name")
            .Define("tasks.max", ConfigType.Int, 1, Validators.AtLeast(1), Importance.High, "Max tasks")
            .Define("ok", ConfigType.Boolean, false, Importance.Low, "Fine");

        var act = () => def.Parse(new Dictionary<string, string> { ["tasks.max"] = "0", ["ok"] = "true" });

        var problems = act.Should().Throw<ConfigValidationException>().Which.Problems;
        problems.Should().Equal(
            "Missing required configuration \"name\" which has no default value.",
            "Invalid value 0 for configuration tasks.max: Value must be at least 1");
    }

    [Test]
    public void Parse_Defaults_HaveTheKeysType()
    {
        var def = new ConfigDef()
            .Define("i", ConfigType.Int, 5, Importance.Low, "")
            .Define("s", ConfigType.Short, (short)3, Importance.Low, "")
            .Define("l", ConfigType.Long, 5, Importance.Low, "")
            .Define("d", ConfigType.Double, 1, Importance.Low, "")
            .Define("b", ConfigType.Boolean, "true", Importance.Low, "")
            .Define("list", ConfigType.List, "a,b", Importance.Low, "")
            .Define("n", ConfigType.String, null, Importance.Low, "");

        var parsed = def.Parse(new Dictionary<string, string>());

        parsed.GetInt("i").Should().Be(5);
        parsed.Get("i").Should().BeOfType<int>();
        parsed.GetShort("s").Should().Be(3);
        parsed.GetLong("l").Should().Be(5L);
        parsed.GetDouble("d").Should().Be(1.0);
        parsed.GetBoolean("b").Should().BeTrue();
        parsed.GetList("list").Should().Equal("a", "b");
        parsed.GetString("n").Should().BeNull();
    }

    [Test]
    public void Define_TypedDefaultOfWrongKind_Throws()
    {
        var act = () => new ConfigDef().Define("i", ConfigType.Int, 5L, Importance.Low, "");

        act.Should().Throw<ConfigException>().WithMessage("Invalid value 5 for configuration i: Expected value to be a 32-bit integer, but it was a Int64");
    }

    [Test]
    public void Define_SameKeyTwice_Throws()
    {
        var act = () => new ConfigDef().Define("a", ConfigType.Int, 1, Importance.Low, "").Define("a", ConfigType.Int, 1, Importance.Low, "");

        act.Should().Throw<ConfigException>().WithMessage("Configuration a is defined twice.");
    }

    [Test]
    public void Define_DefaultRejectedByValidator_Throws()
    {
        var act = () => new ConfigDef().Define("a", ConfigType.Int, 0, Validators.AtLeast(1), Importance.Low, "");

        act.Should().Throw<ConfigException>().WithMessage("Invalid value 0 for configuration a: Value must be at least 1");
    }

    [Test]
    public void Parse_UnknownKeys_AreKeptInOriginals()
    {
        var parsed = Define(ConfigType.String).Parse(new Dictionary<string, string> { ["k"] = "v", ["producer.override.acks"] = "all" });

        parsed.Originals.Should().ContainKey("producer.override.acks");
        parsed.Values.Should().OnlyContain(kv => kv.Key == "k");
        parsed.OriginalsWithPrefix("producer.override.").Should().Equal(new Dictionary<string, string> { ["acks"] = "all" });
        var unknown = () => parsed.Get("producer.override.acks");
        unknown.Should().Throw<ConfigException>().WithMessage("Unknown configuration 'producer.override.acks'");
    }

    [Test]
    public void Validate_MixedInput_ReturnsOneResultPerKeyWithErrors()
    {
        var def = new ConfigDef()
            .Define("name", ConfigType.String, Importance.High, "Name")
            .Define("tasks.max", ConfigType.Int, 1, Validators.AtLeast(1), Importance.High, "Max tasks")
            .Define("flag", ConfigType.Boolean, false, Importance.Low, "Flag")
            .Define("other", ConfigType.String, "x", Importance.Low, "Other");

        var results = def.Validate(new Dictionary<string, string?> { ["tasks.max"] = "abc", ["flag"] = "true", ["other"] = null });

        results.Select(r => r.Name).Should().Equal("name", "tasks.max", "flag", "other");
        results[0].ErrorMessages.Should().Equal("Missing required configuration \"name\" which has no default value.");
        results[1].ErrorMessages.Should().Equal("Invalid value abc for configuration tasks.max: Not a number of type INT");
        results[1].Value.Should().Be("abc");
        results[2].ErrorMessages.Should().BeEmpty();
        results[2].Value.Should().Be(true);
        results[3].ErrorMessages.Should().Equal("Null value can not be supplied as the configuration value.");
    }

    [Test]
    public void Validate_Recommender_SetsRecommendedValuesAndVisibility()
    {
        var def = new ConfigDef()
            .Define("mode", ConfigType.String, "a", null, Importance.Low, "")
            .Define("extra", ConfigType.String, "", null, Importance.Low, "", recommender: new ModeRecommender());

        var results = def.Validate(new Dictionary<string, string?> { ["mode"] = "b" });

        var extra = results.Single(r => r.Name == "extra");
        extra.RecommendedValues.Should().Equal("x", "y");
        extra.Visible.Should().BeTrue();
    }

    [Test]
    public void Merge_OtherDefinition_AddsOnlyMissingKeys()
    {
        var def = new ConfigDef().Define("a", ConfigType.Int, 1, Importance.Low, "mine");
        var other = new ConfigDef().Define("a", ConfigType.Int, 2, Importance.Low, "theirs").Define("b", ConfigType.Int, 3, Importance.Low, "");

        def.Merge(other);

        def.Keys.Select(k => k.Name).Should().Equal("a", "b");
        def["a"]!.Documentation.Should().Be("mine");
    }

    private static ConfigDef Define(ConfigType type) => new ConfigDef().Define("k", type, Importance.High, "doc");

    private static Dictionary<string, string> Props(string raw) => new() { ["k"] = raw };

    private sealed class ModeRecommender : IRecommender
    {
        public IReadOnlyList<object> ValidValues(string name, IReadOnlyDictionary<string, object?> parsedConfig) =>
            parsedConfig["mode"] as string == "b" ? ["x", "y"] : [];

        public bool Visible(string name, IReadOnlyDictionary<string, object?> parsedConfig) => parsedConfig["mode"] as string == "b";
    }
}
