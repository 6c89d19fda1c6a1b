using StandaloneConnect.Sdk;
using StandaloneConnect.Sdk.Config;
using StandaloneConnect.Sdk.Data;
using StandaloneConnect.Sdk.Transforms;
using StandaloneConnect.Transforms.Support;
using static StandaloneConnect.Transforms.Support.FieldTransformSupport;

namespace StandaloneConnect.Transforms;

/// <summary>
/// Kafka's <c>SetSchemaMetadata</c>: sets the name and/or version of the key or value schema (STRUCT schemas only,
/// as in Kafka) and re-points a Struct key or value at the renamed schema. Use <see cref="Key"/> or <see cref="Value"/>.
/// </summary>
public abstract class SetSchemaMetadata : ITransformation, IVersioned
{
    public const string SchemaNameConfig = "schema.name";
    public const string SchemaVersionConfig = "schema.version";
    public const string ReplaceNullWithDefaultConfig = FieldTransformSupport.ReplaceNullWithDefaultConfig;
    private const string Purpose = "updating schema metadata";

    private readonly Part _part;
    private readonly SchemaUpdateCache<Schema> _updatedSchemas;
    private string? _schemaName;
    private int? _schemaVersion;
    private bool _replaceNullWithDefault = true;

    private protected SetSchemaMetadata(Part part)
    {
        _part = part;
        _updatedSchemas = new SchemaUpdateCache<Schema>(MakeUpdatedSchema);
    }

    public ConfigDef Config => CreateConfigDef();

    public string Version => PluginVersion.Of(typeof(SetSchemaMetadata));

    public static ConfigDef CreateConfigDef() => new ConfigDef()
        .Define(SchemaNameConfig, ConfigType.String, null, Importance.High, "Schema name to set.")
        .Define(SchemaVersionConfig, ConfigType.Int, null, Importance.High, "Schema version to set.")
        .DefineReplaceNullWithDefault();

    public void Configure(IReadOnlyDictionary<string, string> configs)
    {
        var parsed = CreateConfigDef().Parse(configs);
        _schemaName = parsed.GetString(SchemaNameConfig);
        _schemaVersion = parsed.GetIntOrNull(SchemaVersionConfig);
        _replaceNullWithDefault = parsed.GetBoolean(ReplaceNullWithDefaultConfig);
        if (_schemaName is null && _schemaVersion is null)
        {
            throw new ConfigException("Neither schema name nor version configured");
        }

        _updatedSchemas.Clear();
    }

    public ConnectRecord? Apply(ConnectRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        var schema = _part.OperatingSchema(record) ?? throw new DataException($"Schema required for [{Purpose}]");
        var updatedSchema = _updatedSchemas.Get(schema);
        return _part.NewRecord(record, updatedSchema, UpdateSchemaIn(_part.OperatingValue(record), updatedSchema));
    }

    public void Dispose() => GC.SuppressFinalize(this);

    private Schema MakeUpdatedSchema(Schema schema)
    {
        // Like Kafka, listing the fields throws "Cannot list fields on non-struct type" for other schema types.
        var fields = schema.Fields;
        var builder = SchemaBuilder.Struct()
            .SetName(_schemaName ?? schema.Name)
            .SetVersion(_schemaVersion ?? schema.Version)
            .SetDoc(schema.Doc)
            .SetParameters(schema.Parameters);
        if (schema.IsOptional)
        {
            builder.Optional();
        }

        foreach (var field in fields)
        {
            builder.Field(field.Name, field.Schema);
        }

        if (schema.DefaultValue is not null)
        {
            builder.Default(UpdateSchemaIn(schema.DefaultValue, builder.Build()));
        }

        return builder.Build();
    }

    private object? UpdateSchemaIn(object? keyOrValue, Schema updatedSchema)
    {
        if (keyOrValue is not Struct original)
        {
            return keyOrValue;
        }

        var updated = new Struct(updatedSchema);
        foreach (var field in updatedSchema.Fields)
        {
            updated.Put(field, _replaceNullWithDefault ? original.Get(field.Name) : original.GetWithoutDefault(field.Name));
        }

        return updated;
    }

    /// <summary>Sets the name and/or version of the record key schema.</summary>
    [PluginAlias("org.apache.kafka.connect.transforms.SetSchemaMetadata$Key")]
    public sealed class Key() : SetSchemaMetadata(Part.Key);

    /// <summary>Sets the name and/or version of the record value schema.</summary>
    [PluginAlias("org.apache.kafka.connect.transforms.SetSchemaMetadata$Value")]
    public sealed class Value() : SetSchemaMetadata(Part.Value);
}
