using StandaloneConnect.Cli;

// SIGINT and SIGTERM mean "stop gracefully, exit 0" from the first instruction on: the handlers are registered before
// anything else is loaded (a signal during start-up cancels it). Only a signal that arrives while the .NET runtime
// itself is still starting, before this line, ends the process the default way (exit code 143).
using var signal = new ShutdownSignal();
return await CommandLine.RunAsync(args, signal).ConfigureAwait(false);
