using StandaloneConnect.Sdk;
using StandaloneConnect.Sdk.Data;

namespace StandaloneConnect.Sdk.Tests.Data;

public sealed class SchemaBuilderTests
{
    [Test]
    public void Build_AllAttributes_AreKept()
    {
        var schema = SchemaBuilder.Int64().SetName("n").SetVersion(3).SetDoc("d").Parameter("p", "v").Optional().Default(5L).Build();

        schema.Type.Should().Be(SchemaType.Int64);
        schema.Name.Should().Be("n");
        schema.Version.Should().Be(3);
        schema.Doc.Should().Be("d");
        schema.Parameters.Should().Equal(new Dictionary<string, string> { ["p"] = "v" });
        schema.IsOptional.Should().BeTrue();
        schema.DefaultValue.Should().Be(5L);
    }

    [Test]
    public void Build_Struct_KeepsFieldOrderAndIndexes()
    {
        var schema = SchemaBuilder.Struct().Field("b", Schema.Int32).Field("a", Schema.String).Build();

        schema.Fields.Select(f => (f.Name, f.Index, f.Schema)).Should().Equal(("b", 0, Schema.Int32), ("a", 1, Schema.String));
        schema.Field("a")!.Index.Should().Be(1);
        schema.Field("missing").Should().BeNull();
    }

    [Test]
    public void Build_ArrayAndMap_KeepElementSchemas()
    {
        var array = SchemaBuilder.Array(Schema.String).Build();
        var map = SchemaBuilder.Map(Schema.String, Schema.OptionalInt64).Build();

        array.ValueSchema.Should().Be(Schema.String);
        map.KeySchema.Should().Be(Schema.String);
        map.ValueSchema.Should().Be(Schema.OptionalInt64);
    }

    [Test]
    public void Build_ParametersChangedAfterwards_DoNotAffectTheSchema()
    {
        var builder = SchemaBuilder.String().Parameter("a", "1");
        var schema = builder.Build();

        builder.Parameter("b", "2");

        schema.Parameters.Should().HaveCount(1);
    }

    [TestCase("name")]
    [TestCase("version")]
    [TestCase("doc")]
    public void Set_AttributeTwiceWithAnotherValue_ThrowsKafkasMessage(string attribute)
    {
        var builder = SchemaBuilder.String().SetName("a").SetVersion(1).SetDoc("a");

        Action act = attribute switch
        {
            "name" => () => builder.SetName("b"),
            "version" => () => builder.SetVersion(2),
            _ => () => builder.SetDoc("b"),
        };

        act.Should().Throw<SchemaBuilderException>().WithMessage($"Invalid SchemaBuilder call: {attribute} has already been set.");
    }

    [Test]
    public void Set_AttributeTwiceWithTheSameValue_IsAllowed()
    {
        var act = () => SchemaBuilder.String().SetName("a").SetName("a").Optional().Optional();

        act.Should().NotThrow();
    }

    [Test]
    public void Optional_AfterRequired_Throws()
    {
        var act = () => SchemaBuilder.String().Required().Optional();

        act.Should().Throw<SchemaBuilderException>().WithMessage("Invalid SchemaBuilder call: optional has already been set.");
    }

    [Test]
    public void Default_WrongType_ThrowsInvalidDefaultValue()
    {
        var act = () => SchemaBuilder.Int32().Default("x");

        act.Should().Throw<SchemaBuilderException>().WithMessage("Invalid default value")
            .WithInnerException<DataException>();
    }

    [Test]
    public void Default_NullOnRequired_Throws()
    {
        var required = () => SchemaBuilder.Int32().Default(null);
        var optional = () => SchemaBuilder.Int32().Optional().Default(null);

        required.Should().Throw<SchemaBuilderException>().WithMessage("Invalid default value");
        optional.Should().NotThrow();
    }

    [Test]
    public void Default_Twice_Throws()
    {
        var act = () => SchemaBuilder.Int32().Default(1).Default(2);

        act.Should().Throw<SchemaBuilderException>().WithMessage("Invalid SchemaBuilder call: default has already been set.");
    }

    [Test]
    public void Field_OnNonStruct_ThrowsKafkasMessage()
    {
        var act = () => SchemaBuilder.Int32().Field("a", Schema.Int32);

        act.Should().Throw<SchemaBuilderException>().WithMessage("Cannot create fields on type INT32");
    }

    [Test]
    public void Field_Duplicate_ThrowsKafkasMessage()
    {
        var act = () => SchemaBuilder.Struct().Field("a", Schema.Int32).Field("a", Schema.String);

        act.Should().Throw<SchemaBuilderException>().WithMessage("Cannot create field because of field name duplication a");
    }

    [TestCase(SchemaType.Array)]
    [TestCase(SchemaType.Map)]
    public void OfType_ContainerType_Throws(SchemaType type)
    {
        var act = () => SchemaBuilder.OfType(type);

        act.Should().Throw<SchemaBuilderException>();
    }

    [Test]
    public void ImplicitConversion_BuildsTheSchema()
    {
        Schema schema = SchemaBuilder.Bool().Optional();

        schema.Should().Be(Schema.OptionalBoolean);
    }
}
