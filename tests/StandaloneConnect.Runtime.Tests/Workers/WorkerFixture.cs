using Microsoft.Extensions.Logging.Abstractions;
using StandaloneConnect.Runtime.Configuration;
using StandaloneConnect.Runtime.Herder;
using StandaloneConnect.Runtime.Kafka;
using StandaloneConnect.Runtime.Plugins;
using StandaloneConnect.Runtime.Storage;
using StandaloneConnect.Runtime.Workers;
using StandaloneConnect.Testing;

namespace StandaloneConnect.Runtime.Tests.Workers;

/// <summary>A worker and herder over an in-process embedded cluster, with a file offset store in a temp folder.</summary>
internal sealed class WorkerFixture : IAsyncDisposable
{
    private readonly TemporaryDirectory _dir = new("sc-worker");
    private readonly KafkaConnection _connection;
    private readonly ConfigTransformer _transformer;

    public WorkerFixture(int flushIntervalMs = 200, IReadOnlyDictionary<string, string>? extra = null)
    {
        Cluster = new EmbeddedKafkaCluster();
        var props = new Dictionary<string, string>
        {
            ["bootstrap.servers"] = "embedded",
            ["key.converter"] = "org.apache.kafka.connect.storage.StringConverter",
            ["value.converter"] = "org.apache.kafka.connect.storage.StringConverter",
            ["offset.storage.file.filename"] = OffsetFile,
            ["offset.flush.interval.ms"] = flushIntervalMs.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["consumer.fetch.max.wait.ms"] = "20",
        };
        foreach (var (k, v) in extra ?? new Dictionary<string, string>())
        {
            props[k] = v;
        }

        Config = WorkerConfig.Parse(props, "test-worker.properties");
        Plugins = new PluginRegistry([
            typeof(WorkerFixture).Assembly,
            typeof(Converters.JsonConverter).Assembly,
            typeof(Connectors.File.FileStreamSourceConnector).Assembly,
            typeof(StandaloneConnect.Transforms.TransformsAssembly).Assembly,
        ]);
        Store = new FileOffsetStore(OffsetFile);
        Store.Load();
        _connection = KafkaConnection.ForEmbedded(Cluster.Cluster, NullLoggerFactory.Instance);
        _transformer = ConfigTransformer.FromWorkerConfig(props, "test-worker.properties");
        Worker = new Worker(Config, Plugins, Store, _connection, TimeProvider.System, NullLoggerFactory.Instance);
        Herder = new StandaloneHerder(Worker, _transformer, NullLoggerFactory.Instance);
    }

    public EmbeddedKafkaCluster Cluster { get; }
    public WorkerConfig Config { get; }
    public PluginRegistry Plugins { get; }
    public FileOffsetStore Store { get; }
    public Worker Worker { get; }
    public StandaloneHerder Herder { get; }
    public string OffsetFile => _dir.PathOf("offsets.json");

    public async ValueTask DisposeAsync()
    {
        await Herder.DisposeAsync();
        _transformer.Dispose();
        _connection.Dispose();
        Store.Dispose();
        Cluster.Dispose();
        _dir.Dispose();
    }
}

/// <summary>A <see cref="WorkerFixture"/> for synchronous tests.</summary>
internal sealed class WorkerFixtureSync : IDisposable
{
    public WorkerFixture Fixture { get; } = new();

#pragma warning disable VSTHRD002 // test teardown of an async fixture from a synchronous test
    public void Dispose() => Fixture.DisposeAsync().AsTask().GetAwaiter().GetResult();
#pragma warning restore VSTHRD002
}
