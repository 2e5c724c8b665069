using Kiln.IR;

namespace Kiln.Codegen.X64;

internal sealed partial class Lowerer
{
    /// <summary>
    /// The folding decisions (use counts are known) every later step relies on: which instructions are not emitted
    /// where they stand (constants, compares fused into their one consumer, address additions, loads fused into
    /// an ALU op, dead pure instructions) and which values are free copies of another (<see cref="Alias"/>).
    /// </summary>
    protected override void Analyze()
    {
        foreach (var blk in F.Layout.Blocks)
            foreach (var inst in F.Layout.Insts(blk))
            {
                ref var d = ref Dfg[inst];
                if (d.Info.Format == InstFormat.Load) _addrUses[Dfg.Args(inst)[0].Index]++;
                else if (d.Info.Format == InstFormat.Store) _addrUses[Dfg.Args(inst)[1].Index]++;
            }

        foreach (var blk in F.Layout.Blocks)
        {
            var prev = Inst.None;
            foreach (var inst in F.Layout.Insts(blk))
            {
                ref var d = ref Dfg[inst];
                var args = Dfg.Args(inst);
                switch (d.Opcode)
                {
                    case Opcode.Iconst:
                    case Opcode.Fconst:
                        Folded[inst.Index] = true;
                        break;
                    case Opcode.Uextend:
                    case Opcode.Sextend:
                    case Opcode.Ireduce:
                        // Zero-extending an i32 is free (upper halves are kept zero); i64 <-> iptr is a no-op.
                        if (d.Opcode == Opcode.Uextend || SizeOf(Dfg.ValueType(args[0])) == SizeOf(d.Type))
                        {
                            Alias[Dfg.FirstResult(inst).Index] = args[0].Index;
                            Folded[inst.Index] = true;
                        }
                        break;
                    case Opcode.Brif:
                    case Opcode.Select:
                    case Opcode.Trapz:
                    case Opcode.Trapnz:
                        FoldCompare(blk, args[0]);
                        break;
                    case Opcode.Load: case Opcode.Uload8: case Opcode.Sload8: case Opcode.Uload16:
                    case Opcode.Sload16: case Opcode.Uload32: case Opcode.Sload32:
                        FoldAddress(args[0]);
                        break;
                    case Opcode.Store: case Opcode.Istore8: case Opcode.Istore16: case Opcode.Istore32:
                        FoldAddress(args[1]);
                        break;
                    case Opcode.Iadd: case Opcode.Isub: case Opcode.Band: case Opcode.Bor: case Opcode.Bxor:
                        FoldLoad(inst, prev);
                        break;
                }
                if (F.IsPure(inst) && d.Info.Format != InstFormat.IntConst)
                {
                    bool used = false;
                    foreach (var r in Dfg.Results(inst)) used |= UseCount[r.Index] > 0;
                    if (!used)
                    {
                        Folded[inst.Index] = true;
                        // A load fused into it as a memory operand would vanish with it, and with it the load's
                        // bounds trap: it must stand alone again.
                        foreach (var a in args)
                            if (IsFoldedLoad(a, out var load)) Folded[load.Index] = false;
                    }
                }
                prev = inst;
            }
        }
    }

    /// <summary>A compare whose only use is this consumer in the same block becomes flags at the consumer.</summary>
    private void FoldCompare(Block blk, Value cond)
    {
        var def = DefInst(cond);
        if (!def.IsValid || UseCount[cond.Index] != 1 || F.Layout.InstBlock(def) != blk) return;
        var op = Dfg[def].Opcode;
        if (op is Opcode.Icmp or Opcode.Fcmp or Opcode.Eqz) Folded[def.Index] = true;
    }

    /// <summary>An address addition used only as addresses folds into the address modes.</summary>
    private void FoldAddress(Value addr)
    {
        var def = DefInst(addr);
        if (!def.IsValid || Dfg[def].Opcode != Opcode.Iadd || UseCount[addr.Index] != _addrUses[addr.Index]) return;
        Folded[def.Index] = true;
        // The addition is no longer an ALU op, so a load fused into it as a memory operand must stand alone again.
        foreach (var a in Dfg.Args(def))
            if (IsFoldedLoad(a, out var load)) Folded[load.Index] = false;
        // An index shifted left by 0-3 used only here becomes the scale.
        foreach (var a in Dfg.Args(def))
            if (IsScaledIndex(a, out _, out _) && UseCount[a.Index] == 1) Folded[DefInst(a).Index] = true;
    }

    private bool IsScaledIndex(Value v, out Value index, out int scale)
    {
        index = default;
        scale = 1;
        var d = DefInst(Root(v));
        if (!d.IsValid || Dfg[d].Opcode != Opcode.Ishl) return false;
        var a = Dfg.Args(d);
        if (!IsConst(a[1], out long sh) || (ulong)sh > 3) return false;
        index = a[0];
        scale = 1 << (int)sh;
        return true;
    }

    /// <summary>A full-width integer load used only by the ALU op right after it becomes that op's memory operand.</summary>
    private void FoldLoad(Inst inst, Inst prev)
    {
        if (!prev.IsValid) return;
        ref var p = ref Dfg[prev];
        if (p.Opcode != Opcode.Load || !p.Type.IsInt() || SizeOf(p.Type) != SizeOf(Dfg[inst].Type)) return;
        var loaded = Dfg.FirstResult(prev);
        if (UseCount[loaded.Index] != 1) return;
        var args = Dfg.Args(inst);
        bool commutative = Dfg[inst].Info.Is(OpFlags.Commutative);
        if (args[1] == loaded || (commutative && args[0] == loaded)) Folded[prev.Index] = true;
    }

    private bool IsFoldedLoad(Value v, out Inst load)
    {
        load = DefInst(v);
        return load.IsValid && Dfg[load].Opcode == Opcode.Load && Folded[load.Index];
    }
}
