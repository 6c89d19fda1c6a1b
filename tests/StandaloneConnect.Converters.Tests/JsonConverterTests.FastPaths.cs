using System.Collections;
using System.Collections.Specialized;
using System.Text;
using System.Text.Json;
using StandaloneConnect.Sdk;
using StandaloneConnect.Sdk.Data;

namespace StandaloneConnect.Converters.Tests;

/// <summary>
/// The reader's string fast path and the writer's generic-dictionary path must give exactly what the general paths
/// give: the expectations here are computed with <see cref="JsonDocument"/> (what the general read path uses) or by
/// writing the same entries through a non-generic map (what the general write path enumerates).
/// </summary>
public sealed partial class JsonConverterTests
{
    private const string SerializationErrorPrefix = "Converting byte[] to Kafka Connect data failed due to serialization error: ";

    private static readonly object[] SingleStrings =
    [
        "\"hello\"",
        "\"\"",
        "  \"padded\" \t\r\n",
        "\"esc\\\"aped \\\\ \\/ \\n \\u00e9 \\ud83d\\ude00\"",
        "\"caf\u00e9 \u4e2d\u6587 \ud83d\ude00\"",
    ];

    private static readonly object[] StringsWithTrailingContent =
    [
        "\"tail\" garbage",
        "\"tail\" \"second\"",
        "\"tail\",",
        "\"tail\"}",
    ];

    [TestCaseSource(nameof(SingleStrings))]
    [TestCaseSource(nameof(StringsWithTrailingContent))]
    public void ToConnectData_PlainStringSchemasOff_SameAsDocumentRead(string json)
    {
        var expected = FirstValueAsString(Encoding.UTF8.GetBytes(json));

        Read(Converter(schemas: false), json).Should().Be(new SchemaAndValue(null, expected));
    }

    [TestCaseSource(nameof(SingleStrings))]
    public void ToConnectData_StringPayloadInEnvelope_SameAsDocumentRead(string payload)
    {
        var expected = FirstValueAsString(Encoding.UTF8.GetBytes(payload));
        var schema = SchemaBuilder.String().Build();

        Read(Converter(), Envelope("{\"type\":\"string\",\"optional\":false}", payload)).Should().Be(new SchemaAndValue(schema, expected));
        Read(Converter(), Envelope("null", payload)).Should().Be(new SchemaAndValue(null, expected));
    }

    [Test]
    public void ToConnectData_NamedStringSchemaWithStringPayload_KeepsTheSchemaName()
    {
        var schema = SchemaBuilder.String().SetName("my.Text").SetVersion(2).Build();

        Read(Converter(), Envelope("{\"type\":\"string\",\"optional\":false,\"name\":\"my.Text\",\"version\":2}", "\"x\""))
            .Should().Be(new SchemaAndValue(schema, "x"));
    }

    [Test]
    public void ToConnectData_StringPayloadForNonStringSchema_ReadLikeJackson()
    {
        Read(Converter(), Envelope("{\"type\":\"int64\",\"optional\":false}", "\"12\"")).Value.Should().Be(0L);
        Read(Converter(), Envelope("{\"type\":\"boolean\",\"optional\":false}", "\"true\"")).Value.Should().Be(false);
    }

    [TestCase(true)]
    [TestCase(false)]
    public void ToConnectData_InvalidUtf8InPlainString_SameErrorAsDocumentRead(bool schemas)
    {
        var bytes = Encoding.UTF8.GetBytes(schemas ? Envelope("null", "\"a?b\"") : "\"a?b\"");
        bytes[Array.IndexOf(bytes, (byte)'?')] = 0xFF;
        var expected = SerializationErrorPrefix + DocumentError(bytes, schemas);

        var act = () => Converter(schemas).ToConnectData(Topic, null, bytes);

        act.Should().Throw<DataException>().Which.Message.Should().Be(expected);
    }

    [TestCase("\"unterminated")]
    [TestCase("\"bad \\x escape\"")]
    [TestCase("\"control \u0001 char\"")]
    public void ToConnectData_MalformedPlainString_SerializationError(string json)
    {
        var act = () => Read(Converter(schemas: false), json);

        act.Should().Throw<DataException>().Which.Message.Should().StartWith(SerializationErrorPrefix);
    }

    private static IEnumerable<TestCaseData> MapWriteCases()
    {
        var mapSchema = SchemaBuilder.Map(Schema.String, Schema.OptionalInt32).Build();
        var intKeys = SchemaBuilder.Map(Schema.Int32, Schema.String).Build();
        yield return new TestCaseData(null, Entries(("b", 1), ("a", "x"), ("c", null))).SetName("WriteMap_SchemalessStringKeys");
        yield return new TestCaseData(null, Entries((1, "one"), ("two", 2L))).SetName("WriteMap_SchemalessMixedKeys");
        yield return new TestCaseData(mapSchema, Entries(("z", 1), ("y", null))).SetName("WriteMap_StringKeySchema");
        yield return new TestCaseData(intKeys, Entries((3, "three"), (1, "one"))).SetName("WriteMap_IntKeySchema");
    }

    [TestCaseSource(nameof(MapWriteCases))]
    public void FromConnectData_GenericDictionary_SameBytesAsNonGenericMap(Schema? schema, (object Key, object? Value)[] entries)
    {
        var ordered = new OrderedDictionary();
        var objects = new Dictionary<object, object?>();
        foreach (var (key, value) in entries)
        {
            ordered.Add(key, value);
            objects[key] = value;
        }

        foreach (var schemas in new[] { true, false })
        {
            var expected = Write(Converter(schemas), schema, ordered);
            Write(Converter(schemas), schema, objects).Should().Be(expected);
            if (entries.All(e => e.Key is string))
            {
                var strings = entries.ToDictionary(e => (string)e.Key, e => e.Value);
                Write(Converter(schemas), schema, strings).Should().Be(expected);
            }
        }
    }

    [TestCase(true)]
    [TestCase(false)]
    public void FromConnectData_StringKeySchemaWithNonStringKey_SameErrorForEveryMapType(bool generic)
    {
        var schema = SchemaBuilder.Map(Schema.String, Schema.Int32).Build();
        IDictionary map = generic ? new Dictionary<object, object?> { [2] = 3 } : new Hashtable { [2] = 3 };

        var act = () => Converter(schemas: false).FromConnectData(Topic, null, schema, map);

        act.Should().Throw<DataException>().WithMessage("Invalid type for STRING: System.Int32");
    }

    [Test]
    public void FromConnectData_StringDictionaryWithIntKeySchema_FailsOnTheKeyLikeAnyMap()
    {
        var schema = SchemaBuilder.Map(Schema.Int32, Schema.Int32).Build();
        var expected = ((Action)(() => Converter(schemas: false).FromConnectData(Topic, null, schema, new Hashtable { ["a"] = 1 })))
            .Should().Throw<DataException>().Which.Message;

        var act = () => Converter(schemas: false).FromConnectData(Topic, null, schema, new Dictionary<string, object?> { ["a"] = 1 });

        act.Should().Throw<DataException>().Which.Message.Should().Be(expected);
    }

    private static (object Key, object? Value)[] Entries(params (object Key, object? Value)[] entries) => entries;

    /// <summary>What the general path yields: Jackson reads the first value, here a string.</summary>
    private static string? FirstValueAsString(byte[] json)
    {
        var reader = new Utf8JsonReader(json);
        reader.Read();
        reader.Skip();
        using var document = JsonDocument.Parse(json.AsMemory(0, (int)reader.BytesConsumed));
        return document.RootElement.GetString();
    }

    private static string DocumentError(byte[] json, bool envelope)
    {
        using var document = JsonDocument.Parse(json);
        var element = envelope ? document.RootElement.GetProperty("payload") : document.RootElement;
        var act = () => element.GetString();
        return act.Should().Throw<InvalidOperationException>().Which.Message;
    }
}
