namespace Kiln.Wasm.Model;

/// <summary>What an import or export refers to; values are the binary encoding.</summary>
public enum ExternalKind : byte
{
    Func = 0,
    Table = 1,
    Memory = 2,
    Global = 3,
    /// <summary>An exception tag (Wasm 3.0 exception handling).</summary>
    Tag = 4,
}
