namespace StandaloneConnect.Sdk.Data;

/// <summary>
/// Fluent builder for <see cref="Schema"/> (Kafka's <c>SchemaBuilder</c>). Each attribute may be set once;
/// <see cref="Build"/> returns an immutable schema.
/// </summary>
public sealed class SchemaBuilder
{
    private readonly List<Field>? _fields;
    private readonly Schema? _keySchema;
    private readonly Schema? _valueSchema;
    private Dictionary<string, string>? _parameters;
    private bool? _optional;
    private object? _defaultValue;
    private bool _defaultSet;
    private string? _name;
    private int? _version;
    private string? _doc;

    public SchemaBuilder(SchemaType type)
    {
        Type = type;
        if (type == SchemaType.Struct)
        {
            _fields = [];
        }
    }

    private SchemaBuilder(SchemaType type, Schema? keySchema, Schema? valueSchema)
        : this(type)
    {
        _keySchema = keySchema;
        _valueSchema = valueSchema;
    }

    public SchemaType Type { get; }
    public bool IsOptional => _optional ?? false;
    public object? DefaultValue => _defaultValue;
    public string? Name => _name;
    public int? Version => _version;
    public string? Doc => _doc;
    public IReadOnlyDictionary<string, string>? Parameters => _parameters;
    public IReadOnlyList<Field> Fields => _fields ?? throw new DataException("Cannot list fields on non-struct type");

    public static SchemaBuilder Int8() => new(SchemaType.Int8);
    public static SchemaBuilder Int16() => new(SchemaType.Int16);
    public static SchemaBuilder Int32() => new(SchemaType.Int32);
    public static SchemaBuilder Int64() => new(SchemaType.Int64);
    public static SchemaBuilder Float32() => new(SchemaType.Float32);
    public static SchemaBuilder Float64() => new(SchemaType.Float64);
    public static SchemaBuilder Bool() => new(SchemaType.Boolean);
    public static SchemaBuilder String() => new(SchemaType.String);
    public static SchemaBuilder Bytes() => new(SchemaType.Bytes);
    public static SchemaBuilder Struct() => new(SchemaType.Struct);

    public static SchemaBuilder Array(Schema valueSchema)
    {
        ArgumentNullException.ThrowIfNull(valueSchema);
        return new SchemaBuilder(SchemaType.Array, null, valueSchema);
    }

    public static SchemaBuilder Map(Schema keySchema, Schema valueSchema)
    {
        ArgumentNullException.ThrowIfNull(keySchema);
        ArgumentNullException.ThrowIfNull(valueSchema);
        return new SchemaBuilder(SchemaType.Map, keySchema, valueSchema);
    }

    /// <summary>A builder of the given type; ARRAY and MAP need <see cref="Array"/> / <see cref="Map"/>.</summary>
    public static SchemaBuilder OfType(SchemaType type) => type switch
    {
        SchemaType.Array or SchemaType.Map =>
            throw new SchemaBuilderException($"Use SchemaBuilder.Array or SchemaBuilder.Map to build a {type.KafkaName()} schema"),
        _ => new SchemaBuilder(type),
    };

    public SchemaBuilder Optional()
    {
        CheckCanSet("optional", _optional, true);
        _optional = true;
        return this;
    }

    public SchemaBuilder Required()
    {
        CheckCanSet("optional", _optional, false);
        _optional = false;
        return this;
    }

    /// <summary>Sets the default value; it is validated against the schema built so far.</summary>
    public SchemaBuilder Default(object? value)
    {
        if (_defaultSet)
        {
            throw new SchemaBuilderException("Invalid SchemaBuilder call: default has already been set.");
        }

        try
        {
            Schema.ValidateValue(BuildUnchecked(), value);
        }
        catch (DataException e)
        {
            throw new SchemaBuilderException("Invalid default value", e);
        }

        _defaultValue = value;
        _defaultSet = true;
        return this;
    }

    public SchemaBuilder SetName(string? name)
    {
        CheckCanSet("name", _name, name);
        _name = name;
        return this;
    }

    public SchemaBuilder SetVersion(int? version)
    {
        CheckCanSet("version", _version, version);
        _version = version;
        return this;
    }

    public SchemaBuilder SetDoc(string? doc)
    {
        CheckCanSet("doc", _doc, doc);
        _doc = doc;
        return this;
    }

    public SchemaBuilder Parameter(string name, string value)
    {
        (_parameters ??= new Dictionary<string, string>(StringComparer.Ordinal))[name] = value;
        return this;
    }

    public SchemaBuilder SetParameters(IReadOnlyDictionary<string, string>? parameters)
    {
        if (parameters is null)
        {
            return this;
        }

        foreach (var (k, v) in parameters)
        {
            Parameter(k, v);
        }

        return this;
    }

    /// <summary>Adds a field to a STRUCT schema.</summary>
    public SchemaBuilder Field(string name, Schema schema)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(schema);
        if (_fields is null)
        {
            throw new SchemaBuilderException($"Cannot create fields on type {Type.KafkaName()}");
        }

        if (_fields.Exists(f => f.Name == name))
        {
            throw new SchemaBuilderException($"Cannot create field because of field name duplication {name}");
        }

        _fields.Add(new Field(name, _fields.Count, schema));
        return this;
    }

    /// <summary>The field with this name, or null (STRUCT builders only).</summary>
    public Field? GetField(string name) => Fields.FirstOrDefault(f => f.Name == name);

    public Schema Build() => new(Type, IsOptional, _defaultValue, _name, _version, _doc,
        _parameters is null ? null : new Dictionary<string, string>(_parameters, StringComparer.Ordinal),
        _fields?.ToArray(), _keySchema, _valueSchema);

    public static implicit operator Schema(SchemaBuilder builder) => builder.Build();

    private Schema BuildUnchecked() => new(Type, IsOptional, null, _name, _version, _doc, _parameters,
        _fields?.ToArray(), _keySchema, _valueSchema);

    private static void CheckCanSet<T>(string fieldName, T? current, T? value)
    {
        if (current is not null && !Equals(current, value))
        {
            throw new SchemaBuilderException($"Invalid SchemaBuilder call: {fieldName} has already been set.");
        }
    }
}
