using System.Collections;
using System.Text;
using StandaloneConnect.Sdk;
using StandaloneConnect.Sdk.Config;
using StandaloneConnect.Sdk.Data;
using StandaloneConnect.Sdk.Transforms;
using static StandaloneConnect.Transforms.Support.FieldTransformSupport;

namespace StandaloneConnect.Transforms;

/// <summary>
/// Kafka's <c>ExtractField</c>: replaces the key or value with one of its fields (Struct: the field's schema and
/// value; Map: the entry, null when absent). Null keys/values pass through. With <c>field.syntax.version=V2</c>
/// the field is a dotted path into nested structs/maps; backticks quote names that contain dots (KIP-821).
/// </summary>
public abstract class ExtractField : ITransformation, IVersioned
{
    public const string FieldConfig = "field";
    public const string FieldSyntaxVersionConfig = "field.syntax.version";

    private const string Purpose = "field extraction";
    private const string NestedPurpose = "nested field access";

    private const string FieldSyntaxVersionDoc =
        "Defines the version of the syntax to access fields. If set to `V1`, then the field paths are limited to access "
        + "the elements at the root level of the struct or map. If set to `V2`, the syntax will support accessing nested "
        + "elements. To access nested elements, dotted notation is used. If dots are already included in the field name, "
        + "then backtick pairs can be used to wrap field names containing dots. E.g. to access the subfield `baz` from a "
        + "field named \"foo.bar\" in a struct/map the following format can be used to access its elements: \"`foo.bar`.baz\".";

    private readonly Part _part;
    private string _originalPath = "";
    private IReadOnlyList<string> _steps = [];
    private bool _replaceNullWithDefault = true;

    private protected ExtractField(Part part) => _part = part;

    public static ConfigDef ConfigDef { get; } = new ConfigDef()
        .Define(FieldConfig, ConfigType.String, ConfigDef.NoDefault, null, Importance.Medium, "Field name to extract.")
        .DefineReplaceNullWithDefault()
        .Define(FieldSyntaxVersionConfig, ConfigType.String, "V1", Validators.InCaseInsensitive("V1", "V2"), Importance.High,
            FieldSyntaxVersionDoc);

    public ConfigDef Config => ConfigDef;

    public string Version => PluginVersion.Of(GetType());

    public void Configure(IReadOnlyDictionary<string, string> configs)
    {
        var config = ConfigDef.Parse(configs);
        _originalPath = config.GetString(FieldConfig) ?? "";
        var v2 = string.Equals(config.GetString(FieldSyntaxVersionConfig), "V2", StringComparison.OrdinalIgnoreCase);
        _steps = v2 ? ParseV2(_originalPath) : [_originalPath];
        _replaceNullWithDefault = config.GetBoolean(ReplaceNullWithDefaultConfig);
    }

    public ConnectRecord? Apply(ConnectRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        var value = _part.OperatingValue(record);
        if (_part.OperatingSchema(record) is not { } schema)
        {
            var map = RequireMapOrNull(value, Purpose);
            return _part.NewRecord(record, null, map is null ? null : ValueFrom(map));
        }

        var structValue = RequireStructOrNull(value, Purpose);
        var field = FieldFrom(schema) ?? throw new ArgumentException("Unknown field: " + _originalPath);
        return _part.NewRecord(record, field.Schema, structValue is null ? null : ValueFrom(structValue));
    }

    public void Dispose() => GC.SuppressFinalize(this);

    private Field? FieldFrom(Schema schema)
    {
        var current = schema;
        Field? field = null;
        foreach (var step in _steps)
        {
            // Like Kafka, a path through a non-struct field throws ("Cannot look up fields on non-struct type").
            field = current.Field(step);
            if (field is null)
            {
                return null;
            }

            current = field.Schema;
        }

        return field;
    }

    private object? ValueFrom(IDictionary map)
    {
        var current = map;
        for (var i = 0; i < _steps.Count - 1; i++)
        {
            if (RequireMapOrNull(current[_steps[i]], NestedPurpose) is not { } next)
            {
                return null;
            }

            current = next;
        }

        return _steps.Count == 0 ? null : current[_steps[^1]];
    }

    private object? ValueFrom(Struct value)
    {
        var current = value;
        for (var i = 0; i < _steps.Count - 1; i++)
        {
            var field = current.Schema.Field(_steps[i]);
            if (field is null || RequireStructOrNull(GetFieldValue(current, field, _replaceNullWithDefault), NestedPurpose) is not { } next)
            {
                return null;
            }

            current = next;
        }

        var last = _steps.Count == 0 ? null : current.Schema.Field(_steps[^1]);
        return last is null ? null : GetFieldValue(current, last, _replaceNullWithDefault);
    }

    /// <summary>
    /// KIP-821 V2 paths: steps separated by dots; a step wrapped in backticks may contain dots, and a backtick
    /// inside it that is followed by a dot is escaped with a backslash. A trailing dot adds an empty step.
    /// </summary>
    private static List<string> ParseV2(string path)
    {
        var steps = new List<string>();
        var idx = 0;
        while (idx < path.Length)
        {
            if (path[idx] != '`')
            {
                var dot = path.IndexOf('.', idx);
                steps.Add(dot < 0 ? path[idx..] : path[idx..dot]);
                idx = dot < 0 ? path.Length : dot + 1;
                continue;
            }

            idx = ParseQuotedStep(path, idx, steps);
        }

        if (path.Length > 0 && path[^1] == '.')
        {
            steps.Add("");
        }

        return steps;
    }

    /// <summary>Parses a backtick-quoted step starting at <paramref name="backtickAt"/>; returns the next index.</summary>
    private static int ParseQuotedStep(string path, int backtickAt, List<string> steps)
    {
        var name = new StringBuilder();
        var start = backtickAt + 1;
        var idx = start;
        while (true)
        {
            idx = path.IndexOf('`', idx);
            if (idx < 0)
            {
                throw IncompleteBacktickPair(path, backtickAt);
            }

            if (idx >= path.Length - 1)
            {
                if (path[idx - 1] == '\\')
                {
                    throw IncompleteBacktickPair(path, backtickAt);
                }

                steps.Add(name.Append(path, start, idx - start).ToString());
                return idx + 1;
            }

            if (path[idx + 1] != '.')
            {
                idx++;
                continue;
            }

            if (path[idx - 1] == '\\')
            {
                name.Append(path, start, idx - 1 - start).Append('`');
                idx++;
                start = idx;
                continue;
            }

            steps.Add(name.Append(path, start, idx - start).ToString());
            return idx + 2;
        }
    }

    private static ConfigException IncompleteBacktickPair(string path, int backtickAt) =>
        new($"Incomplete backtick pair in path: [{path}], consider adding a backslash before backtick at position {backtickAt} to escape it");

    /// <summary>Extracts a field of the record key (Kafka's <c>ExtractField$Key</c>).</summary>
    [PluginAlias("org.apache.kafka.connect.transforms.ExtractField$Key")]
    public sealed class Key() : ExtractField(Part.Key);

    /// <summary>Extracts a field of the record value (Kafka's <c>ExtractField$Value</c>).</summary>
    [PluginAlias("org.apache.kafka.connect.transforms.ExtractField$Value")]
    public sealed class Value() : ExtractField(Part.Value);
}
