using Microsoft.Extensions.Logging.Abstractions;
using StandaloneConnect.Runtime.Configuration;
using StandaloneConnect.Runtime.Herder;
using StandaloneConnect.Runtime.Plugins;
using StandaloneConnect.Runtime.Transforms;
using StandaloneConnect.Runtime.Workers;
using StandaloneConnect.Sdk;
using StandaloneConnect.Sdk.Config;

namespace StandaloneConnect.Cli.PipelineTest;

/// <summary>
/// <c>connect-standalone pipeline-test CONNECTOR_FILE [--worker WORKER_FILE] [--input FILE] [--explain]</c>: runs a
/// connector file's converters, transforms and predicates on JSON Lines records without Kafka. Surviving records go
/// to stdout in the input format; problems go to stderr. Exit code 0 when every line passed, 1 otherwise (invalid
/// config: nothing is read or written).
/// </summary>
internal static class PipelineTestCommand
{
    /// <summary>Without --worker the converters are those of Kafka's shipped connect-standalone.properties.</summary>
    public static readonly IReadOnlyDictionary<string, string> DefaultWorker = new Dictionary<string, string>
    {
        [WorkerConfig.KeyConverter] = "org.apache.kafka.connect.json.JsonConverter",
        [WorkerConfig.ValueConverter] = "org.apache.kafka.connect.json.JsonConverter",
        ["key.converter.schemas.enable"] = "true",
        ["value.converter.schemas.enable"] = "true",
        [WorkerConfig.OffsetStorageFileName] = NoOffsets,
    };

    /// <summary>Nothing is stored, so a worker file need not name an offsets file.</summary>
    private static readonly IReadOnlyDictionary<string, string> WorkerFileDefaults = new Dictionary<string, string>
    {
        [WorkerConfig.OffsetStorageFileName] = NoOffsets,
    };

    private const string NoOffsets = "(pipeline-test stores no offsets)";
    private const string Failed = "pipeline-test: ";

    public static int Run(string connectorFile, string? workerFile, string? inputFile, bool explain, TextReader stdin, TextWriter stdout,
        TextWriter stderr)
    {
        var setup = Load(connectorFile, workerFile, stderr);
        if (setup is null)
        {
            return ExitCodes.Usage;
        }

        using (setup)
        {
            TextReader input;
            try
            {
                input = inputFile is null or "-" ? stdin : File.OpenText(inputFile);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                stderr.WriteLine($"{Failed}cannot read --input {inputFile}: {e.Message}");
                return ExitCodes.Usage;
            }

            using (inputFile is null or "-" ? null : input)
            {
                var pipeline = new RecordPipeline(setup.IsSink, setup.Converters, setup.Chain, setup.Json, explain ? stderr : null);
                return RunLines(input, inputFile is null or "-" ? "stdin" : inputFile, pipeline, setup.Json, stdout, stderr)
                    ? ExitCodes.Ok
                    : ExitCodes.Usage;
            }
        }
    }

    /// <summary>Runs every line; returns false when at least one line failed (each failure was reported).</summary>
    private static bool RunLines(TextReader input, string inputName, RecordPipeline pipeline, PipelineRecordJson json, TextWriter stdout,
        TextWriter stderr)
    {
        var ok = true;
        var number = 0;
        while (input.ReadLine() is { } line)
        {
            number++;
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            var where = $"{inputName}:{number}";
            try
            {
                var record = json.Parse(line);
                if (pipeline.Run(record, where) is { } output)
                {
                    stdout.WriteLine(json.Write(output, record.Offset));
                }
            }
            catch (PipelineInputException e)
            {
                stderr.WriteLine($"{where}: input: {e.Message}");
                ok = false;
            }
            catch (PipelineStageException e)
            {
                stderr.WriteLine($"{where}: {e.Stage}: {e.Message}");
                ok = false;
            }
        }

        return ok;
    }

    /// <summary>Worker, plugins, connector config, converters and chain; null (after reporting every problem) when any is invalid.</summary>
    private static Setup? Load(string connectorFile, string? workerFile, TextWriter stderr)
    {
        WorkerConfig worker;
        ConfigTransformer transformer;
        try
        {
            (worker, transformer) = ConnectHost.LoadWorkerConfig(workerFile ?? "", workerFile is null ? DefaultWorker : WorkerFileDefaults,
                workerFile is null ? "(no --worker file)" : null);
        }
        catch (StartupException e)
        {
            stderr.WriteLine(Failed + e.Message);
            return null;
        }

        var problems = new List<string>();
        TaskConverters? converters = null;
        TransformationChain? chain = null;
        var isSink = false;
        try
        {
            var plugins = new PluginRegistry(PluginAssemblies.Load(worker.Parsed.GetList(WorkerConfig.PluginPath), NullLogger.Instance),
                TimeProvider.System, NullLoggerFactory.Instance);
            var file = ConnectorConfigFile.Load(connectorFile);
            var validation = new ConnectorValidator(plugins, worker, transformer).Validate(file.Config);
            problems.AddRange(validation.Errors);
            var config = transformer.Transform(file.Config);
            isSink = plugins.FindConnector(validation.ConnectorClass)?.Kind == PluginType.Sink;
            if (validation.ErrorCount == 0)
            {
                // The worker's converters are only configured here (validation checks the connector's own).
                converters = Collect(problems, () => TaskConverters.Create(config, worker, plugins));
                chain = Collect(problems, () => TransformationChain.Build(config, plugins));
            }
        }
        catch (ConfigFileException e)
        {
            return Fail(stderr, e.Message, transformer);
        }
        catch (Exception e) when (e is ConfigException or ConnectException or IOException)
        {
            return Fail(stderr, $"{connectorFile}: {e.Message}", transformer);
        }

        if (problems.Count > 0 || converters is null || chain is null)
        {
            chain?.Dispose();
            return Fail(stderr, $"{connectorFile}: Connector configuration is invalid and contains the following {problems.Count} error(s):" +
                string.Concat(problems.Distinct().Select(p => Environment.NewLine + "  " + p)), transformer);
        }

        return new Setup(isSink, converters, chain, transformer);
    }

    private static Setup? Fail(TextWriter stderr, string message, ConfigTransformer transformer)
    {
        stderr.WriteLine(Failed + message);
        transformer.Dispose();
        return null;
    }

    private static T? Collect<T>(List<string> problems, Func<T> create) where T : class
    {
        try
        {
            return create();
        }
        catch (ConfigValidationException e)
        {
            problems.AddRange(e.Problems);
        }
        catch (Exception e) when (e is ConfigException or ConnectException)
        {
            problems.Add(e.Message);
        }

        return null;
    }

    private sealed record Setup(bool IsSink, TaskConverters Converters, TransformationChain Chain, ConfigTransformer Transformer) : IDisposable
    {
        public PipelineRecordJson Json { get; } = new();

        public void Dispose()
        {
            Chain.Dispose();
            Transformer.Dispose();
        }
    }
}
