using System.CommandLine;
using StandaloneConnect.Cli;

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

return await root.Parse(args).InvokeAsync();
