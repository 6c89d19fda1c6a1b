using System.Text;

namespace StandaloneConnect.Runtime.Configuration;

/// <summary>Joins natural lines into logical lines, skipping blank and comment lines; escapes are kept as written.</summary>
internal sealed class PropertiesLineReader(string text)
{
    private int _pos;
    private int _lineNumber = 1;

    /// <param name="line">Receives the logical line (without the continuation backslashes and indentation).</param>
    /// <param name="segments">Receives, for each natural line joined in, its offset in <paramref name="line"/> and its 1-based number.</param>
    public bool ReadLogicalLine(StringBuilder line, List<(int Offset, int Line)> segments)
    {
        line.Clear();
        segments.Clear();
        bool skipWhitespace = true;
        bool continuation = false;
        bool precedingBackslash = false;
        while (_pos < text.Length)
        {
            char c = text[_pos];
            if (skipWhitespace)
            {
                if (JavaProperties.IsWhitespace(c) || (!continuation && c is '\r' or '\n'))
                {
                    ConsumeChar();
                    continue;
                }

                skipWhitespace = false;
                continuation = false;
            }

            if (line.Length == 0 && c is '#' or '!')
            {
                SkipRestOfLine();
                skipWhitespace = true;
                continue;
            }

            if (c is not ('\r' or '\n'))
            {
                if (segments.Count == 0 || segments[^1].Line != _lineNumber)
                {
                    segments.Add((line.Length, _lineNumber));
                }

                line.Append(c);
                _pos++;
                precedingBackslash = c == '\\' && !precedingBackslash;
                continue;
            }

            if (line.Length == 0)
            {
                ConsumeChar();
                skipWhitespace = true;
                continue;
            }

            ConsumeChar();
            if (!precedingBackslash)
            {
                return true;
            }

            line.Length--;
            if (_pos >= text.Length)
            {
                return true;
            }

            precedingBackslash = false;
            skipWhitespace = true;
            continuation = true;
        }

        if (line.Length == 0 && !precedingBackslash)
        {
            return false;
        }

        if (precedingBackslash)
        {
            line.Length--;
        }

        return true;
    }

    /// <summary>Moves past one character; a line terminator (<c>\n</c>, <c>\r</c> or <c>\r\n</c>) counts a line.</summary>
    private void ConsumeChar()
    {
        char c = text[_pos++];
        if (c == '\r' && _pos < text.Length && text[_pos] == '\n')
        {
            _pos++;
        }

        if (c is '\r' or '\n')
        {
            _lineNumber++;
        }
    }

    private void SkipRestOfLine()
    {
        while (_pos < text.Length && text[_pos] is not ('\r' or '\n'))
        {
            _pos++;
        }

        if (_pos < text.Length)
        {
            ConsumeChar();
        }
    }
}
