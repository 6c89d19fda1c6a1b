using StandaloneConnect.Sdk;
using StandaloneConnect.Sdk.Config;
using StandaloneConnect.Sdk.Transforms;

namespace StandaloneConnect.Transforms.Predicates;

/// <summary>Kafka's <c>HasHeaderKey</c>: true for records with at least one header named <c>name</c>.</summary>
[PluginAlias("org.apache.kafka.connect.transforms.predicates.HasHeaderKey")]
public sealed class HasHeaderKey : IPredicate, IVersioned
{
    public const string NameConfig = "name";
    public const string OverviewDoc = "A predicate which is true for records with at least one header with the configured name.";

    private string _name = "";

    public ConfigDef Config => CreateConfigDef();

    public string Version => PluginVersion.Of(typeof(HasHeaderKey));

    public static ConfigDef CreateConfigDef() => new ConfigDef().Define(NameConfig, ConfigType.String, ConfigDef.NoDefault,
        Validators.NonEmptyString, Importance.Medium, "The header name.");

    public void Configure(IReadOnlyDictionary<string, string> configs) =>
        _name = CreateConfigDef().Parse(configs).GetString(NameConfig) ?? "";

    public bool Test(ConnectRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        return record.HasHeaders && record.Headers.AllWithName(_name).Any();
    }

    public void Dispose()
    {
    }
}
