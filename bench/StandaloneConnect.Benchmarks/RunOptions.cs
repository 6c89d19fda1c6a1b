namespace StandaloneConnect.Benchmarks;

/// <summary>This program's own options; everything else goes to BenchmarkDotNet's command line.</summary>
public sealed record RunOptions(string? ResultsPath, string? Commit, string? Note, bool Quick, string[] BenchmarkDotNetArgs)
{
    public static RunOptions Parse(string[] args)
    {
        string? results = null, commit = null, note = null;
        var quick = false;
        var rest = new List<string>();
        for (var i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--results":
                    results = Value(args, ref i);
                    break;
                case "--commit":
                    commit = Value(args, ref i);
                    break;
                case "--note":
                    note = Value(args, ref i);
                    break;
                case "--quick":
                    quick = true;
                    break;
                default:
                    rest.Add(args[i]);
                    break;
            }
        }

        if (!rest.Any(a => a is "--filter" or "-f" || a.StartsWith("--filter=", StringComparison.Ordinal)))
        {
            rest.AddRange(["--filter", "*"]);
        }

        return new RunOptions(results, commit, note, quick, [.. rest]);
    }

    private static string Value(string[] args, ref int i) =>
        i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{args[i]} needs a value");
}
