using System.Collections.Concurrent;
using System.Diagnostics;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using StandaloneConnect.Runtime.Kafka;
using SdkTopicPartition = StandaloneConnect.Sdk.TopicPartition;

namespace StandaloneConnect.Runtime.Tests.Kafka;

/// <summary>While Kafka is unreachable the worker logs one line, a reminder per interval and one line when it is back.</summary>
public sealed class KafkaClientHealthTests
{
    [Test]
    public void OnError_ManyFromSeveralClients_OneLineThenAReminderWithTheCountThenBack()
    {
        var time = new FakeTimeProvider();
        var log = new CapturingLogger();
        using var health = new KafkaClientHealth(log, time);

        Report(health, 300, "connector-consumer-sink-0", "connector-producer-src-0");
        log.AtLeast(LogLevel.Warning).Should().ContainSingle().Which.Should().StartWith("Kafka connection problem (connector-consumer-sink-0): Connection refused");

        time.Advance(TimeSpan.FromSeconds(10));
        Report(health, 200, "connector-consumer-sink-0", "connector-producer-src-0");
        time.Advance(TimeSpan.FromSeconds(20));

        log.AtLeast(LogLevel.Warning).Should().HaveCount(2);
        log.AtLeast(LogLevel.Warning)[1].Should().Be("Kafka still unreachable after 30 s: 499 client error(s) in the last 30 s from " +
            "connector-consumer-sink-0, connector-producer-src-0; last: connector-producer-src-0: Connection refused");
        health.IsDegraded.Should().BeTrue();

        time.Advance(TimeSpan.FromSeconds(30));

        log.AtLeast(LogLevel.Information).Should().HaveCount(3);
        log.AtLeast(LogLevel.Information)[2].Should().Be("Kafka connection is back after 60 s (no client reported an error for 30 s); " +
            "500 client error(s) were reported meanwhile");
        log.Entries.Count(e => e.Level == LogLevel.Debug).Should().Be(500, "every error is still there at DEBUG");
        health.IsDegraded.Should().BeFalse();
    }

    [Test]
    public void OnSuccess_WhileDegraded_LogsBackAtOnceAndANewProblemStartsAgain()
    {
        var time = new FakeTimeProvider();
        var log = new CapturingLogger();
        using var health = new KafkaClientHealth(log, time);
        Report(health, 5, "c");
        time.Advance(TimeSpan.FromSeconds(3));

        health.OnSuccess();
        health.OnSuccess();
        Report(health, 1, "c");

        log.AtLeast(LogLevel.Information).Should().Equal(
            "Kafka connection problem (c): Connection refused. The clients keep retrying; further errors are counted and summarized every 30 s until the connection is back (each one is logged at DEBUG)",
            "Kafka connection is back after 3 s (a client reached the cluster again); 5 client error(s) were reported meanwhile",
            "Kafka connection problem (c): Connection refused. The clients keep retrying; further errors are counted and summarized every 30 s until the connection is back (each one is logged at DEBUG)");
    }

    [Test]
    public void OnError_Fatal_IsAlwaysLoggedAtError()
    {
        var log = new CapturingLogger();
        using var health = new KafkaClientHealth(log, new FakeTimeProvider());

        health.OnError("p", "Local_Fatal", "fenced", fatal: true);
        health.OnError("p", "Local_Fatal", "fenced", fatal: true);

        log.Entries.Where(e => e.Level == LogLevel.Error).Should().HaveCount(2);
        health.IsDegraded.Should().BeFalse();
    }

    [Test]
    public void Consumer_BrokerDownForSeconds_LogsOneWarningNotOnePerRetry_AndBackWhenRecordsFlowAgain()
    {
        using var kafka = new EmbeddedKafkaCluster();
        kafka.CreateTopic("flood", 1);
        kafka.ProduceStrings("flood", ["before"]);
        var log = new CapturingLogger();
        using var health = new KafkaClientHealth(log, TimeProvider.System);
        var config = new Dictionary<string, string>(kafka.CreateConsumerConfig("connect-flood")!)
        {
            ["client.id"] = "connector-consumer-flood-0",
            ["reconnect.backoff.ms"] = "10",
            ["reconnect.backoff.max.ms"] = "50",
        };
        using var consumer = new RecordConsumer(config, "test", new NoRebalance(), log, health);
        consumer.Subscribe(["flood"]);
        ConsumeUntil(consumer, r => r.Value is not null, TimeSpan.FromSeconds(30)).Should().BeTrue("the first record arrives");

        kafka.SetBrokerDown(1);
        var down = Stopwatch.StartNew();
        // How often librdkafka retries depends on what the consumer is waiting for; two failures are enough to show the summary.
        while (RawErrors(log) < 2 && down.Elapsed < TimeSpan.FromSeconds(25))
        {
            consumer.Consume(TimeSpan.FromMilliseconds(20));
        }

        RawErrors(log).Should().BeGreaterThanOrEqualTo(2, "librdkafka keeps retrying while the broker is down");
        log.AtLeast(LogLevel.Warning).Should().ContainSingle().Which.Should().StartWith("Kafka connection problem (connector-consumer-flood-0)");

        kafka.SetBrokerUp(1);
        kafka.ProduceStrings("flood", ["after"]);
        ConsumeUntil(consumer, r => r.Value is not null, TimeSpan.FromSeconds(30)).Should().BeTrue("records flow again");

        log.AtLeast(LogLevel.Information).Should().HaveCount(2);
        log.AtLeast(LogLevel.Information)[1].Should().StartWith("Kafka connection is back after ");
        consumer.Close();
    }

    private static int RawErrors(CapturingLogger log) =>
        log.Entries.Count(e => e.Level == LogLevel.Debug && e.Message.StartsWith("Kafka client connector-consumer-flood-0 error", StringComparison.Ordinal));

    private static void Report(KafkaClientHealth health, int count, params string[] clients)
    {
        for (var i = 0; i < count; i++)
        {
            health.OnError(clients[i % clients.Length], "Local_Transport", "Connection refused", fatal: false);
        }
    }

    private static bool ConsumeUntil(RecordConsumer consumer, Func<StandaloneConnect.Runtime.Kafka.ConsumedRecord, bool> wanted, TimeSpan timeout)
    {
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < timeout)
        {
            if (consumer.Consume(TimeSpan.FromMilliseconds(50)) is { } record && wanted(record))
            {
                return true;
            }
        }

        return false;
    }


    /// <summary>Every entry, in order.</summary>
    private sealed class CapturingLogger : ILogger
    {
        private readonly ConcurrentQueue<(LogLevel Level, string Message)> _entries = new();

        public IReadOnlyList<(LogLevel Level, string Message)> Entries => _entries.ToList();

        public IReadOnlyList<string> AtLeast(LogLevel level) => Entries.Where(e => e.Level >= level).Select(e => e.Message).ToList();

        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            _entries.Enqueue((logLevel, formatter(state, exception)));
    }
}
