namespace StandaloneConnect.Runtime.Kafka.Embedded;

/// <summary>One request seen by a <see cref="MockKafkaCluster"/> while request tracking was on.</summary>
/// <param name="BrokerId">The mock broker (1..N) that received the request.</param>
/// <param name="ApiKey">The request's Kafka API key (see <see cref="KafkaApiKey"/>).</param>
public readonly record struct MockRequest(int BrokerId, short ApiKey);
