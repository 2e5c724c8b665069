namespace Kiln.Codegen;

[Flags]
public enum InstFlags : byte
{
    None = 0,
    /// <summary>A plain copy between two vregs of one class (operand 0 = def, 1 = use): a coalescing hint.</summary>
    Move = 1,
    /// <summary>Ends a block and transfers control to its successors.</summary>
    Branch = 2,
    /// <summary>Ends a block and leaves the function.</summary>
    Return = 4,
    /// <summary>Defines its only operand from nothing (a constant): may be re-executed instead of reloaded.</summary>
    Rematerializable = 8,
    /// <summary>Calls out (informational; clobbers are what the allocator uses).</summary>
    Call = 16,

    Terminator = Branch | Return,
}
