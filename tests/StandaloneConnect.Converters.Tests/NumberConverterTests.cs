using System.Reflection;
using System.Runtime.Serialization;
using StandaloneConnect.Sdk;
using StandaloneConnect.Sdk.Config;
using StandaloneConnect.Sdk.Data;
using StandaloneConnect.Sdk.Storage;

namespace StandaloneConnect.Converters.Tests;

public sealed class NumberConverterTests
{
    private const string Topic = "topic";

    private static T Configured<T>(bool isKey = false)
        where T : IConverter, new()
    {
        var converter = new T();
        converter.Configure(new Dictionary<string, string>(), isKey);
        return converter;
    }

    private static IConverter ByName(string name) => name switch
    {
        "double" => Configured<DoubleConverter>(),
        "float" => Configured<FloatConverter>(),
        "integer" => Configured<IntegerConverter>(),
        "long" => Configured<LongConverter>(),
        "short" => Configured<ShortConverter>(),
        _ => throw new ArgumentOutOfRangeException(nameof(name), name, null),
    };

    private static Schema SchemaOf(string name) => name switch
    {
        "double" => Schema.OptionalFloat64,
        "float" => Schema.OptionalFloat32,
        "integer" => Schema.OptionalInt32,
        "long" => Schema.OptionalInt64,
        _ => Schema.OptionalInt16,
    };

    [TestCase(1.0, "3FF0000000000000")]
    [TestCase(-1.5, "BFF8000000000000")]
    [TestCase(0.0, "0000000000000000")]
    [TestCase(123.456, "405EDD2F1A9FBE77")]
    [TestCase(double.MaxValue, "7FEFFFFFFFFFFFFF")]
    [TestCase(double.MinValue, "FFEFFFFFFFFFFFFF")]
    [TestCase(double.Epsilon, "0000000000000001")]
    [TestCase(double.PositiveInfinity, "7FF0000000000000")]
    [TestCase(double.NegativeInfinity, "FFF0000000000000")]
    public void Double_RoundTrip_ByteExact(double value, string hex) =>
        AssertRoundTrip(Configured<DoubleConverter>(), Schema.OptionalFloat64, value, hex);

    [TestCase(1.0f, "3F800000")]
    [TestCase(-2.5f, "C0200000")]
    [TestCase(0.0f, "00000000")]
    [TestCase(float.MaxValue, "7F7FFFFF")]
    [TestCase(float.MinValue, "FF7FFFFF")]
    [TestCase(float.Epsilon, "00000001")]
    [TestCase(float.PositiveInfinity, "7F800000")]
    [TestCase(float.NegativeInfinity, "FF800000")]
    public void Float_RoundTrip_ByteExact(float value, string hex) =>
        AssertRoundTrip(Configured<FloatConverter>(), Schema.OptionalFloat32, value, hex);

    [TestCase(0, "00000000")]
    [TestCase(1, "00000001")]
    [TestCase(123, "0000007B")]
    [TestCase(-1, "FFFFFFFF")]
    [TestCase(-123, "FFFFFF85")]
    [TestCase(0x01020304, "01020304")]
    [TestCase(int.MaxValue, "7FFFFFFF")]
    [TestCase(int.MinValue, "80000000")]
    public void Integer_RoundTrip_ByteExact(int value, string hex) =>
        AssertRoundTrip(Configured<IntegerConverter>(), Schema.OptionalInt32, value, hex);

    [TestCase(0L, "0000000000000000")]
    [TestCase(1L, "0000000000000001")]
    [TestCase(-1L, "FFFFFFFFFFFFFFFF")]
    [TestCase(-123L, "FFFFFFFFFFFFFF85")]
    [TestCase(0x0102030405060708L, "0102030405060708")]
    [TestCase(long.MaxValue, "7FFFFFFFFFFFFFFF")]
    [TestCase(long.MinValue, "8000000000000000")]
    public void Long_RoundTrip_ByteExact(long value, string hex) =>
        AssertRoundTrip(Configured<LongConverter>(), Schema.OptionalInt64, value, hex);

    [TestCase((short)0, "0000")]
    [TestCase((short)1, "0001")]
    [TestCase((short)-1, "FFFF")]
    [TestCase((short)-123, "FF85")]
    [TestCase((short)0x0102, "0102")]
    [TestCase(short.MaxValue, "7FFF")]
    [TestCase(short.MinValue, "8000")]
    public void Short_RoundTrip_ByteExact(short value, string hex) =>
        AssertRoundTrip(Configured<ShortConverter>(), Schema.OptionalInt16, value, hex);

    [Test]
    public void Double_NegativeZero_SignKept()
    {
        var converter = Configured<DoubleConverter>();
        var negativeZero = BitConverter.Int64BitsToDouble(long.MinValue);

        converter.FromConnectData(Topic, null, Schema.Float64, negativeZero).Should().Equal(0x80, 0, 0, 0, 0, 0, 0, 0);
        BitConverter.DoubleToInt64Bits((double)converter.ToConnectData(Topic, null, [0x80, 0, 0, 0, 0, 0, 0, 0]).Value!)
            .Should().Be(long.MinValue);
    }

    [Test]
    public void Float_NegativeZero_SignKept()
    {
        var converter = Configured<FloatConverter>();
        var negativeZero = BitConverter.Int32BitsToSingle(int.MinValue);

        converter.FromConnectData(Topic, null, Schema.Float32, negativeZero).Should().Equal(0x80, 0, 0, 0);
        BitConverter.SingleToInt32Bits((float)converter.ToConnectData(Topic, null, [0x80, 0, 0, 0]).Value!)
            .Should().Be(int.MinValue);
    }

    [TestCase(unchecked((long)0xFFF8000000000000UL), TestName = "Double_NaN_WrittenAsJavaCanonicalNaN(dotnet NaN)")]
    [TestCase(0x7FF8000000000000L, TestName = "Double_NaN_WrittenAsJavaCanonicalNaN(java NaN)")]
    [TestCase(0x7FF0000000000001L, TestName = "Double_NaN_WrittenAsJavaCanonicalNaN(signalling NaN)")]
    public void Double_NaN_WrittenAsJavaCanonicalNaN(long bits)
    {
        var converter = Configured<DoubleConverter>();

        var bytes = converter.FromConnectData(Topic, null, null, BitConverter.Int64BitsToDouble(bits));

        bytes.Should().Equal(0x7F, 0xF8, 0, 0, 0, 0, 0, 0);
        converter.ToConnectData(Topic, null, bytes).Value.Should().BeOfType<double>().Which.Should().Be(double.NaN);
    }

    [TestCase(0x7FC00000, "7FC00000")]
    [TestCase(0x7F800001, "7F800001")]
    [TestCase(unchecked((int)0xFFC00000), "FFC00000")]
    public void Float_NaN_RawBitsKept(int bits, string hex)
    {
        var converter = Configured<FloatConverter>();

        var bytes = converter.FromConnectData(Topic, null, null, BitConverter.Int32BitsToSingle(bits));

        bytes.Should().Equal(Convert.FromHexString(hex));
        BitConverter.SingleToInt32Bits((float)converter.ToConnectData(Topic, null, bytes).Value!).Should().Be(bits);
    }

    [TestCase("double")]
    [TestCase("float")]
    [TestCase("integer")]
    [TestCase("long")]
    [TestCase("short")]
    public void Null_BothWays_NullWithOptionalSchema(string name)
    {
        var converter = ByName(name);

        converter.FromConnectData(Topic, null, SchemaOf(name), null).Should().BeNull();
        converter.FromConnectData(Topic, null, null, null).Should().BeNull();
        var result = converter.ToConnectData(Topic, null, null);
        result.Schema.Should().BeSameAs(SchemaOf(name));
        result.Value.Should().BeNull();
    }

    [TestCase("double", 1, "Failed to serialize to double (was System.Int32): ")]
    [TestCase("double", 1.0f, "Failed to serialize to double (was System.Single): ")]
    [TestCase("float", 1.0, "Failed to serialize to float (was System.Double): ")]
    [TestCase("integer", 1L, "Failed to serialize to integer (was System.Int64): ")]
    [TestCase("integer", (short)1, "Failed to serialize to integer (was System.Int16): ")]
    [TestCase("long", 1, "Failed to serialize to long (was System.Int32): ")]
    [TestCase("short", 1, "Failed to serialize to short (was System.Int32): ")]
    [TestCase("long", "1", "Failed to serialize to long (was System.String): ")]
    [TestCase("integer", true, "Failed to serialize to integer (was System.Boolean): ")]
    public void FromConnectData_WrongValueType_Throws(string name, object value, string message)
    {
        var act = () => ByName(name).FromConnectData(Topic, null, null, value);

        act.Should().Throw<DataException>().Which.Message.Should().Be(message);
    }

    [TestCase("double", 2.0)]
    [TestCase("integer", 2)]
    [TestCase("short", (short)2)]
    public void FromConnectData_SchemaOfOtherType_IgnoredAsInKafka(string name, object value) =>
        ByName(name).FromConnectData(Topic, null, Schema.String, value).Should().NotBeNull()
            .And.Subject.Should().HaveCount(name switch { "double" => 8, "integer" => 4, _ => 2 });

    [TestCase("double", "", "Failed to deserialize double: Size of data received by Deserializer is not 8")]
    [TestCase("double", "0000000000000000FF", "Failed to deserialize double: Size of data received by Deserializer is not 8")]
    [TestCase("float", "000000", "Failed to deserialize float: Size of data received by Deserializer is not 4")]
    [TestCase("float", "00000000000000", "Failed to deserialize float: Size of data received by Deserializer is not 4")]
    [TestCase("integer", "", "Failed to deserialize integer: Size of data received by IntegerDeserializer is not 4")]
    [TestCase("integer", "0000000000000001", "Failed to deserialize integer: Size of data received by IntegerDeserializer is not 4")]
    [TestCase("long", "00000001", "Failed to deserialize long: Size of data received by LongDeserializer is not 8")]
    [TestCase("short", "01", "Failed to deserialize short: Size of data received by ShortDeserializer is not 2")]
    [TestCase("short", "000001", "Failed to deserialize short: Size of data received by ShortDeserializer is not 2")]
    public void ToConnectData_WrongLength_ThrowsWithDeserializerCause(string name, string hex, string message)
    {
        var act = () => ByName(name).ToConnectData(Topic, null, Convert.FromHexString(hex));

        var thrown = act.Should().Throw<DataException>().Which;
        thrown.Message.Should().Be(message);
        thrown.InnerException.Should().BeOfType<SerializationException>()
            .Which.Message.Should().Be(message[(message.IndexOf(": ", StringComparison.Ordinal) + 2)..]);
    }

    [Test]
    public void HeaderMethods_ConfiguredWithoutType_ConvertBothWays()
    {
        IHeaderConverter converter = new LongConverter();
        converter.Configure(new Dictionary<string, string>());

        converter.FromConnectHeader(Topic, "h", Schema.Int64, 258L).Should().Equal(0, 0, 0, 0, 0, 0, 1, 2);
        var result = converter.ToConnectHeader(Topic, "h", [0, 0, 0, 0, 0, 0, 1, 2]);
        result.Schema.Should().BeSameAs(Schema.OptionalInt64);
        result.Value.Should().Be(258L);
        converter.ToConnectHeader(Topic, "h", null).Value.Should().BeNull();
    }

    [Test]
    public void HeaderMethods_WrongType_Throws()
    {
        IHeaderConverter converter = new ShortConverter();
        converter.Configure(new Dictionary<string, string> { ["converter.type"] = "header" });

        var act = () => converter.FromConnectHeader(Topic, "h", null, 1);

        act.Should().Throw<DataException>().WithMessage("Failed to serialize to short (was System.Int32): ");
    }

    [TestCase(true)]
    [TestCase(false)]
    public void Configure_KeyOrValue_Accepted(bool isKey) =>
        Configured<IntegerConverter>(isKey).FromConnectData(Topic, null, null, 7).Should().Equal(0, 0, 0, 7);

    [Test]
    public void Configure_BadConverterType_Throws()
    {
        var act = () => new FloatConverter().Configure(new Dictionary<string, string> { ["converter.type"] = "nope" });

        act.Should().Throw<ConfigException>().WithMessage("*converter.type*");
    }

    [TestCase(typeof(DoubleConverter))]
    [TestCase(typeof(FloatConverter))]
    [TestCase(typeof(IntegerConverter))]
    [TestCase(typeof(LongConverter))]
    [TestCase(typeof(ShortConverter))]
    public void Config_Keys_ConverterTypeOnly(Type type) =>
        ((IConverter)Activator.CreateInstance(type)!).Config.Keys.Select(k => k.Name).Should().Equal("converter.type");

    [TestCase(typeof(DoubleConverter), "org.apache.kafka.connect.converters.DoubleConverter")]
    [TestCase(typeof(FloatConverter), "org.apache.kafka.connect.converters.FloatConverter")]
    [TestCase(typeof(IntegerConverter), "org.apache.kafka.connect.converters.IntegerConverter")]
    [TestCase(typeof(LongConverter), "org.apache.kafka.connect.converters.LongConverter")]
    [TestCase(typeof(ShortConverter), "org.apache.kafka.connect.converters.ShortConverter")]
    public void PluginAlias_KafkaClassName(Type type, string alias)
    {
        type.GetCustomAttributes<PluginAliasAttribute>().Select(a => a.Name).Should().Equal(alias);
        type.Should().Implement<IConverter>().And.Implement<IHeaderConverter>().And.Implement<IVersioned>();
        ((IVersioned)Activator.CreateInstance(type)!).Version.Should().NotBeNullOrEmpty();
    }

    private static void AssertRoundTrip(IConverter converter, Schema readSchema, object value, string hex)
    {
        var expected = Convert.FromHexString(hex);

        converter.FromConnectData(Topic, null, readSchema, value).Should().Equal(expected);
        var result = converter.ToConnectData(Topic, null, expected);
        result.Schema.Should().BeSameAs(readSchema);
        result.Value.Should().Be(value);
    }
}
