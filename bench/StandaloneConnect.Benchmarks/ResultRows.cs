using BenchmarkDotNet.Reports;

namespace StandaloneConnect.Benchmarks;

/// <summary>One measured benchmark, its ratio to the baseline of its group in the same run, and its target.</summary>
public sealed record ResultRow(string Table, string Group, string Method, bool IsBaseline, double MeanNs, double MedianNs, double ErrorNs,
    long? AllocatedBytes, double? Ratio, string Target, string? Measured, bool? Pass);

public static class ResultRows
{
    public static List<ResultRow> From(IEnumerable<Summary> summaries)
    {
        var measured = summaries.SelectMany(s => s.Reports)
            .Where(r => r.Success && r.ResultStatistics is not null)
            .Select(r =>
            {
                var c = r.BenchmarkCase;
                var group = c.HasParameters ? c.Parameters.DisplayInfo.Trim('[', ']') : string.Join(", ", c.Descriptor.Categories);
                var table = c.Descriptor.Type.Name;
                return (Table: table, Group: group, Method: c.Descriptor.WorkloadMethod.Name, c.Descriptor.Baseline,
                    Mean: r.ResultStatistics!.Mean, r.ResultStatistics.Median, Error: r.ResultStatistics.ConfidenceInterval.Margin,
                    Allocated: r.GcStats.GetBytesAllocatedPerOperation(c));
            })
            .ToList();

        var rows = new List<ResultRow>();
        // Tables in run order; inside a table strings before Structs, schemas off before on (Params keep their order).
        foreach (var group in measured.GroupBy(m => (m.Table, m.Group))
            .OrderBy(g => g.Key.Table, StringComparer.Ordinal)
            .ThenBy(g => g.Key.Group.StartsWith("string", StringComparison.Ordinal) ? 0 : 1)
            .ThenBy(g => g.Key.Group.EndsWith("true", StringComparison.Ordinal) ? 1 : 0))
        {
            var baseline = group.FirstOrDefault(m => m.Baseline);
            foreach (var m in group.OrderByDescending(m => m.Baseline))
            {
                double? ratio = baseline.Method is null ? null : m.Mean / baseline.Mean;
                var baselineAlloc = baseline.Method is null ? null : baseline.Allocated;
                var (target, value, pass) = m.Baseline
                    ? ("in-run baseline", null, (bool?)null)
                    : Targets.Judge(m.Table, m.Group, m.Method, m.Mean, ratio, m.Allocated, baselineAlloc);
                rows.Add(new ResultRow(m.Table, m.Group, m.Method, m.Baseline, m.Mean, m.Median, m.Error, m.Allocated, ratio, target, value, pass));
            }
        }

        return rows;
    }
}
