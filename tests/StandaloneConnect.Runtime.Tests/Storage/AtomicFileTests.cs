using System.Text;
using StandaloneConnect.Runtime.Storage;

namespace StandaloneConnect.Runtime.Tests.Storage;

public sealed class AtomicFileTests
{
    private TemporaryDirectory _dir = null!;
    private string _path = null!;

    [SetUp]
    public void SetUp()
    {
        _dir = new TemporaryDirectory("sc-atomic-file");
        _path = _dir.PathOf("data.json");
    }

    [TearDown]
    public void TearDown() => _dir.Dispose();

    [Test]
    public void Write_NewFile_CreatesItWithTheContentAndNoTemporaryFile()
    {
        AtomicFile.Write(_path, Bytes("first"));

        File.ReadAllBytes(_path).Should().Equal(Bytes("first"));
        Directory.GetFileSystemEntries(_dir.Path).Should().Equal(_path);
    }

    [Test]
    public void Write_ExistingFile_ReplacesTheWholeContent()
    {
        AtomicFile.Write(_path, Bytes("a much longer first content"));

        AtomicFile.Write(_path, Bytes("short"));

        File.ReadAllBytes(_path).Should().Equal(Bytes("short"));
        Directory.GetFileSystemEntries(_dir.Path).Should().Equal(_path);
    }

    [Test]
    public async Task WriteAsync_ExistingFile_ReplacesTheContentAndLeavesNoTemporaryFile()
    {
        await AtomicFile.WriteAsync(_path, Bytes("first"), CancellationToken.None);

        await AtomicFile.WriteAsync(_path, Bytes("second"), CancellationToken.None);

        (await File.ReadAllBytesAsync(_path)).Should().Equal(Bytes("second"));
        Directory.GetFileSystemEntries(_dir.Path).Should().Equal(_path);
    }

    [Test]
    public void Write_DirectoryDoesNotExist_CreatesIt()
    {
        var nested = _dir.PathOf(Path.Combine("sub", "dir", "data.json"));

        AtomicFile.Write(nested, Bytes("x"));

        File.ReadAllBytes(nested).Should().Equal(Bytes("x"));
    }

    [Test]
    public void TempPathOf_AnyFile_IsAHiddenSiblingInTheSameDirectory()
    {
        AtomicFile.TempPathOf(_path).Should().Be(_dir.PathOf(".data.json.tmp"));
    }

    [Test]
    public void Write_StaleTemporaryFileFromACrash_IsOverwrittenAndRemoved()
    {
        File.WriteAllBytes(_path, Bytes("old"));
        File.WriteAllBytes(AtomicFile.TempPathOf(_path), Bytes("half-written garbage from before a crash"));

        AtomicFile.Write(_path, Bytes("new"));

        File.ReadAllBytes(_path).Should().Equal(Bytes("new"));
        Directory.GetFileSystemEntries(_dir.Path).Should().Equal(_path);
    }

    [Test]
    public void Write_TemporaryFileCannotBeCreated_ThrowsAndKeepsThePreviousFile()
    {
        File.WriteAllBytes(_path, Bytes("previous"));
        Directory.CreateDirectory(AtomicFile.TempPathOf(_path)); // works as root too, unlike a read-only directory

        var act = () => AtomicFile.Write(_path, Bytes("next"));

        act.Should().Throw<Exception>().Which.Should().Match<Exception>(e => e is IOException || e is UnauthorizedAccessException);
        File.ReadAllBytes(_path).Should().Equal(Bytes("previous"));
    }

    [Test]
    public void Write_PathIsADirectory_ThrowsIOExceptionAndLeavesNoTemporaryFile()
    {
        var target = _dir.CreateDirectory("data.json");

        var act = () => AtomicFile.Write(target, Bytes("x"));

        act.Should().Throw<IOException>().WithMessage("*directory*");
        Directory.Exists(target).Should().BeTrue();
        Directory.GetFileSystemEntries(_dir.Path).Should().Equal(target);
    }

    [Test]
    public async Task WriteAsync_PathIsADirectory_ThrowsIOExceptionAndLeavesNoTemporaryFile()
    {
        var target = _dir.CreateDirectory("data.json");

        var act = () => AtomicFile.WriteAsync(target, Bytes("x"), CancellationToken.None);

        await act.Should().ThrowAsync<IOException>().WithMessage("*directory*");
        Directory.GetFileSystemEntries(_dir.Path).Should().Equal(target);
    }

    [Test]
    public async Task WriteAsync_CancelledToken_ThrowsAndKeepsThePreviousFileWithoutTemporaryFile()
    {
        await File.WriteAllBytesAsync(_path, Bytes("previous"));

        var act = () => AtomicFile.WriteAsync(_path, Bytes("next"), new CancellationToken(canceled: true));

        await act.Should().ThrowAsync<OperationCanceledException>();
        (await File.ReadAllBytesAsync(_path)).Should().Equal(Bytes("previous"));
        Directory.GetFileSystemEntries(_dir.Path).Should().Equal(_path);
    }

    [Test]
    [Platform(Exclude = "Win", Reason = "Unix file permissions do not exist on Windows")]
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    public void Write_NewFileWithMode_GetsThatMode()
    {
        AtomicFile.Write(_path, Bytes("secret"), UnixFileMode.UserRead | UnixFileMode.UserWrite);

        File.GetUnixFileMode(_path).Should().Be(UnixFileMode.UserRead | UnixFileMode.UserWrite);
    }

    [Test]
    [Platform(Exclude = "Win", Reason = "Unix file permissions do not exist on Windows")]
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    public void Write_ExistingFile_KeepsItsPermissions()
    {
        const UnixFileMode mode = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead;
        File.WriteAllBytes(_path, Bytes("old"));
        File.SetUnixFileMode(_path, mode);

        AtomicFile.Write(_path, Bytes("new"), UnixFileMode.UserRead);

        File.GetUnixFileMode(_path).Should().Be(mode);
    }

    [Test]
    [Platform(Exclude = "Win", Reason = "Unix file permissions do not exist on Windows")]
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    public void CreateTemp_WithTheUsualUmask_IsOwnerOnlyBeforeAnyByteIsWritten()
    {
        var temp = AtomicFile.TempPathOf(_path);

        using (AtomicFile.CreateTemp(temp, FileOptions.None))
        {
            File.GetUnixFileMode(temp).Should().Be(UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }
    }

    [Test]
    [Platform(Exclude = "Win", Reason = "Unix file permissions do not exist on Windows")]
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    public void Write_NoNewFileMode_CreatesAnOwnerOnlyFile()
    {
        AtomicFile.Write(_path, Bytes("offsets"));

        File.GetUnixFileMode(_path).Should().Be(UnixFileMode.UserRead | UnixFileMode.UserWrite);
    }

    [Test]
    public void Write_LeftoverTemporaryFileOpenedByAnotherReader_ReaderNeverSeesTheNewContent()
    {
        // Someone opened the (world-readable) temporary file of an earlier write and keeps it open.
        var temp = AtomicFile.TempPathOf(_path);
        File.WriteAllBytes(temp, Bytes("stale"));
        using var spy = new FileStream(temp, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);

        AtomicFile.Write(_path, Bytes("connection.password=hunter2"));

        File.ReadAllBytes(_path).Should().Equal(Bytes("connection.password=hunter2"));
        using var reader = new StreamReader(spy);
        reader.ReadToEnd().Should().Be("stale");
    }

    [Test]
    [Platform(Exclude = "Win", Reason = "symbolic links need privileges on Windows")]
    public void Write_LinkPlantedAsTemporaryFile_IsRemovedNotWrittenThrough()
    {
        var stolen = _dir.WriteFile("stolen.txt", "");
        File.CreateSymbolicLink(AtomicFile.TempPathOf(_path), stolen);

        AtomicFile.Write(_path, Bytes("secret"));

        File.ReadAllText(stolen).Should().BeEmpty();
        File.ReadAllBytes(_path).Should().Equal(Bytes("secret"));
        new FileInfo(_path).LinkTarget.Should().BeNull();
    }

    [Test]
    [Platform(Exclude = "Win", Reason = "symbolic links need privileges on Windows")]
    public void Write_PathIsASymbolicLink_StaysALinkAndReplacesItsTarget()
    {
        var realDirectory = _dir.CreateDirectory("real");
        var real = Path.Combine(realDirectory, "offsets.json");
        File.WriteAllBytes(real, Bytes("old"));
        File.CreateSymbolicLink(_path, Path.Combine("real", "offsets.json"));

        AtomicFile.Write(_path, Bytes("new"));

        new FileInfo(_path).LinkTarget.Should().Be(Path.Combine("real", "offsets.json"));
        File.ReadAllBytes(real).Should().Equal(Bytes("new"));
        Directory.GetFileSystemEntries(realDirectory).Should().Equal(real);
        AtomicFile.TempPathOf(_path).Should().Be(Path.Combine(realDirectory, ".offsets.json.tmp"));
    }

    [Test]
    [Platform(Exclude = "Win", Reason = "symbolic links need privileges on Windows")]
    public void Write_DanglingSymbolicLink_CreatesItsTarget()
    {
        var real = Path.Combine(_dir.Path, "later.json");
        File.CreateSymbolicLink(_path, real);

        AtomicFile.Write(_path, Bytes("first"));

        File.ReadAllBytes(real).Should().Equal(Bytes("first"));
        new FileInfo(_path).LinkTarget.Should().Be(real);
    }

    private static byte[] Bytes(string text) => Encoding.UTF8.GetBytes(text);
}
