using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using StandaloneConnect.Runtime.Plugins;
using StandaloneConnect.Runtime.Transforms;
using StandaloneConnect.Runtime.Workers;
using StandaloneConnect.Sdk;
using StandaloneConnect.Sdk.Config;

namespace StandaloneConnect.Cli.PipelineTest;

/// <summary>A record failed in one stage; <see cref="Stage"/> names it (<c>transforms.route</c>, <c>value.converter</c>, ...).</summary>
internal sealed class PipelineStageException(string stage, string message) : Exception(message)
{
    public string Stage { get; } = stage;
}

/// <summary>
/// The steps a worker task runs on a record, in Kafka's order, without Kafka. A source connector's records go through
/// the transformation chain and then the key, value and header converters (which must accept them); a sink
/// connector's records are first written to bytes and read back by the converters (what a sink task receives from
/// Kafka), then transformed. With an explain writer every stage's result is printed.
/// </summary>
internal sealed class RecordPipeline(bool isSink, TaskConverters converters, TransformationChain chain, PipelineRecordJson json,
    TextWriter? explain)
{
    private static readonly JsonSerializerOptions TextOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>The record that leaves the pipeline, or null when a transformation dropped it.</summary>
    public ConnectRecord? Run(PipelineInput input, string where)
    {
        var source = new SourceRecord(null, null, input.Topic, input.Partition, input.Key.Schema, input.Key.Value, input.Value.Schema,
            input.Value.Value, input.Timestamp, input.Headers);
        Explain(where, "input", source, input.Offset);
        ConnectRecord record = isSink ? ThroughConverters(source, input, where) : source;

        var transformed = Transform(record, input.Offset, where);
        if (transformed is not null && !isSink)
        {
            ToBytes(transformed, where);
        }

        return transformed;
    }

    /// <summary>What a sink task receives: the record written to bytes and read back by the converters.</summary>
    private SinkRecord ThroughConverters(SourceRecord source, PipelineInput input, string where)
    {
        var (key, value, headerBytes) = ToBytes(source, where);
        var headers = headerBytes.Count == 0 ? null : new ConnectHeaders();
        foreach (var (name, bytes) in headerBytes)
        {
            headers!.Add(name, Execute(ConverterStage("header.converter", converters.Header), () => converters.Header.ToConnectHeader(input.Topic, name, bytes)));
        }

        var keyData = Execute(ConverterStage("key.converter", converters.Key), () => converters.Key.ToConnectData(input.Topic, headers, key));
        var valueData = Execute(ConverterStage("value.converter", converters.Value), () => converters.Value.ToConnectData(input.Topic, headers, value));
        var record = new SinkRecord(input.Topic, input.Partition ?? 0, keyData.Schema, keyData.Value, valueData.Schema, valueData.Value,
            input.Offset ?? 0, input.Timestamp, input.Timestamp is null ? TimestampType.NoTimestampType : TimestampType.CreateTime, headers);
        Explain(where, "read back by the converters (what the sink task receives)", record, input.Offset);
        return record;
    }

    private ConnectRecord? Transform(ConnectRecord record, long? offset, string where)
    {
        ConnectRecord? current = record;
        foreach (var stage in chain.Stages)
        {
            var name = "transforms." + stage.Alias;
            if (stage.Predicate is { } predicate)
            {
                var matches = Execute($"predicates.{stage.PredicateAlias} ({KafkaClassNames.Of(predicate.GetType())})", () => predicate.Test(current));
                if (matches == stage.Negate)
                {
                    explain?.WriteLine($"{where} | {name}: skipped (predicate {stage.PredicateAlias} {(stage.Negate ? "matched and negate=true" : "did not match")})");
                    continue;
                }
            }

            var label = $"{name} ({KafkaClassNames.Of(stage.Transformation.GetType())})";
            var input = current;
            current = Execute(label, () => stage.Transformation.Apply(input));
            if (current is null)
            {
                explain?.WriteLine($"{where} | {label}: dropped");
                return null;
            }

            Explain(where, label, current, offset);
        }

        return current;
    }

    private (byte[]? Key, byte[]? Value, List<(string Name, byte[]? Bytes)> Headers) ToBytes(ConnectRecord record, string where)
    {
        var headers = new List<(string, byte[]?)>();
        var headerStage = ConverterStage("header.converter", converters.Header);
        foreach (var header in record.HasHeaders ? record.Headers : [])
        {
            var bytes = Execute(headerStage, () => converters.Header.FromConnectHeader(record.Topic, header.Key, header.Schema, header.Value));
            headers.Add((header.Key, bytes));
            ExplainBytes(where, $"{headerStage} header {header.Key}", bytes);
        }

        var connectHeaders = record.HasHeaders ? record.Headers : null;
        var keyStage = ConverterStage("key.converter", converters.Key);
        var key = Execute(keyStage, () => converters.Key.FromConnectData(record.Topic, connectHeaders, record.KeySchema, record.Key));
        ExplainBytes(where, keyStage, key);
        var valueStage = ConverterStage("value.converter", converters.Value);
        var value = Execute(valueStage, () => converters.Value.FromConnectData(record.Topic, connectHeaders, record.ValueSchema, record.Value));
        ExplainBytes(where, valueStage, value);
        return (key, value, headers);
    }

    private static string ConverterStage(string key, object converter) => $"{key} ({KafkaClassNames.Of(converter.GetType())})";

    private static T Execute<T>(string stage, Func<T> step)
    {
        try
        {
            return step();
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // Kafka's errors (DataException, ConfigException) by their message; anything else is a bug worth its type name.
            throw new PipelineStageException(stage, e is ConnectException or ConfigException ? e.Message : $"{e.GetType().Name}: {e.Message}");
        }
    }

    private void Explain(string where, string stage, ConnectRecord record, long? offset) =>
        explain?.WriteLine($"{where} | {stage}: {json.Write(record, offset)}");

    private void ExplainBytes(string where, string stage, byte[]? bytes)
    {
        if (explain is null)
        {
            return;
        }

        explain.WriteLine($"{where} | {stage}: {Describe(bytes)}");
    }

    /// <summary>Bytes as their UTF-8 text (a JSON string) when they are text, else base64.</summary>
    private static string Describe(byte[]? bytes)
    {
        if (bytes is null)
        {
            return "null";
        }

        try
        {
            var text = new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(bytes);
            if (!text.Any(c => char.IsControl(c) && c is not ('\n' or '\r' or '\t')))
            {
                return $"{bytes.Length} bytes {JsonSerializer.Serialize(text, TextOptions)}";
            }
        }
        catch (DecoderFallbackException)
        {
        }

        return $"{bytes.Length} bytes base64:{Convert.ToBase64String(bytes)}";
    }
}
