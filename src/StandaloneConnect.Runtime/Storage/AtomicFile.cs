namespace StandaloneConnect.Runtime.Storage;

/// <summary>
/// Replaces a whole file so that a crash or a failed write leaves either the old or the new content, never a torn
/// file: the content goes to <c>.&lt;name&gt;.tmp</c> in the same directory, is fsynced, renamed over the file, and the
/// directory is fsynced so the rename itself survives a power loss. The parent directory is created when missing.
/// On Unix the new file keeps the permissions of the file it replaces (or gets <c>newFileMode</c> when there was none).
/// </summary>
/// <remarks>
/// Failures surface as <see cref="IOException"/> or <see cref="UnauthorizedAccessException"/> (callers wrap them in
/// their own exception naming the file) or <see cref="OperationCanceledException"/>; in every case the previous file is
/// untouched and the temporary file is removed. Concurrent writes to the same path must be serialized by the caller.
/// </remarks>
internal static class AtomicFile
{
    /// <summary>The temporary file a write of <paramref name="path"/> goes through.</summary>
    public static string TempPathOf(string path) =>
        Path.Combine(Path.GetDirectoryName(Path.GetFullPath(path)) ?? ".", "." + Path.GetFileName(path) + ".tmp");

    public static void Write(string path, ReadOnlySpan<byte> content, UnixFileMode? newFileMode = null)
    {
        var (directory, temp, mode) = Prepare(path, newFileMode);
        try
        {
            using (var stream = new FileStream(temp, FileMode.Create, FileAccess.Write, FileShare.None, 4096, FileOptions.None))
            {
                SetMode(stream, mode);
                stream.Write(content);
                stream.Flush(flushToDisk: true);
            }

            Commit(temp, path, directory);
        }
        catch
        {
            TryDelete(temp);
            throw;
        }
    }

    public static async Task WriteAsync(string path, ReadOnlyMemory<byte> content, CancellationToken cancellationToken,
        UnixFileMode? newFileMode = null)
    {
        var (directory, temp, mode) = Prepare(path, newFileMode);
        try
        {
            await using (var stream = new FileStream(temp, FileMode.Create, FileAccess.Write, FileShare.None, 4096, FileOptions.Asynchronous))
            {
                SetMode(stream, mode);
                await stream.WriteAsync(content, cancellationToken).ConfigureAwait(false);
                stream.Flush(flushToDisk: true);
            }

            Commit(temp, path, directory);
        }
        catch
        {
            TryDelete(temp);
            throw;
        }
    }

    private static (string Directory, string Temp, UnixFileMode? Mode) Prepare(string path, UnixFileMode? newFileMode)
    {
        var full = Path.GetFullPath(path);
        var directory = Path.GetDirectoryName(full) ?? ".";
        Directory.CreateDirectory(directory);
        var mode = OperatingSystem.IsWindows() ? null : File.Exists(full) ? File.GetUnixFileMode(full) : newFileMode;
        return (directory, TempPathOf(full), mode);
    }

    private static void SetMode(FileStream stream, UnixFileMode? mode)
    {
        if (mode is { } m && !OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(stream.SafeFileHandle, m);
        }
    }

    private static void Commit(string temp, string path, string directory)
    {
        try
        {
            File.Move(temp, path, overwrite: true);
        }
        catch (IOException e) when (Directory.Exists(path))
        {
            throw new IOException("The path is a directory.", e);
        }

        FsyncDirectory(directory);
    }

    private static void FsyncDirectory(string directory)
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        try
        {
            using var handle = File.OpenHandle(directory, FileMode.Open, FileAccess.Read, FileShare.ReadWrite, FileOptions.None);
            RandomAccess.FlushToDisk(handle);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Some file systems refuse to open or sync directories; the rename itself is still atomic.
        }
    }

    private static void TryDelete(string file)
    {
        try
        {
            File.Delete(file);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Best effort: the next write replaces a leftover temporary file, and the original error matters more.
        }
    }
}
