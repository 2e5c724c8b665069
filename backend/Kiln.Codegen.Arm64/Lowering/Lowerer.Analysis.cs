using Kiln.IR;

namespace Kiln.Codegen.Arm64;

internal sealed partial class Lowerer
{
    /// <summary>
    /// The folding decisions (use counts are known): constants, compares fused into their one consumer, address
    /// additions used only as addresses, multiplications fused into madd/msub, dead pure instructions; and which
    /// values are free copies of another (<see cref="LoweringDriver{TInst}.Alias"/>).
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
                    case Opcode.Iadd:
                    case Opcode.Isub:
                        FoldMul(blk, d.Opcode == Opcode.Iadd ? args : args[1..]);
                        break;
                }
                if (F.IsPure(inst) && d.Info.Format != InstFormat.IntConst)
                {
                    bool used = false;
                    foreach (var r in Dfg.Results(inst)) used |= UseCount[r.Index] > 0;
                    if (!used) Folded[inst.Index] = true;
                }
            }
        }
    }

    /// <summary>A compare whose only use is this consumer in the same block becomes flags at the consumer.</summary>
    private void FoldCompare(Block blk, Value cond)
    {
        var def = DefInst(cond);
        if (!def.IsValid || UseCount[cond.Index] != 1 || F.Layout.InstBlock(def) != blk) return;
        var op = Dfg[def].Opcode;
        if (op is Opcode.Icmp or Opcode.Eqz) Folded[def.Index] = true;
        else if (op == Opcode.Fcmp && FloatCond((FloatCC)Dfg[def].Cond, out _)) Folded[def.Index] = true;
    }

    /// <summary>An address addition used only as addresses becomes base + index of the accesses.</summary>
    private void FoldAddress(Value addr)
    {
        var def = DefInst(addr);
        if (!def.IsValid || Dfg[def].Opcode != Opcode.Iadd || UseCount[addr.Index] != _addrUses[addr.Index]) return;
        foreach (var a in Dfg.Args(def))
            if (IsFoldedOp(a, Opcode.Imul, out _)) return; // the addition is a madd already
        Folded[def.Index] = true;
        // An index shifted left by 0-3 used only here becomes the shifted register offset.
        foreach (var a in Dfg.Args(def))
            if (IsScaledIndex(a, out _, out _) && UseCount[a.Index] == 1) Folded[DefInst(a).Index] = true;
    }

    private bool IsScaledIndex(Value v, out Value index, out int shift)
    {
        index = default;
        shift = 0;
        var d = DefInst(Root(v));
        if (!d.IsValid || Dfg[d].Opcode != Opcode.Ishl) return false;
        var a = Dfg.Args(d);
        if (!IsConst(a[1], out long sh) || (ulong)sh > 3) return false;
        index = a[0];
        shift = (int)sh;
        return true;
    }

    /// <summary>A single-use integer multiply in the same block, added to (or subtracted from) something, becomes madd/msub.</summary>
    private void FoldMul(Block blk, ReadOnlySpan<Value> candidates)
    {
        foreach (var v in candidates)
        {
            var def = DefInst(v);
            if (def.IsValid && Dfg[def].Opcode == Opcode.Imul && UseCount[v.Index] == 1 && F.Layout.InstBlock(def) == blk)
            {
                Folded[def.Index] = true;
                return;
            }
        }
    }

    private bool IsFolded(Value v)
    {
        var d = DefInst(Root(v));
        return d.IsValid && Folded[d.Index];
    }

    private bool IsFoldedOp(Value v, Opcode op, out Inst def)
    {
        def = DefInst(Root(v));
        return def.IsValid && Folded[def.Index] && Dfg[def].Opcode == op;
    }
}
