namespace StandaloneConnect.Sdk.Data;

/// <summary>A named, ordered field of a STRUCT schema.</summary>
public sealed record Field(string Name, int Index, Schema Schema)
{
    public override string ToString() => $"Field{{name={Name}, index={Index}, schema={Schema}}}";
}
