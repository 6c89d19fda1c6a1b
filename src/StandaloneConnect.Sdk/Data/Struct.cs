namespace StandaloneConnect.Sdk.Data;

/// <summary>A record-like value for a STRUCT schema (Kafka's <c>Struct</c>): ordered fields, validated on put.</summary>
public sealed class Struct : IEquatable<Struct>
{
    private readonly object?[] _values;

    public Struct(Schema schema)
    {
        ArgumentNullException.ThrowIfNull(schema);
        if (schema.Type != SchemaType.Struct)
        {
            throw new DataException("Not a struct schema: " + schema);
        }

        Schema = schema;
        _values = new object?[schema.FieldCount];
    }

    public Schema Schema { get; }

    /// <summary>The value of the field, or the field's schema default when the value is null.</summary>
    public object? Get(string fieldName) => Get(LookupField(fieldName));

    public object? Get(Field field)
    {
        var value = _values[CheckField(field).Index];
        return value ?? field.Schema.DefaultValue;
    }

    /// <summary>The stored value, without falling back to the default.</summary>
    public object? GetWithoutDefault(string fieldName) => _values[LookupField(fieldName).Index];

    /// <summary>
    /// The stored value of the field, without falling back to the default. Like <see cref="Get(Field)"/>, a field of
    /// another schema is accepted when this schema has an equal field of the same name.
    /// </summary>
    public object? GetWithoutDefault(Field field)
    {
        ArgumentNullException.ThrowIfNull(field);
        return _values[CheckField(field).Index];
    }

    public sbyte? GetInt8(string fieldName) => (sbyte?)GetChecked(fieldName, SchemaType.Int8);
    public short? GetInt16(string fieldName) => (short?)GetChecked(fieldName, SchemaType.Int16);
    public int? GetInt32(string fieldName) => (int?)GetChecked(fieldName, SchemaType.Int32);
    public long? GetInt64(string fieldName) => (long?)GetChecked(fieldName, SchemaType.Int64);
    public float? GetFloat32(string fieldName) => (float?)GetChecked(fieldName, SchemaType.Float32);
    public double? GetFloat64(string fieldName) => (double?)GetChecked(fieldName, SchemaType.Float64);
    public bool? GetBoolean(string fieldName) => (bool?)GetChecked(fieldName, SchemaType.Boolean);
    public string? GetString(string fieldName) => (string?)GetChecked(fieldName, SchemaType.String);
    public byte[]? GetBytes(string fieldName) => GetChecked(fieldName, SchemaType.Bytes) switch
    {
        ReadOnlyMemory<byte> m => m.ToArray(),
        var v => (byte[]?)v,
    };
    public Struct? GetStruct(string fieldName) => (Struct?)GetChecked(fieldName, SchemaType.Struct);

    /// <summary>Sets a field after validating the value against the field's schema; returns this struct.</summary>
    public Struct Put(string fieldName, object? value) => Put(LookupField(fieldName), value);

    public Struct Put(Field field, object? value)
    {
        ArgumentNullException.ThrowIfNull(field);
        CheckField(field);
        Schema.ValidateValue(field.Name, field.Schema, value);
        _values[field.Index] = value;
        return this;
    }

    /// <summary>Throws <see cref="DataException"/> if a required field is missing or a value is invalid.</summary>
    public void Validate()
    {
        foreach (var field in Schema.Fields)
        {
            var value = _values[field.Index];
            if (value is null && (field.Schema.IsOptional || field.Schema.DefaultValue is not null))
            {
                continue;
            }

            Schema.ValidateValue(field.Name, field.Schema, value);
        }
    }

    public bool Equals(Struct? other)
    {
        if (ReferenceEquals(this, other))
        {
            return true;
        }

        if (other is null || !Schema.Equals(other.Schema))
        {
            return false;
        }

        for (var i = 0; i < _values.Length; i++)
        {
            if (!ValueEquality.Equal(_values[i], other._values[i]))
            {
                return false;
            }
        }

        return true;
    }

    public override bool Equals(object? obj) => Equals(obj as Struct);

    public override int GetHashCode()
    {
        var hash = new HashCode();
        foreach (var v in _values)
        {
            hash.Add(ValueEquality.Hash(v));
        }

        return hash.ToHashCode();
    }

    /// <summary>Kafka's rendering: <c>Struct{id=1,name=x}</c>, null fields left out (see <see cref="JavaStringValue"/>).</summary>
    public override string ToString() => JavaStringValue.Of(this);

    private Field LookupField(string fieldName) =>
        Schema.Field(fieldName) ?? throw new DataException(fieldName + " is not a valid field name");

    /// <summary>This schema's field for <paramref name="field"/>; throws when the schema has no equal field of that name.</summary>
    private Field CheckField(Field field) =>
        // The common case: a field of this very schema (the same object at its index), no name look-up needed.
        Schema.FieldAt(field.Index) is { } atIndex && ReferenceEquals(atIndex, field) ? field : CheckFieldByName(field);

    private Field CheckFieldByName(Field field)
    {
        var own = Schema.Field(field.Name);
        if (own is null || !ReferenceEquals(own, field) && own != field)
        {
            throw new DataException($"Field {field.Name} is not a field of this struct's schema");
        }

        return own;
    }

    private object? GetChecked(string fieldName, SchemaType type)
    {
        var field = LookupField(fieldName);
        if (field.Schema.Type != type)
        {
            throw new DataException(
                $"Field '{fieldName}' is not of type {type.KafkaName()}");
        }

        return Get(field);
    }
}
