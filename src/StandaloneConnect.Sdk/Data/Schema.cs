using System.Collections;

namespace StandaloneConnect.Sdk.Data;

/// <summary>
/// An immutable Connect schema (Kafka's <c>ConnectSchema</c>). Build non-trivial ones with <see cref="SchemaBuilder"/>.
/// Values map to CLR types as follows: INT8 <c>sbyte</c>, INT16 <c>short</c>, INT32 <c>int</c>, INT64 <c>long</c>,
/// FLOAT32 <c>float</c>, FLOAT64 <c>double</c>, BOOLEAN <c>bool</c>, STRING <c>string</c>, BYTES <c>byte[]</c>
/// (or <c>ReadOnlyMemory&lt;byte&gt;</c>), ARRAY <c>IList</c>, MAP <c>IDictionary</c>, STRUCT <see cref="Struct"/>;
/// the logical types Decimal <c>decimal</c>, Date/Time/Timestamp <c>DateTime</c> (UTC).
/// </summary>
public sealed class Schema : IEquatable<Schema>
{
    private static readonly IReadOnlyDictionary<string, string> NoParameters = new Dictionary<string, string>();
    private readonly Field[]? _fields;
    private readonly Dictionary<string, Field>? _fieldsByName;
    private readonly Schema? _keySchema;
    private readonly Schema? _valueSchema;
    private readonly LogicalKind _logicalKind;

    internal Schema(SchemaType type, bool optional, object? defaultValue, string? name, int? version, string? doc,
        IReadOnlyDictionary<string, string>? parameters, IReadOnlyList<Field>? fields, Schema? keySchema, Schema? valueSchema)
    {
        Type = type;
        IsOptional = optional;
        DefaultValue = defaultValue;
        Name = name;
        Version = version;
        Doc = doc;
        Parameters = parameters;
        _keySchema = keySchema;
        _valueSchema = valueSchema;
        _logicalKind = name switch
        {
            ConnectDecimal.LogicalName => LogicalKind.Decimal,
            ConnectDate.LogicalName or ConnectTime.LogicalName or ConnectTimestamp.LogicalName => LogicalKind.DateTime,
            _ => LogicalKind.None,
        };
        if (type == SchemaType.Struct)
        {
            _fields = fields as Field[] ?? fields?.ToArray() ?? [];
            _fieldsByName = _fields.ToDictionary(f => f.Name, StringComparer.Ordinal);
        }
    }

    public static Schema Int8 { get; } = Primitive(SchemaType.Int8, false);
    public static Schema Int16 { get; } = Primitive(SchemaType.Int16, false);
    public static Schema Int32 { get; } = Primitive(SchemaType.Int32, false);
    public static Schema Int64 { get; } = Primitive(SchemaType.Int64, false);
    public static Schema Float32 { get; } = Primitive(SchemaType.Float32, false);
    public static Schema Float64 { get; } = Primitive(SchemaType.Float64, false);
    public static Schema Boolean { get; } = Primitive(SchemaType.Boolean, false);
    public static Schema String { get; } = Primitive(SchemaType.String, false);
    public static Schema Bytes { get; } = Primitive(SchemaType.Bytes, false);
    public static Schema OptionalInt8 { get; } = Primitive(SchemaType.Int8, true);
    public static Schema OptionalInt16 { get; } = Primitive(SchemaType.Int16, true);
    public static Schema OptionalInt32 { get; } = Primitive(SchemaType.Int32, true);
    public static Schema OptionalInt64 { get; } = Primitive(SchemaType.Int64, true);
    public static Schema OptionalFloat32 { get; } = Primitive(SchemaType.Float32, true);
    public static Schema OptionalFloat64 { get; } = Primitive(SchemaType.Float64, true);
    public static Schema OptionalBoolean { get; } = Primitive(SchemaType.Boolean, true);
    public static Schema OptionalString { get; } = Primitive(SchemaType.String, true);
    public static Schema OptionalBytes { get; } = Primitive(SchemaType.Bytes, true);

    public SchemaType Type { get; }
    public bool IsOptional { get; }
    public object? DefaultValue { get; }
    public string? Name { get; }
    public int? Version { get; }
    public string? Doc { get; }
    public IReadOnlyDictionary<string, string>? Parameters { get; }

    /// <summary>The key schema of a MAP; throws for other types, as Kafka does.</summary>
    public Schema KeySchema => _keySchema ?? throw new DataException("Cannot look up key schema on non-map type");

    /// <summary>The element schema of an ARRAY or the value schema of a MAP; throws for other types.</summary>
    public Schema ValueSchema =>
        _valueSchema ?? throw new DataException("Cannot look up value schema on non-array and non-map type");

    /// <summary>The fields of a STRUCT in order; throws for other types, as Kafka does.</summary>
    public IReadOnlyList<Field> Fields => _fields ?? throw new DataException("Cannot list fields on non-struct type");

    /// <summary>The parameters, or an empty map when none were set.</summary>
    public IReadOnlyDictionary<string, string> ParametersOrEmpty => Parameters ?? NoParameters;

    /// <summary>The field with this name, or null; throws for non-STRUCT schemas.</summary>
    public Field? Field(string fieldName)
    {
        if (_fieldsByName is null)
        {
            throw new DataException("Cannot look up fields on non-struct type");
        }

        return _fieldsByName.GetValueOrDefault(fieldName);
    }

    /// <summary>The field at this position of a STRUCT schema, or null (out of range, or not a STRUCT).</summary>
    internal Field? FieldAt(int index) =>
        _fields is { } fields && (uint)index < (uint)fields.Length ? fields[index] : null;

    /// <summary>The number of fields of a STRUCT schema (0 for other types).</summary>
    internal int FieldCount => _fields?.Length ?? 0;

    /// <summary>Throws <see cref="DataException"/> if the value does not conform to this schema.</summary>
    public void Validate(object? value) => ValidateValue(null, this, value);

    /// <summary>Kafka's <c>ConnectSchema.validateValue(schema, value)</c>.</summary>
    public static void ValidateValue(Schema schema, object? value) => ValidateValue(null, schema, value);

    /// <summary>Kafka's <c>ConnectSchema.validateValue(field, schema, value)</c>, with Kafka's messages.</summary>
    public static void ValidateValue(string? fieldName, Schema schema, object? value)
    {
        // Kept small (messages and container checks live in helpers): Struct.Put runs this for every value.
        ArgumentNullException.ThrowIfNull(schema);
        if (value is null)
        {
            if (!schema.IsOptional)
            {
                throw NullForRequiredField(fieldName, schema);
            }

            return;
        }

        if (!IsInstanceOf(schema, value))
        {
            throw WrongType(fieldName, schema, value);
        }

        if (!schema.Type.IsPrimitive())
        {
            ValidateContents(schema, value);
        }
    }

    private static DataException NullForRequiredField(string? fieldName, Schema schema) =>
        new($"Invalid value: null used for required field: \"{fieldName ?? "null"}\", schema type: {schema.Type.KafkaName()}");

    private static DataException WrongType(string? fieldName, Schema schema, object value)
    {
        var namePart = schema.Name is null ? "" : $" \"{schema.Name}\"";
        var fieldPart = fieldName is null ? "" : $" for field: \"{fieldName}\"";
        return new DataException(
            $"Invalid Java object for schema{namePart} with type {schema.Type.KafkaName()}: {value.GetType()}{fieldPart}");
    }

    /// <summary>The nested checks of a STRUCT, ARRAY or MAP value (its type was checked already).</summary>
    private static void ValidateContents(Schema schema, object value)
    {
        switch (schema.Type)
        {
            case SchemaType.Struct:
                var s = (Struct)value;
                if (!s.Schema.Equals(schema))
                {
                    throw new DataException("Struct schemas do not match.");
                }

                s.Validate();
                break;
            case SchemaType.Array:
                foreach (var item in (IList)value)
                {
                    ValidateValue(null, schema.ValueSchema, item);
                }

                break;
            case SchemaType.Map:
                foreach (DictionaryEntry entry in (IDictionary)value)
                {
                    ValidateValue(null, schema.KeySchema, entry.Key);
                    ValidateValue(null, schema.ValueSchema, entry.Value);
                }

                break;
        }
    }

    private static bool IsInstanceOf(Schema schema, object value)
    {
        // The logical type is resolved from the name once, when the schema is built.
        switch (schema._logicalKind)
        {
            case LogicalKind.Decimal:
                return value is decimal;
            case LogicalKind.DateTime:
                return value is DateTime;
        }

        return schema.Type switch
        {
            SchemaType.Int8 => value is sbyte,
            SchemaType.Int16 => value is short,
            SchemaType.Int32 => value is int,
            SchemaType.Int64 => value is long,
            SchemaType.Float32 => value is float,
            SchemaType.Float64 => value is double,
            SchemaType.Boolean => value is bool,
            SchemaType.String => value is string,
            SchemaType.Bytes => value is byte[] or ReadOnlyMemory<byte>,
            SchemaType.Array => value is IList,
            SchemaType.Map => value is IDictionary,
            SchemaType.Struct => value is Struct,
            _ => false,
        };
    }

    public bool Equals(Schema? other)
    {
        if (ReferenceEquals(this, other))
        {
            return true;
        }

        return other is not null
            && Type == other.Type
            && IsOptional == other.IsOptional
            && Name == other.Name
            && Version == other.Version
            && Doc == other.Doc
            && ValueEquality.Equal(DefaultValue, other.DefaultValue)
            && ParametersEqual(Parameters, other.Parameters)
            && FieldsEqual(_fields, other._fields)
            && Equals(_keySchema, other._keySchema)
            && Equals(_valueSchema, other._valueSchema);
    }

    public override bool Equals(object? obj) => Equals(obj as Schema);

    public override int GetHashCode() => HashCode.Combine(Type, IsOptional, Name, Version, _fields?.Length ?? -1);

    public override string ToString() => Name is null ? $"Schema{{{Type.KafkaName()}}}" : $"Schema{{{Name}:{Type.KafkaName()}}}";

    /// <summary>Which CLR type a logical schema's values have (Kafka checks the logical class before the type's).</summary>
    private enum LogicalKind : byte
    {
        None,
        Decimal,
        DateTime,
    }

    private static Schema Primitive(SchemaType type, bool optional) =>
        new(type, optional, null, null, null, null, null, null, null, null);

    private static bool ParametersEqual(IReadOnlyDictionary<string, string>? a, IReadOnlyDictionary<string, string>? b)
    {
        if (a is null || b is null)
        {
            return a is null && b is null;
        }

        return a.Count == b.Count && a.All(kv => b.TryGetValue(kv.Key, out var v) && v == kv.Value);
    }

    private static bool FieldsEqual(IReadOnlyList<Field>? a, IReadOnlyList<Field>? b)
    {
        if (a is null || b is null)
        {
            return a is null && b is null;
        }

        if (a.Count != b.Count)
        {
            return false;
        }

        for (var i = 0; i < a.Count; i++)
        {
            if (a[i].Name != b[i].Name || a[i].Index != b[i].Index || !a[i].Schema.Equals(b[i].Schema))
            {
                return false;
            }
        }

        return true;
    }
}
