using StandaloneConnect.Sdk;
using StandaloneConnect.Sdk.Data;

namespace StandaloneConnect.Converters.Tests;

public sealed class ByteArrayConverterTests
{
    private const string Topic = "topic";

    private static ByteArrayConverter Converter()
    {
        var converter = new ByteArrayConverter();
        converter.Configure(new Dictionary<string, string>(), false);
        return converter;
    }

    [Test]
    public void FromConnectData_ByteArray_SameInstance()
    {
        byte[] value = [1, 2, 3];

        Converter().FromConnectData(Topic, null, Schema.Bytes, value).Should().BeSameAs(value);
    }

    [Test]
    public void FromConnectData_ReadOnlyMemory_Copied() =>
        Converter().FromConnectData(Topic, null, Schema.OptionalBytes, new ReadOnlyMemory<byte>([9, 8, 7, 6], 1, 2))
            .Should().Equal(8, 7);

    [Test]
    public void FromConnectData_NullSchema_Accepted() =>
        Converter().FromConnectData(Topic, null, null, new byte[] { 5 }).Should().Equal(5);

    [Test]
    public void FromConnectData_Null_Null() => Converter().FromConnectData(Topic, null, Schema.OptionalBytes, null).Should().BeNull();

    [TestCase(SchemaType.String, "STRING")]
    [TestCase(SchemaType.Int32, "INT32")]
    [TestCase(SchemaType.Struct, "STRUCT")]
    public void FromConnectData_NonBytesSchema_Throws(SchemaType type, string name)
    {
        var act = () => Converter().FromConnectData(Topic, null, SchemaBuilder.OfType(type).Build(), new byte[] { 1 });

        act.Should().Throw<DataException>().WithMessage("Invalid schema type for ByteArrayConverter: " + name);
    }

    [Test]
    public void FromConnectData_NonBytesValue_Throws()
    {
        var act = () => Converter().FromConnectData(Topic, null, Schema.Bytes, "text");

        act.Should().Throw<DataException>().WithMessage("ByteArrayConverter is not compatible with objects of type System.String");
    }

    [TestCase(new byte[] { 0, 1, 255 })]
    [TestCase(new byte[0])]
    [TestCase(null)]
    public void RoundTrip_Bytes_SameBytesWithOptionalBytesSchema(byte[]? value)
    {
        var converter = Converter();

        var result = converter.ToConnectData(Topic, null, converter.FromConnectData(Topic, null, Schema.OptionalBytes, value));

        result.Schema.Should().Be(Schema.OptionalBytes);
        result.Value.Should().BeEquivalentTo(value);
    }

    [Test]
    public void HeaderMethods_Bytes_PassThrough()
    {
        var converter = new ByteArrayConverter();
        converter.Configure(new Dictionary<string, string>());

        converter.FromConnectHeader(Topic, "h", Schema.Bytes, new byte[] { 4 }).Should().Equal(4);
        converter.ToConnectHeader(Topic, "h", [4]).Should().BeEquivalentTo(new SchemaAndValue(Schema.OptionalBytes, new byte[] { 4 }));
    }

    [Test]
    public void Config_Keys_ConverterTypeOnly() =>
        new ByteArrayConverter().Config.Keys.Select(k => k.Name).Should().Equal("converter.type");
}
