using System.Globalization;

namespace StandaloneConnect.Benchmarks;

/// <summary>
/// The pass/fail lines. S3's come from shared/reference/performance.md section 5: 50 ns per SMT per record. S3's other
/// target (source -> chain -> Kafka at least 0.75x the throughput of S1(b)) is end to end, where the producer's
/// ~1.3-1.7 us per record dominates; without the producer it cannot be judged here, so ChainThenConvert only reports
/// its throughput relative to conversion alone. The JsonConverter ones are this harness's: the
/// converter writes the same bytes as the hand-written floor, so it may cost at most 1.25x (strings) / 1.5x (Struct)
/// of it and allocate no more; reading may cost 1.5x (strings) / 2x (Struct, generic value building) of a reader that
/// knows the shape. All are ratios measured in the same run, except the absolute 50 ns/SMT that S3 sets.
/// </summary>
public static class Targets
{
    public const double NsPerSmt = 50;
    public const int ChainLength = 5;

    public static (string Target, string? Measured, bool? Pass) Judge(string table, string group, string method, double meanNs,
        double? ratio, long? allocated, long? baselineAllocated)
    {
        var isStruct = group.StartsWith("Struct", StringComparison.Ordinal);
        switch (table)
        {
            case nameof(JsonFromConnectData):
            {
                var max = isStruct ? 1.5 : 1.25;
                var allocOk = allocated is null || baselineAllocated is null || allocated <= baselineAllocated;
                return ($"ratio ≤ {F(max)}, alloc ≤ baseline", $"{F(ratio)}, {allocated} B", ratio <= max && allocOk);
            }

            case nameof(JsonToConnectData):
            {
                var max = isStruct ? 2.0 : 1.5;
                return ($"ratio ≤ {F(max)}", F(ratio), ratio <= max);
            }

            case nameof(SmtChain) when method == nameof(SmtChain.Chain):
            {
                var perSmt = meanNs / ChainLength;
                return ($"≤ {F(NsPerSmt)} ns/SMT/rec (S3)", $"{F(perSmt)} ns/SMT", perSmt <= NsPerSmt);
            }

            case nameof(SmtChain) when method == nameof(SmtChain.ChainThenConvert):
            {
                double? throughput = ratio is > 0 ? 1 / ratio : null;
                return ("none here: S3's 0.75× is end to end (with the producer)", $"{F(throughput)}× convert-only", null);
            }

            case nameof(SmtChain):
                return ($"≤ {F(NsPerSmt)} ns/rec (one SMT)", $"{F(meanNs)} ns", meanNs <= NsPerSmt);

            default:
                return ("—", null, null);
        }
    }

    public static string F(double? value) => value switch
    {
        null or double.NaN => "n/a",
        >= 100 => value.Value.ToString("F0", CultureInfo.InvariantCulture),
        >= 10 => value.Value.ToString("F1", CultureInfo.InvariantCulture),
        _ => value.Value.ToString("F2", CultureInfo.InvariantCulture),
    };
}
