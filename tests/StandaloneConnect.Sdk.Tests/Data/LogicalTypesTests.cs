using System.Globalization;
using StandaloneConnect.Sdk;
using StandaloneConnect.Sdk.Data;

namespace StandaloneConnect.Sdk.Tests.Data;

public sealed class LogicalTypesTests
{
    [Test]
    public void DecimalSchema_HasKafkasShape()
    {
        var schema = ConnectDecimal.Schema(2);

        schema.Type.Should().Be(SchemaType.Bytes);
        schema.Name.Should().Be("org.apache.kafka.connect.data.Decimal");
        schema.Version.Should().Be(1);
        schema.Parameters.Should().Equal(new Dictionary<string, string> { ["scale"] = "2" });
        ConnectDecimal.Scale(schema).Should().Be(2);
    }

    [TestCase("1.00", 2)]
    [TestCase("-1.50", 2)]
    [TestCase("-0.01", 2)]
    [TestCase("0", 0)]
    [TestCase("123456789.123456789", 9)]
    [TestCase("79228162514264337593543950335", 0)]
    [TestCase("-79228162514264337593543950335", 0)]
    [TestCase("-7.9228162514264337593543950335", 28)]
    public void Decimal_RoundTrip_KeepsValueAndScale(string text, int scale)
    {
        var value = decimal.Parse(text, CultureInfo.InvariantCulture);
        var schema = ConnectDecimal.Schema(scale);

        var back = ConnectDecimal.ToLogical(schema, ConnectDecimal.FromLogical(schema, value));

        back.Should().Be(value);
        back.ToString(CultureInfo.InvariantCulture).Should().Be(text);
    }

    [TestCase("1.00", 2, new byte[] { 0x64 })]
    [TestCase("-1", 0, new byte[] { 0xFF })]
    [TestCase("1.28", 2, new byte[] { 0x00, 0x80 })]
    [TestCase("-1.29", 2, new byte[] { 0xFF, 0x7F })]
    [TestCase("0", 0, new byte[] { 0x00 })]
    public void Decimal_FromLogical_IsMinimalBigEndianTwosComplement(string text, int scale, byte[] expected)
    {
        var bytes = ConnectDecimal.FromLogical(ConnectDecimal.Schema(scale), decimal.Parse(text, CultureInfo.InvariantCulture));

        bytes.Should().Equal(expected);
    }

    [Test]
    public void Decimal_ValueWithSmallerScale_IsRescaledToTheSchema()
    {
        var schema = ConnectDecimal.Schema(2);

        var back = ConnectDecimal.ToLogical(schema, ConnectDecimal.FromLogical(schema, 1m));

        back.ToString(CultureInfo.InvariantCulture).Should().Be("1.00");
    }

    [Test]
    public void Decimal_ValueWithLargerScale_Throws()
    {
        var act = () => ConnectDecimal.FromLogical(ConnectDecimal.Schema(2), 1.234m);

        act.Should().Throw<DataException>().WithMessage(
            "Decimal value has mismatching scale for given Decimal schema. Schema has scale 2, value has scale 3");
    }

    [Test]
    public void Decimal_SchemaWithoutScale_Throws()
    {
        var act = () => ConnectDecimal.Scale(SchemaBuilder.Bytes().SetName(ConnectDecimal.LogicalName).Build());

        act.Should().Throw<DataException>().WithMessage("Invalid Decimal schema: scale parameter not found.");
    }

    [Test]
    public void Decimal_UnscaledValueBeyond96Bits_Throws()
    {
        var act = () => ConnectDecimal.ToLogical(ConnectDecimal.Schema(0), new byte[] { 0x01, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0 });

        act.Should().Throw<DataException>();
    }

    [TestCase("1970-01-01", 0)]
    [TestCase("1969-12-31", -1)]
    [TestCase("2024-02-29", 19782)]
    public void Date_RoundTrip_IsDaysSinceEpoch(string date, int days)
    {
        var value = DateTime.SpecifyKind(DateTime.Parse(date, CultureInfo.InvariantCulture), DateTimeKind.Utc);

        ConnectDate.FromLogical(value).Should().Be(days);
        ConnectDate.ToLogical(days).Should().Be(value);
        ConnectDate.Schema.Should().Be(SchemaBuilder.Int32().SetName("org.apache.kafka.connect.data.Date").SetVersion(1).Build());
    }

    [Test]
    public void Date_WithTimeOfDay_Throws()
    {
        var act = () => ConnectDate.FromLogical(new DateTime(2024, 1, 1, 0, 0, 1, DateTimeKind.Utc));

        act.Should().Throw<DataException>().WithMessage("Kafka Connect Date type should not have any time fields set to non-zero values.");
    }

    [Test]
    public void Time_RoundTrip_IsMillisSinceMidnight()
    {
        var value = DateTime.UnixEpoch.AddMilliseconds(3_723_004);

        ConnectTime.FromLogical(value).Should().Be(3_723_004);
        ConnectTime.ToLogical(3_723_004).Should().Be(value);
    }

    [Test]
    public void Time_WithDate_Throws()
    {
        var act = () => ConnectTime.FromLogical(new DateTime(2024, 1, 1, 1, 0, 0, DateTimeKind.Utc));

        act.Should().Throw<DataException>().WithMessage("Kafka Connect Time type should not have any date fields set to non-zero values.");
    }

    [TestCase(-1)]
    [TestCase(86_400_001)]
    public void Time_ToLogicalOutOfRange_Throws(int millis)
    {
        var act = () => ConnectTime.ToLogical(millis);

        act.Should().Throw<DataException>().WithMessage("Time values must use number of milliseconds greater than 0 and less than 86400000");
    }

    [TestCase(0L)]
    [TestCase(1_714_564_800_123L)]
    [TestCase(-1L)]
    public void Timestamp_RoundTrip_IsMillisSinceEpoch(long millis)
    {
        var value = ConnectTimestamp.ToLogical(millis);

        ConnectTimestamp.FromLogical(value).Should().Be(millis);
        value.Should().Be(DateTime.UnixEpoch.AddMilliseconds(millis));
    }

    [Test]
    public void Timestamp_SubMillisecondTicks_AreDropped()
    {
        var value = DateTime.UnixEpoch.AddMilliseconds(5).AddTicks(9_999);

        ConnectTimestamp.FromLogical(value).Should().Be(5);
    }

    [Test]
    public void LogicalSchemas_AcceptTheirClrTypesOnly()
    {
        var decimalOk = () => Schema.ValidateValue(ConnectDecimal.Schema(2), 1.5m);
        var decimalBytes = () => Schema.ValidateValue(ConnectDecimal.Schema(2), new byte[] { 1 });
        var timestampOk = () => Schema.ValidateValue(ConnectTimestamp.Schema, DateTime.UtcNow);
        var timestampLong = () => Schema.ValidateValue(ConnectTimestamp.Schema, 5L);

        decimalOk.Should().NotThrow();
        decimalBytes.Should().Throw<DataException>();
        timestampOk.Should().NotThrow();
        timestampLong.Should().Throw<DataException>();
    }
}
