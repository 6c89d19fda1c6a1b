using Microsoft.Extensions.Logging;
using StandaloneConnect.Runtime.Logging;

namespace StandaloneConnect.Runtime.Tests.Logging;

public sealed class Log4jLevelTests
{
    [TestCase("OFF", "OFF")]
    [TestCase("fatal", "FATAL")]
    [TestCase("Error", "ERROR")]
    [TestCase("warn", "WARN")]
    [TestCase("INFO", "INFO")]
    [TestCase("debug", "DEBUG")]
    [TestCase(" trace ", "TRACE")]
    [TestCase("all", "ALL")]
    public void TryParse_Log4jName_ReturnsUpperCaseName(string text, string expected)
    {
        LoggerLevels.TryParseLevel(text, out var level).Should().BeTrue();
        level.Should().Be(expected);
    }

    [TestCase("Information")]
    [TestCase("Warning")]
    [TestCase("")]
    [TestCase("3")]
    [TestCase(null)]
    public void TryParse_NotALog4jName_ReturnsFalse(string? text)
    {
        Log4jLevel.TryParse(text, out _).Should().BeFalse();
    }

    [TestCase("Trace", "TRACE")]
    [TestCase("Debug", "DEBUG")]
    [TestCase("information", "INFO")]
    [TestCase("WARNING", "WARN")]
    [TestCase("Error", "ERROR")]
    [TestCase("Critical", "FATAL")]
    [TestCase("None", "OFF")]
    [TestCase("warn", "WARN")]
    [TestCase("ALL", "ALL")]
    public void TryParseConfigured_DotNetOrLog4jName_ReturnsLog4jName(string text, string expected)
    {
        Log4jLevel.TryParseConfigured(text, out var level).Should().BeTrue();
        level.Should().Be(expected);
    }

    [TestCase("2")]
    [TestCase("verbose")]
    [TestCase(null)]
    public void TryParseConfigured_Unknown_ReturnsFalse(string? text)
    {
        Log4jLevel.TryParseConfigured(text, out _).Should().BeFalse();
    }

    [TestCase("OFF", LogLevel.None)]
    [TestCase("FATAL", LogLevel.Critical)]
    [TestCase("ERROR", LogLevel.Error)]
    [TestCase("WARN", LogLevel.Warning)]
    [TestCase("INFO", LogLevel.Information)]
    [TestCase("DEBUG", LogLevel.Debug)]
    [TestCase("TRACE", LogLevel.Trace)]
    [TestCase("ALL", LogLevel.Trace)]
    public void ToLogLevel_Log4jName_MapsToMicrosoftLevel(string log4j, LogLevel expected)
    {
        Log4jLevel.ToLogLevel(log4j).Should().Be(expected);
    }
}
