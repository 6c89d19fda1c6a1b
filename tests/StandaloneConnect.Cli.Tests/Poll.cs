namespace StandaloneConnect.Cli.Tests;

/// <summary>Polls a condition until a deadline (tests never sleep a fixed time).</summary>
internal static class Poll
{
    public static async Task UntilAsync(Func<bool> condition, TimeSpan timeout, Func<string> describe, Func<bool>? giveUp = null)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (!condition())
        {
            if (giveUp?.Invoke() == true && !condition())
            {
                throw new AssertionException("gave up waiting: " + describe());
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException(describe());
            }

            await Task.Delay(20);
        }
    }
}
