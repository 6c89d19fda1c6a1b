using System.Globalization;
using System.Text;
using StandaloneConnect.Sdk;
using StandaloneConnect.Sdk.Config;

namespace StandaloneConnect.Transforms;

/// <summary>Parsing: Java's lenient <c>SimpleDateFormat.parse</c> for the supported letters, in UTC.</summary>
public sealed partial class JavaDateFormat
{
    /// <summary>
    /// Parses <paramref name="text"/> as a lenient UTC <c>SimpleDateFormat.parse(String)</c> does: fields absent from the
    /// pattern default to 1970-01-01T00:00:00.000, out-of-range values roll over, adjacent numeric fields take exactly
    /// their pattern width, leading spaces before a field are skipped and text after the pattern is ignored.
    /// </summary>
    /// <returns>False when the text does not match the pattern (Java's <c>ParseException</c>).</returns>
    public bool TryParse(string text, out long epochMillis)
    {
        ArgumentNullException.ThrowIfNull(text);
        epochMillis = 0;
        var f = new ParsedFields();
        var pos = 0;
        for (var i = 0; i < _tokens.Count; i++)
        {
            var token = _tokens[i];
            if (token.Literal is not null)
            {
                if (pos + token.Literal.Length > text.Length
                    || string.CompareOrdinal(text, pos, token.Literal, 0, token.Literal.Length) != 0)
                {
                    return false;
                }

                pos += token.Literal.Length;
                continue;
            }

            while (pos < text.Length && char.IsWhiteSpace(text[pos]))
            {
                pos++;
            }

            var abutting = i + 1 < _tokens.Count && _tokens[i + 1].Literal is null && IsNumeric(_tokens[i + 1]);
            if (!ParseField(text, ref pos, token, abutting, f))
            {
                return false;
            }
        }

        return f.TryResolve(out epochMillis);
    }

    /// <summary>Like <see cref="TryParse"/>, but throws <see cref="FormatException"/> when the text does not match.</summary>
    public long ParseMillis(string text) =>
        TryParse(text, out var millis) ? millis : throw new FormatException($"Unparseable date: \"{text}\"");

    private static bool IsNumeric(Token token) => token.Letter switch
    {
        'M' or 'L' => token.Count <= 2,
        'G' or 'E' or 'a' or 'z' or 'Z' or 'X' => false,
        _ => true,
    };

    private static bool ParseField(string text, ref int pos, Token token, bool abutting, ParsedFields f)
    {
        var dtf = CultureInfo.InvariantCulture.DateTimeFormat;
        switch (token.Letter)
        {
            case 'G':
                return MatchText(text, ref pos, ["AD", "BC"], out var era) && f.Set(ref f.Era, era);
            case 'M' or 'L' when token.Count >= 3:
                return MatchText(text, ref pos, [.. dtf.MonthNames[..12], .. dtf.AbbreviatedMonthNames[..12]], out var month)
                    && f.Set(ref f.Month, (month % 12) + 1);
            case 'E':
                return MatchText(text, ref pos, [.. dtf.DayNames, .. dtf.AbbreviatedDayNames], out _);
            case 'a':
                return MatchText(text, ref pos, ["AM", "PM"], out var ampm) && f.Set(ref f.AmPm, ampm);
            case 'z' or 'Z' or 'X':
                return ParseZone(text, ref pos, token.Letter, f);
        }

        var start = pos;
        var limit = abutting ? Math.Min(text.Length, pos + token.Count) : text.Length;
        long value = 0;
        while (pos < limit && char.IsAsciiDigit(text[pos]) && value < 100_000_000L)
        {
            value = (value * 10) + (text[pos] - '0');
            pos++;
        }

        if (pos == start)
        {
            return false;
        }

        var v = (int)value;
        switch (token.Letter)
        {
            case 'y':
                f.TwoDigitYear = token.Count <= 2 && pos - start == 2;
                f.Year = v;
                break;
            case 'M' or 'L':
                f.Month = v;
                break;
            case 'd':
                f.Day = v;
                break;
            case 'D':
                f.DayOfYear = v;
                break;
            case 'H':
                f.Hour24 = v;
                break;
            case 'k':
                f.Hour24 = v == 24 ? 0 : v;
                break;
            case 'K':
                f.Hour12 = v;
                break;
            case 'h':
                f.Hour12 = v == 12 ? 0 : v;
                break;
            case 'm':
                f.Minute = v;
                break;
            case 's':
                f.Second = v;
                break;
            case 'S':
                f.Millis = v;
                break;
            default: // 'F', 'u': parsed, but they do not move a date that has a day of month
                break;
        }

        return true;
    }

    private static bool MatchText(string text, ref int pos, string[] candidates, out int index)
    {
        index = -1;
        var best = 0;
        for (var i = 0; i < candidates.Length; i++)
        {
            var c = candidates[i];
            if (c.Length > best && pos + c.Length <= text.Length
                && string.Compare(text, pos, c, 0, c.Length, StringComparison.OrdinalIgnoreCase) == 0)
            {
                best = c.Length;
                index = i;
            }
        }

        pos += best;
        return index >= 0;
    }

    private static bool ParseZone(string text, ref int pos, char letter, ParsedFields f)
    {
        if (letter == 'X' && pos < text.Length && text[pos] == 'Z')
        {
            pos++;
            f.OffsetMinutes = 0;
            return true;
        }

        if (letter != 'X')
        {
            if (MatchText(text, ref pos, ["Coordinated Universal Time", "UTC", "GMT", "UT", "Z"], out _))
            {
                f.OffsetMinutes = 0;
                if (pos >= text.Length || text[pos] is not ('+' or '-'))
                {
                    return true;
                }
            }
        }

        if (pos >= text.Length || text[pos] is not ('+' or '-'))
        {
            return false;
        }

        var sign = text[pos] == '-' ? -1 : 1;
        var p = pos + 1;
        var digits = new StringBuilder();
        while (p < text.Length && digits.Length < 4 && (char.IsAsciiDigit(text[p]) || (text[p] == ':' && digits.Length == 2)))
        {
            if (text[p] != ':')
            {
                digits.Append(text[p]);
            }

            p++;
        }

        if (digits.Length is not (2 or 4))
        {
            return false;
        }

        var hours = int.Parse(digits.ToString(0, 2), CultureInfo.InvariantCulture);
        var minutes = digits.Length == 4 ? int.Parse(digits.ToString(2, 2), CultureInfo.InvariantCulture) : 0;
        if (hours > 23 || minutes > 59)
        {
            return false;
        }

        f.OffsetMinutes = sign * ((hours * 60) + minutes);
        pos = p;
        return true;
    }

    private sealed class ParsedFields
    {
        public int? Era;
        public int? Year;
        public bool TwoDigitYear;
        public int? Month;
        public int? Day;
        public int? DayOfYear;
        public int? Hour24;
        public int? Hour12;
        public int? AmPm;
        public int Minute;
        public int Second;
        public int Millis;
        public int OffsetMinutes;

        public bool Set(ref int? field, int value)
        {
            field = value;
            return true;
        }

        public bool TryResolve(out long epochMillis)
        {
            epochMillis = 0;
            var year = Year ?? 1970;
            if (TwoDigitYear)
            {
                // Java's default century: the 100 years starting 80 years before now
                var centuryStart = DateTime.UtcNow.Year - 80;
                year += (centuryStart / 100 * 100) + (year < centuryStart % 100 ? 100 : 0);
            }

            if (Era == 1)
            {
                year = 1 - year;
            }

            var hour = Hour24 ?? ((Hour12 ?? 0) + (AmPm == 1 ? 12 : 0));
            try
            {
                var date = new DateTime(Math.Clamp(year, 1, 9999), 1, 1, 0, 0, 0, DateTimeKind.Utc);
                if (year != date.Year)
                {
                    return false;
                }

                date = Month is null && Day is null && DayOfYear is { } doy
                    ? date.AddDays(doy - 1)
                    : date.AddMonths((Month ?? 1) - 1).AddDays((Day ?? 1) - 1);
                var millis = (date.Ticks - DateTime.UnixEpoch.Ticks) / TimeSpan.TicksPerMillisecond
                    + (hour * 3_600_000L) + (Minute * 60_000L) + (Second * 1_000L) + Millis - (OffsetMinutes * 60_000L);
                if (millis is < MinMillis or > MaxMillis)
                {
                    return false;
                }

                epochMillis = millis;
                return true;
            }
            catch (ArgumentOutOfRangeException)
            {
                return false;
            }
        }
    }
}
