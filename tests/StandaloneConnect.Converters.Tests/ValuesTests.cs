using StandaloneConnect.Sdk.Data;

namespace StandaloneConnect.Converters.Tests;

public sealed class ValuesTests
{
    private static readonly Schema PointSchema = SchemaBuilder.Struct().SetName("Point")
        .Field("id", Schema.Int32).Field("name", Schema.OptionalString).Build();

    private static IEnumerable<TestCaseData> RenderCases()
    {
        yield return new TestCaseData(Schema.String, "hello", "hello").SetName("ConvertToString_String_AsIs");
        yield return new TestCaseData(Schema.String, "a \"q\" \\", "a \"q\" \\").SetName("ConvertToString_TopLevelString_NotEscaped");
        yield return new TestCaseData(Schema.Int8, (sbyte)-5, "-5").SetName("ConvertToString_Int8_Plain");
        yield return new TestCaseData(Schema.Int16, (short)300, "300").SetName("ConvertToString_Int16_Plain");
        yield return new TestCaseData(Schema.Int32, 70000, "70000").SetName("ConvertToString_Int32_Plain");
        yield return new TestCaseData(Schema.Int64, long.MinValue, "-9223372036854775808").SetName("ConvertToString_Int64_Plain");
        yield return new TestCaseData(Schema.Float32, 1.5f, "1.5").SetName("ConvertToString_Float32_JavaForm");
        yield return new TestCaseData(Schema.Float64, 1.0, "1.0").SetName("ConvertToString_WholeDouble_JavaForm");
        yield return new TestCaseData(Schema.Float64, 1e-4, "1.0E-4").SetName("ConvertToString_SmallDouble_JavaForm");
        yield return new TestCaseData(Schema.Boolean, true, "true").SetName("ConvertToString_True_Lowercase");
        yield return new TestCaseData(Schema.Boolean, false, "false").SetName("ConvertToString_False_Lowercase");
        yield return new TestCaseData(Schema.Bytes, new byte[] { 1, 2, 3 }, "AQID").SetName("ConvertToString_Bytes_Base64");
        yield return new TestCaseData(Schema.Bytes, new ReadOnlyMemory<byte>([1, 2, 3]), "AQID").SetName("ConvertToString_ReadOnlyMemory_Base64");
        yield return new TestCaseData(ConnectDecimal.Schema(2), 1.50m, "1.50").SetName("ConvertToString_Decimal_KeepsScale");
        yield return new TestCaseData(SchemaBuilder.Array(Schema.Int32).Build(), new List<object?> { 1, 2, 3 }, "[1,2,3]")
            .SetName("ConvertToString_IntList_Compact");
        yield return new TestCaseData(SchemaBuilder.Array(Schema.String).Build(), new List<object?> { "a", "b\"c" }, "[\"a\",\"b\\\"c\"]")
            .SetName("ConvertToString_StringList_QuotedAndEscaped");
        yield return new TestCaseData(null, new List<object?> { null, true, new byte[] { 255 } }, "[null,true,\"/w==\"]")
            .SetName("ConvertToString_MixedList_NullBooleanBytes");
        yield return new TestCaseData(null, new Dictionary<object, object?> { ["a"] = 1, ["b"] = "x" }, "{\"a\":1,\"b\":\"x\"}")
            .SetName("ConvertToString_Map_QuotedKeys");
        yield return new TestCaseData(null, new Dictionary<object, object?> { [1] = new List<object?> { 2.5 } }, "{1:[2.5]}")
            .SetName("ConvertToString_NestedMap_Recursive");
        yield return new TestCaseData(PointSchema, new Struct(PointSchema).Put("id", 7).Put("name", "p"), "{\"id\":7,\"name\":\"p\"}")
            .SetName("ConvertToString_Struct_FieldsInOrder");
        yield return new TestCaseData(PointSchema, new Struct(PointSchema).Put("id", 7), "{\"id\":7,\"name\":null}")
            .SetName("ConvertToString_StructWithNullField_WritesNull");
        yield return new TestCaseData(ConnectDate.Schema, new DateTime(2024, 1, 15, 0, 0, 0, DateTimeKind.Utc), "2024-01-15")
            .SetName("ConvertToString_Date_IsoDate");
        yield return new TestCaseData(ConnectTime.Schema, DateTime.UnixEpoch.AddMilliseconds(3_723_004), "01:02:03.004Z")
            .SetName("ConvertToString_Time_IsoTime");
        yield return new TestCaseData(ConnectTimestamp.Schema, new DateTime(2024, 1, 15, 10, 30, 0, 123, DateTimeKind.Utc),
            "2024-01-15T10:30:00.123Z").SetName("ConvertToString_Timestamp_IsoTimestamp");
    }

    [TestCaseSource(nameof(RenderCases))]
    public void ConvertToString(Schema? schema, object value, string expected) =>
        Values.ConvertToString(schema, value).Should().Be(expected);

    [Test]
    public void ConvertToString_Null_Null() => Values.ConvertToString(Schema.OptionalString, null).Should().BeNull();

    private static IEnumerable<TestCaseData> ScalarParseCases()
    {
        yield return new TestCaseData("", Schema.String, "").SetName("ParseString_Empty_String");
        yield return new TestCaseData("hello", Schema.String, "hello").SetName("ParseString_Word_String");
        yield return new TestCaseData("simple string", Schema.String, "simple string").SetName("ParseString_Words_String");
        yield return new TestCaseData("  ", Schema.String, "  ").SetName("ParseString_Blank_String");
        yield return new TestCaseData("true", Schema.Boolean, true).SetName("ParseString_True_Boolean");
        yield return new TestCaseData("false", Schema.Boolean, false).SetName("ParseString_False_Boolean");
        yield return new TestCaseData("\n \t true \t\n", Schema.Boolean, true).SetName("ParseString_TrueInWhitespace_Boolean");
        yield return new TestCaseData("TRUE", Schema.String, "TRUE").SetName("ParseString_UppercaseTrue_String");
        yield return new TestCaseData("true}", Schema.String, "true}").SetName("ParseString_TrueWithDelimiter_String");
        yield return new TestCaseData("null=", Schema.String, "null=").SetName("ParseString_NullPrefix_String");
        yield return new TestCaseData("42", Schema.Int8, (sbyte)42).SetName("ParseString_SmallInteger_Int8");
        yield return new TestCaseData("-128", Schema.Int8, (sbyte)-128).SetName("ParseString_Int8Min_Int8");
        yield return new TestCaseData("300", Schema.Int16, (short)300).SetName("ParseString_Integer300_Int16");
        yield return new TestCaseData("70000", Schema.Int32, 70000).SetName("ParseString_Integer70000_Int32");
        yield return new TestCaseData("5000000000", Schema.Int64, 5_000_000_000L).SetName("ParseString_LargeInteger_Int64");
        yield return new TestCaseData("+7", Schema.Int8, (sbyte)7).SetName("ParseString_PlusSign_Int8");
        yield return new TestCaseData("3.0", Schema.Int8, (sbyte)3).SetName("ParseString_IntegralFraction_Int8");
        yield return new TestCaseData("1.5e3", Schema.Int16, (short)1500).SetName("ParseString_IntegralExponent_Int16");
        yield return new TestCaseData("1.5", Schema.Float32, 1.5f).SetName("ParseString_Fraction_Float32");
        yield return new TestCaseData("0.5", Schema.Float32, 0.5f).SetName("ParseString_BelowOne_Float32");
        yield return new TestCaseData("-2.25", Schema.Float32, -2.25f).SetName("ParseString_NegativeFraction_Float32");
        yield return new TestCaseData("1e40", Schema.Float64, 1e40).SetName("ParseString_BeyondFloatRange_Float64");
        yield return new TestCaseData("9223372036854775808", ConnectDecimal.Schema(0), 9223372036854775808m)
            .SetName("ParseString_BeyondLong_Decimal");
        yield return new TestCaseData("\uFFFF", Schema.String, "\uFFFF").SetName("ParseString_NonCharacter_StringWithoutLooping");
        yield return new TestCaseData("si\\:mple", Schema.String, "si\\:mple").SetName("ParseString_EscapedDelimiter_String");
        yield return new TestCaseData("12abc", Schema.String, "12abc").SetName("ParseString_DigitsThenLetters_String");
        yield return new TestCaseData("-", Schema.String, "-").SetName("ParseString_LoneMinus_String");
        yield return new TestCaseData("2024-01-15", ConnectDate.Schema, new DateTime(2024, 1, 15, 0, 0, 0, DateTimeKind.Utc))
            .SetName("ParseString_IsoDate_Date");
        yield return new TestCaseData("12:34:56.789Z", ConnectTime.Schema, DateTime.UnixEpoch.AddMilliseconds(45_296_789))
            .SetName("ParseString_IsoTime_Time");
        yield return new TestCaseData("2024-01-15T12:34:56.789Z", ConnectTimestamp.Schema,
            new DateTime(2024, 1, 15, 12, 34, 56, 789, DateTimeKind.Utc)).SetName("ParseString_IsoTimestamp_Timestamp");
        yield return new TestCaseData("2019-08-23T14\\:34\\:54.346Z", ConnectTimestamp.Schema,
            new DateTime(2019, 8, 23, 14, 34, 54, 346, DateTimeKind.Utc)).SetName("ParseString_EscapedColons_Timestamp");
        yield return new TestCaseData("{foo: 3}", Schema.String, "{foo: 3}").SetName("ParseString_UnquotedMapKey_String");
        yield return new TestCaseData("[foo]", Schema.String, "[foo]").SetName("ParseString_UnquotedArrayElement_String");
        yield return new TestCaseData("[1, 2, 3,,,]", Schema.String, "[1, 2, 3,,,]").SetName("ParseString_ExtraCommas_String");
        yield return new TestCaseData("{6:9 4:20}", Schema.String, "{6:9 4:20}").SetName("ParseString_MapWithoutCommas_String");
        yield return new TestCaseData("[0 1 2]", Schema.String, "[0 1 2]").SetName("ParseString_ArrayWithoutCommas_String");
        yield return new TestCaseData("{null: 3}", Schema.String, "{null: 3}").SetName("ParseString_NullMapKey_String");
        yield return new TestCaseData("[1, null]", Schema.String, "[1, null]").SetName("ParseString_Int8ArrayWithNull_String");
    }

    [TestCaseSource(nameof(ScalarParseCases))]
    public void ParseString(string text, Schema expectedSchema, object expectedValue)
    {
        var result = Values.ParseString(text);

        result.Schema.Should().Be(expectedSchema);
        result.Value.Should().Be(expectedValue);
    }

    [TestCase("null")]
    [TestCase(" null ")]
    public void ParseString_NullLiteral_NullSchemaAndValue(string text) => Values.ParseString(text).Should().Be(SchemaAndValue.Null);

    [Test]
    public void ParseString_NullString_NullSchemaAndValue() => Values.ParseString(null).Should().Be(SchemaAndValue.Null);

    private static IEnumerable<TestCaseData> CollectionParseCases()
    {
        yield return new TestCaseData("[1, 2, 3]", SchemaBuilder.Array(Schema.Int8).Build(), new List<object?> { (sbyte)1, (sbyte)2, (sbyte)3 })
            .SetName("ParseString_Int8Array_ArrayOfInt8");
        yield return new TestCaseData("[1, 2, 300]", SchemaBuilder.Array(Schema.Int16).Build(), new List<object?> { (short)1, (short)2, (short)300 })
            .SetName("ParseString_WideningIntegers_ArrayOfWidestType");
        yield return new TestCaseData("[1, 2.5]", SchemaBuilder.Array(Schema.Float32).Build(), new List<object?> { 1f, 2.5f })
            .SetName("ParseString_IntegerAndFraction_ArrayOfFloat32");
        yield return new TestCaseData("[true, false]", SchemaBuilder.Array(Schema.Boolean).Build(), new List<object?> { true, false })
            .SetName("ParseString_BooleanArray_ArrayOfBoolean");
        yield return new TestCaseData("[\"a\", \"b,c\"]", SchemaBuilder.Array(Schema.String).Build(), new List<object?> { "a", "b,c" })
            .SetName("ParseString_QuotedStrings_ArrayOfString");
        yield return new TestCaseData("[2019-08-23T14:34:54.346Z]", SchemaBuilder.Array(ConnectTimestamp.Schema).Build(),
                new List<object?> { new DateTime(2019, 8, 23, 14, 34, 54, 346, DateTimeKind.Utc) })
            .SetName("ParseString_TimestampInArray_ArrayOfTimestamp");
        yield return new TestCaseData("{\"a\": 1, \"b\": 2}", SchemaBuilder.Map(Schema.String, Schema.Int8).Build(),
                new Dictionary<object, object?> { ["a"] = (sbyte)1, ["b"] = (sbyte)2 })
            .SetName("ParseString_StringToInt8Map_MapSchema");
        yield return new TestCaseData(" { \"foo\" :  1234567890 , \"bar\" : 0 }  ", SchemaBuilder.Map(Schema.String, Schema.Int32).Build(),
                new Dictionary<object, object?> { ["foo"] = 1234567890, ["bar"] = 0 })
            .SetName("ParseString_MapWithWhitespace_ValuesWidenedToInt32");
        yield return new TestCaseData("{true: false, false: true}", SchemaBuilder.Map(Schema.Boolean, Schema.Boolean).Build(),
                new Dictionary<object, object?> { [true] = false, [false] = true })
            .SetName("ParseString_BooleanMap_MapOfBoolean");
        yield return new TestCaseData("{\"k1\":14:34:54.346Z}", SchemaBuilder.Map(Schema.String, ConnectTime.Schema).Build(),
                new Dictionary<object, object?> { ["k1"] = DateTime.UnixEpoch.AddMilliseconds(52_494_346) })
            .SetName("ParseString_TimeInMap_MapOfTime");
        yield return new TestCaseData("[[1], [2, 3]]", SchemaBuilder.Array(SchemaBuilder.Array(Schema.Int8).Build()).Build(),
                new List<object?> { new List<object?> { (sbyte)1 }, new List<object?> { (sbyte)2, (sbyte)3 } })
            .SetName("ParseString_NestedArrays_ArrayOfArray");
        yield return new TestCaseData("[1, \"a\"]", null, new List<object?> { (sbyte)1, "a" })
            .SetName("ParseString_MixedElementTypes_NoSchema");
        yield return new TestCaseData("[]", null, new List<object?>()).SetName("ParseString_EmptyArray_NoSchema");
        yield return new TestCaseData("[null]", null, new List<object?> { null }).SetName("ParseString_OnlyNulls_NoSchema");
        yield return new TestCaseData("{}", null, new Dictionary<object, object?>()).SetName("ParseString_EmptyMap_NoSchema");
        yield return new TestCaseData("{3: null}", null, new Dictionary<object, object?> { [(sbyte)3] = null })
            .SetName("ParseString_NullMapValues_NoSchema");
    }

    [TestCaseSource(nameof(CollectionParseCases))]
    public void ParseString_Collection(string text, Schema? expectedSchema, object expectedValue)
    {
        var result = Values.ParseString(text);

        result.Schema.Should().Be(expectedSchema);
        ValueEquality.Equal(result.Value, expectedValue).Should().BeTrue(
            "parsed {0} should equal {1}", Values.ConvertToString(null, result.Value), Values.ConvertToString(null, expectedValue));
        TypesOf(result.Value).Should().Equal(TypesOf(expectedValue));
    }

    private static IEnumerable<TestCaseData> RoundTripCases()
    {
        yield return new TestCaseData(Schema.Boolean, true).SetName("RoundTrip_Boolean_SameValue");
        yield return new TestCaseData(Schema.String, "simple").SetName("RoundTrip_String_SameValue");
        yield return new TestCaseData(SchemaBuilder.Map(Schema.String, Schema.String).Build(),
            new Dictionary<object, object?> { ["foo"] = "123", ["bar"] = "baz" }).SetName("RoundTrip_StringMap_SameValue");
        yield return new TestCaseData(SchemaBuilder.Map(Schema.String, Schema.Int16).Build(),
            new Dictionary<object, object?> { ["foo"] = (short)12345, ["bar"] = (short)0, ["baz"] = (short)-4321 })
            .SetName("RoundTrip_ShortMap_SameValue");
        yield return new TestCaseData(SchemaBuilder.Array(Schema.Int32).Build(), new List<object?> { 1234567890, -987654321 })
            .SetName("RoundTrip_IntList_SameValue");
        yield return new TestCaseData(ConnectTimestamp.Schema, new DateTime(2019, 8, 23, 14, 34, 54, 346, DateTimeKind.Utc))
            .SetName("RoundTrip_Timestamp_SameValue");
    }

    [TestCaseSource(nameof(RoundTripCases))]
    public void RoundTrip(Schema schema, object value)
    {
        var result = Values.ParseString(Values.ConvertToString(schema, value));

        result.Schema.Should().Be(schema);
        ValueEquality.Equal(result.Value, value).Should().BeTrue();
    }

    private static List<Type?> TypesOf(object? value) => value switch
    {
        System.Collections.IDictionary map => map.Keys.Cast<object>().Concat(map.Values.Cast<object?>()).Select(v => v?.GetType()).ToList(),
        System.Collections.IList list => list.Cast<object?>().SelectMany(v => v is System.Collections.IList ? TypesOf(v) : [v?.GetType()]).ToList(),
        _ => [value?.GetType()],
    };
}
