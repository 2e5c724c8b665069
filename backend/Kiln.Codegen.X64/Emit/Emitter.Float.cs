using Iced.Intel;
using Kiln.IR;
using static Kiln.Codegen.X64.CodeTables;

namespace Kiln.Codegen.X64;


internal sealed partial class Emitter
{
    private Code Ucomi(int fs) => fs == 8 ? Code.Ucomisd_xmm_xmmm64 : Code.Ucomiss_xmm_xmmm32;

    private void EmitFAlu(in MInst m)
    {
        int sz = m.Size;
        var op = (FAluOp)m.Sub;
        var dst = X(0);
        var b = X(2);
        var table = sz == 8 ? FAluD : FAluS;
        if (op < FAluOp.Min)
        {
            Asm.Add(Instruction.Create(table[m.Sub], dst, b));
            return;
        }
        // minss/maxss alone get NaN and ±0 wrong for wasm: handle equal (±0: or/and the sign bits) and unordered (NaN) apart.
        Label ne = Asm.NewLabel(), nan = Asm.NewLabel(), done = Asm.NewLabel();
        Asm.Add(Instruction.Create(Ucomi(sz), dst, b));
        Asm.Branch(Code.Jne_rel32_64, ne);
        Asm.Branch(Code.Jp_rel32_64, nan);
        Asm.Add(Instruction.Create(op == FAluOp.Min ? Code.Orps_xmm_xmmm128 : Code.Andps_xmm_xmmm128, dst, b));
        Asm.Branch(Code.Jmp_rel32_64, done);
        Asm.Bind(nan);
        Asm.Add(Instruction.Create(table[(int)FAluOp.Add], dst, b));
        Asm.Branch(Code.Jmp_rel32_64, done);
        Asm.Bind(ne);
        Asm.Add(Instruction.Create(table[m.Sub], dst, b));
        Asm.Bind(done);
    }

    private void EmitFUnary(in MInst m)
    {
        bool d = m.Size == 8;
        var op = (FUnaryOp)m.Sub;
        var inst = op switch
        {
            FUnaryOp.Sqrt => Instruction.Create(d ? Code.Sqrtsd_xmm_xmmm64 : Code.Sqrtss_xmm_xmmm32, X(0), X(1)),
            FUnaryOp.Promote => Instruction.Create(Code.Cvtss2sd_xmm_xmmm32, X(0), X(1)),
            FUnaryOp.Demote => Instruction.Create(Code.Cvtsd2ss_xmm_xmmm64, X(0), X(1)),
            _ => Instruction.Create(d ? Code.Roundsd_xmm_xmmm64_imm8 : Code.Roundss_xmm_xmmm32_imm8, X(0), X(1), RoundImm[(int)op - (int)FUnaryOp.Nearest]),
        };
        Asm.Add(inst);
    }

    private void EmitCvtIntToF(in MInst m)
    {
        bool d = m.Size == 8;
        var dst = X(0);
        var c64 = d ? Code.Cvtsi2sd_xmm_rm64 : Code.Cvtsi2ss_xmm_rm64;
        // Break the false dependency on dst's old value (dst and src are in different classes).
        Asm.Add(Instruction.Create(Code.Xorps_xmm_xmmm128, dst, dst));
        if (m.Sub == 0)
        {
            Asm.Add(m.Size2 == 8 ? Instruction.Create(c64, dst, G(1, 8)) : Instruction.Create(d ? Code.Cvtsi2sd_xmm_rm32 : Code.Cvtsi2ss_xmm_rm32, dst, G(1, 4)));
            return;
        }
        if (m.Size2 == 4)
        {
            // A u32 is zero-extended in its 64-bit register: convert that signed 64-bit value.
            Asm.Add(Instruction.Create(c64, dst, G(1, 8)));
            return;
        }
        // u64 >= 2^63: halve (keeping the low bit for correct rounding), convert, double.
        var src = G(1, 8);
        var tmp = G(2, 8);
        Label big = Asm.NewLabel(), done = Asm.NewLabel();
        Asm.Add(Instruction.Create(Code.Test_rm64_r64, src, src));
        Asm.Branch(Code.Js_rel32_64, big);
        Asm.Add(Instruction.Create(c64, dst, src));
        Asm.Branch(Code.Jmp_rel32_64, done);
        Asm.Bind(big);
        Mov(Scratch, src, 8);
        Asm.Add(Instruction.Create(Code.Shr_rm64_imm8, Scratch, 1));
        Mov(tmp, src, 8);
        AluImm(AluOp.And, tmp, 1, 8);
        Asm.Add(Instruction.Create(Code.Or_rm64_r64, Scratch, tmp));
        Asm.Add(Instruction.Create(c64, dst, Scratch));
        Asm.Add(Instruction.Create(d ? Code.Addsd_xmm_xmmm64 : Code.Addss_xmm_xmmm32, dst, dst));
        Asm.Bind(done);
    }

    // Per (int size, float size): bits of the lowest float whose truncation still fits the signed range, and
    // whether that bound itself is valid (inclusive) or just out of range (exclusive).
    private static (ulong Bits, bool Inclusive) SignedLowBound(int intSize, int floatSize) => (intSize, floatSize) switch
    {
        (4, 4) => (0xCF00_0000UL, true),                  // -2^31f
        (4, _) => (0xC1E0_0000_0020_0000UL, false),       // -2147483649.0
        (_, 4) => (0xDF00_0000UL, true),                  // -2^63f
        _ => (0xC3E0_0000_0000_0000UL, true),             // -2^63
    };

    private static ulong TwoPow63(int floatSize) => floatSize == 4 ? 0x5F00_0000UL : 0x43E0_0000_0000_0000UL;

    private void EmitCvtFToInt(in MInst m)
    {
        int isz = m.Size, fs = m.Size2;
        var kind = (CvtKind)m.Sub;
        var src = X(1);
        var dst = G(0, isz);
        var dst64 = G(0, 8);
        Code Cvtt(int size) => (size, fs) switch
        {
            (8, 8) => Code.Cvttsd2si_r64_xmmm64,
            (8, _) => Code.Cvttss2si_r64_xmmm32,
            (_, 8) => Code.Cvttsd2si_r32_xmmm64,
            _ => Code.Cvttss2si_r32_xmmm32,
        };
        var subx = fs == 8 ? Code.Subsd_xmm_xmmm64 : Code.Subss_xmm_xmmm32;
        var done = Asm.NewLabel();
        switch (kind)
        {
            case CvtKind.Signed:
            {
                Asm.Add(Instruction.Create(Cvtt(isz), dst, src));
                AluImm(AluOp.Cmp, dst, 1, isz);                     // overflows only for the MIN sentinel
                Asm.Branch(Code.Jno_rel32_64, done);
                Asm.Add(Instruction.Create(Ucomi(fs), src, src));
                Asm.Branch(Code.Jp_rel32_64, TrapStub(TrapCode.BadConversionToInteger));
                var (low, inclusive) = SignedLowBound(isz, fs);
                LoadFloatBits(XScratch, low, fs);
                Asm.Add(Instruction.Create(Ucomi(fs), src, XScratch));
                Asm.Branch(inclusive ? Code.Jb_rel32_64 : Code.Jbe_rel32_64, TrapStub(TrapCode.IntegerOverflow));
                Asm.Add(Instruction.Create(Code.Xorps_xmm_xmmm128, XScratch, XScratch));
                Asm.Add(Instruction.Create(Ucomi(fs), src, XScratch));
                Asm.Branch(Code.Jae_rel32_64, TrapStub(TrapCode.IntegerOverflow));
                break;
            }
            case CvtKind.Unsigned when isz == 4:
                Asm.Add(Instruction.Create(Ucomi(fs), src, src));
                Asm.Branch(Code.Jp_rel32_64, TrapStub(TrapCode.BadConversionToInteger));
                Asm.Add(Instruction.Create(Cvtt(8), dst64, src));
                Mov(Scratch, dst64, 8);
                Asm.Add(Instruction.Create(Code.Shr_rm64_imm8, Scratch, 32));
                Asm.Branch(Code.Jne_rel32_64, TrapStub(TrapCode.IntegerOverflow));
                break;
            case CvtKind.Unsigned:
            {
                var big = Asm.NewLabel();
                Asm.Add(Instruction.Create(Ucomi(fs), src, src));
                Asm.Branch(Code.Jp_rel32_64, TrapStub(TrapCode.BadConversionToInteger));
                LoadFloatBits(XScratch, TwoPow63(fs), fs);
                Asm.Add(Instruction.Create(Ucomi(fs), src, XScratch));
                Asm.Branch(Code.Jae_rel32_64, big);
                Asm.Add(Instruction.Create(Cvtt(8), dst64, src));
                Asm.Add(Instruction.Create(Code.Test_rm64_r64, dst64, dst64));
                Asm.Branch(Code.Js_rel32_64, TrapStub(TrapCode.IntegerOverflow));
                Asm.Branch(Code.Jmp_rel32_64, done);
                Asm.Bind(big);
                // 2^63 - src is exact and <= 0; negated it is src - 2^63, which must be below 2^63.
                Asm.Add(Instruction.Create(subx, XScratch, src));
                Asm.Add(Instruction.Create(Cvtt(8), dst64, XScratch));
                Asm.Add(Instruction.Create(Code.Neg_rm64, dst64));
                Asm.Branch(Code.Js_rel32_64, TrapStub(TrapCode.IntegerOverflow));
                Asm.Add(Instruction.Create(Code.Bts_rm64_imm8, dst64, 63));
                break;
            }
            case CvtKind.SignedSat:
            {
                var nan = Asm.NewLabel();
                Asm.Add(Instruction.Create(Cvtt(isz), dst, src));
                AluImm(AluOp.Cmp, dst, 1, isz);
                Asm.Branch(Code.Jno_rel32_64, done);
                Asm.Add(Instruction.Create(Ucomi(fs), src, src));
                Asm.Branch(Code.Jp_rel32_64, nan);
                Asm.Add(Instruction.Create(Code.Xorps_xmm_xmmm128, XScratch, XScratch));
                Asm.Add(Instruction.Create(Ucomi(fs), src, XScratch));
                Asm.Branch(Code.Jb_rel32_64, done);                 // negative: MIN is right
                MovImm(dst, isz == 8 ? long.MaxValue : int.MaxValue, isz);
                Asm.Branch(Code.Jmp_rel32_64, done);
                Asm.Bind(nan);
                Asm.Add(Instruction.Create(Code.Xor_r32_rm32, G(0, 4), G(0, 4)));
                break;
            }
            default:
            {
                var zero = Asm.NewLabel();
                Asm.Add(Instruction.Create(Code.Xorps_xmm_xmmm128, XScratch, XScratch));
                Asm.Add(Instruction.Create(Ucomi(fs), src, XScratch));
                Asm.Branch(Code.Jbe_rel32_64, zero);                // <= 0 or NaN
                if (isz == 4)
                {
                    Asm.Add(Instruction.Create(Cvtt(8), dst64, src));
                    Asm.Add(Instruction.Create(Code.Mov_r32_imm32, Register.R11D, uint.MaxValue));
                    Asm.Add(Instruction.Create(Code.Cmp_rm64_r64, dst64, Scratch));
                    Asm.Add(Instruction.Create(Code.Cmova_r64_rm64, dst64, Scratch));
                    Asm.Branch(Code.Jmp_rel32_64, done);
                }
                else
                {
                    Label big = Asm.NewLabel(), max = Asm.NewLabel();
                    LoadFloatBits(XScratch, TwoPow63(fs), fs);
                    Asm.Add(Instruction.Create(Ucomi(fs), src, XScratch));
                    Asm.Branch(Code.Jae_rel32_64, big);
                    Asm.Add(Instruction.Create(Cvtt(8), dst64, src));
                    Asm.Branch(Code.Jmp_rel32_64, done);
                    Asm.Bind(big);
                    Asm.Add(Instruction.Create(subx, XScratch, src));
                    Asm.Add(Instruction.Create(Cvtt(8), dst64, XScratch));
                    Asm.Add(Instruction.Create(Code.Neg_rm64, dst64));
                    Asm.Branch(Code.Js_rel32_64, max);
                    Asm.Add(Instruction.Create(Code.Bts_rm64_imm8, dst64, 63));
                    Asm.Branch(Code.Jmp_rel32_64, done);
                    Asm.Bind(max);
                    Asm.Add(Instruction.Create(Code.Mov_rm64_imm32, dst64, -1));
                    Asm.Branch(Code.Jmp_rel32_64, done);
                }
                Asm.Bind(zero);
                Asm.Add(Instruction.Create(Code.Xor_r32_rm32, G(0, 4), G(0, 4)));
                break;
            }
        }
        Asm.Bind(done);
    }
}
