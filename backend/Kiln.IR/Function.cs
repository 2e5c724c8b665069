namespace Kiln.IR;

/// <summary>A function: name, signature, the data-flow graph (what the instructions are) and the
/// layout (where they are). The entry block is the first block in the layout.</summary>
public sealed class Function(string name, Signature signature)
{
    public string Name { get; set; } = name;

    public Signature Signature { get; set; } = signature;

    public DataFlowGraph Dfg { get; } = new();

    public Layout Layout { get; } = new();

    public Block Entry => Layout.FirstBlock;

    /// <summary>How the prologue finds the stack limit; null when the function needs no stack check.</summary>
    public StackLimit? StackLimit { get; set; }

    /// <summary>Source offset of each instruction, filled by front ends that know one.</summary>
    public SourceLocations SourceLocs { get; } = new();

    public StackSlot CreateStackSlot(int size, int align)
    {
        Dfg.StackSlots.Add(new StackSlotData(size, align));
        return new StackSlot(Dfg.StackSlots.Count - 1);
    }

    public SigRef ImportSignature(Signature sig)
    {
        Dfg.Signatures.Add(sig);
        return new SigRef(Dfg.Signatures.Count - 1);
    }

    public FuncRef ImportFunction(string name, SigRef sig, bool isLibCall = false)
    {
        Dfg.ExtFuncs.Add(new ExtFunc(name, sig, isLibCall));
        return new FuncRef(Dfg.ExtFuncs.Count - 1);
    }

    /// <summary>The terminator of a block, or None if the block is empty or does not end in one.</summary>
    public Inst Terminator(Block b)
    {
        var last = Layout.LastInst(b);
        return last.IsValid && Dfg[last].Info.Is(OpFlags.Terminator) ? last : Inst.None;
    }

    /// <summary>Whether the instruction may trap: by opcode, or a memory access carrying a trap code.</summary>
    public bool CanTrap(Inst i)
    {
        ref var d = ref Dfg[i];
        return d.Info.Is(OpFlags.CanTrap) || (d.Info.Is(OpFlags.MemRead | OpFlags.MemWrite) && d.Trap != TrapCode.None);
    }

    /// <summary>Pure: no side effect, no trap, no memory read, so it can be removed when unused and
    /// merged with an identical dominating instruction.</summary>
    public bool IsPure(Inst i)
    {
        ref var d = ref Dfg[i];
        return !d.Info.Is(OpFlags.SideEffect | OpFlags.CanTrap | OpFlags.Terminator | OpFlags.MemRead | OpFlags.MemWrite | OpFlags.Call);
    }

    public override string ToString() => Text.Printer.Print(this);
}
