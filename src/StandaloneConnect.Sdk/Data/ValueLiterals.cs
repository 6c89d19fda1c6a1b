namespace StandaloneConnect.Sdk.Data;

/// <summary>The literals and Java string rules that <see cref="Values"/> renders and parses by.</summary>
internal static class ValueLiterals
{
    public const string Null = "null";
    public const string True = "true";
    public const string False = "false";

    public const long MillisPerDay = 24 * 60 * 60 * 1000;

    /// <summary>Java's <c>String.trim()</c>: removes every char up to U+0020 from both ends.</summary>
    public static string JavaTrim(string value)
    {
        var start = 0;
        var end = value.Length;
        while (start < end && value[start] <= ' ')
        {
            start++;
        }

        while (end > start && value[end - 1] <= ' ')
        {
            end--;
        }

        return start == 0 && end == value.Length ? value : value[start..end];
    }

    /// <summary>Kafka's <c>Utils.isBlank</c>: null, empty or only chars up to U+0020.</summary>
    public static bool IsBlank(string? value) => value is null || JavaTrim(value).Length == 0;
}
