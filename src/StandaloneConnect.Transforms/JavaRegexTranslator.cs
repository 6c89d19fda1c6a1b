using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using StandaloneConnect.Sdk.Config;

namespace StandaloneConnect.Transforms;

/// <summary>Rewrites a Java pattern as a .NET pattern with the same meaning (see <see cref="JavaRegex"/>).</summary>
internal sealed partial class JavaRegexTranslator(string pattern)
{
    private const string LineTerminators = @"\n\r\u0085\u2028\u2029";

    // Java's $ and \Z: at the end, or before a final line terminator, but never between \r and \n.
    private const string EndBeforeTerminator = @"(?=(?:\r\n|[\n\r\u0085\u2028\u2029])?\z)(?!(?<=\r)\n)";

    private static readonly (int Lo, int Hi)[] Digit = [(0x30, 0x39)];
    private static readonly (int Lo, int Hi)[] Space = [(0x09, 0x0D), (0x20, 0x20)];
    private static readonly (int Lo, int Hi)[] Word = [(0x30, 0x39), (0x41, 0x5A), (0x5F, 0x5F), (0x61, 0x7A)];
    private static readonly (int Lo, int Hi)[] Horizontal =
        [(0x09, 0x09), (0x20, 0x20), (0xA0, 0xA0), (0x1680, 0x1680), (0x180E, 0x180E), (0x2000, 0x200A), (0x202F, 0x202F), (0x205F, 0x205F), (0x3000, 0x3000)];
    private static readonly (int Lo, int Hi)[] Vertical = [(0x0A, 0x0D), (0x85, 0x85), (0x2028, 0x2029)];

    private static readonly Dictionary<string, (int Lo, int Hi)[]> Posix = new(StringComparer.Ordinal)
    {
        ["Lower"] = [(0x61, 0x7A)],
        ["Upper"] = [(0x41, 0x5A)],
        ["ASCII"] = [(0x00, 0x7F)],
        ["Alpha"] = [(0x41, 0x5A), (0x61, 0x7A)],
        ["Digit"] = Digit,
        ["Alnum"] = [(0x30, 0x39), (0x41, 0x5A), (0x61, 0x7A)],
        ["Punct"] = [(0x21, 0x2F), (0x3A, 0x40), (0x5B, 0x60), (0x7B, 0x7E)],
        ["Graph"] = [(0x21, 0x7E)],
        ["Print"] = [(0x20, 0x7E)],
        ["Blank"] = [(0x09, 0x09), (0x20, 0x20)],
        ["Cntrl"] = [(0x00, 0x1F), (0x7F, 0x7F)],
        ["XDigit"] = [(0x30, 0x39), (0x41, 0x46), (0x61, 0x66)],
        ["Space"] = Space,
    };

    private static readonly HashSet<string> Categories = new(StringComparer.Ordinal)
    {
        "L", "Lu", "Ll", "Lt", "Lm", "Lo", "M", "Mn", "Mc", "Me", "N", "Nd", "Nl", "No", "P", "Pc", "Pd", "Ps", "Pe", "Pi",
        "Pf", "Po", "S", "Sm", "Sc", "Sk", "So", "Z", "Zs", "Zl", "Zp", "C", "Cc", "Cf", "Cs", "Co", "Cn",
    };

    private readonly StringBuilder _out = new(pattern.Length * 2);
    private readonly Stack<Flags> _scopes = new();
    private readonly Dictionary<string, int> _names = new(StringComparer.Ordinal);
    private Flags _flags;
    private int _pos;

    private record struct Flags(bool Multiline, bool DotAll);

    public int GroupCount { get; private set; }

    public IReadOnlyDictionary<string, int> GroupNames => _names;

    /// <summary>Java's group-name rule: an ASCII letter, then ASCII letters and digits.</summary>
    public static bool IsValidGroupName(string name) =>
        name.Length > 0 && char.IsAsciiLetter(name[0]) && name.All(char.IsAsciiLetterOrDigit);

    public string Translate()
    {
        while (_pos < pattern.Length)
        {
            var c = pattern[_pos++];
            switch (c)
            {
                case '\\':
                    TranslateEscape(inClass: false);
                    break;
                case '[':
                    TranslateClass();
                    break;
                case '(':
                    OpenGroup();
                    break;
                case ')':
                    if (_scopes.Count == 0)
                    {
                        throw Error("Unmatched closing ')'");
                    }

                    _flags = _scopes.Pop();
                    _out.Append(')');
                    break;
                case '.':
                    _out.Append(_flags.DotAll ? @"[\s\S]" : "[^" + LineTerminators + "]");
                    break;
                case '^':
                    _out.Append(_flags.Multiline ? @"(?:\A|(?<=[\n\u0085\u2028\u2029]|\r(?!\n))(?!\z))" : @"\A");
                    break;
                case '$':
                    _out.Append(_flags.Multiline ? @"(?=[" + LineTerminators + @"]|\z)(?!(?<=\r)\n)" : EndBeforeTerminator);
                    break;
                case '*' or '+' or '?':
                    _out.Append(c);
                    QuantifierSuffix();
                    break;
                case '{':
                    TranslateRepetition();
                    break;
                default:
                    _out.Append(c);
                    break;
            }
        }

        if (_scopes.Count > 0)
        {
            throw Error("Unclosed group");
        }

        return _out.ToString();
    }


    private ArgumentException Error(string message) =>
        new($"{message} near index {_pos}{Environment.NewLine}{pattern}");

    private void QuantifierSuffix()
    {
        if (_pos < pattern.Length && pattern[_pos] == '+')
        {
            throw Error("Possessive quantifiers (*+, ++, ?+, {n}+) are not supported");
        }

        if (_pos < pattern.Length && pattern[_pos] == '?')
        {
            _out.Append('?');
            _pos++;
        }
    }

    private void TranslateRepetition()
    {
        var m = Repetition().Match(pattern, _pos);
        if (!m.Success || m.Index != _pos)
        {
            throw Error("Illegal repetition");
        }

        if (m.Groups[2].Success && m.Groups[2].Value.Length > 0 &&
            long.Parse(m.Groups[2].Value, CultureInfo.InvariantCulture) < long.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture))
        {
            throw Error("Illegal repetition range");
        }

        _out.Append('{').Append(m.Value);
        _pos += m.Length;
        QuantifierSuffix();
    }

    private void OpenGroup()
    {
        _scopes.Push(_flags);
        if (_pos >= pattern.Length || pattern[_pos] != '?')
        {
            GroupCount++;
            _out.Append('(');
            return;
        }

        _pos++;
        var rest = pattern.AsSpan(_pos);
        if (rest.StartsWith("<=") || rest.StartsWith("<!"))
        {
            _out.Append("(?").Append(rest[..2]);
            _pos += 2;
        }
        else if (rest.StartsWith("<"))
        {
            var close = pattern.IndexOf('>', _pos);
            var name = close < 0 ? "" : pattern[(_pos + 1)..close];
            if (!IsValidGroupName(name))
            {
                throw Error("Capturing group name must start with a letter and contain only letters and digits");
            }

            GroupCount++;
            if (!_names.TryAdd(name, GroupCount))
            {
                throw Error("Named capturing group <" + name + "> is already defined");
            }

            _out.Append('(');
            _pos = close + 1;
        }
        else if (rest.Length > 0 && rest[0] is ':' or '=' or '!' or '>')
        {
            _out.Append("(?").Append(rest[0]);
            _pos++;
        }
        else
        {
            InlineFlags();
        }
    }

    /// <summary>(?flags) or (?flags:...): i is passed on, m/s are applied by the translation, u is implied.</summary>
    private void InlineFlags()
    {
        var on = true;
        var flags = _flags;
        bool? ignoreCase = null;
        while (_pos < pattern.Length && pattern[_pos] is not (')' or ':'))
        {
            var f = pattern[_pos++];
            switch (f)
            {
                case '-':
                    on = false;
                    break;
                case 'i':
                    ignoreCase = on;
                    break;
                case 'm':
                    flags = flags with { Multiline = on };
                    break;
                case 's':
                    flags = flags with { DotAll = on };
                    break;
                case 'u':
                    break;
                case 'd' or 'x' or 'U' or 'c':
                    throw Error($"Inline flag '{f}' is not supported");
                default:
                    throw Error("Unknown inline modifier");
            }
        }

        if (_pos >= pattern.Length)
        {
            throw Error("Unclosed group");
        }

        var positive = ignoreCase switch { true => "i", false => "-i", null => "" };
        if (pattern[_pos++] == ')')
        {
            // (?flags) changes the enclosing scope: it opened no group.
            _scopes.Pop();
            _flags = flags;
            if (positive.Length > 0)
            {
                _out.Append("(?").Append(positive).Append(')');
            }
        }
        else
        {
            _flags = flags;
            _out.Append("(?").Append(positive).Append(':');
        }
    }

    private void TranslateClass()
    {
        _out.Append('[');
        if (_pos < pattern.Length && pattern[_pos] == '^')
        {
            _out.Append('^');
            _pos++;
        }

        var first = true;
        while (true)
        {
            if (_pos >= pattern.Length)
            {
                throw Error("Unclosed character class");
            }

            var c = pattern[_pos++];
            switch (c)
            {
                case ']' when !first:
                    _out.Append(']');
                    return;
                case ']':
                    _out.Append(@"\]");
                    break;
                case '[':
                    throw Error("Character class union ([a[b]]) is not supported");
                case '&' when _pos < pattern.Length && pattern[_pos] == '&':
                    throw Error("Character class intersection (&&) is not supported");
                case '\\':
                    TranslateEscape(inClass: true);
                    break;
                case '^':
                    _out.Append(@"\^");
                    break;
                default:
                    _out.Append(c);
                    break;
            }

            first = false;
        }
    }

    private void TranslateEscape(bool inClass)
    {
        if (_pos >= pattern.Length)
        {
            throw Error("Unexpected internal error");
        }

        var e = pattern[_pos++];
        switch (e)
        {
            case >= '1' and <= '9' when !inClass:
                BackReference(e - '0');
                break;
            case '0':
                AppendChar(Octal(), inClass);
                break;
            case 'Q':
                var end = pattern.IndexOf(@"\E", _pos, StringComparison.Ordinal);
                var quoted = end < 0 ? pattern[_pos..] : pattern[_pos..end];
                _pos = end < 0 ? pattern.Length : end + 2;
                foreach (var q in quoted)
                {
                    AppendChar(q, inClass);
                }

                break;
            case 'x':
                AppendChar(Hex(), inClass);
                break;
            case 'u':
                AppendChar(HexDigits(4), inClass);
                break;
            case 'd': AppendSet(Digit, false, inClass); break;
            case 'D': AppendSet(Digit, true, inClass); break;
            case 's': AppendSet(Space, false, inClass); break;
            case 'S': AppendSet(Space, true, inClass); break;
            case 'w': AppendSet(Word, false, inClass); break;
            case 'W': AppendSet(Word, true, inClass); break;
            case 'h': AppendSet(Horizontal, false, inClass); break;
            case 'H': AppendSet(Horizontal, true, inClass); break;
            case 'v': AppendSet(Vertical, false, inClass); break;
            case 'V': AppendSet(Vertical, true, inClass); break;
            case 'p' or 'P':
                Property(e == 'P', inClass);
                break;
            case 'R' when !inClass:
                _out.Append(@"(?:\r\n|[\n\u000B\f\r\u0085\u2028\u2029])");
                break;
            case 'Z' when !inClass:
                _out.Append(EndBeforeTerminator);
                break;
            case 'A' or 'z' or 'b' or 'B' or 'G' when !inClass:
                if (e == 'b' && _pos < pattern.Length && pattern[_pos] == '{')
                {
                    throw Error(@"\b{g} is not supported");
                }

                _out.Append('\\').Append(e);
                break;
            case 'k' when !inClass:
                NamedBackReference();
                break;
            case 't' or 'n' or 'r' or 'f' or 'a' or 'e':
                _out.Append('\\').Append(e);
                break;
            case 'c':
                if (_pos >= pattern.Length)
                {
                    throw Error("Illegal control escape sequence");
                }

                AppendChar((char)(pattern[_pos++] ^ 64), inClass);
                break;
            case var _ when char.IsAsciiLetterOrDigit(e):
                throw Error($"Illegal/unsupported escape sequence \\{e}");
            default:
                AppendChar(e, inClass);
                break;
        }
    }

    /// <summary>Java: \1-\9 always; more digits while the number stays within the groups opened so far.</summary>
    private void BackReference(int group)
    {
        while (_pos < pattern.Length && char.IsAsciiDigit(pattern[_pos]) && group * 10 + (pattern[_pos] - '0') <= GroupCount)
        {
            group = group * 10 + (pattern[_pos++] - '0');
        }

        // A reference to a group that does not exist compiles in Java and never matches.
        _out.Append(group <= GroupCount ? $"\\k<{group.ToString(CultureInfo.InvariantCulture)}>" : "(?!)");
    }

    private void NamedBackReference()
    {
        var close = _pos < pattern.Length && pattern[_pos] == '<' ? pattern.IndexOf('>', _pos) : -1;
        if (close < 0)
        {
            throw Error("\\k is not followed by '<' for named capturing group");
        }

        var name = pattern[(_pos + 1)..close];
        if (!_names.TryGetValue(name, out var group))
        {
            throw Error("named capturing group <" + name + "> does not exist");
        }

        _out.Append("\\k<").Append(group.ToString(CultureInfo.InvariantCulture)).Append('>');
        _pos = close + 1;
    }

    private char Octal()
    {
        var value = 0;
        var digits = 0;
        while (_pos < pattern.Length && digits < 3 && pattern[_pos] is >= '0' and <= '7' && value * 8 + (pattern[_pos] - '0') <= 0xFF)
        {
            value = value * 8 + (pattern[_pos++] - '0');
            digits++;
        }

        return digits == 0 ? throw Error("Illegal octal escape sequence") : (char)value;
    }

    private char Hex()
    {
        if (_pos < pattern.Length && pattern[_pos] == '{')
        {
            var close = pattern.IndexOf('}', _pos);
            var digits = close < 0 ? "" : pattern[(_pos + 1)..close];
            if (digits.Length == 0 || !int.TryParse(digits, NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var cp) || cp > 0xFFFF)
            {
                throw Error(@"Hexadecimal escape \x{...} must be a code point up to FFFF here");
            }

            _pos = close + 1;
            return (char)cp;
        }

        return HexDigits(2);
    }

    private char HexDigits(int count)
    {
        if (_pos + count > pattern.Length ||
            !int.TryParse(pattern.AsSpan(_pos, count), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var value))
        {
            throw Error("Illegal hexadecimal escape sequence");
        }

        _pos += count;
        return (char)value;
    }

    private void Property(bool negated, bool inClass)
    {
        string name;
        if (_pos < pattern.Length && pattern[_pos] == '{')
        {
            var close = pattern.IndexOf('}', _pos);
            if (close < 0)
            {
                throw Error("Unclosed character family");
            }

            name = pattern[(_pos + 1)..close];
            _pos = close + 1;
        }
        else if (_pos < pattern.Length)
        {
            name = pattern[_pos++].ToString();
        }
        else
        {
            throw Error("Illegal character family");
        }

        if (Posix.TryGetValue(name, out var set))
        {
            AppendSet(set, negated, inClass);
            return;
        }

        var category = name.StartsWith("Is", StringComparison.Ordinal) ? name[2..] : name;
        if (!Categories.Contains(category))
        {
            throw Error($"Unicode property \\p{{{name}}} is not supported (general categories and POSIX classes are)");
        }

        _out.Append(negated ? @"\P{" : @"\p{").Append(category).Append('}');
    }

    private void AppendSet((int Lo, int Hi)[] set, bool negated, bool inClass)
    {
        IReadOnlyList<(int Lo, int Hi)> ranges = negated && inClass ? Complement(set) : set;
        if (!inClass)
        {
            _out.Append(negated ? "[^" : "[");
        }

        foreach (var (lo, hi) in ranges)
        {
            AppendUnicode(lo);
            if (hi != lo)
            {
                _out.Append('-');
                AppendUnicode(hi);
            }
        }

        if (!inClass)
        {
            _out.Append(']');
        }
    }

    private static List<(int Lo, int Hi)> Complement((int Lo, int Hi)[] set)
    {
        var result = new List<(int, int)>();
        var next = 0;
        foreach (var (lo, hi) in set)
        {
            if (lo > next)
            {
                result.Add((next, lo - 1));
            }

            next = hi + 1;
        }

        if (next <= 0xFFFF)
        {
            result.Add((next, 0xFFFF));
        }

        return result;
    }

    private void AppendChar(char c, bool inClass)
    {
        if (char.IsAsciiLetterOrDigit(c) || (c == ' ' && !inClass))
        {
            _out.Append(c);
        }
        else
        {
            AppendUnicode(c);
        }
    }

    private void AppendUnicode(int c) => _out.Append("\\u").Append(c.ToString("X4", CultureInfo.InvariantCulture));

    [GeneratedRegex(@"\G(\d+)(?:,(\d*))?\}")]
    private static partial Regex Repetition();
}
