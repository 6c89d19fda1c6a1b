using System.Text;

namespace StandaloneConnect.Testing;

/// <summary>A fresh directory under the system temp path for one test, deleted (with its content) on dispose.</summary>
public sealed class TemporaryDirectory : IDisposable
{
    public TemporaryDirectory(string prefix = "sc-test")
    {
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), prefix + "-" + Guid.NewGuid().ToString("N")[..12]);
        Directory.CreateDirectory(Path);
    }

    public string Path { get; }

    /// <summary>The full path of <paramref name="relativePath"/> inside the directory (nothing is created).</summary>
    public string PathOf(string relativePath) => System.IO.Path.Combine(Path, relativePath);

    /// <summary>Writes a UTF-8 file (no byte-order mark), creating folders as needed; returns its full path.</summary>
    public string WriteFile(string relativePath, string content) => WriteBytes(relativePath, new UTF8Encoding(false).GetBytes(content));

    public string WriteBytes(string relativePath, byte[] content)
    {
        var full = PathOf(relativePath);
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(full) ?? Path);
        File.WriteAllBytes(full, content);
        return full;
    }

    public string CreateDirectory(string relativePath) => Directory.CreateDirectory(PathOf(relativePath)).FullName;

    /// <summary>The non-empty lines of a file, or none when it does not exist yet.</summary>
    public string[] ReadLines(string relativePath) =>
        File.Exists(PathOf(relativePath)) ? File.ReadAllText(PathOf(relativePath)).Split('\n', StringSplitOptions.RemoveEmptyEntries) : [];

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (DirectoryNotFoundException)
        {
        }
        catch (IOException)
        {
            // a process under test may still hold a file; the OS temp cleaner gets it later
        }
    }
}
