namespace Kiln.IR;

/// <summary>Every IR operation. Properties live in <see cref="OpcodeInfo"/>'s table, indexed by this enum.</summary>
public enum Opcode : ushort
{
    Iconst, Fconst,
    Iadd, Isub, Imul, Sdiv, Udiv, Srem, Urem, Band, Bor, Bxor, Ishl, Sshr, Ushr, Rotl, Rotr,
    Clz, Ctz, Popcnt, Eqz,
    Icmp, Fcmp,
    Fadd, Fsub, Fmul, Fdiv, Fmin, Fmax, Fcopysign,
    Fneg, Fabs, Sqrt, Ceil, Floor, Trunc, Nearest,
    Uextend, Sextend, Ireduce, Sext8, Sext16, Sext32,
    FcvtToSint, FcvtToUint, FcvtToSintSat, FcvtToUintSat, FcvtFromSint, FcvtFromUint, Fpromote, Fdemote, Bitcast,
    Select,
    Load, Uload8, Sload8, Uload16, Sload16, Uload32, Sload32,
    Store, Istore8, Istore16, Istore32,
    Call, CallIndirect, FuncAddr, StackAddr,
    Jump, Brif, BrTable, Return, Trap, Trapz, Trapnz,
    JumpUnwind,
}
