namespace StandaloneConnect.Runtime.Workers;

/// <summary>
/// Awaits a task method synchronously. Only for the sink task loop: it owns a dedicated thread, and Kafka's rebalance
/// callbacks must complete inside <c>Consume()</c>, so task methods are called synchronously there, exactly as
/// Kafka's <c>WorkerSinkTask</c> calls them.
/// </summary>
internal static class SyncOverAsync
{
#pragma warning disable VSTHRD002 // see the type's summary
    public static void Run(ValueTask pending)
    {
        if (!pending.IsCompletedSuccessfully)
        {
            pending.AsTask().GetAwaiter().GetResult();
        }
    }

    public static T Run<T>(ValueTask<T> pending) =>
        pending.IsCompletedSuccessfully ? pending.Result : pending.AsTask().GetAwaiter().GetResult();
#pragma warning restore VSTHRD002
}
