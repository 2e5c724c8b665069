using Kiln.IR;

namespace Kiln.Compiler.Translate;

/// <summary>One row of <see cref="NumericOps"/>: the IR opcode, its controlling type and condition code.</summary>
public readonly record struct NumericOp(NumericKind Kind, Opcode Op, IrType Type, byte Cond);
