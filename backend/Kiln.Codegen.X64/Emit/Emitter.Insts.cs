using Iced.Intel;
using Kiln.IR;
using static Kiln.Codegen.X64.CodeTables;

namespace Kiln.Codegen.X64;


internal sealed partial class Emitter
{
    protected override void EmitInst(in MInst m)
    {
        int sz = m.Size;
        switch (m.Op)
        {
            case MOp.Args:
                break;
            case MOp.LoadStackArg:
                LoadOrStoreFrame(m, new MemoryOperand(Register.RBP, 16 + m.Disp), load: true);
                break;
            case MOp.LoadOutArg:
                LoadOrStoreFrame(m, new MemoryOperand(Register.RSP, m.Disp), load: true);
                break;
            case MOp.StoreOutArg:
                LoadOrStoreFrame(m, new MemoryOperand(Register.RSP, m.Disp), load: false);
                break;
            case MOp.StoreRetArea:
                LoadOrStoreFrame(m, new MemoryOperand(Register.RBP, 16 + m.Disp), load: false);
                break;
            case MOp.Move:
                if (Reg(0).Class == RegClass.Float) MovX(X(0), X(1));
                else Mov(G(0, 8), G(1, 8), 8);
                break;
            case MOp.MovImm:
                MovImm(G(0, 8), m.Imm, sz);
                break;
            case MOp.FConst:
                LoadFloatBits(X(0), (ulong)m.Imm, sz);
                break;
            case MOp.Alu:
                Asm.Add(Instruction.Create((sz == 8 ? AluRR64 : AluRR32)[m.Sub], G(0, sz), G(2, sz)));
                break;
            case MOp.AluImm:
                AluImm((AluOp)m.Sub, G(0, sz), m.Imm, sz);
                break;
            case MOp.AluMem:
                AddTrapping(Instruction.Create((sz == 8 ? AluRM64 : AluRM32)[m.Sub], G(0, sz), Mem(m)), m.Trap);
                break;
            case MOp.Imul:
                Asm.Add(Instruction.Create(sz == 8 ? Code.Imul_r64_rm64 : Code.Imul_r32_rm32, G(0, sz), G(2, sz)));
                break;
            case MOp.ImulImm:
            {
                bool small = m.Imm == (sbyte)m.Imm;
                var code = sz == 8 ? (small ? Code.Imul_r64_rm64_imm8 : Code.Imul_r64_rm64_imm32) : (small ? Code.Imul_r32_rm32_imm8 : Code.Imul_r32_rm32_imm32);
                Asm.Add(Instruction.Create(code, G(0, sz), G(1, sz), (int)m.Imm));
                break;
            }
            case MOp.Div:
                EmitDiv(m);
                break;
            case MOp.Shift:
                Asm.Add(Instruction.Create((sz == 8 ? ShiftCl64 : ShiftCl32)[m.Sub], G(0, sz), Register.CL));
                break;
            case MOp.ShiftImm:
                if (m.Imm != 0) Asm.Add(Instruction.Create((sz == 8 ? ShiftImm64 : ShiftImm32)[m.Sub], G(0, sz), (int)m.Imm));
                break;
            case MOp.BitCount:
                EmitBitCount(m);
                break;
            case MOp.Extend:
                EmitExtend(m);
                break;
            case MOp.Lea:
                Asm.Add(Instruction.Create(Code.Lea_r64_m, G(0, 8), Mem(m)));
                break;
            case MOp.Load:
                EmitLoad(m);
                break;
            case MOp.Store:
                EmitStore(m);
                break;
            case MOp.StoreImm:
            {
                var code = sz switch { 1 => Code.Mov_rm8_imm8, 2 => Code.Mov_rm16_imm16, 4 => Code.Mov_rm32_imm32, _ => Code.Mov_rm64_imm32 };
                long imm = sz switch { 1 => (byte)m.Imm, 2 => (ushort)m.Imm, _ => (int)m.Imm };
                AddTrapping(sz <= 2 ? Instruction.Create(code, Mem(m), (uint)imm) : Instruction.Create(code, Mem(m), (int)imm), m.Trap);
                break;
            }
            case MOp.Setcc:
                EmitSetcc(m);
                break;
            case MOp.Cmov:
                EmitCmov(m);
                break;
            case MOp.XmmSelect:
            {
                EmitFlags(m);
                var skip = Asm.NewLabel();
                JumpIf(m.Cond.Invert(), skip);
                MovX(X(0), X(2));
                Asm.Bind(skip);
                break;
            }
            case MOp.Jump:
                JumpToBlock(m.Target);
                break;
            case MOp.JumpUnwind:
                AddLandingSite(m.Target2);
                JumpToBlock(m.Target);
                break;
            case MOp.Brif:
                EmitFlags(m);
                CondBranch(m.Cond, m.Target, m.Target2);
                break;
            case MOp.JumpTableTarget:
                EmitJumpTableTarget(m);
                break;
            case MOp.BrTable:
                Asm.Add(Instruction.Create(Code.Jmp_rm64, G(0, 8)));
                break;
            case MOp.TrapIf:
                EmitFlags(m);
                JumpIf(m.Cond, TrapStub(m.Trap));
                break;
            case MOp.Trap:
                AddTrapping(Instruction.Create(Code.Ud2), m.Trap);
                break;
            case MOp.Ret:
                EmitEpilogue();
                break;
            case MOp.Call:
            {
                // call rel32 with a relocation on its displacement (raw bytes: Iced would resolve the target itself).
                AddCalleeReloc(1, m.Target);
                Asm.Add(Instruction.CreateDeclareByte(0xE8, 0, 0, 0, 0));
                MarkCallReturn();
                break;
            }
            case MOp.CallIndirect:
                Asm.Add(Instruction.Create(Code.Call_rm64, G(0, 8)));
                MarkCallReturn();
                break;
            case MOp.StackAddr:
                Asm.Add(Instruction.Create(Code.Lea_r64_m, G(0, 8), new MemoryOperand(Register.RSP, Frame.StackSlotOffset(m.Target))));
                break;
            case MOp.FuncAddr:
            {
                // lea r64, [rip+disp32] with a relocation on the displacement.
                int hw = Reg(0).HwEnc;
                AddCalleeReloc(3, m.Target);
                Asm.Add(Instruction.CreateDeclareByte((byte)(0x48 | (hw >> 3 << 2)), 0x8D, (byte)(((hw & 7) << 3) | 5), 0, 0, 0, 0));
                break;
            }
            case MOp.FAlu:
                EmitFAlu(m);
                break;
            case MOp.FSign:
            {
                ulong mask = (FSignOp)m.Sub == FSignOp.Abs
                    ? (sz == 4 ? 0x7FFF_FFFFUL : 0x7FFF_FFFF_FFFF_FFFFUL)
                    : (sz == 4 ? 0x8000_0000UL : 0x8000_0000_0000_0000UL);
                LoadFloatBits(XScratch, mask, sz);
                Asm.Add(Instruction.Create((FSignOp)m.Sub == FSignOp.Abs ? Code.Andps_xmm_xmmm128 : Code.Xorps_xmm_xmmm128, X(0), XScratch));
                break;
            }
            case MOp.FCopysign:
            {
                // tmp = sign(b); xmm15 = |a|; dst = xmm15 | tmp.
                LoadFloatBits(XScratch, sz == 4 ? 0x8000_0000UL : 0x8000_0000_0000_0000UL, sz);
                MovX(X(3), XScratch);
                Asm.Add(Instruction.Create(Code.Andps_xmm_xmmm128, X(3), X(2)));
                Asm.Add(Instruction.Create(Code.Andnps_xmm_xmmm128, XScratch, X(0)));
                Asm.Add(Instruction.Create(Code.Orps_xmm_xmmm128, XScratch, X(3)));
                MovX(X(0), XScratch);
                break;
            }
            case MOp.FUnary:
                EmitFUnary(m);
                break;
            case MOp.CvtIntToF:
                EmitCvtIntToF(m);
                break;
            case MOp.CvtFToInt:
                EmitCvtFToInt(m);
                break;
            case MOp.BitcastToF:
                Asm.Add(sz == 8 ? Instruction.Create(Code.Movq_xmm_rm64, X(0), G(1, 8)) : Instruction.Create(Code.Movd_xmm_rm32, X(0), G(1, 4)));
                break;
            case MOp.BitcastFromF:
                Asm.Add(sz == 8 ? Instruction.Create(Code.Movq_rm64_xmm, G(0, 8), X(1)) : Instruction.Create(Code.Movd_rm32_xmm, G(0, 4), X(1)));
                break;
            default:
                throw new NotSupportedException($"emit {m.Op}");
        }
    }

    private void LoadOrStoreFrame(in MInst m, MemoryOperand mem, bool load)
    {
        int sz = m.Size;
        if (Reg(0).Class == RegClass.Float)
        {
            var code = load ? (sz == 4 ? Code.Movss_xmm_xmmm32 : Code.Movsd_xmm_xmmm64) : (sz == 4 ? Code.Movss_xmmm32_xmm : Code.Movsd_xmmm64_xmm);
            Asm.Add(load ? Instruction.Create(code, X(0), mem) : Instruction.Create(code, mem, X(0)));
        }
        else
        {
            // 8-byte slots; an i32 is stored whole (its upper half is zero) and loaded as 32 bits (a SysV caller
            // may leave garbage above it).
            if (load) Asm.Add(sz == 4 ? Instruction.Create(Code.Mov_r32_rm32, G(0, 4), mem) : Instruction.Create(Code.Mov_r64_rm64, G(0, 8), mem));
            else Asm.Add(Instruction.Create(Code.Mov_rm64_r64, mem, G(0, 8)));
        }
    }

    private void EmitLoad(in MInst m)
    {
        int sz = m.Size;
        var mem = Mem(m);
        if (Reg(0).Class == RegClass.Float)
        {
            AddTrapping(Instruction.Create(sz == 4 ? Code.Movss_xmm_xmmm32 : Code.Movsd_xmm_xmmm64, X(0), mem), m.Trap);
            return;
        }
        var inst = (LoadOp)m.Sub switch
        {
            LoadOp.Full => Instruction.Create(sz == 8 ? Code.Mov_r64_rm64 : Code.Mov_r32_rm32, G(0, sz), mem),
            LoadOp.U8 => Instruction.Create(Code.Movzx_r32_rm8, G(0, 4), mem),
            LoadOp.S8 => Instruction.Create(sz == 8 ? Code.Movsx_r64_rm8 : Code.Movsx_r32_rm8, G(0, sz), mem),
            LoadOp.U16 => Instruction.Create(Code.Movzx_r32_rm16, G(0, 4), mem),
            LoadOp.S16 => Instruction.Create(sz == 8 ? Code.Movsx_r64_rm16 : Code.Movsx_r32_rm16, G(0, sz), mem),
            LoadOp.U32 => Instruction.Create(Code.Mov_r32_rm32, G(0, 4), mem),
            _ => Instruction.Create(Code.Movsxd_r64_rm32, G(0, 8), mem),
        };
        AddTrapping(inst, m.Trap);
    }

    private void EmitStore(in MInst m)
    {
        int sz = m.Size;
        var mem = Mem(m);
        if (Reg(0).Class == RegClass.Float)
        {
            AddTrapping(Instruction.Create(sz == 4 ? Code.Movss_xmmm32_xmm : Code.Movsd_xmmm64_xmm, mem, X(0)), m.Trap);
            return;
        }
        var code = sz switch { 1 => Code.Mov_rm8_r8, 2 => Code.Mov_rm16_r16, 4 => Code.Mov_rm32_r32, _ => Code.Mov_rm64_r64 };
        AddTrapping(Instruction.Create(code, mem, G(0, sz)), m.Trap);
    }

    private void EmitExtend(in MInst m)
    {
        int sz = m.Size;
        var inst = (ExtendOp)m.Sub switch
        {
            ExtendOp.Sext8 => Instruction.Create(sz == 8 ? Code.Movsx_r64_rm8 : Code.Movsx_r32_rm8, G(0, sz), G(1, 1)),
            ExtendOp.Sext16 => Instruction.Create(sz == 8 ? Code.Movsx_r64_rm16 : Code.Movsx_r32_rm16, G(0, sz), G(1, 2)),
            ExtendOp.Sext32 => Instruction.Create(Code.Movsxd_r64_rm32, G(0, 8), G(1, 4)),
            // Always emitted, even from a register to itself: it clears the upper half.
            _ => Instruction.Create(Code.Mov_r32_rm32, G(0, 4), G(1, 4)),
        };
        Asm.Add(inst);
    }

    private void EmitDiv(in MInst m)
    {
        int sz = m.Size;
        var kind = (DivKind)m.Sub;
        var divisor = G(1, sz);
        bool check = m.Imm == 0;
        if (check)
        {
            Asm.Add(Instruction.Create(sz == 8 ? Code.Test_rm64_r64 : Code.Test_rm32_r32, divisor, divisor));
            Asm.Branch(Code.Je_rel32_64, TrapStub(TrapCode.IntegerDivisionByZero));
        }
        switch (kind)
        {
            case DivKind.UDiv:
            case DivKind.URem:
                Asm.Add(Instruction.Create(Code.Xor_r32_rm32, Register.EDX, Register.EDX));
                Asm.Add(Instruction.Create(sz == 8 ? Code.Div_rm64 : Code.Div_rm32, divisor));
                break;
            case DivKind.SDiv:
            {
                if (check)
                {
                    // MIN / -1 overflows: trap (idiv would fault with the wrong meaning).
                    var ok = Asm.NewLabel();
                    AluImm(AluOp.Cmp, divisor, -1, sz);
                    Asm.Branch(Code.Jne_rel32_64, ok);
                    if (sz == 8)
                    {
                        MovImm(Scratch, long.MinValue, 8);
                        Asm.Add(Instruction.Create(Code.Cmp_rm64_r64, Register.RAX, Scratch));
                    }
                    else AluImm(AluOp.Cmp, Register.EAX, int.MinValue, 4);
                    Asm.Branch(Code.Je_rel32_64, TrapStub(TrapCode.IntegerOverflow));
                    Asm.Bind(ok);
                }
                Asm.Add(sz == 8 ? Code.Cqo : Code.Cdq);
                Asm.Add(Instruction.Create(sz == 8 ? Code.Idiv_rm64 : Code.Idiv_rm32, divisor));
                break;
            }
            default:
            {
                // x % -1 is 0 in wasm; idiv would fault on MIN % -1.
                var done = Asm.NewLabel();
                if (check)
                {
                    var doit = Asm.NewLabel();
                    AluImm(AluOp.Cmp, divisor, -1, sz);
                    Asm.Branch(Code.Jne_rel32_64, doit);
                    Asm.Add(Instruction.Create(Code.Xor_r32_rm32, Register.EDX, Register.EDX));
                    Asm.Branch(Code.Jmp_rel32_64, done);
                    Asm.Bind(doit);
                }
                Asm.Add(sz == 8 ? Code.Cqo : Code.Cdq);
                Asm.Add(Instruction.Create(sz == 8 ? Code.Idiv_rm64 : Code.Idiv_rm32, divisor));
                Asm.Bind(done);
                break;
            }
        }
    }

    private void EmitBitCount(in MInst m)
    {
        int sz = m.Size;
        var dst = G(0, sz);
        var src = G(1, sz);
        bool q = sz == 8;
        switch ((BitCountOp)m.Sub)
        {
            case BitCountOp.Popcnt:
                Asm.Add(Instruction.Create(q ? Code.Popcnt_r64_rm64 : Code.Popcnt_r32_rm32, dst, src));
                break;
            case BitCountOp.Clz when _features.Has(X64Features.Lzcnt):
                Asm.Add(Instruction.Create(q ? Code.Lzcnt_r64_rm64 : Code.Lzcnt_r32_rm32, dst, src));
                break;
            case BitCountOp.Ctz when _features.Has(X64Features.Bmi1):
                Asm.Add(Instruction.Create(q ? Code.Tzcnt_r64_rm64 : Code.Tzcnt_r32_rm32, dst, src));
                break;
            case BitCountOp.Clz:
                // bsr gives the top bit's index (ZF on zero); clz = (bits-1) ^ index, and 0 maps to (2*bits-1) ^ (bits-1) = bits.
                Asm.Add(Instruction.Create(q ? Code.Bsr_r64_rm64 : Code.Bsr_r32_rm32, dst, src));
                Asm.Add(Instruction.Create(Code.Mov_r32_imm32, Register.R11D, (uint)(sz * 16 - 1)));
                Asm.Add(Instruction.Create(q ? Code.Cmove_r64_rm64 : Code.Cmove_r32_rm32, dst, q ? Scratch : Register.R11D));
                AluImm(AluOp.Xor, dst, sz * 8 - 1, sz);
                break;
            default:
                Asm.Add(Instruction.Create(q ? Code.Bsf_r64_rm64 : Code.Bsf_r32_rm32, dst, src));
                Asm.Add(Instruction.Create(Code.Mov_r32_imm32, Register.R11D, (uint)(sz * 8)));
                Asm.Add(Instruction.Create(q ? Code.Cmove_r64_rm64 : Code.Cmove_r32_rm32, dst, q ? Scratch : Register.R11D));
                break;
        }
    }

    private void EmitSetcc(in MInst m)
    {
        EmitFlags(m);
        var d8 = G(0, 1);
        switch (m.Cond)
        {
            case Cc.FEq:
                Asm.Add(Instruction.Create(Code.Setnp_rm8, Register.R11L));
                Asm.Add(Instruction.Create(Code.Sete_rm8, d8));
                Asm.Add(Instruction.Create(Code.And_rm8_r8, d8, Register.R11L));
                break;
            case Cc.FNe:
                Asm.Add(Instruction.Create(Code.Setp_rm8, Register.R11L));
                Asm.Add(Instruction.Create(Code.Setne_rm8, d8));
                Asm.Add(Instruction.Create(Code.Or_rm8_r8, d8, Register.R11L));
                break;
            default:
                Asm.Add(Instruction.Create(Setcc[(int)m.Cond], d8));
                break;
        }
        Asm.Add(Instruction.Create(Code.Movzx_r32_rm8, G(0, 4), d8));
    }

    private void EmitCmov(in MInst m)
    {
        EmitFlags(m);
        int sz = m.Size;
        var table = sz == 8 ? Cmov64 : Cmov32;
        var dst = G(0, sz);
        var t = G(2, sz);
        switch (m.Cond)
        {
            case Cc.FEq:
            {
                // dst holds the false value; r11 = (PF ? false : true); take r11 when ZF.
                var s = sz == 8 ? Scratch : Register.R11D;
                Mov(s, t, sz);
                Asm.Add(Instruction.Create(table[(int)Cc.P], s, dst));
                Asm.Add(Instruction.Create(table[(int)Cc.E], dst, s));
                break;
            }
            case Cc.FNe:
                Asm.Add(Instruction.Create(table[(int)Cc.NE], dst, t));
                Asm.Add(Instruction.Create(table[(int)Cc.P], dst, t));
                break;
            default:
                Asm.Add(Instruction.Create(table[(int)m.Cond], dst, t));
                break;
        }
    }

    private void EmitJumpTableTarget(in MInst m)
    {
        // tmp = min(index, n) (entry n is the default), then tmp = table + table[tmp] (rel32 entries).
        int n = JumpTables[m.Target].Length - 1;
        var tmp = G(0, 8);
        var idx = G(1, 4);
        Asm.Add(Instruction.Create(Code.Mov_r32_imm32, G(0, 4), (uint)n));
        Asm.Add(Instruction.Create(Code.Cmp_rm32_imm32, idx, n));
        Asm.Add(Instruction.Create(Code.Cmovb_r32_rm32, G(0, 4), idx));
        Asm.AddRipRelative(Instruction.Create(Code.Lea_r64_m, Scratch, new MemoryOperand(Register.RIP, 0L)), JumpTableLabel(m.Target));
        Asm.Add(Instruction.Create(Code.Movsxd_r64_rm32, tmp, new MemoryOperand(Scratch, tmp, 4, 0, 0)));
        Asm.Add(Instruction.Create(Code.Add_rm64_r64, tmp, Scratch));
    }
}
