using Kiln.IR;

namespace Kiln.Compiler.Translate;

/// <summary>One row of <see cref="MemoryOps"/>: the IR load/store opcode and the value type.</summary>
public readonly record struct MemoryOp(bool IsLoad, bool IsStore, Opcode Op, IrType Type);
