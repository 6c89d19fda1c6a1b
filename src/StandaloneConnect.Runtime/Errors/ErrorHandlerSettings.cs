using StandaloneConnect.Runtime.Configuration;
using StandaloneConnect.Sdk.Config;

namespace StandaloneConnect.Runtime.Errors;

/// <summary>The connector's <c>errors.*</c> settings.</summary>
public sealed record ErrorHandlerSettings(bool TolerateAll, TimeSpan RetryTimeout, TimeSpan RetryMaxDelay, bool LogEnabled, bool LogIncludeMessages)
{
    public static ErrorHandlerSettings None { get; } = new(false, TimeSpan.Zero, TimeSpan.FromMinutes(1), false, false);

    public static ErrorHandlerSettings From(ParsedConfig config)
    {
        var retry = config.GetLong(ConnectorConfig.ErrorsRetryTimeout);
        return new ErrorHandlerSettings(
            string.Equals(config.GetString(ConnectorConfig.ErrorsTolerance), "all", StringComparison.OrdinalIgnoreCase),
            retry < 0 ? Timeout.InfiniteTimeSpan : TimeSpan.FromMilliseconds(retry),
            TimeSpan.FromMilliseconds(config.GetLong(ConnectorConfig.ErrorsRetryMaxDelay)),
            config.GetBoolean(ConnectorConfig.ErrorsLogEnable),
            config.GetBoolean(ConnectorConfig.ErrorsLogIncludeMessages));
    }
}
