using StandaloneConnect.Runtime.Errors;
using StandaloneConnect.Runtime.Kafka;
using StandaloneConnect.Runtime.Transforms;
using StandaloneConnect.Sdk;

namespace StandaloneConnect.Runtime.Workers;

/// <summary>
/// Turns consumed bytes into the <see cref="SinkRecord"/> a sink task sees (Kafka's order: header converter, key
/// converter, value converter, then the transformation chain), each step under the error handler. As in Kafka, a
/// converted record's consumed topic is recorded as active (KIP-558) before the transformations run.
/// </summary>
internal sealed class SinkRecordConverter(TaskConverters converters, TransformationChain transforms, ErrorHandler errors,
    ActiveTopicRecorder? activeTopics = null)
{
    public SinkRecord? Convert(ConsumedRecord raw, CancellationToken stop)
    {
        var c = converters;
        var context = new ConsumedRecordContext(raw.Topic, raw.Partition, raw.Offset, raw.Key, raw.Value, raw.Headers, raw.Timestamp);
        if (!errors.TryExecute(Stage.HeaderConverter, c.Header.GetType(), (c.Header, raw), static s => ConvertHeaders(s.Header, s.raw), context, null, out var headers, stop)
            || !errors.TryExecute(Stage.KeyConverter, c.Key.GetType(), (c.Key, raw, headers), static s => s.Key.ToConnectData(s.raw.Topic, s.headers, s.raw.Key), context, null, out var key, stop)
            || !errors.TryExecute(Stage.ValueConverter, c.Value.GetType(), (c.Value, raw, headers), static s => s.Value.ToConnectData(s.raw.Topic, s.headers, s.raw.Value), context, null, out var value, stop))
        {
            return null;
        }

        activeTopics?.Record(raw.Topic);
        var record = new SinkRecord(raw.Topic, raw.Partition, key.Schema, key.Value, value.Schema, value.Value, raw.Offset,
            raw.Timestamp, raw.TimestampType, headers);
        if (transforms.IsEmpty)
        {
            return record;
        }

        return transforms.TryApply(record, errors, context, stop, out var transformed) ? transformed as SinkRecord : null;
    }

    private static ConnectHeaders? ConvertHeaders(Sdk.Storage.IHeaderConverter converter, ConsumedRecord raw)
    {
        if (raw.Headers.Count == 0)
        {
            return null;
        }

        var headers = new ConnectHeaders();
        foreach (var (key, bytes) in raw.Headers)
        {
            headers.Add(key, converter.ToConnectHeader(raw.Topic, key, bytes));
        }

        return headers;
    }
}
