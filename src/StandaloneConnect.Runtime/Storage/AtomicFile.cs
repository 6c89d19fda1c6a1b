namespace StandaloneConnect.Runtime.Storage;

/// <summary>
/// Replaces a whole file so that a crash or a failed write leaves either the old or the new content, never a torn
/// file: the content goes to <c>.&lt;name&gt;.tmp</c> in the same directory, is fsynced, renamed over the file, and the
/// directory is fsynced so the rename itself survives a power loss. The parent directory is created when missing.
/// A path that is a symbolic link stays one: the file it points to is replaced (the temporary file is made next to it).
/// On Unix the temporary file is created readable by its owner only (no other user can open it while the content is
/// written, whatever the umask), then given the permissions of the file it replaces, or <c>newFileMode</c> (default
/// owner read/write) when there was none. A leftover temporary file (or a link planted in its place) is removed, never
/// written through.
/// </summary>
/// <remarks>
/// Failures surface as <see cref="IOException"/> or <see cref="UnauthorizedAccessException"/> (callers wrap them in
/// their own exception naming the file) or <see cref="OperationCanceledException"/>; in every case the previous file is
/// untouched and the temporary file is removed. Concurrent writes to the same path must be serialized by the caller.
/// </remarks>
internal static class AtomicFile
{
    /// <summary>Owner read and write: how temporary files are created, and the default mode of a new file.</summary>
    public const UnixFileMode OwnerOnly = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    /// <summary>The temporary file a write of <paramref name="path"/> goes through (for a link: next to its target).</summary>
    public static string TempPathOf(string path)
    {
        var target = ResolveTarget(path);
        return Path.Combine(Path.GetDirectoryName(target) ?? ".", "." + Path.GetFileName(target) + ".tmp");
    }

    /// <summary>The file a write of <paramref name="path"/> replaces: its full path, or the final target of a symbolic link.</summary>
    public static string ResolveTarget(string path)
    {
        var full = Path.GetFullPath(path);
        var info = new FileInfo(full);
        return info.LinkTarget is null ? full : File.ResolveLinkTarget(full, returnFinalTarget: true)?.FullName ?? full;
    }

    /// <summary>True when <paramref name="path"/> is a file, or a symbolic link to an existing file (a dangling link is not).</summary>
    public static bool Exists(string path) => File.Exists(ResolveTarget(path));

    public static void Write(string path, ReadOnlySpan<byte> content, UnixFileMode newFileMode = OwnerOnly)
    {
        var (target, directory, temp, mode) = Prepare(path, newFileMode);
        try
        {
            using (var stream = CreateTemp(temp, FileOptions.None))
            {
                stream.Write(content);
                stream.Flush(flushToDisk: true);
                SetMode(stream, mode);
            }

            Commit(temp, target, directory);
        }
        catch
        {
            TryDelete(temp);
            throw;
        }
    }

    public static async Task WriteAsync(string path, ReadOnlyMemory<byte> content, CancellationToken cancellationToken,
        UnixFileMode newFileMode = OwnerOnly)
    {
        var (target, directory, temp, mode) = Prepare(path, newFileMode);
        try
        {
            await using (var stream = CreateTemp(temp, FileOptions.Asynchronous))
            {
                await stream.WriteAsync(content, cancellationToken).ConfigureAwait(false);
                stream.Flush(flushToDisk: true);
                SetMode(stream, mode);
            }

            Commit(temp, target, directory);
        }
        catch
        {
            TryDelete(temp);
            throw;
        }
    }

    /// <summary>
    /// Creates the temporary file, which must not exist (a leftover is deleted first, so a file or link someone else
    /// put there is never opened), owner-only from the start on Unix.
    /// </summary>
    internal static FileStream CreateTemp(string temp, FileOptions options)
    {
        TryDelete(temp);
        var streamOptions = new FileStreamOptions
        {
            Mode = FileMode.CreateNew,
            Access = FileAccess.Write,
            Share = FileShare.None,
            Options = options,
        };
        if (!OperatingSystem.IsWindows())
        {
            streamOptions.UnixCreateMode = OwnerOnly;
        }

        return new FileStream(temp, streamOptions);
    }

    private static (string Target, string Directory, string Temp, UnixFileMode? Mode) Prepare(string path, UnixFileMode newFileMode)
    {
        var target = ResolveTarget(path);
        if (Directory.Exists(target))
        {
            throw new IOException("The path is a directory.");
        }

        var directory = Path.GetDirectoryName(target) ?? ".";
        Directory.CreateDirectory(directory);
        var mode = OperatingSystem.IsWindows() ? (UnixFileMode?)null : File.Exists(target) ? File.GetUnixFileMode(target) : newFileMode;
        return (target, directory, Path.Combine(directory, "." + Path.GetFileName(target) + ".tmp"), mode);
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

    internal static void FsyncDirectory(string directory)
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

    /// <summary>Deletes <paramref name="file"/> if it can; a failure is ignored (the caller's own error matters more).</summary>
    internal static void TryDelete(string file)
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
