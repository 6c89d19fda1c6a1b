namespace StandaloneConnect.Testing;

/// <summary>Waits for a condition by polling it until a deadline, so tests never sleep a fixed time.</summary>
public static class Eventually
{
    /// <summary>How often the condition is checked.</summary>
    public static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(20);

    /// <summary>Fails the test (assertion) when <paramref name="condition"/> is not true within <paramref name="timeout"/>.</summary>
    public static Task UntilAsync(Func<bool> condition, TimeSpan timeout, string because) =>
        UntilAsync(condition, timeout, () => "timed out waiting until " + because);

    /// <summary>
    /// Polls <paramref name="condition"/>; throws <see cref="TimeoutException"/> with <paramref name="describe"/>'s text
    /// after <paramref name="timeout"/>, or at once when <paramref name="giveUp"/> says waiting longer is pointless
    /// (e.g. the process under test exited). <paramref name="pollInterval"/> (default <see cref="PollInterval"/>) is how
    /// often the condition is checked; make it short when the moment the condition becomes true matters.
    /// </summary>
    public static async Task UntilAsync(Func<bool> condition, TimeSpan timeout, Func<string> describe, Func<bool>? giveUp = null,
        TimeSpan? pollInterval = null)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (!condition())
        {
            if (giveUp?.Invoke() == true && !condition())
            {
                throw new TimeoutException("gave up waiting: " + describe());
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException(describe());
            }

            await Task.Delay(pollInterval ?? PollInterval).ConfigureAwait(false);
        }
    }
}
