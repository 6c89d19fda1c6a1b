namespace StandaloneConnect.Transforms;

/// <summary>Marks the assembly of the built-in transformations and predicates (for plugin scanning).</summary>
public static class TransformsAssembly;
