namespace StandaloneConnect.Rest;

/// <summary>
/// An error answered with a specific HTTP status and Kafka's error body <c>{"error_code":status,"message":...}</c>
/// (Kafka's <c>ConnectRestException</c>): e.g. 403 for disabled topic tracking, 404 for an invalid log level.
/// </summary>
public sealed class RestException(int status, string message, Exception? inner = null) : Exception(message, inner)
{
    public int Status { get; } = status;
}
