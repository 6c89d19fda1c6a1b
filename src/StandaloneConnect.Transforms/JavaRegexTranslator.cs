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

    private readonly string _pattern = pattern;
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
        while (_pos < _pattern.Length)
        {
            var c = _pattern[_pos++];
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
        new($"{message} near index {_pos}{Environment.NewLine}{_pattern}");

    private void QuantifierSuffix()
    {
        if (_pos < _pattern.Length && _pattern[_pos] == '+')
        {
            throw Error("Possessive quantifiers (*+, ++, ?+, {n}+) are not supported");
        }

        if (_pos < _pattern.Length && _pattern[_pos] == '?')
        {
            _out.Append('?');
            _pos++;
        }
    }

    private void TranslateRepetition()
    {
        var m = Repetition().Match(_pattern, _pos);
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
        if (_pos >= _pattern.Length || _pattern[_pos] != '?')
        {
            GroupCount++;
            _out.Append('(');
            return;
        }

        _pos++;
        var rest = _pattern.AsSpan(_pos);
        if (rest.StartsWith("<=") || rest.StartsWith("<!"))
        {
            _out.Append("(?").Append(rest[..2]);
            _pos += 2;
        }
        else if (rest.StartsWith("<"))
        {
            var close = _pattern.IndexOf('>', _pos);
            var name = close < 0 ? "" : _pattern[(_pos + 1)..close];
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
        while (_pos < _pattern.Length && _pattern[_pos] is not (')' or ':'))
        {
            var f = _pattern[_pos++];
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

        if (_pos >= _pattern.Length)
        {
            throw Error("Unclosed group");
        }

        var positive = ignoreCase switch { true => "i", false => "-i", null => "" };
        if (_pattern[_pos++] == ')')
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

    [GeneratedRegex(@"\G(\d+)(?:,(\d*))?\}")]
    private static partial Regex Repetition();
}
