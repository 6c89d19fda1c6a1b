using System.Globalization;
using Microsoft.Extensions.Logging;
using StandaloneConnect.Runtime.Kafka.Embedded;

namespace StandaloneConnect.Cli;

/// <summary>
/// <c>connect-standalone embedded-kafka [--brokers N] [--topic NAME[:PARTITIONS]]...</c>: runs only the in-process
/// Kafka-protocol broker until Ctrl-C and prints <c>bootstrap.servers=HOST:PORT[,...]</c> on stdout.
/// </summary>
internal static partial class EmbeddedKafkaCommand
{
    public static async Task<int> RunAsync(int brokers, IReadOnlyList<string> topics, CancellationToken cancellationToken)
    {
        using var loggerFactory = Logging.Create(out _);
        var logger = loggerFactory.CreateLogger("EmbeddedKafka");
        var specs = new List<(string Name, int Partitions)>();
        foreach (var topic in topics)
        {
            var colon = topic.LastIndexOf(':');
            var name = colon < 0 ? topic : topic[..colon];
            var partitions = 1;
            if (name.Length == 0 || colon >= 0 && (!int.TryParse(topic[(colon + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out partitions) || partitions < 1))
            {
                await Console.Error.WriteLineAsync($"Invalid --topic '{topic}': expected NAME or NAME:PARTITIONS with PARTITIONS >= 1").ConfigureAwait(false);
                return ExitCodes.Usage;
            }

            specs.Add((name, partitions));
        }

        using var cluster = new MockKafkaCluster(brokers, loggerFactory.CreateLogger<MockKafkaCluster>());
        cluster.SetGroupInitialRebalanceDelay(Runtime.Kafka.KafkaConnection.EmbeddedRebalanceDelayMs);
        foreach (var (name, partitions) in specs)
        {
            cluster.CreateTopic(name, partitions, Math.Min(brokers, 3));
            LogTopic(logger, name, partitions);
        }

        await Console.Out.WriteLineAsync($"bootstrap.servers={cluster.BootstrapServers}").ConfigureAwait(false);
        await Console.Out.FlushAsync(CancellationToken.None).ConfigureAwait(false);
        LogRunning(logger, cluster.BootstrapServers);
        try
        {
            await Task.Delay(Timeout.Infinite, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
        }

        return ExitCodes.Ok;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Created topic {Name} with {Partitions} partition(s)")]
    private static partial void LogTopic(ILogger logger, string name, int partitions);

    [LoggerMessage(Level = LogLevel.Information, Message = "Embedded Kafka broker running at {Bootstrap}; data is kept in memory only (at most 5 MiB per partition). Press Ctrl-C to stop.")]
    private static partial void LogRunning(ILogger logger, string bootstrap);
}
