using System.Globalization;

namespace StandaloneConnect.Sdk.Data;

/// <summary>The ISO-8601 date, time and timestamp literals of <see cref="Values.ParseString"/>.</summary>
internal static class TemporalLiteral
{
    /// <summary>
    /// Kafka's <c>parseAsTemporal</c>: by length, <c>HH:mm:ss.SSS'Z'</c> (13), <c>yyyy-MM-dd'T'HH:mm:ss.SSS'Z'</c>
    /// (24) or <c>yyyy-MM-dd</c> (10), parsed leniently in UTC like a lenient <c>SimpleDateFormat</c>.
    /// </summary>
    public static SchemaAndValue? Parse(string token)
    {
        token = token.Replace("\\:", ":", StringComparison.Ordinal);
        var pos = 0;
        switch (token.Length)
        {
            case 13:
                return TryReadTime(token, ref pos, out var millis)
                    ? new SchemaAndValue(ConnectTime.Schema, DateTime.UnixEpoch.AddMilliseconds(millis))
                    : null;
            case 24:
                return TryReadDate(token, ref pos, out var day) && TryExpect(token, ref pos, 'T')
                    && TryReadTime(token, ref pos, out var timeOfDay) && TryAddMillis(day, timeOfDay, out var timestamp)
                    ? new SchemaAndValue(ConnectTimestamp.Schema, timestamp)
                    : null;
            case 10:
                // Like SimpleDateFormat.parse(text, position), text after the pattern is ignored.
                return TryReadDate(token, ref pos, out var date) ? new SchemaAndValue(ConnectDate.Schema, date) : null;
            default:
                return null;
        }
    }

    private static bool TryReadDate(string text, ref int pos, out DateTime date)
    {
        date = default;
        if (!TryReadNumber(text, ref pos, out var year) || !TryExpect(text, ref pos, '-')
            || !TryReadNumber(text, ref pos, out var month) || !TryExpect(text, ref pos, '-')
            || !TryReadNumber(text, ref pos, out var day) || year is < 1 or > 9999)
        {
            return false;
        }

        try
        {
            // Lenient calendar arithmetic: month 13 rolls into the next year, day 30 of February into March.
            date = new DateTime(year, 1, 1, 0, 0, 0, DateTimeKind.Utc).AddMonths(month - 1).AddDays(day - 1);
            return true;
        }
        catch (ArgumentOutOfRangeException)
        {
            return false;
        }
    }

    private static bool TryReadTime(string text, ref int pos, out long millis)
    {
        millis = 0;
        if (!TryReadNumber(text, ref pos, out var hours) || !TryExpect(text, ref pos, ':')
            || !TryReadNumber(text, ref pos, out var minutes) || !TryExpect(text, ref pos, ':')
            || !TryReadNumber(text, ref pos, out var seconds) || !TryExpect(text, ref pos, '.')
            || !TryReadNumber(text, ref pos, out var fraction) || !TryExpect(text, ref pos, 'Z'))
        {
            return false;
        }

        millis = hours * 3_600_000L + minutes * 60_000L + seconds * 1000L + fraction;
        return true;
    }

    private static bool TryAddMillis(DateTime date, long millis, out DateTime result)
    {
        try
        {
            result = date.AddMilliseconds(millis);
            return true;
        }
        catch (ArgumentOutOfRangeException)
        {
            result = default;
            return false;
        }
    }

    private static bool TryReadNumber(string text, ref int pos, out int value)
    {
        var start = pos;
        while (pos < text.Length && pos - start < 9 && char.IsAsciiDigit(text[pos]))
        {
            pos++;
        }

        value = 0;
        return pos > start && int.TryParse(text.AsSpan(start, pos - start), NumberStyles.None, CultureInfo.InvariantCulture, out value);
    }

    private static bool TryExpect(string text, ref int pos, char expected)
    {
        if (pos < text.Length && text[pos] == expected)
        {
            pos++;
            return true;
        }

        return false;
    }
}
