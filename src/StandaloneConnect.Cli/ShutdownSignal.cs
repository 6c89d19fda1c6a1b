using System.Runtime.InteropServices;

namespace StandaloneConnect.Cli;

/// <summary>
/// Turns SIGINT and SIGTERM into a cancellation (a graceful stop) instead of killing the process. A second signal
/// while the stop is under way ends the process at once (exit code 130/143), as does every signal after
/// <see cref="ExitOnSignal"/> (commands that do not stop through <see cref="Token"/>).
/// </summary>
internal sealed class ShutdownSignal : IDisposable
{
    private readonly CancellationTokenSource _cts = new();
    private readonly PosixSignalRegistration[] _registrations;
    private volatile bool _graceful = true;

    public ShutdownSignal()
    {
        _registrations =
        [
            PosixSignalRegistration.Create(PosixSignal.SIGINT, Handle),
            PosixSignalRegistration.Create(PosixSignal.SIGTERM, Handle),
        ];
    }

    public CancellationToken Token => _cts.Token;

    /// <summary>From now on a signal terminates the process the default way; true if one already arrived (the caller should exit).</summary>
    public bool ExitOnSignal()
    {
        _graceful = false;
        return _cts.IsCancellationRequested;
    }

    public void Dispose()
    {
        foreach (var registration in _registrations)
        {
            registration.Dispose();
        }

        _cts.Dispose();
    }

    private void Handle(PosixSignalContext context)
    {
        if (!_graceful || _cts.IsCancellationRequested)
        {
            return; // context.Cancel stays false: the runtime terminates the process
        }

        context.Cancel = true;
        _cts.Cancel();
    }
}
