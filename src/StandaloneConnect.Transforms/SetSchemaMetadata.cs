using StandaloneConnect.Sdk;
using StandaloneConnect.Sdk.Config;
using StandaloneConnect.Sdk.Data;
using StandaloneConnect.Sdk.Transforms;

namespace StandaloneConnect.Transforms;

/// <summary>
/// Kafka's <c>SetSchemaMetadata</c>: sets the name and/or version of the key or value schema (STRUCT schemas only,
/// as in Kafka) and re-points a Struct key or value at the renamed schema. Use <see cref="Key"/> or <see cref="Value"/>.
/// </summary>
public abstract class SetSchemaMetadata : ITransformation, IVersioned
{
    public const string SchemaNameConfig = "schema.name";
    public const string SchemaVersionConfig = "schema.version";
    public const string ReplaceNullWithDefaultConfig = "replace.null.with.default";
    private const string Purpose = "updating schema metadata";

    private string? _schemaName;
    private int? _schemaVersion;
    private bool _replaceNullWithDefault = true;

    private protected SetSchemaMetadata()
    {
    }

    public ConfigDef Config => CreateConfigDef();

    public string Version => PluginVersion.Of(typeof(SetSchemaMetadata));

    public static ConfigDef CreateConfigDef() => new ConfigDef()
        .Define(SchemaNameConfig, ConfigType.String, null, Importance.High, "Schema name to set.")
        .Define(SchemaVersionConfig, ConfigType.Int, null, Importance.High, "Schema version to set.")
        .Define(ReplaceNullWithDefaultConfig, ConfigType.Boolean, true, null, Importance.Medium,
            "Whether to replace fields that have a default value and that are null to the default value. " +
            "When set to true, the default value is used, otherwise null is used.");

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
    }

    public ConnectRecord? Apply(ConnectRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        var schema = OperatingSchema(record) ?? throw new DataException($"Schema required for [{Purpose}]");

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

        var updatedSchema = builder.Build();
        return NewRecord(record, updatedSchema, UpdateSchemaIn(OperatingValue(record), updatedSchema));
    }

    public void Dispose() => GC.SuppressFinalize(this);

    private protected abstract Schema? OperatingSchema(ConnectRecord record);

    private protected abstract object? OperatingValue(ConnectRecord record);

    private protected abstract ConnectRecord NewRecord(ConnectRecord record, Schema updatedSchema, object? updatedValue);

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
    public sealed class Key : SetSchemaMetadata
    {
        private protected override Schema? OperatingSchema(ConnectRecord record) => record.KeySchema;

        private protected override object? OperatingValue(ConnectRecord record) => record.Key;

        private protected override ConnectRecord NewRecord(ConnectRecord record, Schema updatedSchema, object? updatedValue) =>
            record.NewRecord(record.Topic, record.KafkaPartition, updatedSchema, updatedValue, record.ValueSchema,
                record.Value, record.Timestamp);
    }

    /// <summary>Sets the name and/or version of the record value schema.</summary>
    [PluginAlias("org.apache.kafka.connect.transforms.SetSchemaMetadata$Value")]
    public sealed class Value : SetSchemaMetadata
    {
        private protected override Schema? OperatingSchema(ConnectRecord record) => record.ValueSchema;

        private protected override object? OperatingValue(ConnectRecord record) => record.Value;

        private protected override ConnectRecord NewRecord(ConnectRecord record, Schema updatedSchema, object? updatedValue) =>
            record.NewRecord(record.Topic, record.KafkaPartition, record.KeySchema, record.Key, updatedSchema,
                updatedValue, record.Timestamp);
    }
}
