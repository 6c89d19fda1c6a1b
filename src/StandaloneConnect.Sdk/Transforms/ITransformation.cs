using StandaloneConnect.Sdk.Config;

namespace StandaloneConnect.Sdk.Transforms;

/// <summary>
/// A single message transformation (Kafka's <c>Transformation</c>). <see cref="Apply"/> returns the changed
/// record (use <see cref="ConnectRecord.NewRecord(string,int?,StandaloneConnect.Sdk.Data.Schema?,object?,StandaloneConnect.Sdk.Data.Schema?,object?,long?)"/>),
/// the same record, or null to drop it.
/// </summary>
public interface ITransformation : IDisposable
{
    ConfigDef Config { get; }

    void Configure(IReadOnlyDictionary<string, string> configs);

    ConnectRecord? Apply(ConnectRecord record);
}

/// <summary>A condition that decides whether a transformation applies to a record (Kafka's <c>Predicate</c>).</summary>
public interface IPredicate : IDisposable
{
    ConfigDef Config { get; }

    void Configure(IReadOnlyDictionary<string, string> configs);

    bool Test(ConnectRecord record);
}
