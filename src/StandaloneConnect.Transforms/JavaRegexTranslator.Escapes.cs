using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using StandaloneConnect.Sdk.Config;

namespace StandaloneConnect.Transforms;

/// <summary>Character classes, escapes, back-references and Unicode/POSIX properties.</summary>
internal sealed partial class JavaRegexTranslator
{
    private void TranslateClass()
    {
        _out.Append('[');
        if (_pos < _pattern.Length && _pattern[_pos] == '^')
        {
            _out.Append('^');
            _pos++;
        }

        var first = true;
        while (true)
        {
            if (_pos >= _pattern.Length)
            {
                throw Error("Unclosed character class");
            }

            var c = _pattern[_pos++];
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
                case '&' when _pos < _pattern.Length && _pattern[_pos] == '&':
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
        if (_pos >= _pattern.Length)
        {
            throw Error("Unexpected internal error");
        }

        var e = _pattern[_pos++];
        switch (e)
        {
            case >= '1' and <= '9' when !inClass:
                BackReference(e - '0');
                break;
            case '0':
                AppendChar(Octal(), inClass);
                break;
            case 'Q':
                var end = _pattern.IndexOf(@"\E", _pos, StringComparison.Ordinal);
                var quoted = end < 0 ? _pattern[_pos..] : _pattern[_pos..end];
                _pos = end < 0 ? _pattern.Length : end + 2;
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
                if (e == 'b' && _pos < _pattern.Length && _pattern[_pos] == '{')
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
                if (_pos >= _pattern.Length)
                {
                    throw Error("Illegal control escape sequence");
                }

                AppendChar((char)(_pattern[_pos++] ^ 64), inClass);
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
        while (_pos < _pattern.Length && char.IsAsciiDigit(_pattern[_pos]) && group * 10 + (_pattern[_pos] - '0') <= GroupCount)
        {
            group = group * 10 + (_pattern[_pos++] - '0');
        }

        // A reference to a group that does not exist compiles in Java and never matches.
        _out.Append(group <= GroupCount ? $"\\k<{group.ToString(CultureInfo.InvariantCulture)}>" : "(?!)");
    }

    private void NamedBackReference()
    {
        var close = _pos < _pattern.Length && _pattern[_pos] == '<' ? _pattern.IndexOf('>', _pos) : -1;
        if (close < 0)
        {
            throw Error("\\k is not followed by '<' for named capturing group");
        }

        var name = _pattern[(_pos + 1)..close];
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
        while (_pos < _pattern.Length && digits < 3 && _pattern[_pos] is >= '0' and <= '7' && value * 8 + (_pattern[_pos] - '0') <= 0xFF)
        {
            value = value * 8 + (_pattern[_pos++] - '0');
            digits++;
        }

        return digits == 0 ? throw Error("Illegal octal escape sequence") : (char)value;
    }

    private char Hex()
    {
        if (_pos < _pattern.Length && _pattern[_pos] == '{')
        {
            var close = _pattern.IndexOf('}', _pos);
            var digits = close < 0 ? "" : _pattern[(_pos + 1)..close];
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
        if (_pos + count > _pattern.Length ||
            !int.TryParse(_pattern.AsSpan(_pos, count), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var value))
        {
            throw Error("Illegal hexadecimal escape sequence");
        }

        _pos += count;
        return (char)value;
    }

    private void Property(bool negated, bool inClass)
    {
        string name;
        if (_pos < _pattern.Length && _pattern[_pos] == '{')
        {
            var close = _pattern.IndexOf('}', _pos);
            if (close < 0)
            {
                throw Error("Unclosed character family");
            }

            name = _pattern[(_pos + 1)..close];
            _pos = close + 1;
        }
        else if (_pos < _pattern.Length)
        {
            name = _pattern[_pos++].ToString();
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
}
