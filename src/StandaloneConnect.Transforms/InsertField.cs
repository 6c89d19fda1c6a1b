using StandaloneConnect.Sdk;
using StandaloneConnect.Sdk.Config;
using StandaloneConnect.Sdk.Data;
using StandaloneConnect.Sdk.Transforms;
using StandaloneConnect.Transforms.Support;
using static StandaloneConnect.Transforms.Support.FieldTransformSupport;

namespace StandaloneConnect.Transforms;

/// <summary>
/// Kafka's <c>InsertField</c>: adds the topic, partition, offset (sink records only), timestamp and/or a static
/// string as fields of a Struct (schema'd) or Map (schemaless) key or value. A field name ending in <c>!</c> is
/// required in the new schema, one ending in <c>?</c> (or without suffix) optional. Null keys/values pass through.
/// </summary>
public abstract class InsertField : ITransformation, IVersioned
{
    public const string TopicFieldConfig = "topic.field";
    public const string PartitionFieldConfig = "partition.field";
    public const string OffsetFieldConfig = "offset.field";
    public const string TimestampFieldConfig = "timestamp.field";
    public const string StaticFieldConfig = "static.field";
    public const string StaticValueConfig = "static.value";

    private const string Purpose = "field insertion";
    private const string OptionalityDoc = "Suffix with <code>!</code> to make this a required field, or <code>?</code> to keep it optional (the default).";

    private static readonly Schema OptionalTimestampSchema = ConnectTimestamp.Builder().Optional().Build();

    private readonly Part _part;
    private readonly SchemaUpdateCache<Plan> _plans;
    private Spec? _topic;
    private Spec? _partition;
    private Spec? _offset;
    private Spec? _timestamp;
    private Spec? _static;
    private string? _staticValue;
    private bool _replaceNullWithDefault = true;
    private int _insertedCount;

    private protected InsertField(Part part)
    {
        _part = part;
        _plans = new SchemaUpdateCache<Plan>(MakePlan);
    }

    public static ConfigDef ConfigDef { get; } = new ConfigDef()
        .Define(TopicFieldConfig, ConfigType.String, null, Importance.Medium, "Field name for Kafka topic. " + OptionalityDoc)
        .Define(PartitionFieldConfig, ConfigType.String, null, Importance.Medium, "Field name for Kafka partition. " + OptionalityDoc)
        .Define(OffsetFieldConfig, ConfigType.String, null, Importance.Medium,
            "Field name for Kafka offset - only applicable to sink connectors.<br/>" + OptionalityDoc)
        .Define(TimestampFieldConfig, ConfigType.String, null, Importance.Medium, "Field name for record timestamp. " + OptionalityDoc)
        .Define(StaticFieldConfig, ConfigType.String, null, Importance.Medium, "Field name for static data field. " + OptionalityDoc)
        .Define(StaticValueConfig, ConfigType.String, null, Importance.Medium, "Static field value, if field name configured.")
        .DefineReplaceNullWithDefault();

    public ConfigDef Config => ConfigDef;

    public string Version => PluginVersion.Of(GetType());

    public void Configure(IReadOnlyDictionary<string, string> configs)
    {
        var config = ConfigDef.Parse(configs);
        _topic = Spec.Parse(config.GetString(TopicFieldConfig));
        _partition = Spec.Parse(config.GetString(PartitionFieldConfig));
        _offset = Spec.Parse(config.GetString(OffsetFieldConfig));
        _timestamp = Spec.Parse(config.GetString(TimestampFieldConfig));
        _static = Spec.Parse(config.GetString(StaticFieldConfig));
        _staticValue = config.GetString(StaticValueConfig);
        _replaceNullWithDefault = config.GetBoolean(ReplaceNullWithDefaultConfig);
        _insertedCount = new[] { _topic, _partition, _offset, _timestamp, _static }.Count(spec => spec is not null);
        _plans.Clear();
        if (_topic is null && _partition is null && _offset is null && _timestamp is null && _static is null)
        {
            throw new ConfigException("No field insertion configured");
        }

        if (_static is not null && _staticValue is null)
        {
            throw new ConfigException(StaticValueConfig, null, "No value specified for static field: " + _static.Name);
        }
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

    private ConnectRecord ApplySchemaless(ConnectRecord record, object value)
    {
        var updated = CopyMap(RequireMap(value, Purpose), _insertedCount);
        if (_topic is not null)
        {
            updated[_topic.Name] = record.Topic;
        }

        if (_partition is not null && record.KafkaPartition is { } partition)
        {
            updated[_partition.Name] = partition;
        }

        if (_offset is not null)
        {
            updated[_offset.Name] = RequireSinkRecord(record, Purpose).KafkaOffset;
        }

        if (_timestamp is not null && record.Timestamp is { } timestamp)
        {
            updated[_timestamp.Name] = timestamp;
        }

        if (_static is not null && _staticValue is not null)
        {
            updated[_static.Name] = _staticValue;
        }

        return _part.NewRecord(record, null, updated);
    }

    private ConnectRecord ApplyWithSchema(ConnectRecord record, object value)
    {
        var source = RequireStruct(value, Purpose);
        var plan = _plans.Get(source.Schema);
        var updatedSchema = plan.Schema;
        var updated = new Struct(updatedSchema);

        // The updated schema starts with the source fields, in the same order.
        var sourceFields = source.Schema.Fields;
        var updatedFields = updatedSchema.Fields;
        for (var i = 0; i < sourceFields.Count; i++)
        {
            updated.Put(updatedFields[i], GetFieldValue(source, sourceFields[i], _replaceNullWithDefault));
        }

        if (plan.Topic is not null)
        {
            updated.Put(plan.Topic, record.Topic);
        }

        if (plan.Partition is not null && record.KafkaPartition is { } partition)
        {
            updated.Put(plan.Partition, partition);
        }

        if (plan.Offset is not null)
        {
            updated.Put(plan.Offset, RequireSinkRecord(record, Purpose).KafkaOffset);
        }

        if (plan.Timestamp is not null && record.Timestamp is { } timestamp)
        {
            updated.Put(plan.Timestamp, ConnectTimestamp.ToLogical(timestamp));
        }

        if (plan.Static is not null && _staticValue is not null)
        {
            updated.Put(plan.Static, _staticValue);
        }

        return _part.NewRecord(record, updatedSchema, updated);
    }

    /// <summary>The updated schema and its inserted fields (null when not configured), resolved once per schema.</summary>
    private Plan MakePlan(Schema schema)
    {
        var updated = MakeUpdatedSchema(schema);
        return new Plan(updated, InsertedField(updated, _topic), InsertedField(updated, _partition),
            InsertedField(updated, _offset), InsertedField(updated, _timestamp), InsertedField(updated, _static));
    }

    private static Field? InsertedField(Schema updated, Spec? spec) =>
        spec is null ? null : updated.Field(spec.Name) ?? throw new DataException(spec.Name + " is not a valid field name");

    private Schema MakeUpdatedSchema(Schema schema)
    {
        var builder = CopySchemaBasics(schema, SchemaBuilder.Struct());
        foreach (var field in schema.Fields)
        {
            builder.Field(field.Name, field.Schema);
        }

        AddField(builder, _topic, Schema.OptionalString, Schema.String);
        AddField(builder, _partition, Schema.OptionalInt32, Schema.Int32);
        AddField(builder, _offset, Schema.OptionalInt64, Schema.Int64);
        AddField(builder, _timestamp, OptionalTimestampSchema, ConnectTimestamp.Schema);
        AddField(builder, _static, Schema.OptionalString, Schema.String);
        return builder.Build();
    }

    private static void AddField(SchemaBuilder builder, Spec? spec, Schema optional, Schema required)
    {
        if (spec is not null)
        {
            builder.Field(spec.Name, spec.Optional ? optional : required);
        }
    }

    private sealed record Plan(Schema Schema, Field? Topic, Field? Partition, Field? Offset, Field? Timestamp, Field? Static);

    /// <summary>A configured field name with its optionality suffix removed.</summary>
    private sealed record Spec(string Name, bool Optional)
    {
        public static Spec? Parse(string? spec)
        {
            if (spec is null)
            {
                return null;
            }

            if (spec.EndsWith('?'))
            {
                return new Spec(spec[..^1], true);
            }

            return spec.EndsWith('!') ? new Spec(spec[..^1], false) : new Spec(spec, true);
        }
    }

    /// <summary>Inserts the fields into the record key (Kafka's <c>InsertField$Key</c>).</summary>
    [PluginAlias("org.apache.kafka.connect.transforms.InsertField$Key")]
    public sealed class Key() : InsertField(Part.Key);

    /// <summary>Inserts the fields into the record value (Kafka's <c>InsertField$Value</c>).</summary>
    [PluginAlias("org.apache.kafka.connect.transforms.InsertField$Value")]
    public sealed class Value() : InsertField(Part.Value);
}
