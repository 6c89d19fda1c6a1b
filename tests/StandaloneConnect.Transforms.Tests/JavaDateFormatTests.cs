using StandaloneConnect.Sdk;
using StandaloneConnect.Sdk.Config;

namespace StandaloneConnect.Transforms.Tests;

/// <summary>Expected strings are what <c>SimpleDateFormat</c> prints in a UTC JVM with an English locale.</summary>
public sealed class JavaDateFormatTests
{
    // 2024-01-15T10:30:05.007Z, a Monday
    private const long Morning = 1705314605007L;

    // 2024-07-04T23:05:09.450Z, a Thursday
    private const long Evening = 1720134309450L;

    [TestCase("yyyyMMdd", Morning, "20240115")]
    [TestCase("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'", Morning, "2024-01-15T10:30:05.007Z")]
    [TestCase("yy/M/d H:m:s.S", Morning, "24/1/15 10:30:5.7")]
    [TestCase("y", Morning, "2024")]
    [TestCase("yyyyy", Morning, "02024")]
    [TestCase("MMM MMMM", Morning, "Jan January")]
    [TestCase("E EEE EEEE", Morning, "Mon Mon Monday")]
    [TestCase("EEEE, d MMMM yyyy", Evening, "Thursday, 4 July 2024")]
    [TestCase("hh:mm a", Morning, "10:30 AM")]
    [TestCase("h:mm a", Evening, "11:05 PM")]
    [TestCase("K k", Evening, "11 23")]
    [TestCase("D F u G", Evening, "186 1 4 AD")]
    [TestCase("z zzzz", Morning, "UTC Coordinated Universal Time")]
    [TestCase("Z X XX XXX", Morning, "+0000 Z Z Z")]
    [TestCase("'o''clock' '' yyyy", Morning, "o'clock ' 2024")]
    [TestCase("yyyy_MM-dd.HH", Evening, "2024_07-04.23")]
    [TestCase("", Morning, "")]
    public void Format_Pattern_MatchesSimpleDateFormat(string pattern, long millis, string expected) =>
        JavaDateFormat.Parse(pattern).Format(millis).Should().Be(expected);

    [Test]
    public void Format_Midnight_HourLettersFollowJava()
    {
        var midnight = JavaDateFormat.Parse("H h K k a").Format(1704067200000L); // 2024-01-01T00:00:00Z
        midnight.Should().Be("0 12 0 24 AM");
    }

    [Test]
    public void Format_NegativeMillis_IsBeforeEpoch() =>
        JavaDateFormat.Parse("yyyy-MM-dd HH:mm:ss.SSS").Format(-1L).Should().Be("1969-12-31 23:59:59.999");

    // Unlike SimpleDateFormat (Julian calendar before 1582-10-15), dates are proleptic Gregorian throughout.
    [TestCase(-62_135_596_800_000L, "0001-01-01 00:00:00.000")]
    [TestCase(253_402_300_799_999L, "9999-12-31 23:59:59.999")]
    public void Format_RangeEdges_UsesProlepticGregorianCalendar(long millis, string expected) =>
        JavaDateFormat.Parse("yyyy-MM-dd HH:mm:ss.SSS").Format(millis).Should().Be(expected);

    [TestCase(-62_135_596_800_001L)]
    [TestCase(253_402_300_800_000L)]
    [TestCase(long.MaxValue)]
    public void Format_OutOfRange_ThrowsDataException(long millis) =>
        FluentActions.Invoking(() => JavaDateFormat.Parse("yyyy").Format(millis)).Should().Throw<DataException>()
            .WithMessage($"Timestamp {millis} is outside the supported range (years 1 to 9999)");

    [TestCase("yyyy-MM-dd q", "Illegal pattern character 'q'")]
    [TestCase("T", "Illegal pattern character 'T'")]
    [TestCase("XXXX", "invalid ISO 8601 format: length=4")]
    [TestCase("yyyy 'unterminated", "Unterminated quote in date format pattern 'yyyy 'unterminated'")]
    [TestCase("YYYY", "Pattern letter 'Y' (week-based date) is not supported in date formats; use y, M, d instead")]
    [TestCase("ww", "Pattern letter 'w' (week-based date) is not supported in date formats; use y, M, d instead")]
    public void Parse_InvalidPattern_ThrowsConfigException(string pattern, string message) =>
        FluentActions.Invoking(() => JavaDateFormat.Parse(pattern)).Should().Throw<ConfigException>().WithMessage(message);

    [TestCase("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'", "2024-01-15T10:30:05.007Z", Morning)]
    [TestCase("yyyyMMddHHmmssSSS", "20240115103005007", Morning)]
    [TestCase("yyyy-MM-dd", "2024-01-15", 1705276800000L)]
    [TestCase("yyyy-MM-dd", "2024-01-15 trailing text is ignored", 1705276800000L)]
    [TestCase("yyyy-M-d H:m:s", "2024-1-15 10:30:5", 1705314605000L)]
    [TestCase("HH:mm", "10:30", 37800000L)]
    [TestCase("dd MMM yyyy", "04 Jul 2024", 1720051200000L)]
    [TestCase("dd MMM yyyy", "04 july 2024", 1720051200000L)]
    [TestCase("EEEE, d MMMM yyyy h:mm a", "Thursday, 4 July 2024 11:05 PM", 1720134300000L)]
    [TestCase("hh:mm a", "12:15 AM", 900000L)]
    [TestCase("yyyy-MM-dd HH:mm Z", "2024-01-15 12:30 +0200", 1705314600000L)]
    [TestCase("yyyy-MM-dd HH:mm XXX", "2024-01-15 05:30 -05:00", 1705314600000L)]
    [TestCase("yyyy-MM-dd HH:mm X", "2024-01-15 10:30 Z", 1705314600000L)]
    [TestCase("yyyy-MM-dd HH:mm z", "2024-01-15 10:30 UTC", 1705314600000L)]
    [TestCase("yyyy-MM-dd", "2024-13-01", 1735689600000L)] // lenient: month 13 rolls into the next year
    [TestCase("yyyy-MM-dd", "2024-02-30", 1709251200000L)] // lenient: 30 February is 1 March
    [TestCase("yyyy-MM-dd", "  2024-01-15", 1705276800000L)]
    [TestCase("yyyy D", "2024 186", 1720051200000L)]
    [TestCase("'o''clock' HH", "o'clock 01", 3600000L)]
    public void TryParse_MatchingText_ReturnsUtcMillis(string pattern, string text, long expected)
    {
        JavaDateFormat.Parse(pattern).TryParse(text, out var millis).Should().BeTrue();
        millis.Should().Be(expected);
    }

    [TestCase("yyyy-MM-dd", "not a date")]
    [TestCase("yyyy-MM-dd", "2024/01/15")]
    [TestCase("yyyy-MM-dd", "2024-01")]
    [TestCase("dd MMM yyyy", "04 Foo 2024")]
    [TestCase("HH:mm a", "10:30 XM")]
    [TestCase("yyyy", "")]
    public void TryParse_MismatchingText_ReturnsFalse(string pattern, string text) =>
        JavaDateFormat.Parse(pattern).TryParse(text, out _).Should().BeFalse();

    [Test]
    public void TryParse_TwoDigitYear_UsesTheCenturyStartingEightyYearsAgo()
    {
        var format = JavaDateFormat.Parse("yy-MM-dd");
        var centuryStart = DateTime.UtcNow.Year - 80;
        var next = (centuryStart + 1) % 100;
        format.TryParse($"{next:00}-01-01", out var millis).Should().BeTrue();
        DateTimeOffset.FromUnixTimeMilliseconds(millis).Year.Should().Be(centuryStart + 1);
    }

    [Test]
    public void ParseMillis_RoundTripsFormat()
    {
        var format = JavaDateFormat.Parse("yyyy-MM-dd'T'HH:mm:ss.SSSZ");
        format.ParseMillis(format.Format(Evening)).Should().Be(Evening);
        FluentActions.Invoking(() => format.ParseMillis("x")).Should().Throw<FormatException>();
    }
}
