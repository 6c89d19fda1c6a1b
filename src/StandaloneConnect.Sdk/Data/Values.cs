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
    /// <summary>
    /// Kafka's <c>Values.convertToString(schema, value)</c>: strings as they are, numbers as Java prints them,
    /// bytes as base64, lists <c>[1,2]</c>, maps <c>{"k":1}</c>, structs <c>{"field":value}</c>, logical dates as
    /// ISO-8601 (<c>yyyy-MM-dd</c>, <c>HH:mm:ss.SSS'Z'</c> or <c>yyyy-MM-dd'T'HH:mm:ss.SSS'Z'</c>, chosen by the
    /// value as Kafka does). The schema is accepted for API compatibility; Kafka does not use it either.
    /// </summary>
    public static string? ConvertToString(Schema? schema, object? value) =>
        value is null ? null : ValueRenderer.Render(value);

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

        if (!ValueTokenizer.HasDelimiter(value))
        {
            return ParseSingleToken(value);
        }

        return new ValueParser(value).Parse(false) ?? SchemaAndValue.Null;
    }

    /// <summary>One token only: the same outcome as the full parser, without its allocations.</summary>
    private static SchemaAndValue ParseSingleToken(string value)
    {
        var trimmed = ValueLiterals.JavaTrim(value);
        switch (trimmed)
        {
            case ValueLiterals.Null:
                return SchemaAndValue.Null;
            case ValueLiterals.True:
                return new SchemaAndValue(Schema.Boolean, true);
            case ValueLiterals.False:
                return new SchemaAndValue(Schema.Boolean, false);
            case "":
                return new SchemaAndValue(Schema.String, value);
        }

        var firstIsDigit = char.IsDigit(trimmed[0]);
        if (firstIsDigit && TemporalLiteral.Parse(trimmed) is { } temporal)
        {
            return temporal;
        }

        if ((firstIsDigit || trimmed[0] is '+' or '-') && NumberLiteral.Parse(trimmed) is { } number)
        {
            return number;
        }

        return new SchemaAndValue(Schema.String, value);
    }
}
