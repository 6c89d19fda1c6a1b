using System.CommandLine;
using StandaloneConnect.Cli.PipelineTest;

namespace StandaloneConnect.Cli;

/// <summary>
/// The commands and their arguments (System.CommandLine): the worker (<c>connect-standalone worker.properties
/// [connector files...]</c>), <c>embedded-kafka</c> and <c>pipeline-test</c>. Kept out of <c>Program</c> so that the
/// signal handlers are registered before this (and System.CommandLine) is even loaded.
/// </summary>
internal static class CommandLine
{
    /// <summary>Parses <paramref name="args"/> and runs the command; <paramref name="signal"/> stops it on SIGINT/SIGTERM.</summary>
    public static Task<int> RunAsync(string[] args, ShutdownSignal signal)
    {
        var workerFile = new Argument<string>("worker.properties") { Description = "The worker configuration (Java .properties); \"\" for none." };
        var connectorFiles = new Argument<string[]>("connector-files")
        {
            Description = "Connector configurations (.properties or JSON), created in this order.",
            Arity = ArgumentArity.ZeroOrMore,
        };
        var root = new RootCommand("StandaloneConnect: a .NET drop-in for Apache Kafka's connect-standalone.")
        {
            workerFile,
            connectorFiles,
        };
        root.SetAction((parse, ct) => StandaloneRunner.RunAsync(parse.GetValue(workerFile) ?? "", parse.GetValue(connectorFiles) ?? [], ct));

        var brokers = new Option<int>("--brokers") { Description = "Number of brokers.", DefaultValueFactory = _ => 1 };
        brokers.Validators.Add(r =>
        {
            if (r.GetValueOrDefault<int>() is < 1 or > 16)
            {
                r.AddError("--brokers must be between 1 and 16");
            }
        });
        var topics = new Option<string[]>("--topic") { Description = "Create a topic: NAME or NAME:PARTITIONS (repeatable).", AllowMultipleArgumentsPerToken = false };
        var embedded = new Command("embedded-kafka", "Run only the embedded Kafka-protocol broker until Ctrl-C; prints bootstrap.servers=HOST:PORT.")
        {
            brokers,
            topics,
        };
        embedded.SetAction((parse, ct) => EmbeddedKafkaCommand.RunAsync(parse.GetValue(brokers), parse.GetValue(topics) ?? [], ct));
        root.Subcommands.Add(embedded);

        var pipelineConnector = new Argument<string>("CONNECTOR_FILE") { Description = "The connector file (.properties or JSON) whose converters, transforms and predicates run." };
        var pipelineWorker = new Option<string?>("--worker")
        {
            Description = "Worker file for the default converters, config providers and plugin.path (default: JsonConverter with schemas.enable=true, as Kafka's connect-standalone.properties).",
        };
        var pipelineInput = new Option<string?>("--input") { Description = "JSON Lines records to run (default or '-': standard input)." };
        var pipelineExplain = new Option<bool>("--explain") { Description = "Also print the record after each stage (on standard error)." };
        var pipelineTest = new Command("pipeline-test",
            "Run a connector's converters, transforms and predicates on sample records without Kafka. Input and output are JSON Lines: " +
            "{\"topic\":\"t\",\"partition\":0,\"offset\":5,\"timestamp\":1700000000000,\"key\":K,\"value\":V,\"headers\":[{\"key\":\"h\",\"value\":H}]} " +
            "with K, V, H null or {\"schema\":..,\"payload\":..}. Exit code 1 when the config or any record failed.")
        {
            pipelineConnector,
            pipelineWorker,
            pipelineInput,
            pipelineExplain,
        };
        pipelineTest.SetAction(parse => signal.ExitOnSignal() ? ExitCodes.Interrupted
            : PipelineTestCommand.Run(parse.GetValue(pipelineConnector)!, parse.GetValue(pipelineWorker), parse.GetValue(pipelineInput),
                parse.GetValue(pipelineExplain), Console.In, Console.Out, Console.Error));
        root.Subcommands.Add(pipelineTest);

        // System.CommandLine's own signal handling is off: it answers a signal that arrives before the action has started, or
        // a stop that takes longer than its 2 s, with exit code 130/143. The caller's ShutdownSignal owns SIGINT and SIGTERM.
        return root.Parse(args).InvokeAsync(new InvocationConfiguration { ProcessTerminationTimeout = null }, signal.Token);
    }
}
