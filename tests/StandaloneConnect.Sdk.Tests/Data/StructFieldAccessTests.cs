using StandaloneConnect.Sdk;
using StandaloneConnect.Sdk.Data;

namespace StandaloneConnect.Sdk.Tests.Data;

/// <summary>
/// Access by <see cref="Field"/>: a field object of the struct's own schema is taken by position without a name
/// look-up; any other field object must still be resolved (and checked) by name, exactly as before.
/// </summary>
public sealed class StructFieldAccessTests
{
    private static readonly Schema Order = OrderSchema();

    private static Schema OrderSchema() => SchemaBuilder.Struct().SetName("order")
        .Field("id", Schema.Int64)
        .Field("note", SchemaBuilder.String().Optional().Default("none").Build())
        .Field("ts", ConnectTimestamp.Schema)
        .Field("code", SchemaBuilder.Int32().SetName("my.Code").Build())
        .Build();

    private static readonly DateTime At = new(2026, 11, 25, 12, 0, 0, DateTimeKind.Utc);

    [Test]
    public void Put_OwnFieldObjects_EqualsPutByName()
    {
        var byField = new Struct(Order);
        foreach (var (field, value) in Order.Fields.Zip(new object?[] { 1L, "n", At, 7 }))
        {
            byField.Put(field, value);
        }

        var byName = new Struct(Order).Put("id", 1L).Put("note", "n").Put("ts", At).Put("code", 7);

        byField.Should().Be(byName);
        byField.GetHashCode().Should().Be(byName.GetHashCode());
        byField.ToString().Should().Be(byName.ToString());
    }

    [Test]
    public void GetAndPut_FieldOfAnEqualSchemaInstance_Accepted()
    {
        var twin = OrderSchema();
        twin.Should().NotBeSameAs(Order).And.Be(Order);
        var s = new Struct(Order);

        s.Put(twin.Field("id")!, 5L).Put(twin.Field("note")!, null);

        s.Get(twin.Field("id")!).Should().Be(5L);
        s.Get(twin.Field("note")!).Should().Be("none");
        s.GetWithoutDefault(twin.Field("note")!).Should().BeNull();
    }

    [Test]
    public void GetAndPut_EqualFieldRecordNotFromAnySchema_Accepted()
    {
        var copy = new Field("id", 0, Schema.Int64);

        new Struct(Order).Put(copy, 3L).Get(copy).Should().Be(3L);
    }

    [TestCase("id", 0, TestName = "Put_SameNameAndIndexButOtherSchema_Throws")]
    [TestCase("id", 9, TestName = "Put_SameNameOtherIndex_Throws")]
    [TestCase("note", 0, TestName = "Put_OtherNameAtAnOwnIndex_Throws")]
    [TestCase("nope", -1, TestName = "Put_UnknownNameNegativeIndex_Throws")]
    public void Put_ForeignField_Throws(string name, int index)
    {
        var foreign = new Field(name, index, Schema.Int32);

        var put = () => new Struct(Order).Put(foreign, 1);
        var get = () => new Struct(Order).Get(foreign);
        var getWithoutDefault = () => new Struct(Order).GetWithoutDefault(foreign);

        var message = $"Field {name} is not a field of this struct's schema";
        put.Should().Throw<DataException>().WithMessage(message);
        get.Should().Throw<DataException>().WithMessage(message);
        getWithoutDefault.Should().Throw<DataException>().WithMessage(message);
    }

    [Test]
    public void Put_OwnFieldWrongPrimitiveType_Throws()
    {
        var act = () => new Struct(Order).Put(Order.Field("id")!, 1);

        act.Should().Throw<DataException>()
            .WithMessage("Invalid Java object for schema with type INT64: System.Int32 for field: \"id\"");
    }

    [Test]
    public void Put_OwnLogicalFieldWithUnderlyingType_Throws()
    {
        var act = () => new Struct(Order).Put(Order.Field("ts")!, 0L);

        act.Should().Throw<DataException>().WithMessage(
            "Invalid Java object for schema \"org.apache.kafka.connect.data.Timestamp\" with type INT64: System.Int64 for field: \"ts\"");
    }

    [Test]
    public void Put_NamedNonLogicalSchema_ChecksThePrimitiveType()
    {
        new Struct(Order).Put(Order.Field("code")!, 4).Get("code").Should().Be(4);

        var act = () => new Struct(Order).Put(Order.Field("code")!, 4L);

        act.Should().Throw<DataException>()
            .WithMessage("Invalid Java object for schema \"my.Code\" with type INT32: System.Int64 for field: \"code\"");
    }

    [Test]
    public void Put_NullIntoOwnRequiredField_Throws()
    {
        var act = () => new Struct(Order).Put(Order.Field("id")!, null);

        act.Should().Throw<DataException>().WithMessage("Invalid value: null used for required field: \"id\", schema type: INT64");
    }

    [Test]
    public void GetWithoutDefault_ByFieldOrByName_SameValue()
    {
        var s = new Struct(Order).Put("id", 2L);

        s.GetWithoutDefault(Order.Field("note")!).Should().BeNull();
        s.Get(Order.Field("note")!).Should().Be("none");
        s.GetWithoutDefault(Order.Field("id")!).Should().Be(s.GetWithoutDefault("id"));
    }

    [Test]
    public void GetWithoutDefault_NullField_Throws()
    {
        var act = () => new Struct(Order).GetWithoutDefault((Field)null!);

        act.Should().Throw<ArgumentNullException>();
    }
}
