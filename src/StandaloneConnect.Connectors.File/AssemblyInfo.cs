using System.Runtime.CompilerServices;

[assembly: InternalsVisibleTo("StandaloneConnect.Connectors.File.Tests")]
