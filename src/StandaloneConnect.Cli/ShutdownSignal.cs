using System.Runtime.InteropServices;

namespace StandaloneConnect.Cli;

/// <summary>
/// Turns SIGINT and SIGTERM into a cancellation (a graceful stop) instead of killing the process. Signals that arrive
/// while the stop is under way are ignored, as the JVM does during shutdown hooks: supervisors often deliver the same
/// SIGTERM twice (to the process and through a wrapper such as <c>timeout</c>), and that must not cut the stop short.
/// After <see cref="ExitOnSignal"/> (commands that do not stop through <see cref="Token"/>) a signal terminates the process.
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
        if (!_graceful)
        {
            return; // context.Cancel stays false: the runtime terminates the process
        }

        context.Cancel = true;
        _cts.Cancel(); // a no-op for a repeated signal
    }
}
