using System.Text;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using StandaloneConnect.Sdk;
using StandaloneConnect.Sdk.Connectors;
using StandaloneConnect.Sdk.Data;
using static StandaloneConnect.Connectors.File.FileStreamSourceConnector;

namespace StandaloneConnect.Connectors.File;

/// <summary>
/// Reads lines from a file (or standard input). Each record's offset is <c>{"position": n}</c>, the byte position
/// just after the line's terminator, so a restarted task resumes exactly after the last committed line, non-ASCII
/// text included. A last line without terminator is held back until its terminator is written.
/// </summary>
[PluginAlias("org.apache.kafka.connect.file.FileStreamSourceTask")]
public sealed partial class FileStreamSourceTask : SourceTask
{
    /// <summary>How long a poll waits for data (or for the file to appear) before returning an empty batch.</summary>
    internal static readonly TimeSpan IdleWait = TimeSpan.FromSeconds(1);

    /// <summary>How often a waiting poll looks for appended data or a created file within <see cref="IdleWait"/>.</summary>
    internal static readonly TimeSpan RecheckInterval = TimeSpan.FromMilliseconds(100);

    private const int InitialBufferSize = 64 * 1024;

    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly Func<Stream> _openStandardInput;
    private readonly CancellationTokenSource _stopping = new();
    private readonly Lock _gate = new();
    private readonly LineBuffer _lines = new(InitialBufferSize);
    private Settings? _settings;
    private IReadOnlyDictionary<string, object?>? _partition;
    private Stream? _stream;
    private Task<int>? _pendingRead;
    private long _position;
    private bool _polling;
    private bool _stopped;

    public FileStreamSourceTask()
        : this(TimeProvider.System)
    {
    }

    /// <param name="timeProvider">Clock for record timestamps and poll waits.</param>
    /// <param name="logger">Optional logger (the SDK has no logger injection yet); defaults to no logging.</param>
    public FileStreamSourceTask(TimeProvider timeProvider, ILogger? logger = null)
        : this(timeProvider, logger, Console.OpenStandardInput)
    {
    }

    internal FileStreamSourceTask(TimeProvider timeProvider, ILogger? logger, Func<Stream> openStandardInput)
    {
        ArgumentNullException.ThrowIfNull(timeProvider);
        ArgumentNullException.ThrowIfNull(openStandardInput);
        _time = timeProvider;
        _logger = logger ?? NullLogger.Instance;
        _openStandardInput = openStandardInput;
    }

    private sealed record Settings(string? File, string Topic, int BatchSize);

    public override void Start(IReadOnlyDictionary<string, string> props)
    {
        var config = CreateConfigDef().Parse(props);
        var file = config.GetString(FileConfig);
        var settings = new Settings(string.IsNullOrEmpty(file) ? null : file, config.GetString(TopicConfig) ?? "",
            Math.Max(1, config.GetInt(TaskBatchSizeConfig)));
        if (settings.File is null)
        {
            _stream = _openStandardInput();
        }
        else
        {
            var partition = new Dictionary<string, object?>(1, StringComparer.Ordinal) { [FilenameField] = settings.File };
            _partition = partition.AsReadOnly();
            _position = StoredPosition(_partition);
            if (_position > 0)
            {
                LogResuming(settings.File, _position);
            }
        }

        _settings = settings;
    }

    /// <summary>
    /// Returns up to <c>batch.size</c> lines. When there are none, waits up to a second for the file to be created or
    /// for lines to be appended (checking every 100 ms), then returns an empty batch. Cancellation or
    /// <see cref="Stop"/> ends the wait early with an empty batch.
    /// </summary>
    public override async ValueTask<IReadOnlyList<SourceRecord>> PollAsync(CancellationToken cancellationToken)
    {
        var settings = _settings ?? throw new InvalidOperationException("The task was not started");
        lock (_gate)
        {
            if (_stopped)
            {
                return [];
            }

            _polling = true;
        }

        try
        {
            using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, _stopping.Token);
            try
            {
                return await PollCoreAsync(settings, linked.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (linked.IsCancellationRequested)
            {
                return [];
            }
        }
        finally
        {
            bool close;
            lock (_gate)
            {
                _polling = false;
                close = _stopped;
            }

            if (close)
            {
                CloseStream();
            }
        }
    }

    /// <summary>Closes the stream; a poll that is waiting returns at once with an empty batch.</summary>
    public override void Stop()
    {
        bool closeNow;
        lock (_gate)
        {
            if (_stopped)
            {
                return;
            }

            _stopped = true;
            closeNow = !_polling;
        }

        _stopping.Cancel();
        if (closeNow)
        {
            CloseStream();
        }
    }

    private async ValueTask<IReadOnlyList<SourceRecord>> PollCoreAsync(Settings settings, CancellationToken cancellationToken)
    {
        var started = _time.GetTimestamp();
        var warned = false;
        while (true)
        {
            if (_stream is null && !TryOpenFile(settings.File))
            {
                if (!warned)
                {
                    LogFileMissing(settings.File);
                    warned = true;
                }
            }
            else
            {
                var records = await ReadRecordsAsync(settings, cancellationToken).ConfigureAwait(false);
                if (records.Count > 0)
                {
                    return records;
                }
            }

            if (!await WaitAsync(started, cancellationToken).ConfigureAwait(false))
            {
                return [];
            }
        }
    }

    private async ValueTask<IReadOnlyList<SourceRecord>> ReadRecordsAsync(Settings settings, CancellationToken cancellationToken)
    {
        List<SourceRecord>? records = null;
        while (true)
        {
            while ((records?.Count ?? 0) < settings.BatchSize && _lines.TryReadLine(out var line, out var consumed))
            {
                _position += consumed;
                var offset = settings.File is null
                    ? null
                    : new Dictionary<string, object?>(1, StringComparer.Ordinal) { [PositionField] = _position };
                (records ??= new List<SourceRecord>(Math.Min(settings.BatchSize, 1024))).Add(new SourceRecord(_partition, offset, settings.Topic, null, null, null, Schema.String,
                    Encoding.UTF8.GetString(line), _time.GetUtcNow().ToUnixTimeMilliseconds()));
            }

            // Lines taken from the buffer must be returned: their position is already consumed.
            if ((records?.Count ?? 0) >= settings.BatchSize || cancellationToken.IsCancellationRequested
                || await ReadChunkAsync(settings).ConfigureAwait(false) <= 0)
            {
                return records ?? (IReadOnlyList<SourceRecord>)[];
            }
        }
    }

    /// <summary>Reads what is available into the line buffer; 0 when nothing is (end of file, or stdin has no input yet).</summary>
    private async ValueTask<int> ReadChunkAsync(Settings settings)
    {
        var stream = _stream ?? throw new InvalidOperationException("No stream is open");
        try
        {
            int read;
            if (settings.File is not null)
            {
                read = stream.Read(_lines.GetWriteMemory().Span);
            }
            else
            {
                // Standard input blocks until a line is typed: keep one read in flight across polls.
                _pendingRead ??= stream.ReadAsync(_lines.GetWriteMemory(), CancellationToken.None).AsTask();
                if (!_pendingRead.IsCompleted)
                {
                    return 0;
                }

                var completed = _pendingRead;
                _pendingRead = null;
                read = await completed.ConfigureAwait(false);
            }

            _lines.Advance(read);
            return read;
        }
        catch (IOException e)
        {
            LogReadFailed(settings.File ?? "stdin", e);
            throw new ConnectException($"Error while reading {settings.File ?? "stdin"} in FileStreamSourceTask", e);
        }
    }

    /// <summary>Waits for the next check within the idle window; false once the window is used up.</summary>
    private async ValueTask<bool> WaitAsync(long started, CancellationToken cancellationToken)
    {
        var remaining = IdleWait - _time.GetElapsedTime(started);
        if (remaining <= TimeSpan.Zero)
        {
            return false;
        }

        if (_pendingRead is { } pending)
        {
            // Wakes up as soon as standard input has data.
            await Task.WhenAny(pending, Task.Delay(remaining, _time, cancellationToken)).ConfigureAwait(false);
            cancellationToken.ThrowIfCancellationRequested();
        }
        else
        {
            await Task.Delay(remaining < RecheckInterval ? remaining : RecheckInterval, _time, cancellationToken)
                .ConfigureAwait(false);
        }

        return true;
    }

    private bool TryOpenFile(string? file)
    {
        if (file is null)
        {
            return false;
        }

        FileStream? stream = null;
        try
        {
            stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete,
                bufferSize: 1, FileOptions.SequentialScan);
            if (_position > 0)
            {
                stream.Seek(_position, SeekOrigin.Begin);
            }

            _stream = stream;
            return true;
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            stream?.Dispose();
            return false;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            stream?.Dispose();
            throw new ConnectException($"Couldn't open file {file} for FileStreamSourceTask", e);
        }
    }

    private long StoredPosition(IReadOnlyDictionary<string, object?> partition)
    {
        var offset = Context.OffsetStorageReader.Offset(partition);
        if (offset is null || !offset.TryGetValue(PositionField, out var value) || value is null)
        {
            return 0;
        }

        var position = value switch
        {
            long l => l,
            int i => i,
            _ => throw new ConnectException("Offset position is the incorrect type"),
        };
        return position >= 0 ? position : throw new ConnectException($"Offset position {position} is negative");
    }

    private void CloseStream()
    {
        var stream = _stream;
        _stream = null;
        stream?.Dispose();
    }

    [LoggerMessage(Level = LogLevel.Warning,
        Message = "Couldn't find file {File} for FileStreamSourceTask, sleeping to wait for it to be created")]
    private partial void LogFileMissing(string? file);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Found previous offset, skipping to byte position {Position} of {File}")]
    private partial void LogResuming(string file, long position);

    [LoggerMessage(Level = LogLevel.Error, Message = "Error while reading {Source} in FileStreamSourceTask")]
    private partial void LogReadFailed(string source, Exception exception);
}
