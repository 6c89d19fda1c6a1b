using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using StandaloneConnect.Runtime.Configuration;
using StandaloneConnect.Runtime.Errors;
using StandaloneConnect.Sdk;

namespace StandaloneConnect.Runtime.Tests.Errors;

public sealed class ErrorHandlerTests
{
    private static readonly ConsumedRecordContext Consumed = new("orders", 2, 41, null, [1, 2], [], 1700000000000);

    private FakeTimeProvider _time = null!;
    private RecordingReporter _reporter = null!;

    [SetUp]
    public void SetUp()
    {
        _time = new FakeTimeProvider();
        _reporter = new RecordingReporter();
    }

    private ErrorHandler Handler(bool tolerateAll, TimeSpan retryTimeout = default, TimeSpan? maxDelay = null, ILogger? logger = null,
        bool log = false) =>
        new(new ErrorHandlerSettings(tolerateAll, retryTimeout, maxDelay ?? TimeSpan.FromMinutes(1), log, log), "conn-0", [_reporter],
            _time, logger ?? NullLogger.Instance);

    [Test]
    public void TryExecute_OperationSucceeds_ReturnsTrueWithTheResult()
    {
        using var handler = Handler(tolerateAll: false);

        var ok = handler.TryExecute(Stage.ValueConverter, typeof(string), 20, x => x + 1, Consumed, null, out var result, CancellationToken.None);

        ok.Should().BeTrue();
        result.Should().Be(21);
        handler.Skipped.Should().Be(0);
        _reporter.Errors.Should().BeEmpty();
    }

    [Test]
    public void TryExecute_ToleranceNone_ThrowsToleranceExceededWithTheCause()
    {
        using var handler = Handler(tolerateAll: false);
        var cause = new DataException("bad bytes");

        var act = () => handler.TryExecute<int, int>(Stage.ValueConverter, typeof(string), 0, _ => throw cause, Consumed, null, out _, CancellationToken.None);

        act.Should().Throw<ConnectException>().WithMessage("Tolerance exceeded in error handler")
            .Which.InnerException.Should().BeSameAs(cause);
        handler.Skipped.Should().Be(0);
        _reporter.Errors.Should().BeEmpty("an error that fails the task is not reported as tolerated");
    }

    [Test]
    public void Handle_ToleranceNone_ThrowsToleranceExceededWithTheCause()
    {
        var cause = new InvalidOperationException("produce failed");

        using var handler = Handler(tolerateAll: false);

        var act = () => handler.Handle(new ProcessingError(Stage.KafkaProduce, typeof(object), cause, null, "record"));

        act.Should().Throw<ConnectException>().WithMessage("Tolerance exceeded in error handler").WithInnerException<InvalidOperationException>();
    }

    [Test]
    public void TryExecute_ToleranceAll_ReturnsFalseCountsTheSkipAndReportsTheError()
    {
        using var handler = Handler(tolerateAll: true);
        var cause = new DataException("bad bytes");

        var ok = handler.TryExecute<int, string>(Stage.KeyConverter, typeof(ErrorHandlerTests), 0, _ => throw cause, Consumed, "rec", out var result,
            CancellationToken.None);

        ok.Should().BeFalse();
        result.Should().BeNull();
        handler.Skipped.Should().Be(1);
        var error = _reporter.Errors.Should().ContainSingle().Subject;
        error.Should().Be(new ProcessingError(Stage.KeyConverter, typeof(ErrorHandlerTests), cause, Consumed, "rec"));
    }

    [Test]
    public void Handle_ToleranceAll_EveryErrorIsCountedAndGoesToEveryReporter()
    {
        var second = new RecordingReporter();
        using var handler = new ErrorHandler(new ErrorHandlerSettings(true, TimeSpan.Zero, TimeSpan.FromMinutes(1), false, false), "conn-0",
            [_reporter, second], _time, NullLogger.Instance);

        handler.Handle(new ProcessingError(Stage.KafkaProduce, typeof(object), new ConnectException("one"), null, null));
        handler.Handle(new ProcessingError(Stage.TaskPoll, typeof(object), new ConnectException("two"), null, null));

        handler.Skipped.Should().Be(2);
        _reporter.Errors.Select(e => e.Exception.Message).Should().Equal("one", "two");
        second.Errors.Should().HaveCount(2);
    }

    [Test]
    public void TryExecute_RetriableUntilTheRetryTimeout_RetriesThenHandles()
    {
        // Each attempt takes 100 ms of (fake) time; the retry timeout is 1 s and the delay at most 1 ms (real), so the
        // attempt at t=1000 ms is past the deadline and is handled.
        using var handler = Handler(tolerateAll: true, retryTimeout: TimeSpan.FromSeconds(1), maxDelay: TimeSpan.FromMilliseconds(1));
        var attempts = 0;

        var ok = handler.TryExecute<int, int>(Stage.Transformation, typeof(object), 0, _ =>
        {
            attempts++;
            _time.Advance(TimeSpan.FromMilliseconds(100));
            throw new RetriableException("not yet");
        }, null, "rec", out _, CancellationToken.None);

        ok.Should().BeFalse();
        attempts.Should().Be(10);
        handler.Skipped.Should().Be(1);
        _reporter.Errors.Should().ContainSingle().Which.Exception.Should().BeOfType<RetriableException>();
    }

    [Test]
    public void TryExecute_RetryDelayMaxBelowTheInitialBackoff_EveryDelayIsCapped()
    {
        // errors.retry.delay.max.ms=1 also caps the first delay: with 300 ms the first retry would already miss the 250 ms deadline.
        using var handler = Handler(tolerateAll: true, retryTimeout: TimeSpan.FromMilliseconds(250), maxDelay: TimeSpan.FromMilliseconds(1));
        var attempts = 0;

        handler.TryExecute<int, int>(Stage.Transformation, typeof(object), 0, _ =>
        {
            attempts++;
            _time.Advance(TimeSpan.FromMilliseconds(100));
            throw new RetriableException("not yet");
        }, null, null, out _, CancellationToken.None);

        attempts.Should().Be(3, "attempts at t=100 and t=200 ms are retried, the one at t=300 ms is past the deadline");
    }

    [Test]
    public void TryExecute_RetriableThenSuccess_ReturnsTheResultWithoutReporting()
    {
        using var handler = Handler(tolerateAll: false, retryTimeout: TimeSpan.FromSeconds(10), maxDelay: TimeSpan.FromMilliseconds(1));
        var attempts = 0;

        var ok = handler.TryExecute(Stage.TaskPut, typeof(object), 0, _ =>
        {
            if (++attempts < 3)
            {
                throw new RetriableException("busy");
            }

            return "done";
        }, null, null, out var result, CancellationToken.None);

        ok.Should().BeTrue();
        result.Should().Be("done");
        attempts.Should().Be(3);
        _reporter.Errors.Should().BeEmpty();
    }

    [Test]
    public void TryExecute_RetriableWithToleranceNone_ThrowsAfterTheRetryTimeout()
    {
        using var handler = Handler(tolerateAll: false, retryTimeout: TimeSpan.FromMilliseconds(500), maxDelay: TimeSpan.FromMilliseconds(1));
        var attempts = 0;

        var act = () => handler.TryExecute<int, int>(Stage.Transformation, typeof(object), 0, _ =>
        {
            attempts++;
            _time.Advance(TimeSpan.FromMilliseconds(200));
            throw new RetriableException("still down");
        }, null, null, out _, CancellationToken.None);

        act.Should().Throw<ConnectException>().WithMessage("Tolerance exceeded in error handler").WithInnerException<RetriableException>();
        attempts.Should().Be(3, "the attempts at t=200 and t=400 ms are retried, the one at t=600 ms is past the 500 ms timeout");
    }

    [TestCase(0, TestName = "TryExecute_RetriableWithZeroRetryTimeout_IsNotRetried")]
    [TestCase(60000, TestName = "TryExecute_NonRetriableWithRetryTimeout_IsNotRetried")]
    public void TryExecute_NoRetryWanted_RunsOnce(int retryTimeoutMs)
    {
        using var handler = Handler(tolerateAll: true, retryTimeout: TimeSpan.FromMilliseconds(retryTimeoutMs), maxDelay: TimeSpan.FromMilliseconds(1));
        var attempts = 0;

        var ok = handler.TryExecute<int, int>(Stage.Transformation, typeof(object), 0, _ =>
        {
            attempts++;
            throw retryTimeoutMs == 0 ? new RetriableException("retriable") : new DataException("not retriable");
        }, null, null, out _, CancellationToken.None);

        ok.Should().BeFalse();
        attempts.Should().Be(1);
        handler.Skipped.Should().Be(1);
    }

    [Test]
    public void TryExecute_RetriableWhileCancelled_IsNotRetried()
    {
        using var handler = Handler(tolerateAll: true, retryTimeout: TimeSpan.FromMinutes(1), maxDelay: TimeSpan.FromMilliseconds(1));
        var attempts = 0;

        handler.TryExecute<int, int>(Stage.TaskPoll, typeof(object), 0, _ =>
        {
            attempts++;
            throw new RetriableException("retriable");
        }, null, null, out _, new CancellationToken(canceled: true));

        attempts.Should().Be(1);
    }

    [Test]
    public void TryExecute_OperationCancelled_PropagatesWithoutCountingASkip()
    {
        using var handler = Handler(tolerateAll: true);

        var act = () => handler.TryExecute<int, int>(Stage.TaskPoll, typeof(object), 0, _ => throw new OperationCanceledException(), null, null,
            out _, CancellationToken.None);

        act.Should().Throw<OperationCanceledException>();
        handler.Skipped.Should().Be(0);
        _reporter.Errors.Should().BeEmpty();
    }

    [Test]
    public void Handle_LogEnabled_LogsStageClassAndConsumedRecord()
    {
        var logger = new RecordingLogger();
        using var handler = Handler(tolerateAll: true, logger: logger, log: true);

        handler.Handle(new ProcessingError(Stage.ValueConverter, typeof(ErrorHandlerTests), new DataException("bad"), Consumed, null));

        var entry = logger.Entries.Should().ContainSingle().Subject;
        entry.Level.Should().Be(LogLevel.Error);
        entry.Message.Should().Be("Error encountered in task conn-0. Executing stage 'VALUE_CONVERTER' with class " +
            $"'{typeof(ErrorHandlerTests).FullName}', where consumed record is {{topic='orders', partition=2, offset=41, timestamp=1700000000000}}.");
    }

    [TestCase("all", "-1", true, TestName = "SettingsFrom_ToleranceAllAndMinusOne_TolerantAndInfinite")]
    [TestCase("ALL", "2500", true, TestName = "SettingsFrom_ToleranceInUpperCase_Tolerant")]
    [TestCase("none", "0", false, TestName = "SettingsFrom_Defaults_NotTolerant")]
    public void SettingsFrom_ConnectorConfig_ReadsTheErrorsKeys(string tolerance, string retryTimeout, bool tolerateAll)
    {
        var parsed = ConnectorConfig.Common.Parse(new Dictionary<string, string>
        {
            ["name"] = "c", ["connector.class"] = "X", ["errors.tolerance"] = tolerance, ["errors.retry.timeout"] = retryTimeout,
            ["errors.retry.delay.max.ms"] = "750", ["errors.log.enable"] = "true",
        });

        var settings = ErrorHandlerSettings.From(parsed);

        settings.TolerateAll.Should().Be(tolerateAll);
        settings.RetryTimeout.Should().Be(retryTimeout == "-1" ? Timeout.InfiniteTimeSpan : TimeSpan.FromMilliseconds(long.Parse(retryTimeout, System.Globalization.CultureInfo.InvariantCulture)));
        settings.RetryMaxDelay.Should().Be(TimeSpan.FromMilliseconds(750));
        settings.LogEnabled.Should().BeTrue();
        settings.LogIncludeMessages.Should().BeFalse();
    }

    [TestCase(Stage.TaskPoll, "TASK_POLL")]
    [TestCase(Stage.TaskPut, "TASK_PUT")]
    [TestCase(Stage.Transformation, "TRANSFORMATION")]
    [TestCase(Stage.KeyConverter, "KEY_CONVERTER")]
    [TestCase(Stage.ValueConverter, "VALUE_CONVERTER")]
    [TestCase(Stage.HeaderConverter, "HEADER_CONVERTER")]
    [TestCase(Stage.KafkaProduce, "KAFKA_PRODUCE")]
    [TestCase(Stage.KafkaConsume, "KAFKA_CONSUME")]
    public void KafkaName_Stage_IsTheDlqHeaderValue(Stage stage, string expected)
    {
        stage.KafkaName().Should().Be(expected);
    }

    private sealed class RecordingReporter : IErrorReporter
    {
        public List<ProcessingError> Errors { get; } = [];

        public void Report(ProcessingError error) => Errors.Add(error);
    }

    private sealed class RecordingLogger : ILogger
    {
        public List<(LogLevel Level, string Message)> Entries { get; } = [];

        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            Entries.Add((logLevel, formatter(state, exception)));
    }
}
