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
public sealed partial class JavaDateFormat
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
