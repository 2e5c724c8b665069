namespace Kiln.IR;

/// <summary>Opcode properties the passes rely on.</summary>
[Flags]
public enum OpFlags : ushort
{
    None = 0,

    /// <summary>Observable effect besides the results: never removed or merged.</summary>
    SideEffect = 1 << 0,

    /// <summary>May trap for some operands: never removed, merged or hoisted.</summary>
    CanTrap = 1 << 1,

    /// <summary>Ends a block.</summary>
    Terminator = 1 << 2,

    /// <summary>Has block-call targets.</summary>
    Branch = 1 << 3,

    /// <summary>Binary operation whose operands may be swapped.</summary>
    Commutative = 1 << 4,

    /// <summary>Reads memory (traps only if it carries a trap code).</summary>
    MemRead = 1 << 5,

    /// <summary>Writes memory.</summary>
    MemWrite = 1 << 6,

    Call = 1 << 7,
}
