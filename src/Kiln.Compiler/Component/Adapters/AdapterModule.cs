using Kiln.Wasm.Model;

namespace Kiln.Compiler.Component.Adapters;

/// <summary>
/// A generated adapter module: core wasm compiled by the ordinary pipeline, exporting one adapter function per
/// fused lift→lower pair it holds (<see cref="Export"/> of its position), and what the runtime must pass for each
/// of its imports. <see cref="Descriptions"/> name the pairs for tools.
/// </summary>
public sealed record AdapterModule(WasmModule Module, IReadOnlyList<AdapterImport> Imports, IReadOnlyList<string> Descriptions)
{
    public const string ImportModule = "kiln:adapter";

    public static string Export(int adapter) => "adapter" + adapter;
}
