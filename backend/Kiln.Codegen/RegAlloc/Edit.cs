namespace Kiln.Codegen;

/// <summary>
/// Why the allocator inserted a move (statistics, debugging, and the checker, which renames block params
/// after the Edge group). Helper moves through the scratch register or temp slot carry their group's origin.
/// </summary>
public enum EditOrigin : byte
{
    /// <summary>Between two pieces of a split live interval (includes spill stores and reloads).</summary>
    Split,
    /// <summary>
    /// Control-flow edge resolution (block params, and values whose location differs across the edge),
    /// placed at the top of a block whose only predecessor has several successors.
    /// </summary>
    EdgeStart,
    /// <summary>Edge resolution placed at the bottom of a block with one successor, before its jump.</summary>
    EdgeEnd,
    /// <summary>Into a fixed register before an instruction, or into a reused input's register.</summary>
    Pre,
    /// <summary>Out of a fixed def register after an instruction.</summary>
    FixedDef,
}

/// <summary>
/// A move the emitter inserts immediately before instruction <see cref="Inst"/>; edits with the same
/// <see cref="Inst"/> execute in list order. At most one side is a spill slot (stack-to-stack moves are
/// already expanded through the scratch register), so each edit is a reg-reg move, a load or a store.
/// </summary>
public readonly record struct Edit(int Inst, Allocation From, Allocation To, EditOrigin Origin)
{
    public RegClass Class => To.Class;
    public override string ToString() => $"before {Inst}: {To} <- {From} ({Origin})";
}
