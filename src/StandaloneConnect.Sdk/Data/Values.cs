using System.Buffers;
using System.Collections;
using System.Globalization;
using System.Numerics;
using System.Text;

namespace StandaloneConnect.Sdk.Data;

/// <summary>
/// Kafka's <c>org.apache.kafka.connect.data.Values</c>: renders any Connect value as a string and parses such strings
/// back with type inference. <c>SimpleHeaderConverter</c> and header literals depend on these exact rules.
/// </summary>
/// <remarks>
/// Deviations forced by the .NET data model: where Kafka returns an ARRAY or MAP schema without an element (value)
/// schema (empty arrays, mixed element types, maps whose values are all null or mixed), the schema returned here is
/// null; numbers that need a <c>BigDecimal</c> outside .NET <c>decimal</c> (more than 28 digits, negative scale) are
/// parsed as strings. Dates are formatted and parsed in UTC.
/// </remarks>
public static class Values
{
    private const long MillisPerDay = 24 * 60 * 60 * 1000;
    private const string NullLiteral = "null";
    private const string TrueLiteral = "true";
    private const string FalseLiteral = "false";

    private static readonly SearchValues<char> Delimiters = SearchValues.Create(":,{}[]\"");

    /// <summary>
    /// Kafka's <c>Values.convertToString(schema, value)</c>: strings as they are, numbers as Java prints them,
    /// bytes as base64, lists <c>[1,2]</c>, maps <c>{"k":1}</c>, structs <c>{"field":value}</c>, logical dates as
    /// ISO-8601 (<c>yyyy-MM-dd</c>, <c>HH:mm:ss.SSS'Z'</c> or <c>yyyy-MM-dd'T'HH:mm:ss.SSS'Z'</c>, chosen by the
    /// value as Kafka does). The schema is accepted for API compatibility; Kafka does not use it either.
    /// </summary>
    public static string? ConvertToString(Schema? schema, object? value)
    {
        if (value is null)
        {
            return null;
        }

        var sb = new StringBuilder();
        Append(sb, value, false);
        return sb.ToString();
    }

    /// <summary>
    /// Kafka's <c>Values.parseString(value)</c>: infers a schema for a string. <c>true</c>/<c>false</c> become
    /// BOOLEAN, integers the smallest of INT8..INT64, other numbers FLOAT32 (FLOAT64 when out of float range),
    /// ISO-8601 dates/times/timestamps the logical types, <c>[..]</c> and <c>{..}</c> arrays and maps,
    /// <c>null</c> gives <see cref="SchemaAndValue.Null"/>, anything else is a STRING.
    /// </summary>
    public static SchemaAndValue ParseString(string? value)
    {
        if (value is null)
        {
            return SchemaAndValue.Null;
        }

        if (value.Length == 0)
        {
            return new SchemaAndValue(Schema.String, value);
        }

        if (value.AsSpan().IndexOfAny(Delimiters) < 0)
        {
            // One token only: the same outcome as the full parser, without its allocations.
            var trimmed = JavaTrim(value);
            switch (trimmed)
            {
                case NullLiteral:
                    return SchemaAndValue.Null;
                case TrueLiteral:
                    return new SchemaAndValue(Schema.Boolean, true);
                case FalseLiteral:
                    return new SchemaAndValue(Schema.Boolean, false);
                case "":
                    return new SchemaAndValue(Schema.String, value);
            }

            var firstIsDigit = char.IsDigit(trimmed[0]);
            if (firstIsDigit && ParseAsTemporal(trimmed) is { } temporal)
            {
                return temporal;
            }

            if ((firstIsDigit || trimmed[0] is '+' or '-') && ParseAsNumber(trimmed) is { } number)
            {
                return number;
            }

            return new SchemaAndValue(Schema.String, value);
        }

        return new ValueParser(value).Parse(false) ?? SchemaAndValue.Null;
    }

    private static void Append(StringBuilder sb, object? value, bool embedded)
    {
        switch (value)
        {
            case null:
                sb.Append(NullLiteral);
                break;
            case string s:
                if (embedded)
                {
                    sb.Append('"').Append(Escape(s)).Append('"');
                }
                else
                {
                    sb.Append(s);
                }

                break;
            case bool b:
                sb.Append(b ? TrueLiteral : FalseLiteral);
                break;
            case double d:
                sb.Append(JavaNumberFormat.FormatDouble(d));
                break;
            case float f:
                sb.Append(JavaNumberFormat.FormatFloat(f));
                break;
            case decimal m:
                sb.Append(JavaNumberFormat.FormatDecimal(m));
                break;
            case sbyte or short or int or long or byte or ushort or uint or ulong or BigInteger:
                sb.Append(((IFormattable)value).ToString(null, CultureInfo.InvariantCulture));
                break;
            case byte[] or ReadOnlyMemory<byte>:
                var base64 = Convert.ToBase64String(value is byte[] array ? array : ((ReadOnlyMemory<byte>)value).Span);
                if (embedded)
                {
                    sb.Append('"').Append(base64).Append('"');
                }
                else
                {
                    sb.Append(base64);
                }

                break;
            case IList list:
                sb.Append('[');
                for (var i = 0; i < list.Count; i++)
                {
                    if (i > 0)
                    {
                        sb.Append(',');
                    }

                    Append(sb, list[i], true);
                }

                sb.Append(']');
                break;
            case IDictionary map:
                sb.Append('{');
                var first = true;
                foreach (DictionaryEntry entry in map)
                {
                    if (!first)
                    {
                        sb.Append(',');
                    }

                    first = false;
                    Append(sb, entry.Key, true);
                    sb.Append(':');
                    Append(sb, entry.Value, true);
                }

                sb.Append('}');
                break;
            case Struct st:
                sb.Append('{');
                for (var i = 0; i < st.Schema.Fields.Count; i++)
                {
                    var field = st.Schema.Fields[i];
                    if (i > 0)
                    {
                        sb.Append(',');
                    }

                    Append(sb, field.Name, true);
                    sb.Append(':');
                    Append(sb, st.Get(field), true);
                }

                sb.Append('}');
                break;
            case DateTime date:
                sb.Append(FormatDate(date));
                break;
            default:
                throw new DataException($"Failed to serialize unexpected value type {value.GetType().FullName}: {value}");
        }
    }

    private static string Escape(string value) => value.Replace("\\", "\\\\", StringComparison.Ordinal)
        .Replace("\"", "\\\"", StringComparison.Ordinal);

    /// <summary>Kafka's <c>dateFormatFor</c>: time-only before one day after the epoch, date-only at midnight, else a timestamp.</summary>
    private static string FormatDate(DateTime value)
    {
        var millis = ConnectTimestamp.FromLogical(value);
        var utc = ConnectTimestamp.ToLogical(millis);
        var format = millis < MillisPerDay ? "HH:mm:ss.fff'Z'"
            : millis % MillisPerDay == 0 ? "yyyy-MM-dd"
            : "yyyy-MM-dd'T'HH:mm:ss.fff'Z'";
        return utc.ToString(format, CultureInfo.InvariantCulture);
    }

    /// <summary>Java's <c>String.trim()</c>: removes every char up to U+0020 from both ends.</summary>
    private static string JavaTrim(string value)
    {
        var start = 0;
        var end = value.Length;
        while (start < end && value[start] <= ' ')
        {
            start++;
        }

        while (end > start && value[end - 1] <= ' ')
        {
            end--;
        }

        return start == 0 && end == value.Length ? value : value[start..end];
    }

    private static bool IsBlank(string? value) => value is null || JavaTrim(value).Length == 0;

    // ---- Parsing (Kafka's Values.ValueParser and Values.Parser) ----

    /// <summary>Kafka's recursive-descent value parser; a null result stands for the literal <c>null</c>.</summary>
    private sealed class ValueParser(string original)
    {
        private readonly Tokenizer _tokens = new(original);

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

            if (CanParseSingleTokenLiteral(embedded, NullLiteral))
            {
                return null;
            }

            if (CanParseSingleTokenLiteral(embedded, TrueLiteral))
            {
                return new SchemaAndValue(Schema.Boolean, true);
            }

            if (CanParseSingleTokenLiteral(embedded, FalseLiteral))
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
            return IsBlank(token) ? new SchemaAndValue(Schema.String, token) : ParseNextToken(embedded, JavaTrim(token));
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

            if ((firstIsDigit || first is '+' or '-') && ParseAsNumber(token) is { } number)
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
            return ParseAsTemporal(content) ?? new SchemaAndValue(Schema.String, content);
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
                        ? new SchemaAndValue(SchemaBuilder.Array(common).Build(), AlignList(common, result))
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
                        return new SchemaAndValue(SchemaBuilder.Map(keys, values).Build(), AlignMap(keys, values, result));
                    }

                    return keySchema.Common is { } keysOnly
                        ? new SchemaAndValue(null, AlignMap(keysOnly, null, result))
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
            if (_tokens.Next(4) is { } remainder && ParseAsTemporal(token + remainder) is { } temporal)
            {
                return temporal;
            }

            _tokens.RewindTo(position);
            return ParseAsTemporal(token);
        }
    }

    /// <summary>Kafka's tokenizer: splits on unescaped <c>: , { } [ ] "</c>, each delimiter being a token.</summary>
    private sealed class Tokenizer(string original)
    {
        private int _index;
        private string? _nextToken;

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

            while (IsBlank(_nextToken) && _index < original.Length)
            {
                _nextToken = ConsumeNextToken();
            }

            if (JavaTrim(_nextToken) != expected)
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
                else if (c is ':' or ',' or '{' or '}' or '[' or ']' or '"' && !escaped)
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

    /// <summary>Kafka's <c>SchemaMerger</c>: the common schema of the values seen so far, or null when there is none.</summary>
    private sealed class SchemaMerger
    {
        private bool _compatible = true;

        public Schema? Common { get; private set; }

        public void Merge(SchemaAndValue? latest)
        {
            if (latest?.Schema is not { } schema || !_compatible)
            {
                return;
            }

            Common = Common is null ? schema : MergeSchemas(Common, schema);
            _compatible = Common is not null;
        }
    }

    private static Schema? MergeSchemas(Schema previous, Schema next)
    {
        if (previous.Type != next.Type)
        {
            // Numbers widen: any integer type into a wider integer or float type.
            var rank = NumericRank(previous.Type);
            var nextRank = NumericRank(next.Type);
            if (rank < 0 || nextRank < 0)
            {
                return null;
            }

            return nextRank > rank ? next : previous;
        }

        if (previous.IsOptional == next.IsOptional)
        {
            return previous.IsOptional ? previous : next;
        }

        return previous.Equals(next) ? previous : null;
    }

    private static int NumericRank(SchemaType type) => type switch
    {
        SchemaType.Int8 => 0,
        SchemaType.Int16 => 1,
        SchemaType.Int32 => 2,
        SchemaType.Int64 => 3,
        SchemaType.Float32 => 4,
        SchemaType.Float64 => 5,
        _ => -1,
    };

    private static List<object?> AlignList(Schema elementSchema, List<object?> input) =>
        input.ConvertAll(value => ConvertTo(elementSchema, null, value));

    private static Dictionary<object, object?> AlignMap(Schema keySchema, Schema? valueSchema, Dictionary<object, object?> input)
    {
        var result = new Dictionary<object, object?>(input.Count);
        foreach (var (key, value) in input)
        {
            var newKey = ConvertTo(keySchema, null, key)
                ?? throw new DataException("Map entry may not have a null key");
            result[newKey] = valueSchema is null ? value : ConvertTo(valueSchema, null, value);
        }

        return result;
    }

    // ---- Numbers and ISO-8601 literals ----

    /// <summary>
    /// Kafka's <c>parseAsNumber</c> on Java <c>BigDecimal</c> syntax: whole numbers up to 1e19 become the smallest
    /// integer type, other numbers with a scale FLOAT32 (FLOAT64 when out of float range), the rest a Decimal.
    /// Null when the token is not a number.
    /// </summary>
    private static SchemaAndValue? ParseAsNumber(string token)
    {
        if (!TryScanBigDecimal(token, out var negative, out var significant, out var scale))
        {
            return null;
        }

        if (ParseAsExactInteger(negative, significant, scale) is { } exact)
        {
            return exact;
        }

        if (scale != 0)
        {
            var f = float.Parse(token, NumberStyles.Float, CultureInfo.InvariantCulture);
            if (float.IsFinite(f))
            {
                return new SchemaAndValue(Schema.Float32, f);
            }

            var d = double.Parse(token, NumberStyles.Float, CultureInfo.InvariantCulture);
            if (double.IsFinite(d))
            {
                return new SchemaAndValue(Schema.Float64, d);
            }

            return null;
        }

        return decimal.TryParse(token, NumberStyles.Float, CultureInfo.InvariantCulture, out var m)
            ? new SchemaAndValue(ConnectDecimal.Schema(0), m)
            : null;
    }

    /// <summary>Validates Java <c>BigDecimal</c> syntax; returns the significant digits (no leading zeros) and the scale.</summary>
    private static bool TryScanBigDecimal(string token, out bool negative, out string significant, out long scale)
    {
        significant = "";
        scale = 0;
        negative = token[0] == '-';
        var i = token[0] is '+' or '-' ? 1 : 0;
        var intStart = i;
        while (i < token.Length && char.IsAsciiDigit(token[i]))
        {
            i++;
        }

        var intDigits = token.AsSpan(intStart, i - intStart);
        var fracDigits = ReadOnlySpan<char>.Empty;
        if (i < token.Length && token[i] == '.')
        {
            var fracStart = ++i;
            while (i < token.Length && char.IsAsciiDigit(token[i]))
            {
                i++;
            }

            fracDigits = token.AsSpan(fracStart, i - fracStart);
        }

        if (intDigits.Length + fracDigits.Length == 0)
        {
            return false;
        }

        long exponent = 0;
        if (i < token.Length && token[i] is 'e' or 'E')
        {
            var expStart = ++i;
            if (i < token.Length && token[i] is '+' or '-')
            {
                i++;
            }

            while (i < token.Length && char.IsAsciiDigit(token[i]))
            {
                i++;
            }

            if (!int.TryParse(token.AsSpan(expStart, i - expStart), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture,
                    out var e))
            {
                return false;
            }

            exponent = e;
        }

        if (i != token.Length)
        {
            return false;
        }

        scale = fracDigits.Length - exponent;
        if (scale is < int.MinValue or > int.MaxValue)
        {
            return false;
        }

        significant = string.Concat(intDigits, fracDigits).TrimStart('0');
        return true;
    }

    /// <summary>Kafka's <c>parseAsExactDecimal</c>: whole numbers with 1 &lt;= |x| &lt;= 1e19 (or zero) that fit a long.</summary>
    private static SchemaAndValue? ParseAsExactInteger(bool negative, string significant, long scale)
    {
        if (significant.Length == 0)
        {
            return new SchemaAndValue(Schema.Int8, (sbyte)0);
        }

        var adjusted = significant.Length - 1 - scale;
        if (adjusted < 0 || adjusted > 19 || (adjusted == 19 && significant.TrimEnd('0') != "1"))
        {
            return null;
        }

        if (scale > 0 && significant.AsSpan(significant.Length - (int)scale).ContainsAnyExcept('0'))
        {
            return null;
        }

        var integerDigits = scale <= 0 ? significant + new string('0', (int)-scale) : significant[..^(int)scale];
        var magnitude = BigInteger.Parse(integerDigits, NumberStyles.None, CultureInfo.InvariantCulture);
        var integral = negative ? -magnitude : magnitude;
        if (integral < long.MinValue || integral > long.MaxValue)
        {
            return null;
        }

        var value = (long)integral;
        return value switch
        {
            >= sbyte.MinValue and <= sbyte.MaxValue => new SchemaAndValue(Schema.Int8, (sbyte)value),
            >= short.MinValue and <= short.MaxValue => new SchemaAndValue(Schema.Int16, (short)value),
            >= int.MinValue and <= int.MaxValue => new SchemaAndValue(Schema.Int32, (int)value),
            _ => new SchemaAndValue(Schema.Int64, value),
        };
    }

    /// <summary>
    /// Kafka's <c>parseAsTemporal</c>: by length, <c>HH:mm:ss.SSS'Z'</c> (13), <c>yyyy-MM-dd'T'HH:mm:ss.SSS'Z'</c>
    /// (24) or <c>yyyy-MM-dd</c> (10), parsed leniently in UTC like a lenient <c>SimpleDateFormat</c>.
    /// </summary>
    private static SchemaAndValue? ParseAsTemporal(string token)
    {
        token = token.Replace("\\:", ":", StringComparison.Ordinal);
        var pos = 0;
        switch (token.Length)
        {
            case 13:
                return TryReadTime(token, ref pos, out var millis)
                    ? new SchemaAndValue(ConnectTime.Schema, DateTime.UnixEpoch.AddMilliseconds(millis))
                    : null;
            case 24:
                return TryReadDate(token, ref pos, out var day) && TryExpect(token, ref pos, 'T')
                    && TryReadTime(token, ref pos, out var timeOfDay) && TryAddMillis(day, timeOfDay, out var timestamp)
                    ? new SchemaAndValue(ConnectTimestamp.Schema, timestamp)
                    : null;
            case 10:
                // Like SimpleDateFormat.parse(text, position), text after the pattern is ignored.
                return TryReadDate(token, ref pos, out var date) ? new SchemaAndValue(ConnectDate.Schema, date) : null;
            default:
                return null;
        }
    }

    private static bool TryReadDate(string text, ref int pos, out DateTime date)
    {
        date = default;
        if (!TryReadNumber(text, ref pos, out var year) || !TryExpect(text, ref pos, '-')
            || !TryReadNumber(text, ref pos, out var month) || !TryExpect(text, ref pos, '-')
            || !TryReadNumber(text, ref pos, out var day) || year is < 1 or > 9999)
        {
            return false;
        }

        try
        {
            // Lenient calendar arithmetic: month 13 rolls into the next year, day 30 of February into March.
            date = new DateTime(year, 1, 1, 0, 0, 0, DateTimeKind.Utc).AddMonths(month - 1).AddDays(day - 1);
            return true;
        }
        catch (ArgumentOutOfRangeException)
        {
            return false;
        }
    }

    private static bool TryReadTime(string text, ref int pos, out long millis)
    {
        millis = 0;
        if (!TryReadNumber(text, ref pos, out var hours) || !TryExpect(text, ref pos, ':')
            || !TryReadNumber(text, ref pos, out var minutes) || !TryExpect(text, ref pos, ':')
            || !TryReadNumber(text, ref pos, out var seconds) || !TryExpect(text, ref pos, '.')
            || !TryReadNumber(text, ref pos, out var fraction) || !TryExpect(text, ref pos, 'Z'))
        {
            return false;
        }

        millis = hours * 3_600_000L + minutes * 60_000L + seconds * 1000L + fraction;
        return true;
    }

    private static bool TryAddMillis(DateTime date, long millis, out DateTime result)
    {
        try
        {
            result = date.AddMilliseconds(millis);
            return true;
        }
        catch (ArgumentOutOfRangeException)
        {
            result = default;
            return false;
        }
    }

    private static bool TryReadNumber(string text, ref int pos, out int value)
    {
        var start = pos;
        while (pos < text.Length && pos - start < 9 && char.IsAsciiDigit(text[pos]))
        {
            pos++;
        }

        value = 0;
        return pos > start && int.TryParse(text.AsSpan(start, pos - start), NumberStyles.None, CultureInfo.InvariantCulture, out value);
    }

    private static bool TryExpect(string text, ref int pos, char expected)
    {
        if (pos < text.Length && text[pos] == expected)
        {
            pos++;
            return true;
        }

        return false;
    }

    // ---- Kafka's Values.convertTo, used to align parsed elements with their common schema ----

    private static object? ConvertTo(Schema toSchema, Schema? fromSchema, object? value)
    {
        if (value is null)
        {
            return toSchema.IsOptional
                ? null
                : throw new DataException("Unable to convert a null value to a schema that requires a value");
        }

        switch (toSchema.Name)
        {
            case ConnectDecimal.LogicalName:
                return ToDecimal(toSchema, value);
            case ConnectDate.LogicalName:
                return ToTemporal(toSchema, fromSchema, value, ConnectDate.LogicalName);
            case ConnectTime.LogicalName:
                return ToTemporal(toSchema, fromSchema, value, ConnectTime.LogicalName);
            case ConnectTimestamp.LogicalName:
                return ToTemporal(toSchema, fromSchema, value, ConnectTimestamp.LogicalName);
        }

        return toSchema.Type switch
        {
            SchemaType.String => ConvertToString(fromSchema, value),
            SchemaType.Boolean => value is bool b ? b
                : value is string s && ParseString(s).Value is bool parsed ? parsed
                : AsLong(value, fromSchema) != 0,
            SchemaType.Int8 => value as sbyte? ?? (sbyte)AsLong(value, fromSchema),
            SchemaType.Int16 => value as short? ?? (short)AsLong(value, fromSchema),
            SchemaType.Int32 => value as int? ?? (int)AsLong(value, fromSchema),
            SchemaType.Int64 => value as long? ?? AsLong(value, fromSchema),
            SchemaType.Float32 => value as float? ?? (float)AsDouble(value, fromSchema),
            SchemaType.Float64 => value as double? ?? AsDouble(value, fromSchema),
            SchemaType.Bytes => value switch
            {
                byte[] bytes => bytes,
                ReadOnlyMemory<byte> memory => memory.ToArray(),
                decimal m => ConnectDecimal.FromLogical(toSchema, m),
                _ => throw UnableToConvert(value, toSchema),
            },
            SchemaType.Array => (value is string text ? ParseString(text).Value : value) as IList
                ?? throw UnableToConvert(value, toSchema),
            SchemaType.Map => (value is string text ? ParseString(text).Value : value) as IDictionary
                ?? throw UnableToConvert(value, toSchema),
            SchemaType.Struct => value as Struct ?? throw UnableToConvert(value, toSchema),
            _ => throw UnableToConvert(value, toSchema),
        };
    }

    private static decimal ToDecimal(Schema toSchema, object value) => value switch
    {
        byte[] bytes => ConnectDecimal.ToLogical(toSchema, bytes),
        ReadOnlyMemory<byte> memory => ConnectDecimal.ToLogical(toSchema, memory.Span),
        decimal m => m,
        double or float or sbyte or short or int or long => decimal.Parse(
            JavaNumberFormat.FormatDouble(Convert.ToDouble(value, CultureInfo.InvariantCulture)), NumberStyles.Float,
            CultureInfo.InvariantCulture),
        string s when decimal.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out var parsed) => parsed,
        _ => throw UnableToConvert(value, toSchema),
    };

    private static DateTime ToTemporal(Schema toSchema, Schema? fromSchema, object value, string target)
    {
        if (value is string s)
        {
            value = ParseString(s).Value ?? value;
        }

        if (value is DateTime date)
        {
            switch (fromSchema?.Name)
            {
                case null when fromSchema is null:
                    return date;
                case var name when name == target:
                    return date;
                case ConnectTimestamp.LogicalName when target == ConnectDate.LogicalName:
                    return ConnectDate.ToLogical((int)(ConnectTimestamp.FromLogical(date) / MillisPerDay));
                case ConnectTimestamp.LogicalName when target == ConnectTime.LogicalName:
                    return ConnectTime.ToLogical((int)(((ConnectTimestamp.FromLogical(date) % MillisPerDay) + MillisPerDay) % MillisPerDay));
                case ConnectDate.LogicalName when target == ConnectTimestamp.LogicalName:
                    return ConnectTimestamp.ToLogical(ConnectDate.FromLogical(date) * MillisPerDay);
                case ConnectTime.LogicalName when target == ConnectTimestamp.LogicalName:
                    return ConnectTimestamp.ToLogical(ConnectTime.FromLogical(date));
            }
        }

        var numeric = AsLong(value, fromSchema);
        return target switch
        {
            ConnectDate.LogicalName => ConnectDate.ToLogical((int)numeric),
            ConnectTime.LogicalName => ConnectTime.ToLogical((int)numeric),
            _ => ConnectTimestamp.ToLogical(numeric),
        };
    }

    private static long AsLong(object value, Schema? fromSchema)
    {
        switch (value)
        {
            case sbyte or short or int or long:
                return Convert.ToInt64(value, CultureInfo.InvariantCulture);
            case float f:
                return (long)f;
            case double d:
                return (long)d;
            case decimal m:
                return (long)(BigInteger)decimal.Truncate(m);
            case string s when decimal.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out var parsed):
                return (long)(BigInteger)decimal.Truncate(parsed);
            case DateTime date when fromSchema?.Name is ConnectDate.LogicalName:
                return ConnectDate.FromLogical(date);
            case DateTime date when fromSchema?.Name is ConnectTime.LogicalName:
                return ConnectTime.FromLogical(date);
            case DateTime date when fromSchema?.Name is ConnectTimestamp.LogicalName:
                return ConnectTimestamp.FromLogical(date);
        }

        throw fromSchema is null
            ? new DataException($"Unable to convert {value} ({value.GetType()}) to a number")
            : UnableToConvert(value, fromSchema);
    }

    private static double AsDouble(object value, Schema? fromSchema) => value switch
    {
        double d => d,
        float f => f,
        decimal m => (double)m,
        string s when double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out var parsed) => parsed,
        _ => AsLong(value, fromSchema),
    };

    private static DataException UnableToConvert(object value, Schema toSchema) =>
        new($"Unable to convert {value} ({value.GetType()}) to {toSchema}");
}
