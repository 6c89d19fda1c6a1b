using Microsoft.Data.Sqlite;

namespace StandaloneConnect.Runtime.Storage;

/// <summary>
/// Offsets in a SQLite database (WAL journal, synchronous=FULL): each <see cref="SetAsync"/> is one transaction.
/// Table <c>connect_offsets(connector, partition, offset)</c> holds canonical JSON text; the database is marked as ours
/// with <c>PRAGMA application_id</c> and its format version in <c>PRAGMA user_version</c>.
/// </summary>
/// <remarks>
/// An existing file is first inspected read-only and refused, byte for byte untouched, unless it is one of our stores:
/// a directory, an empty file, a file that is not SQLite, another application's database, or a newer version stop
/// start-up. A new store is built under a temporary name and renamed into place, so a crash never leaves an empty file.
/// Stores of releases before the marker (only the <c>connect_offsets</c> table, no application id) are accepted and marked.
/// </remarks>
public sealed class SqliteOffsetStore(string path) : OffsetStoreBase(path)
{
    /// <summary><c>PRAGMA application_id</c> of our stores: "SCof".</summary>
    internal const int ApplicationId = 0x53436F66;
    internal const int CurrentVersion = 1;

    private const string CreateTable = "CREATE TABLE connect_offsets (connector TEXT NOT NULL, partition TEXT NOT NULL, " +
        "offset TEXT NOT NULL, PRIMARY KEY (connector, partition))";

    private SqliteConnection? _connection;

    public override void Load()
    {
        SqliteConnection? connection = null;
        if (Directory.Exists(Location))
        {
            throw Refused("is a directory");
        }

        try
        {
            var unmarked = AtomicFile.Exists(Location) ? Inspect() : CreateNew();
            connection = Open(Location, SqliteOpenMode.ReadWrite);
            Execute(connection, "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL;");
            if (unmarked)
            {
                Execute(connection, $"PRAGMA application_id={ApplicationId}; PRAGMA user_version={CurrentVersion};");
            }

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
        catch (Exception e) when (e is SqliteException or FormatException or System.Text.Json.JsonException or IOException or UnauthorizedAccessException)
        {
            connection?.Dispose(); // release the file so the user can repair or move it away
            throw Unreadable(e.Message, e);
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

    /// <summary>
    /// Checks, without writing anything, that the existing file is one of our stores; true when it predates the marker.
    /// </summary>
    private bool Inspect()
    {
        var length = new FileInfo(Location).Length;
        if (length == 0)
        {
            throw Refused("is empty (0 bytes), not a SQLite database");
        }

        Span<byte> header = stackalloc byte[16];
        using (var file = new FileStream(Location, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete))
        {
            if (file.ReadAtLeast(header, header.Length, throwOnEndOfStream: false) < header.Length || !header.SequenceEqual("SQLite format 3\0"u8))
            {
                throw Refused("is not a SQLite database");
            }
        }

        using var connection = Open(Location, SqliteOpenMode.ReadOnly);
        var applicationId = Convert.ToInt32(Scalar(connection, "PRAGMA application_id"), System.Globalization.CultureInfo.InvariantCulture);
        var version = Convert.ToInt32(Scalar(connection, "PRAGMA user_version"), System.Globalization.CultureInfo.InvariantCulture);
        var tables = new List<string>();
        using (var cmd = connection.CreateCommand())
        {
            cmd.CommandText = "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\' ORDER BY name";
            using var reader = cmd.ExecuteReader();
            while (reader.Read())
            {
                tables.Add(reader.GetString(0));
            }
        }

        if (applicationId == ApplicationId)
        {
            if (version != CurrentVersion)
            {
                throw Refused($"has version {version}, this release reads version {CurrentVersion} (was it written by a newer StandaloneConnect?)");
            }

            if (!tables.Contains("connect_offsets"))
            {
                throw Refused("has no connect_offsets table");
            }

            return false;
        }

        if (applicationId == 0 && version == 0 && tables is ["connect_offsets"])
        {
            return true; // written by an earlier release, before stores were marked
        }

        var described = tables.Count == 0 ? "no tables" : "tables " + string.Join(", ", tables);
        throw Refused($"is a SQLite database of another application ({described}, application_id {applicationId}), not a StandaloneConnect offsets store");
    }

    /// <summary>Builds an empty store under a temporary name and renames it into place; false (it is marked).</summary>
    private bool CreateNew()
    {
        var target = AtomicFile.ResolveTarget(Location); // a dangling link gets its target created
        Directory.CreateDirectory(Path.GetDirectoryName(target) ?? ".");
        var temp = AtomicFile.TempPathOf(target);
        try
        {
            using (AtomicFile.CreateTemp(temp, FileOptions.None))
            {
                // An empty owner-only file: SQLite keeps its permissions.
            }

            using (var connection = Open(temp, SqliteOpenMode.ReadWrite))
            {
                Execute(connection, "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL;");
                Execute(connection, $"{CreateTable}; PRAGMA application_id={ApplicationId}; PRAGMA user_version={CurrentVersion};");
            }

            File.Move(temp, target, overwrite: false);
            AtomicFile.FsyncDirectory(Path.GetDirectoryName(target) ?? ".");
            return false;
        }
        catch
        {
            foreach (var leftover in new[] { temp, temp + "-wal", temp + "-shm" })
            {
                AtomicFile.TryDelete(leftover);
            }

            throw;
        }
    }

    private static SqliteConnection Open(string file, SqliteOpenMode mode)
    {
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = file, Mode = mode, Pooling = false }.ToString());
        try
        {
            connection.Open();
            return connection;
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }

    private OffsetStoreException Refused(string problem) => new(
        $"The SQLite offsets store '{Location}' {problem}. It was left untouched: point offset.storage.file.filename at another " +
        "file (a new store is created when it is missing), or move this one away.");

    private OffsetStoreException Unreadable(string problem, Exception inner) => new(
        $"The SQLite offsets store '{Location}' cannot be read ({problem}). It was left untouched: repair it, " +
        "or move it away to start every source connector from scratch.", inner);

    private static object? Scalar(SqliteConnection connection, string sql)
    {
        using var cmd = connection.CreateCommand();
        cmd.CommandText = sql;
        return cmd.ExecuteScalar();
    }

    private static void Execute(SqliteConnection connection, string sql)
    {
        using var cmd = connection.CreateCommand();
        cmd.CommandText = sql;
        cmd.ExecuteNonQuery();
    }
}
