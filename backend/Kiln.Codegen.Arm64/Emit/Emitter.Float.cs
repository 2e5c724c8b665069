using Kiln.IR;
using static Kiln.Codegen.Arm64.A64Enc;

namespace Kiln.Codegen.Arm64;

internal sealed partial class Emitter
{
    private static readonly A64[] FAluForm = [A64.Fadd, A64.Fsub, A64.Fmul, A64.Fdiv, A64.Fmin, A64.Fmax];
    private static readonly A64[] FUnaryForm =
        [A64.Fabs, A64.Fneg, A64.Fsqrt, A64.Frintn, A64.Frintm, A64.Frintp, A64.Frintz, A64.FcvtSD, A64.FcvtDS];

    /// <summary>
    /// Bounds of the trapping float-to-int conversions, per (unsigned, 64-bit int, double source): the IEEE bits of
    /// the low bound, whether a value equal to it is still in range, and the bits of the exclusive high bound.
    /// Rows are indexed by unsigned * 4 + int64 * 2 + double.
    /// </summary>
    private static readonly (ulong Low, bool LowInclusive, ulong High)[] CvtBounds =
    [
        (0xCF00_0000, true, 0x4F00_0000),                            // i32 <- f32: [-2^31, 2^31)
        (0xC1E0_0000_0020_0000, false, 0x41E0_0000_0000_0000),       // i32 <- f64: (-2^31-1, 2^31)
        (0xDF00_0000, true, 0x5F00_0000),                            // i64 <- f32: [-2^63, 2^63)
        (0xC3E0_0000_0000_0000, true, 0x43E0_0000_0000_0000),        // i64 <- f64: [-2^63, 2^63)
        (0xBF80_0000, false, 0x4F80_0000),                           // u32 <- f32: (-1, 2^32)
        (0xBFF0_0000_0000_0000, false, 0x41F0_0000_0000_0000),       // u32 <- f64: (-1, 2^32)
        (0xBF80_0000, false, 0x5F80_0000),                           // u64 <- f32: (-1, 2^64)
        (0xBFF0_0000_0000_0000, false, 0x43F0_0000_0000_0000),       // u64 <- f64: (-1, 2^64)
    ];

    /// <remarks>AArch64's fmin/fmax already have wasm's semantics (NaN if either is NaN, -0 below +0), frintn is
    /// round-to-nearest-even, and fcvtzs/fcvtzu saturate with NaN to 0 as the _sat conversions want.</remarks>
    private void EmitFloat(in AInst m, bool x)
    {
        switch (m.Op)
        {
            case AOp.FAlu:
                Put(FRrr(FAluForm[m.Sub], x, R(0), R(1), R(2)));
                break;
            case AOp.FUnary:
                // Promote/demote carry their own types; the rest take the operation's.
                Put(FRr(FUnaryForm[m.Sub], x, R(0), R(1)));
                break;
            case AOp.FCopysign:
                // x17 = sign bits, then its low bits replaced by the magnitude's (bfxil), back to the float register.
                Put(FInt(A64.FmovToGp, x, x, Ip0, R(1)));
                Put(FInt(A64.FmovToGp, x, x, Ip1, R(2)));
                Put(Bitfield(A64.Bfm, x, Ip1, Ip0, 0, x ? 62 : 30));
                Put(FInt(A64.FmovToFp, x, x, R(0), Ip1));
                break;
            case AOp.CvtIntToF:
                Put(FInt(m.Sub == 1 ? A64.Ucvtf : A64.Scvtf, m.Size2 == 8, x, R(0), R(1)));
                break;
            case AOp.CvtFToInt:
                EmitCvtFToInt(m);
                break;
            case AOp.BitcastToF:
                Put(FInt(A64.FmovToFp, x, x, R(0), R(1)));
                break;
            case AOp.BitcastFromF:
                Put(FInt(A64.FmovToGp, x, x, R(0), R(1)));
                break;
        }
    }

    private void EmitCvtFToInt(in AInst m)
    {
        var kind = (CvtKind)m.Sub;
        bool unsigned = kind is CvtKind.Unsigned or CvtKind.UnsignedSat;
        bool int64 = m.Size == 8, dbl = m.Size2 == 8;
        int src = R(1);
        if (kind is CvtKind.Signed or CvtKind.Unsigned)
        {
            // NaN: bad conversion; outside the bounds: overflow. Bounds go through x16 into v31.
            Put(Fcmp(dbl, src, src));
            BCondTo(Cond.Vs, TrapStub(TrapCode.BadConversionToInteger));
            var (low, inclusive, high) = CvtBounds[(unsigned ? 4 : 0) + (int64 ? 2 : 0) + (dbl ? 1 : 0)];
            LoadFloatBits(VS, low, dbl);
            Put(Fcmp(dbl, src, VS));
            BCondTo(inclusive ? Cond.Mi : Cond.Ls, TrapStub(TrapCode.IntegerOverflow));
            LoadFloatBits(VS, high, dbl);
            Put(Fcmp(dbl, src, VS));
            BCondTo(Cond.Ge, TrapStub(TrapCode.IntegerOverflow));
        }
        Put(FInt(unsigned ? A64.Fcvtzu : A64.Fcvtzs, int64, dbl, R(0), src));
    }

    private void LoadFloatBits(int vd, ulong bits, bool dbl)
    {
        MovImm(Ip0, (long)bits, dbl);
        Put(FInt(A64.FmovToFp, dbl, dbl, vd, Ip0));
    }
}
