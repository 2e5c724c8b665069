using Kiln.Wasm.Binary;
using Kiln.Wasm.Instructions;

namespace Kiln.Wasm.Text.Parsing;

/// <summary>What instruction parsing needs inside one function body (or constant expression): the
/// local and label identifiers in scope and where the code goes.</summary>
internal sealed class FuncContext
{
    public FuncContext()
    {
        Writer = new WasmWriter(64);
        Code = new CodeWriter(Writer);
    }

    public WasmWriter Writer { get; }
    public CodeWriter Code { get; }
    public Dictionary<string, uint> LocalIds { get; } = new(StringComparer.Ordinal);
    public uint LocalCount { get; set; }

    /// <summary>Enclosing block labels, innermost last; null for unnamed blocks.</summary>
    public List<string?> Labels { get; } = [];
}
