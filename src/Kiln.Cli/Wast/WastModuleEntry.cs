using Kiln.Runtime;

namespace Kiln.Cli.Wast;

/// <summary>A module a script defined: its instance, or why there is none (a skip reason carries over to every
/// directive that uses it; a failure makes those fail).</summary>
internal sealed record WastModuleEntry(Instance? Instance, string? SkipReason, string? FailReason);
