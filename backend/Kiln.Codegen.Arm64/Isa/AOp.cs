namespace Kiln.Codegen.Arm64;

/// <summary>
/// AArch64 machine instruction kinds. The comment on each gives its operand order (operand k is the k-th entry of
/// its VCode operand list) and the <see cref="AInst"/> fields it reads. "flags@k": the compare described by
/// <see cref="AInst.Flags"/> starts at operand k; "mem": the address is <see cref="AInst.Base"/>
/// (+ <see cref="AInst.Index"/>) + <see cref="AInst.Disp"/>. Three-address throughout: no reuse constraints.
/// </summary>
public enum AOp : byte
{
    /// <summary>Function entry: defs fixed to the ABI registers of the register-passed params. Emits nothing.</summary>
    Args,
    /// <summary>0 def; Disp = offset into the incoming stack-argument area (from the frame pointer).</summary>
    LoadStackArg,
    /// <summary>0 def; Imm; Size 4 or 8 (movz/movn/movk or orr with a logical immediate).</summary>
    MovImm,
    /// <summary>0 def (float); Imm = IEEE bits; Size 4 or 8.</summary>
    FConst,
    /// <summary>0 def, 1 a, 2 b; Sub = <see cref="AluOp"/>.</summary>
    Alu,
    /// <summary>0 def, 1 a; Imm (encodable for the op); Sub = <see cref="AluOp"/>.</summary>
    AluImm,
    /// <summary>0 def, 1 a, 2 b, 3 c: madd (a * b + c) or msub (c - a * b); Sub = 1 for msub.</summary>
    MulAdd,
    /// <summary>0 def, 1 dividend, 2 divisor; Sub = <see cref="DivKind"/>; Imm = 1 when the divisor is known safe.</summary>
    Div,
    /// <summary>0 def, 1 src; Sub = <see cref="BitCountOp"/>.</summary>
    BitCount,
    /// <summary>0 def, 1 src; Sub = <see cref="ExtendOp"/>; Size = result size.</summary>
    Extend,
    /// <summary>0 def; mem; Sub = <see cref="LoadOp"/>; Size = result size; Trap.</summary>
    Load,
    /// <summary>0 value; mem; Size = access bytes; Trap.</summary>
    Store,
    /// <summary>0 def; flags@1; Cond.</summary>
    Cset,
    /// <summary>0 def, 1 value if true, 2 value if false; flags@3; Cond; Size = value size (float: fcsel).</summary>
    Csel,
    /// <summary>No operands; Target = block.</summary>
    Jump,
    /// <summary>flags@0; Cond; Target = block if true, Target2 = block if false.</summary>
    Brif,
    /// <summary>0 index (i32): jump through table Target (entries for 0..n-1, then the default); uses x16/x17.</summary>
    BrTable,
    /// <summary>flags@0; Cond (trap when true); Trap.</summary>
    TrapIf,
    /// <summary>udf; Trap.</summary>
    Trap,
    /// <summary>Uses fixed to the result registers; epilogue and ret.</summary>
    Ret,
    /// <summary>Arg uses (fixed), result defs (fixed); Target = external function (bl with a relocation).</summary>
    Call,
    /// <summary>0 callee, then as <see cref="Call"/> (blr).</summary>
    CallIndirect,
    /// <summary>0 def; Target = IR stack slot: its address in the frame.</summary>
    StackAddr,
    /// <summary>0 value; Disp = offset in the outgoing-argument area at SP.</summary>
    StoreOutArg,
    /// <summary>0 def; Disp = offset in the outgoing area (results returned on the stack).</summary>
    LoadOutArg,
    /// <summary>0 value; Disp = offset into the caller's area above the incoming args (stack results).</summary>
    StoreRetArea,
    /// <summary>0 def, 1 a, 2 b; Sub = <see cref="FAluOp"/>; Size 4 or 8.</summary>
    FAlu,
    /// <summary>0 def, 1 src; Sub = <see cref="FUnaryOp"/>; Size = result size.</summary>
    FUnary,
    /// <summary>0 def, 1 magnitude, 2 sign (through x16/x17).</summary>
    FCopysign,
    /// <summary>0 def (float), 1 src (int); Sub = 1 when unsigned; Size = float size; Size2 = int size.</summary>
    CvtIntToF,
    /// <summary>0 def (int), 1 src (float); Sub = <see cref="CvtKind"/>; Size = int size; Size2 = float size.</summary>
    CvtFToInt,
    /// <summary>0 def (float), 1 src (int): fmov.</summary>
    BitcastToF,
    /// <summary>0 def (int), 1 src (float): fmov.</summary>
    BitcastFromF,
}

/// <summary>Two-operand integer ops that are one instruction each.</summary>
public enum AluOp : byte { Add, Sub, And, Orr, Eor, Lsl, Lsr, Asr, Ror, Rol, Mul }

public enum FUnaryOp : byte { Abs, Neg, Sqrt, Nearest, Floor, Ceil, Trunc, Promote, Demote }

/// <summary>How the compare operands of a flags-consuming instruction set the flags.</summary>
public enum FlagsKind : byte
{
    None,
    /// <summary>Against zero (one operand): cbz/cbnz for branches and traps, <c>cmp a, #0</c> otherwise.</summary>
    Zero,
    /// <summary><c>cmp a, b</c> (two operands).</summary>
    Cmp,
    /// <summary><c>cmp a, #Imm</c> or <c>cmn a, #-Imm</c> (one operand; |Imm| encodable as an add/sub immediate).</summary>
    CmpImm,
    /// <summary><c>fcmp a, b</c> (two float operands).</summary>
    FCmp,
}
