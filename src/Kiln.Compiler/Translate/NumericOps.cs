using Kiln.IR;
using W = Kiln.Wasm.Instructions.Opcode;

namespace Kiln.Compiler.Translate;

/// <summary>
/// The wasm instructions that map one-to-one onto an IR instruction, as a table indexed by the dense wasm
/// opcode. The IR's opcodes already have wasm semantics (wrapping, shift counts modulo the width, trapping
/// division and conversions, srem of MIN by -1 = 0, wasm min/max/nearest/copysign, ordered compares and an
/// unordered ne), so no row needs extra code.
/// </summary>
public static class NumericOps
{
    private static readonly NumericOp[] Table = Build();

    public static ref readonly NumericOp Of(W op) => ref Table[(int)op];

    private static NumericOp[] Build()
    {
        var t = new NumericOp[0x120];
        const IrType I32 = IrType.I32, I64 = IrType.I64, F32 = IrType.F32, F64 = IrType.F64;

        void Bin(W w, Opcode op) => t[(int)w] = new(NumericKind.Binary, op, IrType.Invalid, 0);
        void Un(W w, Opcode op, IrType type) => t[(int)w] = new(NumericKind.Unary, op, type, 0);
        void Icmp(W w, IntCC cc) => t[(int)w] = new(NumericKind.IntCompare, Opcode.Icmp, IrType.Invalid, (byte)cc);
        void Fcmp(W w, FloatCC cc) => t[(int)w] = new(NumericKind.FloatCompare, Opcode.Fcmp, IrType.Invalid, (byte)cc);

        Un(W.I32Eqz, Opcode.Eqz, I32);
        Icmp(W.I32Eq, IntCC.Eq); Icmp(W.I32Ne, IntCC.Ne); Icmp(W.I32LtS, IntCC.Slt); Icmp(W.I32LtU, IntCC.Ult);
        Icmp(W.I32GtS, IntCC.Sgt); Icmp(W.I32GtU, IntCC.Ugt); Icmp(W.I32LeS, IntCC.Sle); Icmp(W.I32LeU, IntCC.Ule);
        Icmp(W.I32GeS, IntCC.Sge); Icmp(W.I32GeU, IntCC.Uge);
        Un(W.I64Eqz, Opcode.Eqz, I64);
        Icmp(W.I64Eq, IntCC.Eq); Icmp(W.I64Ne, IntCC.Ne); Icmp(W.I64LtS, IntCC.Slt); Icmp(W.I64LtU, IntCC.Ult);
        Icmp(W.I64GtS, IntCC.Sgt); Icmp(W.I64GtU, IntCC.Ugt); Icmp(W.I64LeS, IntCC.Sle); Icmp(W.I64LeU, IntCC.Ule);
        Icmp(W.I64GeS, IntCC.Sge); Icmp(W.I64GeU, IntCC.Uge);
        Fcmp(W.F32Eq, FloatCC.Eq); Fcmp(W.F32Ne, FloatCC.Ne); Fcmp(W.F32Lt, FloatCC.Lt); Fcmp(W.F32Gt, FloatCC.Gt);
        Fcmp(W.F32Le, FloatCC.Le); Fcmp(W.F32Ge, FloatCC.Ge);
        Fcmp(W.F64Eq, FloatCC.Eq); Fcmp(W.F64Ne, FloatCC.Ne); Fcmp(W.F64Lt, FloatCC.Lt); Fcmp(W.F64Gt, FloatCC.Gt);
        Fcmp(W.F64Le, FloatCC.Le); Fcmp(W.F64Ge, FloatCC.Ge);

        Un(W.I32Clz, Opcode.Clz, I32); Un(W.I32Ctz, Opcode.Ctz, I32); Un(W.I32Popcnt, Opcode.Popcnt, I32);
        Un(W.I64Clz, Opcode.Clz, I64); Un(W.I64Ctz, Opcode.Ctz, I64); Un(W.I64Popcnt, Opcode.Popcnt, I64);
        W[] intBin32 =
        [
            W.I32Add, W.I32Sub, W.I32Mul, W.I32DivS, W.I32DivU, W.I32RemS, W.I32RemU, W.I32And, W.I32Or, W.I32Xor,
            W.I32Shl, W.I32ShrS, W.I32ShrU, W.I32Rotl, W.I32Rotr,
        ];
        W[] intBin64 =
        [
            W.I64Add, W.I64Sub, W.I64Mul, W.I64DivS, W.I64DivU, W.I64RemS, W.I64RemU, W.I64And, W.I64Or, W.I64Xor,
            W.I64Shl, W.I64ShrS, W.I64ShrU, W.I64Rotl, W.I64Rotr,
        ];
        Opcode[] intBinIr =
        [
            Opcode.Iadd, Opcode.Isub, Opcode.Imul, Opcode.Sdiv, Opcode.Udiv, Opcode.Srem, Opcode.Urem, Opcode.Band,
            Opcode.Bor, Opcode.Bxor, Opcode.Ishl, Opcode.Sshr, Opcode.Ushr, Opcode.Rotl, Opcode.Rotr,
        ];
        for (int i = 0; i < intBinIr.Length; i++)
        {
            Bin(intBin32[i], intBinIr[i]);
            Bin(intBin64[i], intBinIr[i]);
        }

        W[] fUn32 = [W.F32Abs, W.F32Neg, W.F32Ceil, W.F32Floor, W.F32Trunc, W.F32Nearest, W.F32Sqrt];
        W[] fUn64 = [W.F64Abs, W.F64Neg, W.F64Ceil, W.F64Floor, W.F64Trunc, W.F64Nearest, W.F64Sqrt];
        Opcode[] fUnIr = [Opcode.Fabs, Opcode.Fneg, Opcode.Ceil, Opcode.Floor, Opcode.Trunc, Opcode.Nearest, Opcode.Sqrt];
        for (int i = 0; i < fUnIr.Length; i++)
        {
            Un(fUn32[i], fUnIr[i], F32);
            Un(fUn64[i], fUnIr[i], F64);
        }
        W[] fBin32 = [W.F32Add, W.F32Sub, W.F32Mul, W.F32Div, W.F32Min, W.F32Max, W.F32Copysign];
        W[] fBin64 = [W.F64Add, W.F64Sub, W.F64Mul, W.F64Div, W.F64Min, W.F64Max, W.F64Copysign];
        Opcode[] fBinIr = [Opcode.Fadd, Opcode.Fsub, Opcode.Fmul, Opcode.Fdiv, Opcode.Fmin, Opcode.Fmax, Opcode.Fcopysign];
        for (int i = 0; i < fBinIr.Length; i++)
        {
            Bin(fBin32[i], fBinIr[i]);
            Bin(fBin64[i], fBinIr[i]);
        }

        Un(W.I32WrapI64, Opcode.Ireduce, I32);
        Un(W.I32TruncF32S, Opcode.FcvtToSint, I32); Un(W.I32TruncF32U, Opcode.FcvtToUint, I32);
        Un(W.I32TruncF64S, Opcode.FcvtToSint, I32); Un(W.I32TruncF64U, Opcode.FcvtToUint, I32);
        Un(W.I64ExtendI32S, Opcode.Sextend, I64); Un(W.I64ExtendI32U, Opcode.Uextend, I64);
        Un(W.I64TruncF32S, Opcode.FcvtToSint, I64); Un(W.I64TruncF32U, Opcode.FcvtToUint, I64);
        Un(W.I64TruncF64S, Opcode.FcvtToSint, I64); Un(W.I64TruncF64U, Opcode.FcvtToUint, I64);
        Un(W.F32ConvertI32S, Opcode.FcvtFromSint, F32); Un(W.F32ConvertI32U, Opcode.FcvtFromUint, F32);
        Un(W.F32ConvertI64S, Opcode.FcvtFromSint, F32); Un(W.F32ConvertI64U, Opcode.FcvtFromUint, F32);
        Un(W.F32DemoteF64, Opcode.Fdemote, F32);
        Un(W.F64ConvertI32S, Opcode.FcvtFromSint, F64); Un(W.F64ConvertI32U, Opcode.FcvtFromUint, F64);
        Un(W.F64ConvertI64S, Opcode.FcvtFromSint, F64); Un(W.F64ConvertI64U, Opcode.FcvtFromUint, F64);
        Un(W.F64PromoteF32, Opcode.Fpromote, F64);
        Un(W.I32ReinterpretF32, Opcode.Bitcast, I32); Un(W.I64ReinterpretF64, Opcode.Bitcast, I64);
        Un(W.F32ReinterpretI32, Opcode.Bitcast, F32); Un(W.F64ReinterpretI64, Opcode.Bitcast, F64);
        Un(W.I32Extend8S, Opcode.Sext8, I32); Un(W.I32Extend16S, Opcode.Sext16, I32);
        Un(W.I64Extend8S, Opcode.Sext8, I64); Un(W.I64Extend16S, Opcode.Sext16, I64); Un(W.I64Extend32S, Opcode.Sext32, I64);

        Un(W.I32TruncSatF32S, Opcode.FcvtToSintSat, I32); Un(W.I32TruncSatF32U, Opcode.FcvtToUintSat, I32);
        Un(W.I32TruncSatF64S, Opcode.FcvtToSintSat, I32); Un(W.I32TruncSatF64U, Opcode.FcvtToUintSat, I32);
        Un(W.I64TruncSatF32S, Opcode.FcvtToSintSat, I64); Un(W.I64TruncSatF32U, Opcode.FcvtToUintSat, I64);
        Un(W.I64TruncSatF64S, Opcode.FcvtToSintSat, I64); Un(W.I64TruncSatF64U, Opcode.FcvtToUintSat, I64);
        return t;
    }
}
