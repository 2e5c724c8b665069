namespace Kiln.IR;

/// <summary>
/// The operand shape of an instruction: which fields of <see cref="InstData"/> are meaningful and how the
/// text form spells them. Printer, parser and verifier dispatch on this rather than on opcodes.
/// </summary>
public enum InstFormat : byte
{
    /// <summary><c>iconst.T imm</c>: integer immediate in <see cref="InstData.Imm"/>.</summary>
    IntConst,

    /// <summary><c>fconst.T value</c>: IEEE bits in <see cref="InstData.Imm"/>.</summary>
    FloatConst,

    /// <summary><c>op.T a</c>.</summary>
    Unary,

    /// <summary><c>op.T a, b</c>.</summary>
    Binary,

    /// <summary><c>select.T c, a, b</c>.</summary>
    Ternary,

    /// <summary><c>icmp.T cc a, b</c>; result i32.</summary>
    IntCompare,

    /// <summary><c>fcmp.T cc a, b</c>; result i32.</summary>
    FloatCompare,

    /// <summary><c>load.T trap addr+offset</c>.</summary>
    Load,

    /// <summary><c>store trap value, addr+offset</c>.</summary>
    Store,

    /// <summary><c>call fnN(args)</c>.</summary>
    Call,

    /// <summary><c>call_indirect sigN, callee(args)</c>.</summary>
    CallIndirect,

    /// <summary><c>func_addr.iptr fnN</c>.</summary>
    FuncAddr,

    /// <summary><c>stack_addr.iptr ssN</c>: the address of a stack slot.</summary>
    StackAddr,

    /// <summary><c>jump blockN(args)</c>.</summary>
    Jump,

    /// <summary><c>brif c, blockT(args), blockE(args)</c>.</summary>
    Brif,

    /// <summary><c>br_table i, blockD(args), [blockA(args), ...]</c>.</summary>
    BrTable,

    /// <summary><c>return a, b</c>.</summary>
    Return,

    /// <summary><c>trap code</c>.</summary>
    Trap,

    /// <summary><c>trapz c, code</c>.</summary>
    CondTrap,

    /// <summary><c>jump_unwind blockN(args), unwind blockL</c>: ends a block whose last instruction before it is a
    /// call. Normal return goes to blockN; when the call unwinds instead (a callee raised an exception that this
    /// function handles), control resumes at blockL, the landing block (no parameters) with every register
    /// clobbered: values live into it are reloaded from the frame.</summary>
    JumpUnwind,
}
