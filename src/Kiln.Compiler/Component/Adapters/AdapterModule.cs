using Kiln.Wasm.Model;

namespace Kiln.Compiler.Component.Adapters;

/// <summary>
/// A generated adapter module: core wasm compiled by the ordinary pipeline, one exported function per fused
/// lift→lower pair (<see cref="ExportName"/>), and what the runtime must pass for each of its imports.
/// <see cref="Description"/> names the pair for tools (<c>adapter: caller -> callee</c>).
/// </summary>
public sealed record AdapterModule(WasmModule Module, IReadOnlyList<AdapterImport> Imports, string Description)
{
    public const string ImportModule = "kiln:adapter";
    public const string ExportName = "adapter";
}
