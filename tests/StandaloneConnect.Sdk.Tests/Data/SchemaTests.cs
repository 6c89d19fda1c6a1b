using StandaloneConnect.Sdk;
using StandaloneConnect.Sdk.Data;

namespace StandaloneConnect.Sdk.Tests.Data;

public sealed class SchemaTests
{
    private static readonly object[] Predefined =
    [
        new object[] { Schema.Int8, SchemaType.Int8, false },
        new object[] { Schema.Int16, SchemaType.Int16, false },
        new object[] { Schema.Int32, SchemaType.Int32, false },
        new object[] { Schema.Int64, SchemaType.Int64, false },
        new object[] { Schema.Float32, SchemaType.Float32, false },
        new object[] { Schema.Float64, SchemaType.Float64, false },
        new object[] { Schema.Boolean, SchemaType.Boolean, false },
        new object[] { Schema.String, SchemaType.String, false },
        new object[] { Schema.Bytes, SchemaType.Bytes, false },
        new object[] { Schema.OptionalInt8, SchemaType.Int8, true },
        new object[] { Schema.OptionalInt16, SchemaType.Int16, true },
        new object[] { Schema.OptionalInt32, SchemaType.Int32, true },
        new object[] { Schema.OptionalInt64, SchemaType.Int64, true },
        new object[] { Schema.OptionalFloat32, SchemaType.Float32, true },
        new object[] { Schema.OptionalFloat64, SchemaType.Float64, true },
        new object[] { Schema.OptionalBoolean, SchemaType.Boolean, true },
        new object[] { Schema.OptionalString, SchemaType.String, true },
        new object[] { Schema.OptionalBytes, SchemaType.Bytes, true },
    ];

    [TestCaseSource(nameof(Predefined))]
    public void Predefined_Schema_HasTypeAndOptionalityAndNothingElse(Schema schema, SchemaType type, bool optional)
    {
        schema.Type.Should().Be(type);
        schema.IsOptional.Should().Be(optional);
        schema.Name.Should().BeNull();
        schema.Version.Should().BeNull();
        schema.Doc.Should().BeNull();
        schema.DefaultValue.Should().BeNull();
        schema.Parameters.Should().BeNull();
        schema.Should().Be(SchemaBuilder.OfType(type).Let(b => optional ? b.Optional() : b).Build());
    }

    [Test]
    public void ToString_UnnamedAndNamed_MatchesKafka()
    {
        Schema.Int32.ToString().Should().Be("Schema{INT32}");
        ConnectDate.Schema.ToString().Should().Be("Schema{org.apache.kafka.connect.data.Date:INT32}");
    }

    [Test]
    public void Equals_DifferentOptionality_IsFalse()
    {
        Schema.String.Should().NotBe(Schema.OptionalString);
        Schema.String.Equals(SchemaBuilder.String().Build()).Should().BeTrue();
    }

    [Test]
    public void Equals_StructsWithSameFields_IsTrueAndHashesMatch()
    {
        Schema a = SchemaBuilder.Struct().SetName("s").Field("id", Schema.Int32).Field("name", Schema.OptionalString);
        Schema b = SchemaBuilder.Struct().SetName("s").Field("id", Schema.Int32).Field("name", Schema.OptionalString);
        Schema c = SchemaBuilder.Struct().SetName("s").Field("id", Schema.Int64).Field("name", Schema.OptionalString);

        a.Should().Be(b);
        a.GetHashCode().Should().Be(b.GetHashCode());
        a.Should().NotBe(c);
    }

    [Test]
    public void StructAccessors_OnNonStruct_ThrowKafkasMessages()
    {
        var fields = () => Schema.Int32.Fields;
        var field = () => Schema.Int32.Field("x");

        fields.Should().Throw<DataException>().WithMessage("Cannot list fields on non-struct type");
        field.Should().Throw<DataException>().WithMessage("Cannot look up fields on non-struct type");
    }

    [TestCase(null)]
    [TestCase("f")]
    public void ValidateValue_NullForRequired_ThrowsKafkasMessage(string? field)
    {
        var act = () => Schema.ValidateValue(field, Schema.String, null);

        act.Should().Throw<DataException>()
            .WithMessage($"Invalid value: null used for required field: \"{field ?? "null"}\", schema type: STRING");
    }

    [Test]
    public void ValidateValue_NullForOptional_Passes()
    {
        var act = () => Schema.ValidateValue(Schema.OptionalString, null);

        act.Should().NotThrow();
    }

    [Test]
    public void ValidateValue_WrongType_ThrowsKafkasMessage()
    {
        var unnamed = () => Schema.ValidateValue(Schema.Int32, "x");
        var named = () => Schema.ValidateValue(ConnectDate.Schema, 5);
        var withField = () => Schema.ValidateValue("f", Schema.Int64, 5);

        unnamed.Should().Throw<DataException>().WithMessage("Invalid Java object for schema with type INT32: System.String");
        named.Should().Throw<DataException>().WithMessage(
            "Invalid Java object for schema \"org.apache.kafka.connect.data.Date\" with type INT32: System.Int32");
        withField.Should().Throw<DataException>().WithMessage(
            "Invalid Java object for schema with type INT64: System.Int32 for field: \"f\"");
    }

    [Test]
    public void ValidateValue_ContainerElements_AreValidated()
    {
        var array = SchemaBuilder.Array(Schema.Int32).Build();
        var map = SchemaBuilder.Map(Schema.String, Schema.Int32).Build();

        var goodArray = () => Schema.ValidateValue(array, new List<int> { 1, 2 });
        var badArray = () => Schema.ValidateValue(array, new List<object> { 1, "two" });
        var goodMap = () => Schema.ValidateValue(map, new Dictionary<string, int> { ["a"] = 1 });
        var badMap = () => Schema.ValidateValue(map, new Dictionary<string, object> { ["a"] = 1L });

        goodArray.Should().NotThrow();
        badArray.Should().Throw<DataException>();
        goodMap.Should().NotThrow();
        badMap.Should().Throw<DataException>();
    }

    [Test]
    public void ValidateValue_StructWithOtherSchema_Throws()
    {
        Schema expected = SchemaBuilder.Struct().Field("a", Schema.Int32);
        Schema other = SchemaBuilder.Struct().Field("b", Schema.Int32);

        var act = () => Schema.ValidateValue(expected, new Struct(other).Put("b", 1));

        act.Should().Throw<DataException>().WithMessage("Struct schemas do not match.");
    }

    [Test]
    public void ValidateValue_BytesAsArrayOrMemory_Passes()
    {
        var array = () => Schema.ValidateValue(Schema.Bytes, new byte[] { 1 });
        var memory = () => Schema.ValidateValue(Schema.Bytes, new ReadOnlyMemory<byte>([1]));

        array.Should().NotThrow();
        memory.Should().NotThrow();
    }

    [TestCase(SchemaType.Int32, "INT32", true)]
    [TestCase(SchemaType.Struct, "STRUCT", false)]
    [TestCase(SchemaType.Array, "ARRAY", false)]
    [TestCase(SchemaType.Bytes, "BYTES", true)]
    public void KafkaName_AndIsPrimitive_MatchKafka(SchemaType type, string name, bool primitive)
    {
        type.KafkaName().Should().Be(name);
        type.IsPrimitive().Should().Be(primitive);
    }
}

internal static class BuilderExtensions
{
    public static SchemaBuilder Let(this SchemaBuilder builder, Func<SchemaBuilder, SchemaBuilder> apply) => apply(builder);
}
