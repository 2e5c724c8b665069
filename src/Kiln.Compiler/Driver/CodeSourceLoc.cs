namespace Kiln.Compiler.Driver;

/// <summary>Code from blob offset <see cref="Offset"/> on (until the next entry) comes from wasm byte offset
/// <see cref="WasmOffset"/> (-1: no wasm source, e.g. a prologue or a trampoline).</summary>
public readonly record struct CodeSourceLoc(int Offset, int WasmOffset);
