namespace Kiln.Cli.Bench;

/// <summary>One measured run: compile (or artifact load), instantiate, and the bench.start..bench.end region, in ms.</summary>
public readonly record struct BenchIteration(double CompileMs, double InstantiateMs, double ExecMs);
