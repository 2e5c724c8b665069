namespace Kiln.Codegen;

/// <summary>Code from <see cref="Offset"/> on (until the next entry) comes from IR instruction <see cref="IrInst"/>.</summary>
public readonly record struct SourceMapEntry(int Offset, int IrInst);
