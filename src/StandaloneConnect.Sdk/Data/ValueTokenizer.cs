using System.Buffers;

namespace StandaloneConnect.Sdk.Data;

/// <summary>Kafka's tokenizer: splits on unescaped <c>: , { } [ ] "</c>, each delimiter being a token.</summary>
internal sealed class ValueTokenizer(string original)
{
    private static readonly SearchValues<char> Delimiters = SearchValues.Create(":,{}[]\"");

    private int _index;
    private string? _nextToken;

    /// <summary>True when <paramref name="value"/> contains a delimiter char, escaped or not.</summary>
    public static bool HasDelimiter(string value) => value.AsSpan().IndexOfAny(Delimiters) >= 0;

    public string Original => original;

    public string? Previous { get; private set; }

    public int Position => _index;

    public bool HasNext => _nextToken is not null || _index < original.Length;

    public int Mark() => _index - (_nextToken?.Length ?? 0);

    public void RewindTo(int position)
    {
        _index = position;
        _nextToken = null;
        Previous = null;
    }

    public string Next()
    {
        if (_nextToken is not null)
        {
            Previous = _nextToken;
            _nextToken = null;
        }
        else
        {
            Previous = ConsumeNextToken();
        }

        return Previous;
    }

    public string? Next(int count)
    {
        var start = Mark();
        for (var i = 0; i < count; i++)
        {
            if (!HasNext)
            {
                RewindTo(start);
                return null;
            }

            Next();
        }

        return original[start.._index];
    }

    public bool CanConsume(string expected)
    {
        if (_nextToken is null)
        {
            if (!HasNext)
            {
                return false;
            }

            _nextToken = ConsumeNextToken();
        }

        while (ValueLiterals.IsBlank(_nextToken) && _index < original.Length)
        {
            _nextToken = ConsumeNextToken();
        }

        if (ValueLiterals.JavaTrim(_nextToken) != expected)
        {
            return false;
        }

        _nextToken = null;
        return true;
    }

    private string ConsumeNextToken()
    {
        var escaped = false;
        var start = _index;
        for (; _index < original.Length; _index++)
        {
            var c = original[_index];
            if (c == '\\')
            {
                escaped = !escaped;
            }
            else if (Delimiters.Contains(c) && !escaped)
            {
                if (start < _index)
                {
                    return original[start.._index];
                }

                _index++;
                return original.Substring(start, 1);
            }
            else
            {
                escaped = false;
            }
        }

        return original[start.._index];
    }
}
