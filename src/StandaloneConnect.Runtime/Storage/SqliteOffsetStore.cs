using Microsoft.Data.Sqlite;

namespace StandaloneConnect.Runtime.Storage;

/// <summary>
/// Offsets in a SQLite database (WAL journal, synchronous=FULL): each <see cref="SetAsync"/> is one transaction.
/// Table <c>connect_offsets(connector, partition, offset)</c> holds canonical JSON text.
/// </summary>
public sealed class SqliteOffsetStore(string path) : OffsetStoreBase(path)
{
    private SqliteConnection? _connection;

    public override void Load()
    {
        SqliteConnection? connection = null;
        try
        {
            Directory.CreateDirectory(Path.GetDirectoryName(Location) ?? ".");
            connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = Location, Pooling = false }.ToString());
            connection.Open();
            Execute(connection, "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL;");
            Execute(connection, "CREATE TABLE IF NOT EXISTS connect_offsets (connector TEXT NOT NULL, partition TEXT NOT NULL, " +
                "offset TEXT NOT NULL, PRIMARY KEY (connector, partition))");
            var table = new OffsetTable();
            using (var cmd = connection.CreateCommand())
            {
                cmd.CommandText = "SELECT connector, partition, offset FROM connect_offsets";
                using var reader = cmd.ExecuteReader();
                while (reader.Read())
                {
                    table.Apply(reader.GetString(0), new SourceOffsetEntry(OffsetJson.Parse(reader.GetString(1)), OffsetJson.Parse(reader.GetString(2))));
                }
            }

            Replace(table);
            _connection = connection;
        }
        catch (Exception e) when (e is SqliteException or FormatException or System.Text.Json.JsonException or IOException)
        {
            connection?.Dispose(); // release the file so the user can repair or move it away
            throw new OffsetStoreException(
                $"The SQLite offsets store '{Location}' cannot be read ({e.Message}). It was left untouched: repair it, " +
                "or move it away to start every source connector from scratch.", e);
        }
    }

    private protected override async Task PersistAsync(string connector, IReadOnlyCollection<SourceOffsetEntry> changes, OffsetTable next,
        CancellationToken cancellationToken)
    {
        var connection = _connection ?? throw new InvalidOperationException("The offset store was not loaded");
        try
        {
            await using var tx = (SqliteTransaction)await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
            foreach (var entry in changes)
            {
                await using var cmd = connection.CreateCommand();
                cmd.Transaction = tx;
                cmd.Parameters.AddWithValue("$c", connector);
                cmd.Parameters.AddWithValue("$p", OffsetJson.Write(entry.Partition));
                if (entry.Offset is null)
                {
                    cmd.CommandText = "DELETE FROM connect_offsets WHERE connector = $c AND partition = $p";
                }
                else
                {
                    cmd.CommandText = "INSERT INTO connect_offsets (connector, partition, offset) VALUES ($c, $p, $o) " +
                        "ON CONFLICT (connector, partition) DO UPDATE SET offset = excluded.offset";
                    cmd.Parameters.AddWithValue("$o", OffsetJson.Write(entry.Offset));
                }

                await cmd.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }

            await tx.CommitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (SqliteException e)
        {
            throw new OffsetStoreException($"Cannot write the SQLite offsets store '{Location}': {e.Message}", e);
        }
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _connection?.Dispose();
        }

        base.Dispose(disposing);
    }

    private static void Execute(SqliteConnection connection, string sql)
    {
        using var cmd = connection.CreateCommand();
        cmd.CommandText = sql;
        cmd.ExecuteNonQuery();
    }
}
