using StandaloneConnect.Sdk.Data;

namespace StandaloneConnect.Sdk;

/// <summary>One record header: a key and a Connect value with its optional schema.</summary>
public sealed record Header(string Key, Schema? Schema, object? Value);
