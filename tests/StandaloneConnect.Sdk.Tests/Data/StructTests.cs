using StandaloneConnect.Sdk;
using StandaloneConnect.Sdk.Data;

namespace StandaloneConnect.Sdk.Tests.Data;

public sealed class StructTests
{
    private static readonly Schema PersonSchema = SchemaBuilder.Struct().SetName("person")
        .Field("id", Schema.Int32)
        .Field("name", Schema.OptionalString)
        .Field("active", SchemaBuilder.Bool().Default(true).Build())
        .Field("tags", SchemaBuilder.Array(Schema.String).Optional().Build())
        .Field("photo", Schema.OptionalBytes)
        .Build();

    [Test]
    public void Constructor_NonStructSchema_Throws()
    {
        var act = () => new Struct(Schema.Int32);

        act.Should().Throw<DataException>().WithMessage("Not a struct schema: Schema{INT32}");
    }

    [Test]
    public void Get_AfterPut_ReturnsTheValue()
    {
        var s = new Struct(PersonSchema).Put("id", 7).Put("name", "Ann");

        s.Get("id").Should().Be(7);
        s.GetInt32("id").Should().Be(7);
        s.GetString("name").Should().Be("Ann");
        s.Get(PersonSchema.Field("name")!).Should().Be("Ann");
    }

    [Test]
    public void Get_UnsetFieldWithDefault_ReturnsTheDefault()
    {
        var s = new Struct(PersonSchema);

        s.Get("active").Should().Be(true);
        s.GetWithoutDefault("active").Should().BeNull();
        s.Get("name").Should().BeNull();
    }

    [Test]
    public void Put_WrongType_ThrowsWithTheFieldName()
    {
        var act = () => new Struct(PersonSchema).Put("id", "seven");

        act.Should().Throw<DataException>()
            .WithMessage("Invalid Java object for schema with type INT32: System.String for field: \"id\"");
    }

    [Test]
    public void Put_UnknownField_Throws()
    {
        var act = () => new Struct(PersonSchema).Put("nope", 1);

        act.Should().Throw<DataException>().WithMessage("nope is not a valid field name");
    }

    [Test]
    public void Put_NullIntoRequiredField_Throws()
    {
        var act = () => new Struct(PersonSchema).Put("id", null);

        act.Should().Throw<DataException>().WithMessage("Invalid value: null used for required field: \"id\", schema type: INT32");
    }

    [Test]
    public void TypedGetter_WrongType_Throws()
    {
        var act = () => new Struct(PersonSchema).Put("id", 1).GetInt64("id");

        act.Should().Throw<DataException>().WithMessage("Field 'id' is not of type INT64");
    }

    [Test]
    public void Validate_MissingRequiredField_Throws()
    {
        var act = () => new Struct(PersonSchema).Put("name", "x").Validate();

        act.Should().Throw<DataException>().WithMessage("Invalid value: null used for required field: \"id\", schema type: INT32");
    }

    [Test]
    public void Validate_RequiredFieldWithDefaultLeftUnset_Passes()
    {
        var act = () => new Struct(PersonSchema).Put("id", 1).Validate();

        act.Should().NotThrow();
    }

    [Test]
    public void Equals_SameValuesIncludingBytes_IsTrueAndHashesMatch()
    {
        var a = new Struct(PersonSchema).Put("id", 1).Put("photo", new byte[] { 1, 2 }).Put("tags", new List<string> { "x" });
        var b = new Struct(PersonSchema).Put("id", 1).Put("photo", new byte[] { 1, 2 }).Put("tags", new List<string> { "x" });

        a.Should().Be(b);
        a.GetHashCode().Should().Be(b.GetHashCode());
    }

    [Test]
    public void Equals_DifferentValue_IsFalse()
    {
        var a = new Struct(PersonSchema).Put("id", 1);
        var b = new Struct(PersonSchema).Put("id", 2);

        a.Should().NotBe(b);
    }

    [Test]
    public void ToString_RendersSetFieldsLikeKafka()
    {
        var s = new Struct(PersonSchema).Put("id", 1).Put("active", false).Put("tags", new List<string> { "a", "b" })
            .Put("photo", new byte[] { 0xFF });

        s.ToString().Should().Be("Struct{id=1,active=false,tags=[a, b],photo=/w==}");
    }

    [Test]
    public void ToString_FloatingPointField_PrintsLikeJava()
    {
        var schema = SchemaBuilder.Struct().Field("x", Schema.Float64).Build();

        new Struct(schema).Put("x", 2.0).ToString().Should().Be("Struct{x=2.0}");
    }

    [Test]
    public void ToString_TimestampField_PrintsLikeJavaDate()
    {
        var schema = SchemaBuilder.Struct().Field("at", ConnectTimestamp.Schema).Build();

        new Struct(schema).Put("at", new DateTime(2024, 1, 15, 10, 30, 0, DateTimeKind.Utc)).ToString()
            .Should().Be("Struct{at=Mon Jan 15 10:30:00 UTC 2024}");
    }
}
