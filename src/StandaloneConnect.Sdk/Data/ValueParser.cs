using System.Text;

namespace StandaloneConnect.Sdk.Data;

/// <summary>Kafka's recursive-descent value parser; a null result stands for the literal <c>null</c>.</summary>
internal sealed class ValueParser(string original)
{
    private readonly ValueTokenizer _tokens = new(original);

    public SchemaAndValue? Parse(bool embedded)
    {
        if (!_tokens.HasNext)
        {
            return null;
        }

        if (embedded && _tokens.CanConsume("\""))
        {
            return ParseQuotedString();
        }

        if (CanParseSingleTokenLiteral(embedded, ValueLiterals.Null))
        {
            return null;
        }

        if (CanParseSingleTokenLiteral(embedded, ValueLiterals.True))
        {
            return new SchemaAndValue(Schema.Boolean, true);
        }

        if (CanParseSingleTokenLiteral(embedded, ValueLiterals.False))
        {
            return new SchemaAndValue(Schema.Boolean, false);
        }

        var start = _tokens.Mark();
        try
        {
            if (_tokens.CanConsume("["))
            {
                return ParseArray();
            }

            if (_tokens.CanConsume("{"))
            {
                return ParseMap();
            }
        }
        catch (DataException)
        {
            // Not a valid array or map: fall back to the string (Kafka logs this at TRACE).
            _tokens.RewindTo(start);
        }

        var token = _tokens.Next();
        return ValueLiterals.IsBlank(token)
            ? new SchemaAndValue(Schema.String, token)
            : ParseNextToken(embedded, ValueLiterals.JavaTrim(token));
    }

    private bool CanParseSingleTokenLiteral(bool embedded, string literal)
    {
        var start = _tokens.Mark();
        if (_tokens.CanConsume(literal) && (embedded || !_tokens.HasNext))
        {
            return true;
        }

        _tokens.RewindTo(start);
        return false;
    }

    private SchemaAndValue ParseNextToken(bool embedded, string token)
    {
        var first = token[0];
        var firstIsDigit = char.IsDigit(first);
        if (firstIsDigit && ParseMultipleTokensAsTemporal(token) is { } temporal)
        {
            return temporal;
        }

        if ((firstIsDigit || first is '+' or '-') && NumberLiteral.Parse(token) is { } number)
        {
            return number;
        }

        if (embedded)
        {
            throw new DataException("Failed to parse embedded value");
        }

        return new SchemaAndValue(Schema.String, _tokens.Original);
    }

    private SchemaAndValue ParseQuotedString()
    {
        var sb = new StringBuilder();
        while (_tokens.HasNext && !_tokens.CanConsume("\""))
        {
            sb.Append(_tokens.Next());
        }

        var content = sb.ToString();
        return TemporalLiteral.Parse(content) ?? new SchemaAndValue(Schema.String, content);
    }

    private SchemaAndValue ParseArray()
    {
        var result = new List<object?>();
        var elementSchema = new SchemaMerger();
        while (_tokens.HasNext)
        {
            if (_tokens.CanConsume("]"))
            {
                return elementSchema.Common is { } common
                    ? new SchemaAndValue(SchemaBuilder.Array(common).Build(), ValueConversion.AlignList(common, result))
                    : new SchemaAndValue(null, result);
            }

            if (_tokens.CanConsume(","))
            {
                throw new DataException("Unable to parse an empty array element: " + _tokens.Original);
            }

            var element = Parse(true);
            elementSchema.Merge(element);
            result.Add(element?.Value);

            var current = _tokens.Mark();
            if (_tokens.CanConsume("]"))
            {
                _tokens.RewindTo(current);
            }
            else if (!_tokens.CanConsume(","))
            {
                throw new DataException("Array elements missing ',' delimiter");
            }
        }

        throw new DataException(_tokens.Previous == ","
            ? "Array is missing element after ',': " + _tokens.Original
            : "Array is missing terminating ']': " + _tokens.Original);
    }

    private SchemaAndValue ParseMap()
    {
        var result = new Dictionary<object, object?>();
        var keySchema = new SchemaMerger();
        var valueSchema = new SchemaMerger();
        while (_tokens.HasNext)
        {
            if (_tokens.CanConsume("}"))
            {
                if (keySchema.Common is { } keys && valueSchema.Common is { } values)
                {
                    return new SchemaAndValue(SchemaBuilder.Map(keys, values).Build(), ValueConversion.AlignMap(keys, values, result));
                }

                return keySchema.Common is { } keysOnly
                    ? new SchemaAndValue(null, ValueConversion.AlignMap(keysOnly, null, result))
                    : new SchemaAndValue(null, result);
            }

            if (_tokens.CanConsume(","))
            {
                throw new DataException("Unable to parse a map entry with no key or value: " + _tokens.Original);
            }

            var key = Parse(true);
            if (key?.Value is not { } keyValue)
            {
                throw new DataException("Map entry may not have a null key: " + _tokens.Original);
            }

            if (!_tokens.CanConsume(":"))
            {
                throw new DataException($"Map entry is missing ':' at {_tokens.Position} in {_tokens.Original}");
            }

            var value = Parse(true);
            result[keyValue] = value?.Value;
            _tokens.CanConsume(",");
            keySchema.Merge(key);
            valueSchema.Merge(value);
        }

        throw new DataException(_tokens.Previous == ","
            ? "Map is missing element after ',': " + _tokens.Original
            : "Map is missing terminating '}': " + _tokens.Original);
    }

    private SchemaAndValue? ParseMultipleTokensAsTemporal(string token)
    {
        // A time or timestamp is split into 5 tokens by its unescaped colons.
        var position = _tokens.Mark();
        if (_tokens.Next(4) is { } remainder && TemporalLiteral.Parse(token + remainder) is { } temporal)
        {
            return temporal;
        }

        _tokens.RewindTo(position);
        return TemporalLiteral.Parse(token);
    }
}
