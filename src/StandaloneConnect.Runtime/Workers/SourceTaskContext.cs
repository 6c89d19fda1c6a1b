using StandaloneConnect.Sdk.Connectors;
using StandaloneConnect.Sdk.Storage;

namespace StandaloneConnect.Runtime.Workers;

internal sealed class SourceTaskContext(IReadOnlyDictionary<string, string> configs, IOffsetStorageReader reader) : ISourceTaskContext
{
    public IReadOnlyDictionary<string, string> Configs { get; } = configs;

    public IOffsetStorageReader OffsetStorageReader { get; } = reader;
}
