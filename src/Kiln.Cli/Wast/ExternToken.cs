namespace Kiln.Cli.Wast;

/// <summary>The host object behind a script's <c>ref.extern N</c>: one per N, so identity survives a round trip.</summary>
internal sealed record ExternToken(ulong Number);
