using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using StandaloneConnect.Runtime.Logging;

namespace StandaloneConnect.Runtime.Tests.Logging;

public sealed class LoggerLevelsTests
{
    private const string TaskLogger = "StandaloneConnect.Runtime.Workers.WorkerSourceTask";
    private const string Workers = "StandaloneConnect.Runtime.Workers";
    private static readonly DateTimeOffset Start = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private FakeTimeProvider _time = null!;

    [SetUp]
    public void SetUp() => _time = new FakeTimeProvider(Start);

    [Test]
    public void IsEnabled_NothingSet_UsesRootLevel()
    {
        var levels = new LoggerLevels(_time, "WARN");

        levels.IsEnabled(TaskLogger, LogLevel.Warning).Should().BeTrue();
        levels.IsEnabled(TaskLogger, LogLevel.Information).Should().BeFalse();
    }

    [Test]
    public void IsEnabled_NoneLevel_IsFalseEvenAtTrace()
    {
        var levels = new LoggerLevels(_time, "ALL");

        levels.IsEnabled(TaskLogger, LogLevel.None).Should().BeFalse();
        levels.IsEnabled(TaskLogger, LogLevel.Trace).Should().BeTrue();
    }

    [Test]
    public void IsEnabled_AncestorSet_InheritsNearestDottedAncestor()
    {
        var levels = new LoggerLevels(_time, "INFO");
        levels.SetLevel("StandaloneConnect.Runtime", "ERROR");
        levels.SetLevel(Workers, "DEBUG");

        levels.IsEnabled(TaskLogger, LogLevel.Debug).Should().BeTrue();
        levels.IsEnabled("StandaloneConnect.Runtime.Herder.StandaloneHerder", LogLevel.Warning).Should().BeFalse();
        levels.IsEnabled("StandaloneConnect.Runtime.Herder.StandaloneHerder", LogLevel.Error).Should().BeTrue();
        levels.IsEnabled("Microsoft.AspNetCore.Hosting", LogLevel.Information).Should().BeTrue();
    }

    [Test]
    public void IsEnabled_LevelChangedAfterFirstCall_SeesNewLevel()
    {
        var levels = new LoggerLevels(_time, "INFO");
        levels.IsEnabled(TaskLogger, LogLevel.Debug).Should().BeFalse();

        levels.SetLevel(Workers, "DEBUG");
        levels.IsEnabled(TaskLogger, LogLevel.Debug).Should().BeTrue();

        levels.SetLevel(TaskLogger, "OFF");
        levels.IsEnabled(TaskLogger, LogLevel.Critical).Should().BeFalse();
    }

    [Test]
    public void IsEnabled_NewCategoryUnderExplicitAncestor_InheritsIt()
    {
        var levels = new LoggerLevels(_time, "INFO");
        levels.SetLevel("StandaloneConnect.Connectors", "TRACE");

        levels.IsEnabled("StandaloneConnect.Connectors.File.FileStreamSourceTask", LogLevel.Trace).Should().BeTrue();
    }

    [Test]
    public void IsEnabled_CachedCategory_AllocatesNothing()
    {
        var levels = new LoggerLevels(_time, "INFO");
        levels.IsEnabled(TaskLogger, LogLevel.Debug);

        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 1000; i++)
        {
            levels.IsEnabled(TaskLogger, LogLevel.Debug);
        }

        GC.GetAllocatedBytesForCurrentThread().Should().Be(before);
    }

    [Test]
    public void Level_UsedCategoryWithoutExplicitLevel_ReturnsEffectiveLevelWithoutTime()
    {
        var levels = new LoggerLevels(_time, "INFO");
        levels.SetLevel(Workers, "DEBUG");
        levels.IsEnabled("StandaloneConnect.Runtime.Workers.Late", LogLevel.Information);

        levels.Level("StandaloneConnect.Runtime.Workers.Late").Should().Be(new LoggerLevel("DEBUG", null));
    }

    [Test]
    public void Level_UnknownLogger_ReturnsNull()
    {
        var levels = new LoggerLevels(_time, "INFO");
        levels.IsEnabled(TaskLogger, LogLevel.Information);

        levels.Level("StandaloneConnect.Runtime.Workers").Should().BeNull();
        levels.Level("nope").Should().BeNull();
    }

    [TestCase("root")]
    [TestCase("ROOT")]
    [TestCase("Root")]
    public void Level_RootAnyCase_ReturnsRootLevel(string name)
    {
        var levels = new LoggerLevels(_time, "Warning");

        levels.Level(name).Should().Be(new LoggerLevel("WARN", null));
    }

    [Test]
    public void SetLevel_Namespace_SetsItselfAndEveryKnownLoggerWithThePrefix()
    {
        var levels = new LoggerLevels(_time, "INFO");
        levels.IsEnabled(TaskLogger, LogLevel.Information);
        levels.IsEnabled("StandaloneConnect.Runtime.WorkersExtra", LogLevel.Information);
        levels.IsEnabled("StandaloneConnect.Runtime.Herder.StandaloneHerder", LogLevel.Information);

        var affected = levels.SetLevel(Workers, "DEBUG");

        // Kafka's Loggers.setLevel matches with a plain String.startsWith: not dot-aware.
        affected.Should().Equal(Workers, TaskLogger, "StandaloneConnect.Runtime.WorkersExtra");
        levels.Level(TaskLogger).Should().Be(new LoggerLevel("DEBUG", Start.ToUnixTimeMilliseconds()));
        levels.Level("StandaloneConnect.Runtime.Herder.StandaloneHerder").Should().Be(new LoggerLevel("INFO", null));
    }

    [Test]
    public void SetLevel_UnknownName_CreatesThatLogger()
    {
        var levels = new LoggerLevels(_time, "INFO");

        levels.SetLevel("org.example", "ERROR").Should().Equal("org.example");

        levels.Level("org.example").Should().Be(new LoggerLevel("ERROR", Start.ToUnixTimeMilliseconds()));
        levels.KnownLoggers().Should().Equal("org.example");
    }

    [Test]
    public void SetLevel_Root_SetsRootAndEveryKnownLogger()
    {
        var levels = new LoggerLevels(_time, "INFO");
        levels.SetLevel(Workers, "ERROR");
        levels.IsEnabled("Microsoft.AspNetCore.Hosting", LogLevel.Information);

        var affected = levels.SetLevel("Root", "trace");

        affected.Should().Equal("Microsoft.AspNetCore.Hosting", Workers, "root");
        levels.AllExplicit().Values.Select(l => l.Level).Should().OnlyContain(l => l == "TRACE");
        levels.IsEnabled("Brand.New", LogLevel.Trace).Should().BeTrue();
    }

    [Test]
    public void SetLevel_SameLevelAgain_KeepsLastModified()
    {
        var levels = new LoggerLevels(_time, "INFO");
        levels.SetLevel(Workers, "DEBUG");
        _time.Advance(TimeSpan.FromSeconds(5));

        levels.SetLevel(Workers, "debug");

        levels.Level(Workers)!.LastModified.Should().Be(Start.ToUnixTimeMilliseconds());
    }

    [Test]
    public void SetLevel_LevelReallyChanges_UpdatesLastModified()
    {
        var levels = new LoggerLevels(_time, "INFO");
        levels.SetLevel(Workers, "DEBUG");
        _time.Advance(TimeSpan.FromSeconds(5));

        levels.SetLevel(Workers, "WARN");

        levels.Level(Workers).Should().Be(new LoggerLevel("WARN", Start.AddSeconds(5).ToUnixTimeMilliseconds()));
    }

    [Test]
    public void SetLevel_SameAsInheritedLevel_SetsExplicitlyWithoutTime()
    {
        var levels = new LoggerLevels(_time, "INFO");

        levels.SetLevel(Workers, "INFO");

        levels.AllExplicit().Should().ContainKey(Workers).WhoseValue.Should().Be(new LoggerLevel("INFO", null));
    }

    [Test]
    public void SetLevel_ChildInheritedFromChangedParent_GetsTimeToo()
    {
        var levels = new LoggerLevels(_time, "INFO");
        levels.IsEnabled(TaskLogger, LogLevel.Information);

        levels.SetLevel(Workers, "DEBUG");

        levels.Level(TaskLogger)!.LastModified.Should().Be(Start.ToUnixTimeMilliseconds());
    }

    [Test]
    public void SetLevel_RootSameLevel_LeavesRootUnmodified()
    {
        var levels = new LoggerLevels(_time, "INFO");

        levels.SetLevel("root", "INFO");

        levels.Level("root").Should().Be(new LoggerLevel("INFO", null));
    }

    [Test]
    public void SetLevel_InvalidLevel_Throws()
    {
        var levels = new LoggerLevels(_time, "INFO");

        var set = () => levels.SetLevel(Workers, "Information");

        set.Should().Throw<ArgumentException>().WithMessage("invalid log level 'Information'.*");
        levels.KnownLoggers().Should().BeEmpty();
    }

    [Test]
    public void AllExplicit_InitialAndSetLevels_ListsOnlyExplicitPlusRootSorted()
    {
        var levels = new LoggerLevels(_time, "INFO", new Dictionary<string, string> { ["Microsoft.AspNetCore"] = "WARN" });
        levels.IsEnabled(TaskLogger, LogLevel.Information);
        levels.SetLevel("StandaloneConnect.Runtime.Herder", "DEBUG");

        var all = levels.AllExplicit();

        all.Keys.Should().Equal("Microsoft.AspNetCore", "StandaloneConnect.Runtime.Herder", "root");
        all["Microsoft.AspNetCore"].Should().Be(new LoggerLevel("WARN", null));
        all["root"].Should().Be(new LoggerLevel("INFO", null));
    }

    [Test]
    public void Constructor_InvalidRootLevel_Throws()
    {
        var create = () => new LoggerLevels(_time, "LOUD");

        create.Should().Throw<ArgumentException>();
    }

    [Test]
    public void Constructor_NoRootLevel_DefaultsToInfo()
    {
        new LoggerLevels(_time, null).Level("root")!.Level.Should().Be("INFO");
    }

    [Test]
    public async Task SetLevel_ConcurrentWithIsEnabled_EndsWithLastLevel()
    {
        var levels = new LoggerLevels(_time, "INFO");
        var categories = Enumerable.Range(0, 50).Select(i => $"{Workers}.T{i}").ToArray();
        using var stop = new CancellationTokenSource();
        var readers = Enumerable.Range(0, 4).Select(_ => Task.Run(() =>
        {
            while (!stop.IsCancellationRequested)
            {
                foreach (var category in categories)
                {
                    levels.IsEnabled(category, LogLevel.Debug);
                }
            }
        })).ToArray();

        for (var i = 0; i < 200; i++)
        {
            levels.SetLevel(Workers, i % 2 == 0 ? "DEBUG" : "ERROR");
        }

        levels.SetLevel(Workers, "TRACE");
        await stop.CancelAsync();
        await Task.WhenAll(readers);

        categories.Should().OnlyContain(c => levels.IsEnabled(c, LogLevel.Trace));
    }
}
