using System.Reflection;
using System.Runtime.Serialization;
using StandaloneConnect.Sdk;
using StandaloneConnect.Sdk.Config;
using StandaloneConnect.Sdk.Data;
using StandaloneConnect.Sdk.Storage;

namespace StandaloneConnect.Converters.Tests;

public sealed class BooleanConverterTests
{
    private const string Topic = "topic";

    private static BooleanConverter Converter(bool isKey = false)
    {
        var converter = new BooleanConverter();
        converter.Configure(new Dictionary<string, string>(), isKey);
        return converter;
    }

    [TestCase(true, (byte)0x01)]
    [TestCase(false, (byte)0x00)]
    public void RoundTrip_Boolean_OneByte(bool value, byte expected)
    {
        var converter = Converter();

        converter.FromConnectData(Topic, null, Schema.Boolean, value).Should().Equal(expected);
        var result = converter.ToConnectData(Topic, null, [expected]);
        result.Schema.Should().BeSameAs(Schema.OptionalBoolean);
        result.Value.Should().Be(value);
    }

    [Test]
    public void FromConnectData_NullSchema_Accepted() => Converter().FromConnectData(Topic, null, null, true).Should().Equal(1);

    [Test]
    public void FromConnectData_OptionalBooleanSchema_Accepted() =>
        Converter().FromConnectData(Topic, null, Schema.OptionalBoolean, false).Should().Equal(0);

    [Test]
    public void Null_BothWays_NullWithOptionalBooleanSchema()
    {
        var converter = Converter();

        converter.FromConnectData(Topic, null, Schema.OptionalBoolean, null).Should().BeNull();
        converter.FromConnectData(Topic, null, null, null).Should().BeNull();
        var result = converter.ToConnectData(Topic, null, null);
        result.Schema.Should().BeSameAs(Schema.OptionalBoolean);
        result.Value.Should().BeNull();
    }

    [TestCase(SchemaType.String, "STRING")]
    [TestCase(SchemaType.Int8, "INT8")]
    [TestCase(SchemaType.Bytes, "BYTES")]
    [TestCase(SchemaType.Struct, "STRUCT")]
    public void FromConnectData_NonBooleanSchema_Throws(SchemaType type, string name)
    {
        var act = () => Converter().FromConnectData(Topic, null, SchemaBuilder.OfType(type).Build(), true);

        act.Should().Throw<DataException>().Which.Message.Should().Be("Invalid schema type for BooleanConverter: " + name);
    }

    [Test]
    public void FromConnectData_NonBooleanSchemaAndNullValue_StillThrows()
    {
        var act = () => Converter().FromConnectData(Topic, null, Schema.OptionalString, null);

        act.Should().Throw<DataException>().WithMessage("Invalid schema type for BooleanConverter: STRING");
    }

    [TestCase(1, "System.Int32")]
    [TestCase("true", "System.String")]
    [TestCase((byte)1, "System.Byte")]
    public void FromConnectData_NonBooleanValue_Throws(object value, string type)
    {
        var act = () => Converter().FromConnectData(Topic, null, Schema.Boolean, value);

        act.Should().Throw<DataException>().Which.Message.Should().Be("BooleanConverter is not compatible with objects of type " + type);
    }

    [TestCase("", "Size of data received by BooleanDeserializer is not 1")]
    [TestCase("0100", "Size of data received by BooleanDeserializer is not 1")]
    [TestCase("02", "Unexpected byte received by BooleanDeserializer: 2")]
    [TestCase("7F", "Unexpected byte received by BooleanDeserializer: 127")]
    [TestCase("FF", "Unexpected byte received by BooleanDeserializer: -1")]
    [TestCase("80", "Unexpected byte received by BooleanDeserializer: -128")]
    public void ToConnectData_BadBytes_ThrowsWithDeserializerCause(string hex, string cause)
    {
        var act = () => Converter().ToConnectData(Topic, null, Convert.FromHexString(hex));

        var thrown = act.Should().Throw<DataException>().Which;
        thrown.Message.Should().Be("Failed to deserialize boolean: " + cause);
        thrown.InnerException.Should().BeOfType<SerializationException>().Which.Message.Should().Be(cause);
    }

    [Test]
    public void HeaderMethods_ConfiguredWithoutType_ConvertBothWays()
    {
        IHeaderConverter converter = new BooleanConverter();
        converter.Configure(new Dictionary<string, string>());

        converter.FromConnectHeader(Topic, "h", Schema.Boolean, true).Should().Equal(1);
        converter.ToConnectHeader(Topic, "h", [0]).Should().Be(new SchemaAndValue(Schema.OptionalBoolean, false));
        converter.ToConnectHeader(Topic, "h", null).Value.Should().BeNull();
        var act = () => converter.FromConnectHeader(Topic, "h", Schema.Int32, true);
        act.Should().Throw<DataException>().WithMessage("Invalid schema type for BooleanConverter: INT32");
    }

    [TestCase(true)]
    [TestCase(false)]
    public void Configure_KeyOrValue_Accepted(bool isKey) =>
        Converter(isKey).FromConnectData(Topic, null, null, true).Should().Equal(1);

    [Test]
    public void Configure_BadConverterType_Throws()
    {
        var act = () => new BooleanConverter().Configure(new Dictionary<string, string> { ["converter.type"] = "nope" });

        act.Should().Throw<ConfigException>().WithMessage("*converter.type*");
    }

    [Test]
    public void Config_Keys_ConverterTypeOnly() =>
        new BooleanConverter().Config.Keys.Select(k => k.Name).Should().Equal("converter.type");

    [Test]
    public void PluginAlias_KafkaClassName()
    {
        typeof(BooleanConverter).GetCustomAttributes<PluginAliasAttribute>().Select(a => a.Name)
            .Should().Equal("org.apache.kafka.connect.converters.BooleanConverter");
        typeof(BooleanConverter).Should().Implement<IConverter>().And.Implement<IHeaderConverter>();
        new BooleanConverter().Version.Should().NotBeNullOrEmpty();
    }
}
