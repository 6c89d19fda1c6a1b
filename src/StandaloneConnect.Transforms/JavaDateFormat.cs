using System.Globalization;
using System.Text;
using StandaloneConnect.Sdk;
using StandaloneConnect.Sdk.Config;

namespace StandaloneConnect.Transforms;

/// <summary>
/// A Java <c>SimpleDateFormat</c> pattern compiled once and formatting instants in UTC with English names, as a
/// UTC JVM does, and parsing text back (lenient, like <c>SimpleDateFormat.parse</c>). Supported letters:
/// G y M L d D F E u a H k K h m s S z Z X; quoted text (<c>'T'</c>, <c>''</c> for a quote). Letters Java rejects fail as Java does; week-based letters (Y, w, W) are not supported.
/// </summary>
/// <remarks>
/// Years 1 to 9999 only, in the proleptic Gregorian calendar (Java switches to the Julian calendar before 1582-10-15).
/// </remarks>
public sealed class JavaDateFormat
{
    private const string SupportedLetters = "GyMLdDFEuaHkKhmsSzZX";
    private const string UnsupportedJavaLetters = "YwW";
    private const long MinMillis = -62_135_596_800_000L;
    private const long MaxMillis = 253_402_300_799_999L;

    private readonly IReadOnlyList<Token> _tokens;

    private JavaDateFormat(string pattern, IReadOnlyList<Token> tokens)
    {
        Pattern = pattern;
        _tokens = tokens;
    }

    public string Pattern { get; }

    /// <summary>Compiles <paramref name="pattern"/>; throws <see cref="ConfigException"/> for an invalid or unsupported pattern.</summary>
    public static JavaDateFormat Parse(string pattern)
    {
        ArgumentNullException.ThrowIfNull(pattern);
        var tokens = new List<Token>();
        var literal = new StringBuilder();
        var i = 0;
        while (i < pattern.Length)
        {
            var c = pattern[i];
            if (c == '\'')
            {
                i = ReadQuoted(pattern, i, literal);
            }
            else if (char.IsAsciiLetter(c))
            {
                var count = 1;
                while (i + count < pattern.Length && pattern[i + count] == c)
                {
                    count++;
                }

                CheckLetter(c, count);
                FlushLiteral(tokens, literal);
                tokens.Add(new Token(c, count, null));
                i += count;
            }
            else
            {
                literal.Append(c);
                i++;
            }
        }

        FlushLiteral(tokens, literal);
        return new JavaDateFormat(pattern, tokens);
    }

    /// <summary>Formats milliseconds since the epoch (<c>new Date(millis)</c>) in UTC.</summary>
    /// <exception cref="DataException">The instant is outside years 1 to 9999.</exception>
    public string Format(long epochMillis)
    {
        if (epochMillis is < MinMillis or > MaxMillis)
        {
            throw new DataException($"Timestamp {epochMillis} is outside the supported range (years 1 to 9999)");
        }

        return Format(DateTimeOffset.FromUnixTimeMilliseconds(epochMillis));
    }

    /// <summary>Formats the instant in UTC.</summary>
    public string Format(DateTimeOffset instant)
    {
        var t = instant.UtcDateTime;
        var sb = new StringBuilder();
        foreach (var token in _tokens)
        {
            if (token.Literal is not null)
            {
                sb.Append(token.Literal);
            }
            else
            {
                AppendField(sb, t, token.Letter, token.Count);
            }
        }

        return sb.ToString();
    }

    public override string ToString() => Pattern;

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


    private static int ReadQuoted(string pattern, int start, StringBuilder literal)
    {
        if (start + 1 < pattern.Length && pattern[start + 1] == '\'')
        {
            literal.Append('\'');
            return start + 2;
        }

        var i = start + 1;
        while (true)
        {
            if (i >= pattern.Length)
            {
                throw new ConfigException("Unterminated quote in date format pattern '" + pattern + "'");
            }

            if (pattern[i] == '\'')
            {
                if (i + 1 < pattern.Length && pattern[i + 1] == '\'')
                {
                    literal.Append('\'');
                    i += 2;
                    continue;
                }

                return i + 1;
            }

            literal.Append(pattern[i]);
            i++;
        }
    }

    private static void CheckLetter(char c, int count)
    {
        if (UnsupportedJavaLetters.Contains(c, StringComparison.Ordinal))
        {
            throw new ConfigException($"Pattern letter '{c}' (week-based date) is not supported in date formats; use y, M, d instead");
        }

        if (!SupportedLetters.Contains(c, StringComparison.Ordinal))
        {
            throw new ConfigException($"Illegal pattern character '{c}'");
        }

        if (c == 'X' && count > 3)
        {
            throw new ConfigException("invalid ISO 8601 format: length=" + count);
        }
    }

    private static void FlushLiteral(List<Token> tokens, StringBuilder literal)
    {
        if (literal.Length > 0)
        {
            tokens.Add(new Token('\0', 0, literal.ToString()));
            literal.Clear();
        }
    }

    private static void AppendField(StringBuilder sb, DateTime t, char letter, int count)
    {
        var culture = CultureInfo.InvariantCulture;
        switch (letter)
        {
            case 'G':
                sb.Append("AD");
                break;
            case 'y':
                sb.Append(count == 2 ? Pad(t.Year % 100, 2) : Pad(t.Year, count));
                break;
            case 'M' or 'L':
                sb.Append(count >= 4 ? culture.DateTimeFormat.GetMonthName(t.Month)
                    : count == 3 ? culture.DateTimeFormat.GetAbbreviatedMonthName(t.Month)
                    : Pad(t.Month, count));
                break;
            case 'd':
                sb.Append(Pad(t.Day, count));
                break;
            case 'D':
                sb.Append(Pad(t.DayOfYear, count));
                break;
            case 'F':
                sb.Append(Pad(((t.Day - 1) / 7) + 1, count));
                break;
            case 'E':
                sb.Append(count >= 4 ? culture.DateTimeFormat.GetDayName(t.DayOfWeek)
                    : culture.DateTimeFormat.GetAbbreviatedDayName(t.DayOfWeek));
                break;
            case 'u':
                sb.Append(Pad(t.DayOfWeek == DayOfWeek.Sunday ? 7 : (int)t.DayOfWeek, count));
                break;
            case 'a':
                sb.Append(t.Hour < 12 ? "AM" : "PM");
                break;
            case 'H':
                sb.Append(Pad(t.Hour, count));
                break;
            case 'k':
                sb.Append(Pad(t.Hour == 0 ? 24 : t.Hour, count));
                break;
            case 'K':
                sb.Append(Pad(t.Hour % 12, count));
                break;
            case 'h':
                sb.Append(Pad(t.Hour % 12 == 0 ? 12 : t.Hour % 12, count));
                break;
            case 'm':
                sb.Append(Pad(t.Minute, count));
                break;
            case 's':
                sb.Append(Pad(t.Second, count));
                break;
            case 'S':
                sb.Append(Pad(t.Millisecond, count));
                break;
            case 'z':
                sb.Append(count >= 4 ? "Coordinated Universal Time" : "UTC");
                break;
            case 'Z':
                sb.Append("+0000");
                break;
            default: // 'X': the UTC offset is zero, which ISO 8601 writes as Z whatever the length
                sb.Append('Z');
                break;
        }
    }

    private static string Pad(int value, int width) => value.ToString(CultureInfo.InvariantCulture).PadLeft(width, '0');

    private sealed record Token(char Letter, int Count, string? Literal);
}
