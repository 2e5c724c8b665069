using Kiln.IR;

namespace Kiln.Codegen;

public abstract partial class LoweringDriver<TInst>
{
    /// <summary>Per value: how many of its uses are as the address of a load or store.</summary>
    private int[] _addressUses = [];

    /// <summary>
    /// The folding decisions every later step relies on (use counts are known): which instructions are not emitted
    /// where they stand and which values are free copies of another (<see cref="Alias"/>). Shared: constants (each
    /// use materializes or folds them), free extensions (an i32 is kept zero-extended on every target, i64 ↔ iptr is
    /// a no-op), compares fused into their one consumer in the same block (<see cref="FusesCompare"/>), address
    /// additions used only as addresses (<see cref="FoldsAddress"/>) with an index shifted by 0-3, and dead pure
    /// instructions. The target adds its own patterns in <see cref="AnalyzeInst"/>.
    /// </summary>
    private void Analyze()
    {
        _addressUses = new int[Dfg.ValueCount];
        foreach (var blk in F.Layout.Blocks)
            foreach (var inst in F.Layout.Insts(blk))
            {
                ref var d = ref Dfg[inst];
                if (d.Info.Format == InstFormat.Load) _addressUses[Dfg.Args(inst)[0].Index]++;
                else if (d.Info.Format == InstFormat.Store) _addressUses[Dfg.Args(inst)[1].Index]++;
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
                    default:
                        AnalyzeInst(blk, inst, prev);
                        break;
                }
                if (F.IsPure(inst) && d.Info.Format != InstFormat.IntConst)
                {
                    bool used = false;
                    foreach (var r in Dfg.Results(inst)) used |= UseCount[r.Index] > 0;
                    if (!used)
                    {
                        Folded[inst.Index] = true;
                        ReleaseFusedOperands(inst);
                    }
                }
                prev = inst;
            }
        }
    }

    // ---- what the target adds ----

    /// <summary>The target's own folding of <paramref name="inst"/> (one the shared analysis has no rule for);
    /// <paramref name="prev"/> is the instruction before it in the block, or none.</summary>
    protected virtual void AnalyzeInst(Block blk, Inst inst, Inst prev)
    {
    }

    /// <summary>Whether compare <paramref name="cmp"/> (icmp, fcmp or eqz) can become flags at its consumer.</summary>
    protected virtual bool FusesCompare(Inst cmp) => true;

    /// <summary>Whether address addition <paramref name="add"/> (used only as addresses) may fold into them.</summary>
    protected virtual bool FoldsAddress(Inst add) => true;

    /// <summary><paramref name="inst"/> will not be emitted as itself (dead, or an address addition folded into
    /// the accesses): an operand the target fused into it must stand alone again.</summary>
    protected virtual void ReleaseFusedOperands(Inst inst)
    {
    }

    // ---- the shared rules ----

    /// <summary>A compare whose only use is this consumer in the same block becomes flags at the consumer.</summary>
    private void FoldCompare(Block blk, Value cond)
    {
        var def = DefInst(cond);
        if (!def.IsValid || UseCount[cond.Index] != 1 || F.Layout.InstBlock(def) != blk) return;
        if ((Dfg[def].Opcode is Opcode.Icmp or Opcode.Fcmp or Opcode.Eqz) && FusesCompare(def)) Folded[def.Index] = true;
    }

    /// <summary>An address addition used only as addresses folds into the address modes.</summary>
    private void FoldAddress(Value addr)
    {
        var def = DefInst(addr);
        if (!def.IsValid || Dfg[def].Opcode != Opcode.Iadd || UseCount[addr.Index] != _addressUses[addr.Index]) return;
        if (!FoldsAddress(def)) return;
        Folded[def.Index] = true;
        ReleaseFusedOperands(def);
        // An index shifted left by 0-3 used only here becomes the scaled index.
        foreach (var a in Dfg.Args(def))
            if (IsScaledIndex(a, out _, out _) && UseCount[a.Index] == 1) Folded[DefInst(a).Index] = true;
    }

    // ---- queries the patterns share ----

    /// <summary>Whether <paramref name="v"/> is <c>index &lt;&lt; shift</c> with a constant shift of 0-3 (an address's
    /// scaled index).</summary>
    protected bool IsScaledIndex(Value v, out Value index, out int shift)
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

    /// <summary>Whether the instruction defining <paramref name="v"/> (through aliases) is folded.</summary>
    protected bool IsFolded(Value v)
    {
        var d = DefInst(Root(v));
        return d.IsValid && Folded[d.Index];
    }

    /// <summary>Whether <paramref name="v"/> is defined (through aliases) by a folded <paramref name="op"/>.</summary>
    protected bool IsFoldedOp(Value v, Opcode op, out Inst def)
    {
        def = DefInst(Root(v));
        return def.IsValid && Folded[def.Index] && Dfg[def].Opcode == op;
    }

    /// <summary>Whether condition <paramref name="cond"/> is a compare fused into its consumer (its operands are
    /// then the consumer's, see <see cref="FoldCompare"/>).</summary>
    protected bool IsFusedCompare(Value cond, out Inst cmp)
    {
        cmp = DefInst(Root(cond));
        return cmp.IsValid && Folded[cmp.Index] && Dfg[cmp].Opcode is Opcode.Icmp or Opcode.Fcmp or Opcode.Eqz;
    }
}
