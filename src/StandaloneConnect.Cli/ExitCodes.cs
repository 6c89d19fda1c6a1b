namespace StandaloneConnect.Cli;

/// <summary>The exit codes of Kafka's <c>connect-standalone</c> (reference §1.5).</summary>
internal static class ExitCodes
{
    public const int Ok = 0;
    public const int Usage = 1;
    public const int StartupError = 2;
    public const int ConnectorError = 3;

    /// <summary>A command that does not stop gracefully was interrupted by a signal before it started (128 + SIGINT).</summary>
    public const int Interrupted = 130;
}
