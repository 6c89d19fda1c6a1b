using FluentAssertions;
using StandaloneConnect.Sdk;
using StandaloneConnect.Sdk.Data;
using StandaloneConnect.Transforms.Support;

namespace StandaloneConnect.Transforms.Tests.Support;

public sealed class SchemaUpdateCacheTests
{
    private static Schema StructOf(string field) => SchemaBuilder.Struct().Field(field, Schema.String).Build();

    [Test]
    public void Get_SameSchemaTwice_BuildsOnce()
    {
        var calls = 0;
        var cache = new SchemaUpdateCache<string>(s => $"{s.Fields[0].Name}#{++calls}");
        var schema = StructOf("a");

        cache.Get(schema).Should().Be("a#1");
        cache.Get(schema).Should().Be("a#1");
        calls.Should().Be(1);
    }

    [Test]
    public void Get_EqualButDistinctSchema_HitsByEquality()
    {
        var calls = 0;
        var cache = new SchemaUpdateCache<string>(s => $"{s.Fields[0].Name}#{++calls}");

        cache.Get(StructOf("a")).Should().Be("a#1");
        cache.Get(StructOf("b")).Should().Be("b#2");
        cache.Get(StructOf("a")).Should().Be("a#1");
        calls.Should().Be(2);
    }

    [Test]
    public void Get_MoreSchemasThanCapacity_StaysCorrect()
    {
        var calls = 0;
        var cache = new SchemaUpdateCache<string>(s => { calls++; return s.Fields[0].Name; });
        var schemas = Enumerable.Range(0, 40).Select(i => StructOf("f" + i)).ToList();

        foreach (var schema in schemas.Concat(schemas))
        {
            cache.Get(schema).Should().Be(schema.Fields[0].Name);
        }

        calls.Should().BeGreaterThan(40, "a cache of 16 cannot hold 40 schemas");
    }

    [Test]
    public void Clear_ForgetsEntries()
    {
        var calls = 0;
        var cache = new SchemaUpdateCache<string>(_ => "v" + ++calls);
        var schema = StructOf("a");
        cache.Get(schema);

        cache.Clear();

        cache.Get(schema).Should().Be("v2");
    }

    [Test]
    public void Get_BuilderThrows_NothingCached()
    {
        var calls = 0;
        var cache = new SchemaUpdateCache<string>(_ => ++calls == 1 ? throw new DataException("boom") : "ok");
        var schema = StructOf("a");

        FluentActions.Invoking(() => cache.Get(schema)).Should().Throw<DataException>().WithMessage("boom");
        cache.Get(schema).Should().Be("ok");
    }
}
