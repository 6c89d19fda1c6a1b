using Microsoft.Data.Sqlite;
using StandaloneConnect.Runtime.Storage;

namespace StandaloneConnect.Runtime.Tests.Storage;

/// <summary>
/// A SQLite offsets store only opens files that are its own: everything else stops start-up and stays byte-identical
/// (nothing is created next to it either); a new store never exists half-made.
/// </summary>
public sealed class SqliteOffsetStoreInspectionTests
{
    private TemporaryDirectory _dir = null!;
    private string _path = null!;

    [SetUp]
    public void SetUp()
    {
        _dir = new TemporaryDirectory("sc-sqlite-inspect");
        _path = _dir.PathOf("offsets.db");
    }

    [TearDown]
    public void TearDown() => _dir.Dispose();

    [Test]
    public void Load_ZeroLengthFile_IsRefusedNotTreatedAsNew()
    {
        File.WriteAllBytes(_path, []);

        ShouldBeRefused("is empty (0 bytes), not a SQLite database");
        new FileInfo(_path).Length.Should().Be(0);
    }

    [Test]
    public void Load_PathIsADirectory_IsRefused()
    {
        _path = _dir.CreateDirectory("offsets.db");

        ShouldBeRefused("is a directory");
    }

    [Test]
    public void Load_AnotherApplicationsDatabase_IsRefusedByteForByteUntouched()
    {
        Create(_path, "CREATE TABLE users (id INTEGER PRIMARY KEY, email TEXT); INSERT INTO users (email) VALUES ('a@example.com');");
        var before = File.ReadAllBytes(_path);

        ShouldBeRefused("is a SQLite database of another application (tables users, application_id 0), not a StandaloneConnect offsets store");
        File.ReadAllBytes(_path).Should().Equal(before);
        Directory.GetFileSystemEntries(_dir.Path).Should().Equal(_path);
    }

    [Test]
    public void Load_DatabaseWithOurTableAndOthers_IsRefused()
    {
        Create(_path, "CREATE TABLE connect_offsets (connector TEXT, partition TEXT, offset TEXT); CREATE TABLE orders (id INTEGER);");
        var before = File.ReadAllBytes(_path);

        ShouldBeRefused("is a SQLite database of another application (tables connect_offsets, orders*");
        File.ReadAllBytes(_path).Should().Equal(before);
    }

    [Test]
    public void Load_EmptyDatabaseOfAnotherTool_IsRefused()
    {
        Create(_path, "PRAGMA user_version=0; VACUUM;");
        var before = File.ReadAllBytes(_path);

        ShouldBeRefused("*(no tables, application_id 0)*");
        File.ReadAllBytes(_path).Should().Equal(before);
    }

    [Test]
    public void Load_StoreOfANewerVersion_IsRefused()
    {
        using (Open())
        {
        }

        Create(_path, "PRAGMA user_version=2;");
        var before = File.ReadAllBytes(_path);

        ShouldBeRefused("has version 2, this release reads version 1*");
        File.ReadAllBytes(_path).Should().Equal(before);
    }

    [Test]
    public async Task Load_StoreOfAnEarlierReleaseWithoutMarker_IsReadAndMarked()
    {
        Create(_path, "CREATE TABLE connect_offsets (connector TEXT NOT NULL, partition TEXT NOT NULL, offset TEXT NOT NULL, " +
            "PRIMARY KEY (connector, partition)); INSERT INTO connect_offsets VALUES ('a', '{\"filename\":\"in.txt\"}', '{\"position\":5}');");

        using (var store = Open())
        {
            store.Get("a", new Dictionary<string, object?> { ["filename"] = "in.txt" }).Should().Equal(new Dictionary<string, object?> { ["position"] = 5L });
            await store.SetAsync("a", [new SourceOffsetEntry(new Dictionary<string, object?> { ["filename"] = "in.txt" },
                new Dictionary<string, object?> { ["position"] = 6L })], CancellationToken.None);
        }

        Pragma("application_id").Should().Be(SqliteOffsetStore.ApplicationId);
        Pragma("user_version").Should().Be(SqliteOffsetStore.CurrentVersion);
    }

    [Test]
    [Platform(Exclude = "Win", Reason = "Unix file permissions do not exist on Windows")]
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    public void Load_MissingFile_CreatesAMarkedOwnerOnlyStoreWithoutLeftovers()
    {
        using (Open())
        {
        }

        Pragma("application_id").Should().Be(SqliteOffsetStore.ApplicationId);
        Pragma("user_version").Should().Be(SqliteOffsetStore.CurrentVersion);
        File.GetUnixFileMode(_path).Should().Be(UnixFileMode.UserRead | UnixFileMode.UserWrite);
        Directory.GetFileSystemEntries(_dir.Path).Should().NotContain(e => e.EndsWith(".tmp", StringComparison.Ordinal));
    }

    [Test]
    public void Load_LeftoverTemporaryFileOfACrashedCreation_IsReplaced()
    {
        File.WriteAllText(AtomicFile.TempPathOf(_path), "half-made");

        using (Open())
        {
        }

        Pragma("application_id").Should().Be(SqliteOffsetStore.ApplicationId);
        File.Exists(AtomicFile.TempPathOf(_path)).Should().BeFalse();
    }

    private void ShouldBeRefused(string messageTail)
    {
        using var store = new SqliteOffsetStore(_path);

        var act = store.Load;

        act.Should().Throw<OffsetStoreException>().WithMessage($"The SQLite offsets store '{_path}' {messageTail}*");
    }

    private SqliteOffsetStore Open()
    {
        var store = new SqliteOffsetStore(_path);
        store.Load();
        return store;
    }

    private static void Create(string file, string sql)
    {
        using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = file, Pooling = false }.ToString());
        connection.Open();
        using var cmd = connection.CreateCommand();
        cmd.CommandText = sql;
        cmd.ExecuteNonQuery();
    }

    private long Pragma(string name)
    {
        using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = _path, Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString());
        connection.Open();
        using var cmd = connection.CreateCommand();
        cmd.CommandText = "PRAGMA " + name;
        return (long)cmd.ExecuteScalar()!;
    }
}
