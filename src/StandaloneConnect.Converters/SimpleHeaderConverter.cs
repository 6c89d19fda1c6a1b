using System.Text;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using StandaloneConnect.Sdk;
using StandaloneConnect.Sdk.Config;
using StandaloneConnect.Sdk.Data;
using StandaloneConnect.Sdk.Storage;

namespace StandaloneConnect.Converters;

/// <summary>
/// Kafka's <c>SimpleHeaderConverter</c> (the default header converter): writes
/// <see cref="Values.ConvertToString"/> as UTF-8 and infers the type back with <see cref="Values.ParseString"/>;
/// a value that cannot be parsed is returned as BYTES.
/// </summary>
[PluginAlias("org.apache.kafka.connect.storage.SimpleHeaderConverter")]
public sealed partial class SimpleHeaderConverter : IHeaderConverter, IVersioned
{
    private readonly ILogger _logger;

    public SimpleHeaderConverter()
        : this(NullLogger<SimpleHeaderConverter>.Instance)
    {
    }

    public SimpleHeaderConverter(ILogger<SimpleHeaderConverter> logger)
    {
        ArgumentNullException.ThrowIfNull(logger);
        _logger = logger;
    }

    public ConfigDef Config => new();

    public string Version => PluginVersion.Of(typeof(SimpleHeaderConverter));

    public void Configure(IReadOnlyDictionary<string, string> configs)
    {
    }

    public SchemaAndValue ToConnectHeader(string topic, string headerKey, byte[]? value)
    {
        if (value is null)
        {
            return SchemaAndValue.Null;
        }

        var text = Encoding.UTF8.GetString(value);
        if (text.Length == 0)
        {
            return new SchemaAndValue(Schema.String, text);
        }

        try
        {
            return Values.ParseString(text);
        }
        catch (Exception e) when (e is not (OutOfMemoryException or StackOverflowException))
        {
            // Kafka catches every Throwable here: whatever the parser trips over, the header stays readable as bytes.
            LogUnparsableHeader(_logger, headerKey, topic, e);
            return new SchemaAndValue(Schema.Bytes, value);
        }
    }

    public byte[]? FromConnectHeader(string topic, string headerKey, Schema? schema, object? value) =>
        value is null ? null : Encoding.UTF8.GetBytes(Values.ConvertToString(schema, value) ?? "");

    [LoggerMessage(Level = LogLevel.Warning,
        Message = "Failed to deserialize value for header '{HeaderKey}' on topic '{Topic}', so using byte array")]
    private static partial void LogUnparsableHeader(ILogger logger, string headerKey, string topic, Exception exception);
}
