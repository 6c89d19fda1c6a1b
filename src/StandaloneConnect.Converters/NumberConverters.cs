using System.Buffers.Binary;
using System.Runtime.Serialization;
using StandaloneConnect.Sdk;
using StandaloneConnect.Sdk.Config;
using StandaloneConnect.Sdk.Data;
using StandaloneConnect.Sdk.Storage;

namespace StandaloneConnect.Converters;

/// <summary>
/// Kafka's <c>NumberConverter</c>: writes one number in the byte format of Kafka's matching serializer (fixed size,
/// big-endian), ignoring the schema; reads every value back with the converter's optional schema. Null stays null.
/// Only the built-in subclasses below exist: the constructor is not visible outside this assembly.
/// </summary>
/// <typeparam name="T">The exact boxed type accepted on write (a <c>double</c> is not accepted as a <c>float</c>).</typeparam>
public abstract class NumberConverter<T> : IConverter, IHeaderConverter, IVersioned
    where T : struct
{
    private readonly string _typeName;
    private readonly Schema _schema;
    private readonly int _size;
    private readonly string _deserializerName;

    private protected NumberConverter(string typeName, Schema schema, int size, string deserializerName)
    {
        _typeName = typeName;
        _schema = schema;
        _size = size;
        _deserializerName = deserializerName;
    }

    public ConfigDef Config => ConverterConfigs.NewConfigDef();

    public string Version => PluginVersion.Of(GetType());

    public void Configure(IReadOnlyDictionary<string, string> configs, bool isKey) =>
        Configure(ConverterConfigs.WithType(configs, ConverterConfigs.TypeFor(isKey)));

    public void Configure(IReadOnlyDictionary<string, string> configs) =>
        Config.Parse(ConverterConfigs.WithDefaultType(configs, ConverterType.Header));

    public byte[]? FromConnectData(string topic, ConnectHeaders? headers, Schema? schema, object? value)
    {
        switch (value)
        {
            case null:
                return null;
            case T number:
                var bytes = new byte[_size];
                Write(number, bytes);
                return bytes;
            default:
                throw new DataException($"Failed to serialize to {_typeName} (was {value.GetType()}): ");
        }
    }

    public SchemaAndValue ToConnectData(string topic, ConnectHeaders? headers, byte[]? value)
    {
        if (value is null)
        {
            return new SchemaAndValue(_schema, null);
        }

        if (value.Length != _size)
        {
            // Kafka's deserializers throw SerializationException; the converter wraps it in a DataException.
            var cause = new SerializationException($"Size of data received by {_deserializerName} is not {_size}");
            throw new DataException($"Failed to deserialize {_typeName}: {cause.Message}", cause);
        }

        return new SchemaAndValue(_schema, Read(value));
    }

    public byte[]? FromConnectHeader(string topic, string headerKey, Schema? schema, object? value) =>
        FromConnectData(topic, null, schema, value);

    public SchemaAndValue ToConnectHeader(string topic, string headerKey, byte[]? value) => ToConnectData(topic, null, value);

    /// <summary>Writes <paramref name="value"/> big-endian into exactly the converter's size of bytes.</summary>
    private protected abstract void Write(T value, Span<byte> destination);

    /// <summary>Reads a big-endian value from exactly the converter's size of bytes.</summary>
    private protected abstract T Read(ReadOnlySpan<byte> source);
}

/// <summary>Kafka's <c>DoubleConverter</c>: 8 bytes (<c>DoubleSerializer</c>), read as optional FLOAT64.</summary>
[PluginAlias("org.apache.kafka.connect.converters.DoubleConverter")]
public sealed class DoubleConverter() : NumberConverter<double>("double", Schema.OptionalFloat64, sizeof(double), "Deserializer")
{
    /// <summary>Java's <c>Double.doubleToLongBits</c> form of NaN, which Kafka's serializer always writes.</summary>
    private const long CanonicalNaNBits = 0x7FF8000000000000L;

    private protected override void Write(double value, Span<byte> destination) => BinaryPrimitives.WriteInt64BigEndian(
        destination, double.IsNaN(value) ? CanonicalNaNBits : BitConverter.DoubleToInt64Bits(value));

    private protected override double Read(ReadOnlySpan<byte> source) =>
        BitConverter.Int64BitsToDouble(BinaryPrimitives.ReadInt64BigEndian(source));
}

/// <summary>
/// Kafka's <c>FloatConverter</c>: 4 bytes (<c>FloatSerializer</c>, which keeps the raw bits, NaN payloads included),
/// read as optional FLOAT32.
/// </summary>
[PluginAlias("org.apache.kafka.connect.converters.FloatConverter")]
public sealed class FloatConverter() : NumberConverter<float>("float", Schema.OptionalFloat32, sizeof(float), "Deserializer")
{
    private protected override void Write(float value, Span<byte> destination) =>
        BinaryPrimitives.WriteInt32BigEndian(destination, BitConverter.SingleToInt32Bits(value));

    private protected override float Read(ReadOnlySpan<byte> source) =>
        BitConverter.Int32BitsToSingle(BinaryPrimitives.ReadInt32BigEndian(source));
}

/// <summary>Kafka's <c>IntegerConverter</c>: 4 bytes big-endian, read as optional INT32.</summary>
[PluginAlias("org.apache.kafka.connect.converters.IntegerConverter")]
public sealed class IntegerConverter() : NumberConverter<int>("integer", Schema.OptionalInt32, sizeof(int), "IntegerDeserializer")
{
    private protected override void Write(int value, Span<byte> destination) => BinaryPrimitives.WriteInt32BigEndian(destination, value);

    private protected override int Read(ReadOnlySpan<byte> source) => BinaryPrimitives.ReadInt32BigEndian(source);
}

/// <summary>Kafka's <c>LongConverter</c>: 8 bytes big-endian, read as optional INT64.</summary>
[PluginAlias("org.apache.kafka.connect.converters.LongConverter")]
public sealed class LongConverter() : NumberConverter<long>("long", Schema.OptionalInt64, sizeof(long), "LongDeserializer")
{
    private protected override void Write(long value, Span<byte> destination) => BinaryPrimitives.WriteInt64BigEndian(destination, value);

    private protected override long Read(ReadOnlySpan<byte> source) => BinaryPrimitives.ReadInt64BigEndian(source);
}

/// <summary>Kafka's <c>ShortConverter</c>: 2 bytes big-endian, read as optional INT16.</summary>
[PluginAlias("org.apache.kafka.connect.converters.ShortConverter")]
public sealed class ShortConverter() : NumberConverter<short>("short", Schema.OptionalInt16, sizeof(short), "ShortDeserializer")
{
    private protected override void Write(short value, Span<byte> destination) => BinaryPrimitives.WriteInt16BigEndian(destination, value);

    private protected override short Read(ReadOnlySpan<byte> source) => BinaryPrimitives.ReadInt16BigEndian(source);
}
