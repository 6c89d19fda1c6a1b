using System.Text;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using StandaloneConnect.Sdk;
using StandaloneConnect.Sdk.Connectors;
using StandaloneConnect.Sdk.Data;
using static StandaloneConnect.Connectors.File.FileStreamSinkConnector;

namespace StandaloneConnect.Connectors.File;

/// <summary>
/// Appends each record's value as a UTF-8 line to a file (or standard output), rendered like Java's
/// <c>String.valueOf</c> (<c>null</c> prints "null"). Each batch is encoded into a buffer and handed to the operating
/// system at the end of <see cref="PutAsync"/>, so the file shows every line put, as Kafka's does; neither that nor
/// <see cref="FlushAsync"/> forces it to disk (no fsync).
/// </summary>
[PluginAlias("org.apache.kafka.connect.file.FileStreamSinkTask")]
public sealed partial class FileStreamSinkTask : SinkTask
{
    private const int BufferSize = 64 * 1024;
    private static readonly UTF8Encoding Utf8NoBom = new(encoderShouldEmitUTF8Identifier: false);
    private static readonly ReadOnlyMemory<char> NewLine = "\n".AsMemory();

    private readonly ILogger _logger;
    private readonly Func<Stream> _openStandardOutput;
    private StreamWriter? _writer;
    private string _target = "stdout";

    public FileStreamSinkTask()
        : this(null, Console.OpenStandardOutput)
    {
    }

    /// <param name="logger">Optional logger (the SDK has no logger injection yet); defaults to no logging.</param>
    public FileStreamSinkTask(ILogger? logger = null)
        : this(logger, Console.OpenStandardOutput)
    {
    }

    internal FileStreamSinkTask(ILogger? logger, Func<Stream> openStandardOutput)
    {
        ArgumentNullException.ThrowIfNull(openStandardOutput);
        _logger = logger ?? NullLogger.Instance;
        _openStandardOutput = openStandardOutput;
    }

    public override void Start(IReadOnlyDictionary<string, string> props)
    {
        var file = CreateConfigDef().Parse(props).GetString(FileConfig);
        if (string.IsNullOrEmpty(file))
        {
            _writer = new StreamWriter(_openStandardOutput(), Utf8NoBom, BufferSize);
            return;
        }

        FileStream? stream = null;
        try
        {
            // Unlike Kafka, a missing parent directory is created (a first run with file=data/out.txt just works).
            if (Path.GetDirectoryName(Path.GetFullPath(file)) is { Length: > 0 } directory)
            {
                Directory.CreateDirectory(directory);
            }

            stream = new FileStream(file, FileMode.Append, FileAccess.Write, FileShare.ReadWrite | FileShare.Delete, bufferSize: 1);
            _writer = new StreamWriter(stream, Utf8NoBom, BufferSize);
            _target = file;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or NotSupportedException or ArgumentException)
        {
            stream?.Dispose();
            throw new ConnectException($"Couldn't find or create file '{file}' for FileStreamSinkTask", e);
        }
    }

    public override async ValueTask PutAsync(IReadOnlyList<SinkRecord> records, CancellationToken cancellationToken)
    {
        var writer = _writer ?? throw new InvalidOperationException("The task was not started");
        try
        {
            foreach (var record in records)
            {
                // Completes synchronously until the 64 KiB buffer fills.
                await writer.WriteAsync(JavaStringValue.Of(record.Value).AsMemory(), cancellationToken).ConfigureAwait(false);
                await writer.WriteAsync(NewLine, cancellationToken).ConfigureAwait(false);
            }

            // Kafka's sink writes each line straight to the file, so lines show up as they arrive; writing once per
            // batch keeps that (readers tailing the file see every put) without a system call per line.
            await writer.FlushAsync(CancellationToken.None).ConfigureAwait(false);
        }
        catch (IOException e)
        {
            throw new ConnectException($"Couldn't write to {_target} in FileStreamSinkTask", e);
        }
    }

    public override async ValueTask FlushAsync(IReadOnlyDictionary<TopicPartition, long> currentOffsets, CancellationToken cancellationToken)
    {
        var writer = _writer ?? throw new InvalidOperationException("The task was not started");
        try
        {
            // Not cancellable on purpose: pushing already-buffered lines to the OS is short, and the final commit at
            // shutdown may come with a cancelled token; refusing then would only fail that commit.
            await writer.FlushAsync(CancellationToken.None).ConfigureAwait(false);
        }
        catch (IOException e)
        {
            throw new ConnectException($"Couldn't flush {_target} in FileStreamSinkTask", e);
        }
    }

    /// <summary>Flushes what is buffered and closes the file.</summary>
    public override void Stop()
    {
        var writer = _writer;
        _writer = null;
        if (writer is null)
        {
            return;
        }

        try
        {
            writer.Flush();
        }
        catch (IOException e)
        {
            LogFlushOnStopFailed(_target, e);
        }
        finally
        {
            writer.Dispose();
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Couldn't flush {Target} while stopping FileStreamSinkTask")]
    private partial void LogFlushOnStopFailed(string target, Exception exception);
}
