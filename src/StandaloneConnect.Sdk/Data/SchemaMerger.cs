namespace StandaloneConnect.Sdk.Data;

/// <summary>Kafka's <c>SchemaMerger</c>: the common schema of the values seen so far, or null when there is none.</summary>
internal sealed class SchemaMerger
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
}
