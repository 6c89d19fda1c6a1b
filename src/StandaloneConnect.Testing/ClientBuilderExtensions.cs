using Confluent.Kafka;

namespace StandaloneConnect.Testing;

/// <summary>Keeps librdkafka's log and error output (e.g. "Connection refused" while a broker is down) off stderr.</summary>
internal static class ClientBuilderExtensions
{
    internal static ProducerBuilder<TKey, TValue> Quiet<TKey, TValue>(this ProducerBuilder<TKey, TValue> builder) =>
        builder.SetLogHandler(static (_, _) => { }).SetErrorHandler(static (_, _) => { });

    internal static ConsumerBuilder<TKey, TValue> Quiet<TKey, TValue>(this ConsumerBuilder<TKey, TValue> builder) =>
        builder.SetLogHandler(static (_, _) => { }).SetErrorHandler(static (_, _) => { });
}
