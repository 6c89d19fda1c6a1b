using System.Text;
using StandaloneConnect.Sdk;
using StandaloneConnect.Sdk.Data;

namespace StandaloneConnect.Benchmarks;

/// <summary>The inputs every benchmark shares: a 100-byte line, a 5-field order Struct and its schemaless Map twin.</summary>
public static class BenchData
{
    public const string Topic = "orders-raw";

    /// <summary>How many records one chain invocation processes; one of them carries the header the Filter drops on.</summary>
    public const int BatchSize = 10;

    public const string DropHeader = "bench.drop";

    /// <summary>Exactly 100 bytes of ASCII, nothing that JSON has to escape (a typical log line).</summary>
    public static readonly string Line = MakeLine();

    public static readonly Schema OrderSchema = SchemaBuilder.Struct().SetName("bench.Order")
        .Field("id", Schema.Int64)
        .Field("name", Schema.String)
        .Field("email", Schema.OptionalString)
        .Field("active", Schema.Boolean)
        .Field("ts", ConnectTimestamp.Schema)
        .Build();

    public static readonly DateTime Timestamp = new(2026, 11, 25, 14, 57, 49, 123, DateTimeKind.Utc);

    public static Struct Order(long id) => new Struct(OrderSchema)
        .Put("id", id)
        .Put("name", "Alice Example")
        .Put("email", "alice@example.com")
        .Put("active", true)
        .Put("ts", Timestamp);

    /// <summary>The schemaless form of <see cref="Order"/>, as a schemaless source would produce it.</summary>
    public static Dictionary<string, object?> OrderMap(long id) => new()
    {
        ["id"] = id,
        ["name"] = "Alice Example",
        ["email"] = "alice@example.com",
        ["active"] = true,
        ["ts"] = ConnectTimestamp.FromLogical(Timestamp),
    };

    /// <summary><see cref="BatchSize"/> records; the last one carries <see cref="DropHeader"/> (so Filter keeps 90%).</summary>
    public static SourceRecord[] Batch(bool schemaless)
    {
        var records = new SourceRecord[BatchSize];
        for (var i = 0; i < BatchSize; i++)
        {
            var id = 1000L + i;
            var headers = i == BatchSize - 1 ? new[] { new Header(DropHeader, Schema.OptionalString, "yes") } : null;
            records[i] = schemaless
                ? new SourceRecord(null, null, Topic, null, null, null, null, OrderMap(id), null, headers)
                : new SourceRecord(null, null, Topic, null, null, null, OrderSchema, Order(id), null, headers);
        }

        return records;
    }

    private static string MakeLine()
    {
        var line = new StringBuilder("2026-11-25T14:57:49.123Z INFO [worker-1] order 0000042 accepted user=alice action=checkout");
        while (line.Length < 100)
        {
            line.Append('.');
        }

        var text = line.ToString(0, 100);
        return Encoding.UTF8.GetByteCount(text) == 100 ? text : throw new InvalidOperationException("line must be 100 bytes");
    }
}
