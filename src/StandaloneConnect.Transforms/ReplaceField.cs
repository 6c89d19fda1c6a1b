using System.Collections;
using StandaloneConnect.Sdk;
using StandaloneConnect.Sdk.Config;
using StandaloneConnect.Sdk.Data;
using StandaloneConnect.Sdk.Transforms;
using StandaloneConnect.Transforms.Support;
using static StandaloneConnect.Transforms.Support.FieldTransformSupport;

namespace StandaloneConnect.Transforms;

/// <summary>
/// Kafka's <c>ReplaceField</c>: drops (<c>exclude</c>), keeps (<c>include</c>) and renames (<c>renames</c>,
/// <c>old:new</c>) fields of a Struct or Map key or value. <c>exclude</c> wins over <c>include</c>; an empty
/// <c>include</c> keeps everything. Null keys/values pass through. The 4.0 line has no <c>blacklist</c>/<c>whitelist</c>.
/// </summary>
public abstract class ReplaceField : ITransformation, IVersioned
{
    public const string ExcludeConfig = "exclude";
    public const string IncludeConfig = "include";
    public const string RenamesConfig = "renames";

    private const string Purpose = "field replacement";

    private readonly Part _part;
    private readonly SchemaUpdateCache<Plan> _plans;
    private HashSet<string> _exclude = [];
    private HashSet<string> _include = [];
    private Dictionary<string, string> _renames = [];
    private Dictionary<string, string> _reverseRenames = [];
    private bool _replaceNullWithDefault = true;

    private protected ReplaceField(Part part)
    {
        _part = part;
        _plans = new SchemaUpdateCache<Plan>(MakePlan);
    }

    public static ConfigDef ConfigDef { get; } = new ConfigDef()
        .Define(ExcludeConfig, ConfigType.List, "", Importance.Medium,
            "Fields to exclude. This takes precedence over the fields to include.")
        .Define(IncludeConfig, ConfigType.List, "", Importance.Medium,
            "Fields to include. If specified, only these fields will be used.")
        .Define(RenamesConfig, ConfigType.List, "",
            Validators.Lambda((_, value) => ParseRenames((IReadOnlyList<string>?)(value as List<string>) ?? []),
                "list of colon-delimited pairs, e.g. <code>foo:bar,abc:xyz</code>"),
            Importance.Medium, "Field rename mappings.")
        .DefineReplaceNullWithDefault();

    public ConfigDef Config => ConfigDef;

    public string Version => PluginVersion.Of(GetType());

    public void Configure(IReadOnlyDictionary<string, string> configs)
    {
        var config = ConfigDef.Parse(configs);
        _exclude = new HashSet<string>(config.GetList(ExcludeConfig), StringComparer.Ordinal);
        _include = new HashSet<string>(config.GetList(IncludeConfig), StringComparer.Ordinal);
        _renames = ParseRenames(config.GetList(RenamesConfig));
        _reverseRenames = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (from, to) in _renames)
        {
            _reverseRenames[to] = from;
        }

        _replaceNullWithDefault = config.GetBoolean(ReplaceNullWithDefaultConfig);
        _plans.Clear();
    }

    public ConnectRecord? Apply(ConnectRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        var value = _part.OperatingValue(record);
        if (value is null)
        {
            return record;
        }

        return _part.OperatingSchema(record) is null ? ApplySchemaless(record, value) : ApplyWithSchema(record, value);
    }

    public void Dispose() => GC.SuppressFinalize(this);

    /// <summary>Kafka's parsing: each entry splits on <c>:</c> into exactly two parts (trailing empty parts dropped).</summary>
    private static Dictionary<string, string> ParseRenames(IReadOnlyList<string> mappings)
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var mapping in mappings)
        {
            var parts = mapping.Split(':').ToList();
            while (parts.Count > 0 && parts[^1].Length == 0)
            {
                parts.RemoveAt(parts.Count - 1);
            }

            if (parts.Count != 2)
            {
                throw new ConfigException(RenamesConfig, "[" + string.Join(", ", mappings) + "]", "Invalid rename mapping: " + mapping);
            }

            result[parts[0]] = parts[1];
        }

        return result;
    }

    private bool Keep(string fieldName) =>
        !_exclude.Contains(fieldName) && (_include.Count == 0 || _include.Contains(fieldName));

    private string Renamed(string fieldName) => _renames.GetValueOrDefault(fieldName, fieldName);

    private ConnectRecord ApplySchemaless(ConnectRecord record, object value)
    {
        var map = RequireMap(value, Purpose);
        var updated = new Dictionary<object, object?>(map.Count);
        if (map is Dictionary<object, object?> typed)
        {
            // What the converters produce: enumerated without boxing each entry.
            foreach (var (key, fieldValue) in typed)
            {
                Copy(updated, key, fieldValue);
            }
        }
        else if (map is Dictionary<string, object?> strings)
        {
            // What a schemaless source typically builds.
            foreach (var (key, fieldValue) in strings)
            {
                Copy(updated, key, fieldValue);
            }
        }
        else
        {
            foreach (DictionaryEntry entry in map)
            {
                Copy(updated, entry.Key, entry.Value);
            }
        }

        return _part.NewRecord(record, null, updated);
    }

    private void Copy(Dictionary<object, object?> updated, object key, object? fieldValue)
    {
        var name = key as string ?? key.ToString() ?? "";
        if (Keep(name))
        {
            updated[Renamed(name)] = fieldValue;
        }
    }

    private ConnectRecord ApplyWithSchema(ConnectRecord record, object value)
    {
        var source = RequireStruct(value, Purpose);
        var plan = _plans.Get(source.Schema);
        var updated = new Struct(plan.Schema);
        var fields = plan.Schema.Fields;
        for (var i = 0; i < fields.Count; i++)
        {
            updated.Put(fields[i], GetFieldValue(source, plan.Sources[i], _replaceNullWithDefault));
        }

        return _part.NewRecord(record, plan.Schema, updated);
    }

    /// <summary>The updated schema and, for each of its fields, the source field its value comes from.</summary>
    private Plan MakePlan(Schema schema)
    {
        var builder = CopySchemaBasics(schema, SchemaBuilder.Struct());
        foreach (var field in schema.Fields)
        {
            if (Keep(field.Name))
            {
                builder.Field(Renamed(field.Name), field.Schema);
            }
        }

        var updatedSchema = builder.Build();
        var sources = new Field[updatedSchema.Fields.Count];
        foreach (var field in updatedSchema.Fields)
        {
            sources[field.Index] = schema.Field(_reverseRenames.GetValueOrDefault(field.Name, field.Name))
                ?? throw new DataException(field.Name + " is not a valid field name");
        }

        return new Plan(updatedSchema, sources);
    }

    private sealed record Plan(Schema Schema, Field[] Sources);

    /// <summary>Filters/renames fields of the record key (Kafka's <c>ReplaceField$Key</c>).</summary>
    [PluginAlias("org.apache.kafka.connect.transforms.ReplaceField$Key")]
    public sealed class Key() : ReplaceField(Part.Key);

    /// <summary>Filters/renames fields of the record value (Kafka's <c>ReplaceField$Value</c>).</summary>
    [PluginAlias("org.apache.kafka.connect.transforms.ReplaceField$Value")]
    public sealed class Value() : ReplaceField(Part.Value);
}
