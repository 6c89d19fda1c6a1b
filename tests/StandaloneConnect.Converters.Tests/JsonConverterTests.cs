using System.Text;
using StandaloneConnect.Sdk.Data;

namespace StandaloneConnect.Converters.Tests;

/// <summary>
/// Shared helpers; the cases live in <c>JsonConverterTests.Write.cs</c> (exact bytes), <c>.Read.cs</c> and
/// <c>.RoundTrip.cs</c>. Expected bytes are what Kafka's JsonConverter (Jackson) writes.
/// </summary>
public sealed partial class JsonConverterTests
{
    private const string Topic = "topic";

    private static JsonConverter Converter(bool schemas = true, string decimalFormat = "BASE64", bool replaceNullWithDefault = true,
        bool isKey = false)
    {
        var converter = new JsonConverter();
        converter.Configure(new Dictionary<string, string>
        {
            ["schemas.enable"] = schemas ? "true" : "false",
            ["decimal.format"] = decimalFormat,
            ["replace.null.with.default"] = replaceNullWithDefault ? "true" : "false",
        }, isKey);
        return converter;
    }

    private static string Write(JsonConverter converter, Schema? schema, object? value)
    {
        var bytes = converter.FromConnectData(Topic, null, schema, value);
        bytes.Should().NotBeNull();
        var text = Encoding.UTF8.GetString(bytes!);
        Encoding.UTF8.GetBytes(text).Should().Equal(bytes, "the output must be valid UTF-8");
        return text;
    }

    private static SchemaAndValue Read(JsonConverter converter, string json) =>
        converter.ToConnectData(Topic, null, Encoding.UTF8.GetBytes(json));

    private static string Envelope(string schema, string payload) => "{\"schema\":" + schema + ",\"payload\":" + payload + "}";

    private static DateTime Utc(int year, int month, int day, int hour = 0, int minute = 0, int second = 0, int millisecond = 0) =>
        new(year, month, day, hour, minute, second, millisecond, DateTimeKind.Utc);
}
