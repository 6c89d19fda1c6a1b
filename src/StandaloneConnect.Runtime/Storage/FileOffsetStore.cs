using System.Text.Json;

namespace StandaloneConnect.Runtime.Storage;

/// <summary>
/// Offsets in one human-readable JSON file. Every write goes to a temporary file next to it, is fsynced, and is
/// renamed over the old file, so a crash leaves either the old or the new content, never a torn file.
/// <code>{"format":"standaloneconnect-offsets","version":1,"offsets":[{"connector":"c","partition":{..},"offset":{..}}]}</code>
/// </summary>
public sealed class FileOffsetStore(string path) : OffsetStoreBase(path)
{
    private const string FormatName = "standaloneconnect-offsets";
    private const int CurrentVersion = 1;

    public override void Load()
    {
        if (Directory.Exists(Location))
        {
            throw new OffsetStoreException(
                $"The offsets file '{Location}' is a directory. Point offset.storage.file.filename at a file (it is created when missing).");
        }

        if (!AtomicFile.Exists(Location))
        {
            return;
        }

        byte[] content;
        try
        {
            content = File.ReadAllBytes(Location);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new OffsetStoreException($"Cannot read the offsets file '{Location}': {e.Message}", e);
        }

        if (content.Length >= 2 && content[0] == 0xAC && content[1] == 0xED)
        {
            throw new OffsetStoreException(
                $"The offsets file '{Location}' is a Java-serialized offsets file written by Apache Kafka's connect-standalone. " +
                "StandaloneConnect cannot read that format; point offset.storage.file.filename at a new file " +
                "(connectors then start from their beginning) and keep the old file for Kafka.");
        }

        try
        {
            Replace(Parse(content));
        }
        catch (Exception e) when (e is JsonException or FormatException or InvalidOperationException)
        {
            var problem = e is JsonException ? $"is corrupt or truncated ({e.Message})" : $"is not a valid offsets file: {e.Message}";
            throw new OffsetStoreException(
                $"The offsets file '{Location}' {problem}. It was left untouched: " +
                "repair it, or move it away to start every source connector from scratch.", e);
        }
    }

    private protected override Task PersistAsync(string connector, IReadOnlyCollection<SourceOffsetEntry> changes, OffsetTable next,
        CancellationToken cancellationToken) => WriteAtomicallyAsync(Serialize(next), cancellationToken);

    private async Task WriteAtomicallyAsync(byte[] content, CancellationToken cancellationToken)
    {
        try
        {
            await AtomicFile.WriteAsync(Location, content, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new OffsetStoreException($"Cannot write the offsets file '{Location}': {e.Message}", e);
        }
    }

    private static OffsetTable Parse(ReadOnlyMemory<byte> content)
    {
        if (content.Span.StartsWith("\uFEFF"u8))
        {
            content = content[3..]; // a UTF-8 byte order mark, as an editor may add (the connector configs file accepts it too)
        }

        using var doc = JsonDocument.Parse(content);
        var root = doc.RootElement;
        if (root.ValueKind != JsonValueKind.Object
            || !root.TryGetProperty("format", out var format) || format.ValueKind != JsonValueKind.String || format.GetString() != FormatName
            || !root.TryGetProperty("offsets", out var offsets) || offsets.ValueKind != JsonValueKind.Array)
        {
            throw new FormatException($"expected an object with \"format\":\"{FormatName}\" and an \"offsets\" array");
        }

        if (!root.TryGetProperty("version", out var version) || version.ValueKind != JsonValueKind.Number)
        {
            throw new FormatException("\"version\" is missing or not a number");
        }

        if (!version.TryGetInt32(out var number) || number != CurrentVersion)
        {
            throw new FormatException($"version {version.GetRawText()} is not supported, this release reads version {CurrentVersion} " +
                "(was the file written by a newer StandaloneConnect?)");
        }

        var table = new OffsetTable();
        var index = 0;
        foreach (var item in offsets.EnumerateArray())
        {
            if (!item.TryGetProperty("connector", out var connector) || connector.ValueKind != JsonValueKind.String
                || !item.TryGetProperty("partition", out var partition) || !item.TryGetProperty("offset", out var offset))
            {
                throw new FormatException($"offsets[{index}] needs \"connector\", \"partition\" and \"offset\"");
            }

            table.Apply(connector.GetString() ?? "", new SourceOffsetEntry(OffsetJson.ReadMap(partition), OffsetJson.ReadMap(offset)));
            index++;
        }

        return table;
    }

    private static byte[] Serialize(OffsetTable table)
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true }))
        {
            writer.WriteStartObject();
            writer.WriteString("format", FormatName);
            writer.WriteNumber("version", CurrentVersion);
            writer.WriteStartArray("offsets");
            foreach (var (connector, entry) in table.All.OrderBy(e => e.Connector, StringComparer.Ordinal))
            {
                writer.WriteStartObject();
                writer.WriteString("connector", connector);
                writer.WritePropertyName("partition");
                OffsetJson.WriteMap(writer, entry.Partition);
                writer.WritePropertyName("offset");
                OffsetJson.WriteMap(writer, entry.Offset ?? new Dictionary<string, object?>());
                writer.WriteEndObject();
            }

            writer.WriteEndArray();
            writer.WriteEndObject();
        }

        stream.WriteByte((byte)'\n');
        return stream.ToArray();
    }
}
