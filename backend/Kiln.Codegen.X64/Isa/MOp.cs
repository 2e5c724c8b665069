namespace Kiln.Codegen.X64;

/// <summary>
/// Machine instruction kinds. The comment on each says its operand order (operand k is the k-th entry of the
/// instruction's VCode operand list) and which <see cref="MInst"/> fields it reads. "flags@k" means the
/// compare operands described by <see cref="MInst.Flags"/> start at operand k; "mem" means the address is
/// <see cref="MInst.Base"/> (+ <see cref="MInst.Index"/> * scale) + <see cref="MInst.Disp"/>.
/// </summary>
public enum MOp : byte
{
    /// <summary>Function entry: defs fixed to the ABI registers of the register-passed params. Emits nothing.</summary>
    Args,
    /// <summary>0 def; Disp = offset into the incoming stack-argument area.</summary>
    LoadStackArg,
    /// <summary>0 def, 1 use (a coalescing hint for the allocator).</summary>
    Move,
    /// <summary>0 def; Imm; Size 4 or 8.</summary>
    MovImm,
    /// <summary>0 def (float); Imm = IEEE bits; Size 4 or 8.</summary>
    FConst,
    /// <summary>0 def reuse 1, 1 a, 2 b; Sub = <see cref="AluOp"/>.</summary>
    Alu,
    /// <summary>0 def reuse 1, 1 a; Imm (fits imm32); Sub = <see cref="AluOp"/>.</summary>
    AluImm,
    /// <summary>0 def reuse 1, 1 a, mem; Sub = <see cref="AluOp"/>; Trap: a folded load.</summary>
    AluMem,
    /// <summary>0 def reuse 1, 1 a, 2 b.</summary>
    Imul,
    /// <summary>0 def, 1 a; Imm.</summary>
    ImulImm,
    /// <summary>0 dividend fixed rax, 1 divisor, 2 quotient fixed rax, 3 remainder fixed rdx (early); Sub = <see cref="DivKind"/>.</summary>
    Div,
    /// <summary>0 def reuse 1, 1 a, 2 count fixed rcx; Sub = <see cref="ShiftOp"/>.</summary>
    Shift,
    /// <summary>0 def reuse 1, 1 a; Imm = count; Sub = <see cref="ShiftOp"/>.</summary>
    ShiftImm,
    /// <summary>0 def, 1 src; Sub = <see cref="BitCountOp"/>.</summary>
    BitCount,
    /// <summary>0 def, 1 src; Sub = <see cref="ExtendOp"/>; Size = result size.</summary>
    Extend,
    /// <summary>0 def; mem.</summary>
    Lea,
    /// <summary>0 def; mem; Sub = <see cref="LoadOp"/>; Trap.</summary>
    Load,
    /// <summary>0 value; mem; Size = access bytes; Trap.</summary>
    Store,
    /// <summary>mem (operands from 0); Imm; Size = access bytes; Trap.</summary>
    StoreImm,
    /// <summary>0 def; flags@1; Cond.</summary>
    Setcc,
    /// <summary>0 def reuse 1, 1 value if false, 2 value if true; flags@3; Cond; Size = value size.</summary>
    Cmov,
    /// <summary>Like <see cref="Cmov"/> for float values (a short branch around a move).</summary>
    XmmSelect,
    /// <summary>No operands; Target = block.</summary>
    Jump,
    /// <summary>No operands; after a call: Target = block on return (a jump), Target2 = landing block if the call unwinds
    /// (recorded as a landing site, no code). Clobbers every register.</summary>
    JumpUnwind,
    /// <summary>flags@0; Cond; Target = block if true, Target2 = block if false.</summary>
    Brif,
    /// <summary>0 def (early): the address to jump to for index 1 (i32), clamped so out-of-range picks the
    /// table's last entry, the default; Target = jump-table number.</summary>
    JumpTableTarget,
    /// <summary>0 target address (from <see cref="JumpTableTarget"/>): jmp to it.</summary>
    BrTable,
    /// <summary>flags@0; Cond (trap when true); Trap.</summary>
    TrapIf,
    /// <summary>ud2; Trap.</summary>
    Trap,
    /// <summary>Uses fixed to the result registers; epilogue and ret.</summary>
    Ret,
    /// <summary>Arg uses (fixed), result defs (fixed); Target = external function; clobbers caller-saved.</summary>
    Call,
    /// <summary>0 callee, then as <see cref="Call"/>.</summary>
    CallIndirect,
    /// <summary>0 def; Target = external function (a PC-relative relocation).</summary>
    FuncAddr,
    /// <summary>0 def; Target = IR stack slot: lea of the slot's address in the frame.</summary>
    StackAddr,
    /// <summary>0 value; Disp = offset in the outgoing-argument area at rsp.</summary>
    StoreOutArg,
    /// <summary>0 def; Disp = offset in the outgoing area (results returned on the stack).</summary>
    LoadOutArg,
    /// <summary>0 value; Disp = offset into the caller's area above the incoming args (stack results).</summary>
    StoreRetArea,
    /// <summary>0 def reuse 1, 1 a, 2 b; Sub = <see cref="FAluOp"/>; Size 4 or 8.</summary>
    FAlu,
    /// <summary>0 def reuse 1, 1 a; Sub = <see cref="FSignOp"/>.</summary>
    FSign,
    /// <summary>0 def reuse 1, 1 magnitude, 2 sign, 3 temp (float, early def).</summary>
    FCopysign,
    /// <summary>0 def, 1 src; Sub = <see cref="FUnaryOp"/>; Size = result size.</summary>
    FUnary,
    /// <summary>0 def (float), 1 src (int); Sub = 1 when unsigned; Size = float size; Size2 = int size; unsigned 64-bit: 2 temp (int, early def).</summary>
    CvtIntToF,
    /// <summary>0 def (int), 1 src (float); Sub = <see cref="CvtKind"/>; Size = int size; Size2 = float size.</summary>
    CvtFToInt,
    /// <summary>0 def (float), 1 src (int): movd/movq.</summary>
    BitcastToF,
    /// <summary>0 def (int), 1 src (float): movd/movq.</summary>
    BitcastFromF,
}

public enum AluOp : byte { Add, Sub, And, Or, Xor, Cmp }

public enum ShiftOp : byte { Shl, Sar, Shr, Rol, Ror }

public enum FSignOp : byte { Abs, Neg }

public enum FUnaryOp : byte { Sqrt, Nearest, Floor, Ceil, Trunc, Promote, Demote }

/// <summary>How the compare operands of a flags-consuming instruction set the flags.</summary>
public enum FlagsKind : byte
{
    None,
    /// <summary><c>test a, a</c> (one operand).</summary>
    Test,
    /// <summary><c>cmp a, b</c> (two operands).</summary>
    Cmp,
    /// <summary><c>cmp a, Imm</c> (one operand).</summary>
    CmpImm,
    /// <summary><c>ucomiss/ucomisd a, b</c> (two float operands).</summary>
    Ucomi,
}
