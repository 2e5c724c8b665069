namespace Kiln.Wasm.Model;

/// <summary>A run of <see cref="Count"/> locals of one type, as the binary format groups them.</summary>
public readonly record struct LocalGroup(uint Count, ValType Type);
