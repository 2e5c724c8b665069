namespace Kiln.IR;

/// <summary>
/// One instruction in the arena. Plain fields, no references: value operands, results and block calls
/// are (start, count) slices of the DFG's shared pools. Which fields matter depends on the format.
/// </summary>
public struct InstData
{
    public Opcode Opcode;

    /// <summary>Controlling type: the result type, or the operand type of icmp/fcmp. Invalid when none.</summary>
    public IrType Type;

    /// <summary><see cref="IntCC"/> or <see cref="FloatCC"/> for comparisons.</summary>
    public byte Cond;

    /// <summary>Trap code of loads, stores, trap, trapz and trapnz.</summary>
    public TrapCode Trap;

    /// <summary>Integer constant (sign-extended from its width), float bits, or memory offset.</summary>
    public long Imm;

    /// <summary><see cref="FuncRef"/> of call/func_addr, <see cref="SigRef"/> of call_indirect.</summary>
    public int Ref;

    public int ArgStart;
    public int ArgCount;
    public int ResultStart;
    public int ResultCount;
    public int CallStart;
    public int CallCount;

    public readonly OpcodeInfo Info => OpcodeInfo.Of(Opcode);
}
