using Kiln.IR;
using W = Kiln.Wasm.Instructions.Opcode;

namespace Kiln.Compiler.Translate;

/// <summary>Wasm loads and stores as IR opcodes (width and extension live in the opcode), indexed by wasm opcode.</summary>
public static class MemoryOps
{
    private static readonly MemoryOp[] Table = Build();

    public static ref readonly MemoryOp Of(W op) => ref Table[(int)op];

    private static MemoryOp[] Build()
    {
        var t = new MemoryOp[0x40];
        void L(W w, Opcode op, IrType type) => t[(int)w] = new(true, false, op, type);
        void S(W w, Opcode op, IrType type) => t[(int)w] = new(false, true, op, type);
        L(W.I32Load, Opcode.Load, IrType.I32);
        L(W.I64Load, Opcode.Load, IrType.I64);
        L(W.F32Load, Opcode.Load, IrType.F32);
        L(W.F64Load, Opcode.Load, IrType.F64);
        L(W.I32Load8S, Opcode.Sload8, IrType.I32);
        L(W.I32Load8U, Opcode.Uload8, IrType.I32);
        L(W.I32Load16S, Opcode.Sload16, IrType.I32);
        L(W.I32Load16U, Opcode.Uload16, IrType.I32);
        L(W.I64Load8S, Opcode.Sload8, IrType.I64);
        L(W.I64Load8U, Opcode.Uload8, IrType.I64);
        L(W.I64Load16S, Opcode.Sload16, IrType.I64);
        L(W.I64Load16U, Opcode.Uload16, IrType.I64);
        L(W.I64Load32S, Opcode.Sload32, IrType.I64);
        L(W.I64Load32U, Opcode.Uload32, IrType.I64);
        S(W.I32Store, Opcode.Store, IrType.I32);
        S(W.I64Store, Opcode.Store, IrType.I64);
        S(W.F32Store, Opcode.Store, IrType.F32);
        S(W.F64Store, Opcode.Store, IrType.F64);
        S(W.I32Store8, Opcode.Istore8, IrType.I32);
        S(W.I32Store16, Opcode.Istore16, IrType.I32);
        S(W.I64Store8, Opcode.Istore8, IrType.I64);
        S(W.I64Store16, Opcode.Istore16, IrType.I64);
        S(W.I64Store32, Opcode.Istore32, IrType.I64);
        return t;
    }
}
