using System.Collections.ObjectModel;
using System.Globalization;
using System.Text;

namespace StandaloneConnect.Runtime.Configuration;

/// <summary>
/// Reads Java <c>.properties</c> text exactly as <c>java.util.Properties.load</c> does: <c>#</c>/<c>!</c> comments,
/// <c>=</c>, <c>:</c> or whitespace separators, backslash line continuations and <c>\t \n \r \f \\ \uXXXX</c> escapes.
/// A key that appears twice keeps its first position and its last value.
/// </summary>
public static class JavaProperties
{
    private const string MalformedUnicode = "Malformed \\uxxxx encoding in key or value";

    /// <summary>Reads and parses a file; errors name the file (and line) as given in <paramref name="path"/>.</summary>
    /// <exception cref="ConfigFileException">The file is missing, unreadable or malformed.</exception>
    public static IReadOnlyDictionary<string, string> Load(string path) =>
        Parse(ConfigFileReader.ReadText(path), path);

    /// <summary>Parses properties text; <paramref name="sourceName"/> is used in error messages.</summary>
    /// <exception cref="ConfigFileException">A <c>\u</c> escape is not followed by four hex digits.</exception>
    public static IReadOnlyDictionary<string, string> Parse(string text, string sourceName)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(sourceName);

        var result = new OrderedDictionary<string, string>(StringComparer.Ordinal);
        var reader = new PropertiesLineReader(text);
        var line = new StringBuilder();
        var segments = new List<(int Offset, int Line)>();
        while (reader.ReadLogicalLine(line, segments))
        {
            var logical = new LogicalLine(line.ToString(), segments, sourceName);
            (string key, string value) = logical.SplitKeyValue();
            result[key] = value;
        }

        return new ReadOnlyDictionary<string, string>(result);
    }

    internal static bool IsWhitespace(char c) => c is ' ' or '\t' or '\f';

    private readonly struct LogicalLine(string text, List<(int Offset, int Line)> segments, string sourceName)
    {
        public (string Key, string Value) SplitKeyValue()
        {
            int keyEnd = 0;
            int valueStart = text.Length;
            bool hasSeparator = false;
            bool precedingBackslash = false;
            while (keyEnd < text.Length)
            {
                char c = text[keyEnd];
                if (!precedingBackslash && c is '=' or ':')
                {
                    valueStart = keyEnd + 1;
                    hasSeparator = true;
                    break;
                }

                if (!precedingBackslash && IsWhitespace(c))
                {
                    valueStart = keyEnd + 1;
                    break;
                }

                precedingBackslash = c == '\\' && !precedingBackslash;
                keyEnd++;
            }

            while (valueStart < text.Length)
            {
                char c = text[valueStart];
                if (!IsWhitespace(c))
                {
                    if (hasSeparator || c is not ('=' or ':'))
                    {
                        break;
                    }

                    hasSeparator = true;
                }

                valueStart++;
            }

            return (Unescape(0, keyEnd), Unescape(valueStart, text.Length));
        }

        private string Unescape(int start, int end)
        {
            var sb = new StringBuilder(end - start);
            int i = start;
            while (i < end)
            {
                char c = text[i++];
                if (c != '\\')
                {
                    sb.Append(c);
                    continue;
                }

                if (i >= end)
                {
                    break;
                }

                c = text[i++];
                if (c == 'u')
                {
                    sb.Append(ParseUnicode(i, end));
                    i += 4;
                    continue;
                }

                sb.Append(c switch
                {
                    't' => '\t',
                    'r' => '\r',
                    'n' => '\n',
                    'f' => '\f',
                    _ => c,
                });
            }

            return sb.ToString();
        }

        private char ParseUnicode(int digitsStart, int end)
        {
            if (digitsStart + 4 > end
                || !ushort.TryParse(text.AsSpan(digitsStart, 4), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out ushort code))
            {
                string found = text.Substring(digitsStart - 2, Math.Min(6, end - digitsStart + 2));
                throw new ConfigFileException(sourceName, LineOf(digitsStart - 2), $"{MalformedUnicode} (found '{found}')");
            }

            return (char)code;
        }

        private int LineOf(int offset)
        {
            int line = segments.Count > 0 ? segments[0].Line : 1;
            foreach ((int segmentOffset, int segmentLine) in segments)
            {
                if (segmentOffset > offset)
                {
                    break;
                }

                line = segmentLine;
            }

            return line;
        }
    }
}
