using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using StandaloneConnect.Sdk.Config;

namespace StandaloneConnect.Transforms;

/// <summary>
/// A Java (<c>java.util.regex.Pattern</c>) regular expression compiled to a .NET <see cref="Regex"/> with Java's
/// meaning: groups numbered left to right (named ones included), ASCII <c>\d \s \w</c> and POSIX <c>\p{Alpha}</c>
/// classes, Java's line terminators for <c>. ^ $</c>, <c>\Q..\E</c>, <c>\x{..}</c>, octal <c>\0oo</c>.
/// Constructs .NET cannot express the same way (possessive quantifiers, class union/intersection,
/// <c>\p{javaXxx}</c>, flags d/x/U, ...) are rejected with an <see cref="ArgumentException"/> instead of silently
/// matching something else.
/// </summary>
public sealed class JavaRegex
{
    private readonly IReadOnlyDictionary<string, int> _groupNames;

    private JavaRegex(string pattern, string translated, int groupCount, IReadOnlyDictionary<string, int> groupNames)
    {
        Pattern = pattern;
        GroupCount = groupCount;
        _groupNames = groupNames;
        Find = new Regex(translated, RegexOptions.CultureInvariant);
        Full = new Regex(@"\A(?:" + translated + @")\z", RegexOptions.CultureInvariant);
    }

    /// <summary>The Java pattern as given.</summary>
    public string Pattern { get; }

    /// <summary>The number of capturing groups (Java's <c>Matcher.groupCount()</c>).</summary>
    public int GroupCount { get; }

    /// <summary>The translated pattern for searching (Java's <c>find()</c>).</summary>
    public Regex Find { get; }

    /// <summary>The translated pattern anchored at both ends (Java's <c>matches()</c>).</summary>
    public Regex Full { get; }

    /// <summary>Java's <c>Pattern.compile</c>; throws <see cref="ArgumentException"/> for invalid or unsupported patterns.</summary>
    public static JavaRegex Compile(string pattern)
    {
        ArgumentNullException.ThrowIfNull(pattern);
        var translator = new JavaRegexTranslator(pattern);
        var translated = translator.Translate();
        return new JavaRegex(pattern, translated, translator.GroupCount, translator.GroupNames);
    }

    /// <summary>Compiles a config value, throwing Kafka's <c>Invalid regex: ...</c> <see cref="ConfigException"/>.</summary>
    public static JavaRegex Compile(string configName, string pattern)
    {
        try
        {
            return Compile(pattern);
        }
        catch (ArgumentException e)
        {
            throw new ConfigException(configName, pattern, "Invalid regex: " + e.Message);
        }
    }

    /// <summary>Kafka's <c>RegexValidator</c> ("valid regex"); null passes (a missing key is reported elsewhere).</summary>
    public static IValidator Validator { get; } = Validators.Lambda((name, value) =>
    {
        if (value is string s)
        {
            Compile(name, s);
        }
    }, "valid regex");

    /// <summary>Java's <c>matcher(input).matches()</c>.</summary>
    public bool Matches(string input) => Full.IsMatch(input);

    /// <summary>
    /// Converts a Java replacement string (<c>$1</c>, <c>${name}</c>, <c>\$</c> and <c>\\</c>) for this pattern to
    /// .NET form, with Java's rules: after <c>$</c> the longest group number not above <see cref="GroupCount"/>,
    /// a backslash quotes the next character. Throws <see cref="ArgumentException"/> where Java would throw.
    /// </summary>
    public string ConvertReplacement(string replacement)
    {
        ArgumentNullException.ThrowIfNull(replacement);
        var sb = new StringBuilder(replacement.Length + 8);
        for (var i = 0; i < replacement.Length; i++)
        {
            var c = replacement[i];
            if (c == '\\')
            {
                if (++i == replacement.Length)
                {
                    throw new ArgumentException("character to be escaped is missing");
                }

                AppendLiteral(sb, replacement[i]);
            }
            else if (c == '$')
            {
                i = AppendGroupReference(sb, replacement, i + 1) - 1;
            }
            else
            {
                AppendLiteral(sb, c);
            }
        }

        return sb.ToString();
    }

    /// <summary>Java's <c>matcher(input).replaceFirst(replacement)</c> for a replacement already converted.</summary>
    public string ReplaceFirst(string input, string convertedReplacement) => Find.Replace(input, convertedReplacement, 1);

    private static void AppendLiteral(StringBuilder sb, char c) => sb.Append(c == '$' ? "$$" : c.ToString());

    private int AppendGroupReference(StringBuilder sb, string s, int i)
    {
        if (i == s.Length)
        {
            throw new ArgumentException("Illegal group reference: group index is missing");
        }

        if (s[i] == '{')
        {
            var close = s.IndexOf('}', i);
            if (close < 0)
            {
                throw new ArgumentException("named capturing group is missing trailing '}'");
            }

            var name = s[(i + 1)..close];
            if (name.Length == 0 || !JavaRegexTranslator.IsValidGroupName(name))
            {
                throw new ArgumentException("Illegal group name '" + name + "'");
            }

            if (!_groupNames.TryGetValue(name, out var number))
            {
                throw new ArgumentException("No group with name {" + name + "}");
            }

            sb.Append("${").Append(number.ToString(CultureInfo.InvariantCulture)).Append('}');
            return close + 1;
        }

        if (!char.IsAsciiDigit(s[i]))
        {
            throw new ArgumentException("Illegal group reference");
        }

        var group = s[i] - '0';
        i++;
        while (i < s.Length && char.IsAsciiDigit(s[i]) && group * 10 + (s[i] - '0') <= GroupCount)
        {
            group = group * 10 + (s[i] - '0');
            i++;
        }

        if (group > GroupCount)
        {
            throw new ArgumentException("No group " + group.ToString(CultureInfo.InvariantCulture));
        }

        sb.Append("${").Append(group.ToString(CultureInfo.InvariantCulture)).Append('}');
        return i;
    }
}
