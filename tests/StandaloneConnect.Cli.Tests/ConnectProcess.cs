using System.Diagnostics;
using System.Runtime.InteropServices;
using System.Text;

namespace StandaloneConnect.Cli.Tests;

/// <summary>Runs the built connect-standalone as a separate process and collects its output.</summary>
internal sealed class ConnectProcess : IDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _stdout = new();
    private readonly StringBuilder _stderr = new();
    private readonly Lock _lock = new();

    private ConnectProcess(Process process)
    {
        _process = process;
    }

    public string Stdout
    {
        get
        {
            lock (_lock)
            {
                return _stdout.ToString();
            }
        }
    }

    public string Stderr
    {
        get
        {
            lock (_lock)
            {
                return _stderr.ToString();
            }
        }
    }

    public bool HasExited => _process.HasExited;

    public int ExitCode => _process.ExitCode;

    /// <summary>The connect-standalone assembly copied next to the tests by the project reference.</summary>
    public static string AssemblyPath => Path.Combine(AppContext.BaseDirectory, "connect-standalone.dll");

    public static ConnectProcess Start(string workingDirectory, params string[] args)
    {
        var info = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add(AssemblyPath);
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        info.Environment["DOTNET_gcServer"] = "0";
        var process = new Process { StartInfo = info, EnableRaisingEvents = true };
        var result = new ConnectProcess(process);
        process.OutputDataReceived += (_, e) => result.Append(result._stdout, e.Data);
        process.ErrorDataReceived += (_, e) => result.Append(result._stderr, e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return result;
    }

    /// <summary>Runs to completion (bounded) and returns the exit code.</summary>
    public static async Task<(int ExitCode, string Stdout, string Stderr)> RunAsync(string workingDirectory, TimeSpan timeout, params string[] args)
    {
        using var process = Start(workingDirectory, args);
        await process.WaitForExitAsync(timeout);
        return (process.ExitCode, process.Stdout, process.Stderr);
    }

    /// <summary>Runs to completion (bounded) with <paramref name="stdin"/> as standard input, then closed.</summary>
    public static async Task<(int ExitCode, string Stdout, string Stderr)> RunWithInputAsync(string workingDirectory, TimeSpan timeout, string stdin,
        params string[] args)
    {
        using var process = Start(workingDirectory, args);
        await process._process.StandardInput.WriteAsync(stdin);
        process._process.StandardInput.Close();
        await process.WaitForExitAsync(timeout);
        return (process.ExitCode, process.Stdout, process.Stderr);
    }

    public async Task WaitForExitAsync(TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        try
        {
            await _process.WaitForExitAsync(cts.Token);
        }
        catch (OperationCanceledException)
        {
            Kill();
            throw new TimeoutException($"connect-standalone did not exit within {timeout}.\nstderr:\n{Stderr}");
        }

        _process.WaitForExit(); // drains the redirected output
    }

    /// <summary>Waits until stderr (the log) or stdout contains <paramref name="text"/>.</summary>
    public Task WaitForOutputAsync(string text, TimeSpan timeout) =>
        Eventually.UntilAsync(() => Stderr.Contains(text, StringComparison.Ordinal) || Stdout.Contains(text, StringComparison.Ordinal), timeout,
            () => $"output did not contain '{text}'.\nstderr:\n{Stderr}\nstdout:\n{Stdout}", () => HasExited);

    /// <summary>
    /// Waits until the process has mapped a file whose name ends with <paramref name="fileName"/> (Linux: from
    /// <c>/proc/PID/maps</c>), e.g. an assembly the runtime loads at a known point of start-up.
    /// </summary>
    public Task WaitForMappedFileAsync(string fileName, TimeSpan timeout) =>
        Eventually.UntilAsync(() => IsMapped(fileName), timeout, () => $"the process never loaded {fileName}; stderr:\n{Stderr}", () => HasExited,
            pollInterval: TimeSpan.FromMilliseconds(1)); // the moment matters here: poll tightly

    private bool IsMapped(string fileName)
    {
        try
        {
            return File.ReadLines($"/proc/{_process.Id}/maps").Any(l => l.EndsWith("/" + fileName, StringComparison.Ordinal));
        }
        catch (IOException)
        {
            return false; // gone, or not readable yet
        }
    }

    /// <summary>Sends SIGTERM (a graceful stop, like Ctrl-C).</summary>
    public void Terminate()
    {
        if (!_process.HasExited)
        {
            _ = SysKill(_process.Id, 15);
        }
    }

    /// <summary>kill -9.</summary>
    public void Kill()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit();
        }
    }

    public void Dispose()
    {
        Kill();
        _process.Dispose();
    }

    private void Append(StringBuilder target, string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_lock)
        {
            target.Append(line).Append('\n');
        }
    }

    [DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static extern int SysKill(int pid, int signal);
}
