namespace Kiln.IR;

/// <summary>
/// One row of the opcode table: text name, format, flags, the allowed controlling types, the allowed
/// types of value operands (or <see cref="TypeSet.SameAsCtrl"/>), and how results are typed.
/// For loads, <see cref="AccessBytes"/> is the memory width (0: the full controlling type).
/// </summary>
public sealed record OpcodeInfo(
    string Name,
    InstFormat Format,
    OpFlags Flags,
    TypeSet CtrlTypes,
    TypeSet ArgTypes,
    ResultKind Results,
    byte AccessBytes = 0)
{
    private static readonly OpcodeInfo[] Table = Build();

    private static readonly Dictionary<string, Opcode> ByName = BuildNames();

    public static OpcodeInfo Of(Opcode op) => Table[(int)op];

    public static int Count => Table.Length;

    public static bool TryParse(string name, out Opcode op) => ByName.TryGetValue(name, out op);

    public bool Is(OpFlags f) => (Flags & f) != 0;

    private static OpcodeInfo[] Build()
    {
        const TypeSet Int = TypeSet.Int, Float = TypeSet.Float, Any = TypeSet.Any, Same = TypeSet.SameAsCtrl;
        const TypeSet I3264 = TypeSet.I32 | TypeSet.I64;
        const OpFlags Pure = OpFlags.None, Trap = OpFlags.CanTrap, Comm = OpFlags.Commutative;
        const OpFlags Term = OpFlags.Terminator | OpFlags.SideEffect;
        const ResultKind C = ResultKind.Ctrl, B = ResultKind.I32, N = ResultKind.None;
        InstFormat U = InstFormat.Unary, Bin = InstFormat.Binary;
        var t = new (Opcode, OpcodeInfo)[]
        {
            (Opcode.Iconst, new("iconst", InstFormat.IntConst, Pure, Int, TypeSet.None, C)),
            (Opcode.Fconst, new("fconst", InstFormat.FloatConst, Pure, Float, TypeSet.None, C)),
            (Opcode.Iadd, new("iadd", Bin, Comm, Int, Same, C)),
            (Opcode.Isub, new("isub", Bin, Pure, Int, Same, C)),
            (Opcode.Imul, new("imul", Bin, Comm, Int, Same, C)),
            (Opcode.Sdiv, new("sdiv", Bin, Trap, Int, Same, C)),
            (Opcode.Udiv, new("udiv", Bin, Trap, Int, Same, C)),
            (Opcode.Srem, new("srem", Bin, Trap, Int, Same, C)),
            (Opcode.Urem, new("urem", Bin, Trap, Int, Same, C)),
            (Opcode.Band, new("band", Bin, Comm, Int, Same, C)),
            (Opcode.Bor, new("bor", Bin, Comm, Int, Same, C)),
            (Opcode.Bxor, new("bxor", Bin, Comm, Int, Same, C)),
            (Opcode.Ishl, new("ishl", Bin, Pure, Int, Same, C)),
            (Opcode.Sshr, new("sshr", Bin, Pure, Int, Same, C)),
            (Opcode.Ushr, new("ushr", Bin, Pure, Int, Same, C)),
            (Opcode.Rotl, new("rotl", Bin, Pure, Int, Same, C)),
            (Opcode.Rotr, new("rotr", Bin, Pure, Int, Same, C)),
            (Opcode.Clz, new("clz", U, Pure, Int, Same, C)),
            (Opcode.Ctz, new("ctz", U, Pure, Int, Same, C)),
            (Opcode.Popcnt, new("popcnt", U, Pure, Int, Same, C)),
            (Opcode.Eqz, new("eqz", U, Pure, Int, Same, B)),
            (Opcode.Icmp, new("icmp", InstFormat.IntCompare, Pure, Int, Same, B)),
            (Opcode.Fcmp, new("fcmp", InstFormat.FloatCompare, Pure, Float, Same, B)),
            (Opcode.Fadd, new("fadd", Bin, Comm, Float, Same, C)),
            (Opcode.Fsub, new("fsub", Bin, Pure, Float, Same, C)),
            (Opcode.Fmul, new("fmul", Bin, Comm, Float, Same, C)),
            (Opcode.Fdiv, new("fdiv", Bin, Pure, Float, Same, C)),
            (Opcode.Fmin, new("fmin", Bin, Comm, Float, Same, C)),
            (Opcode.Fmax, new("fmax", Bin, Comm, Float, Same, C)),
            (Opcode.Fcopysign, new("fcopysign", Bin, Pure, Float, Same, C)),
            (Opcode.Fneg, new("fneg", U, Pure, Float, Same, C)),
            (Opcode.Fabs, new("fabs", U, Pure, Float, Same, C)),
            (Opcode.Sqrt, new("sqrt", U, Pure, Float, Same, C)),
            (Opcode.Ceil, new("ceil", U, Pure, Float, Same, C)),
            (Opcode.Floor, new("floor", U, Pure, Float, Same, C)),
            (Opcode.Trunc, new("trunc", U, Pure, Float, Same, C)),
            (Opcode.Nearest, new("nearest", U, Pure, Float, Same, C)),
            // Width relations of conversions (narrower/wider, same size for bitcast) are checked by the verifier.
            (Opcode.Uextend, new("uextend", U, Pure, TypeSet.I64 | TypeSet.IPtr, TypeSet.I32 | TypeSet.I64, C)),
            (Opcode.Sextend, new("sextend", U, Pure, TypeSet.I64 | TypeSet.IPtr, TypeSet.I32 | TypeSet.I64, C)),
            (Opcode.Ireduce, new("ireduce", U, Pure, TypeSet.I32 | TypeSet.I64, TypeSet.I64 | TypeSet.IPtr, C)),
            (Opcode.Sext8, new("sext8", U, Pure, I3264, Same, C)),
            (Opcode.Sext16, new("sext16", U, Pure, I3264, Same, C)),
            (Opcode.Sext32, new("sext32", U, Pure, TypeSet.I64, Same, C)),
            (Opcode.FcvtToSint, new("fcvt_to_sint", U, Trap, I3264, Float, C)),
            (Opcode.FcvtToUint, new("fcvt_to_uint", U, Trap, I3264, Float, C)),
            (Opcode.FcvtToSintSat, new("fcvt_to_sint_sat", U, Pure, I3264, Float, C)),
            (Opcode.FcvtToUintSat, new("fcvt_to_uint_sat", U, Pure, I3264, Float, C)),
            (Opcode.FcvtFromSint, new("fcvt_from_sint", U, Pure, Float, I3264, C)),
            (Opcode.FcvtFromUint, new("fcvt_from_uint", U, Pure, Float, I3264, C)),
            (Opcode.Fpromote, new("fpromote", U, Pure, TypeSet.F64, TypeSet.F32, C)),
            (Opcode.Fdemote, new("fdemote", U, Pure, TypeSet.F32, TypeSet.F64, C)),
            (Opcode.Bitcast, new("bitcast", U, Pure, I3264 | Float, I3264 | Float, C)),
            (Opcode.Select, new("select", InstFormat.Ternary, Pure, Any, Same, C)),
            (Opcode.Load, new("load", InstFormat.Load, OpFlags.MemRead, Any, TypeSet.IPtr, C)),
            (Opcode.Uload8, new("uload8", InstFormat.Load, OpFlags.MemRead, I3264, TypeSet.IPtr, C, 1)),
            (Opcode.Sload8, new("sload8", InstFormat.Load, OpFlags.MemRead, I3264, TypeSet.IPtr, C, 1)),
            (Opcode.Uload16, new("uload16", InstFormat.Load, OpFlags.MemRead, I3264, TypeSet.IPtr, C, 2)),
            (Opcode.Sload16, new("sload16", InstFormat.Load, OpFlags.MemRead, I3264, TypeSet.IPtr, C, 2)),
            (Opcode.Uload32, new("uload32", InstFormat.Load, OpFlags.MemRead, TypeSet.I64, TypeSet.IPtr, C, 4)),
            (Opcode.Sload32, new("sload32", InstFormat.Load, OpFlags.MemRead, TypeSet.I64, TypeSet.IPtr, C, 4)),
            // For stores ArgTypes constrains the stored value; the address is always iptr.
            (Opcode.Store, new("store", InstFormat.Store, OpFlags.MemWrite | OpFlags.SideEffect, TypeSet.None, Any, N)),
            (Opcode.Istore8, new("istore8", InstFormat.Store, OpFlags.MemWrite | OpFlags.SideEffect, TypeSet.None, I3264, N, 1)),
            (Opcode.Istore16, new("istore16", InstFormat.Store, OpFlags.MemWrite | OpFlags.SideEffect, TypeSet.None, I3264, N, 2)),
            (Opcode.Istore32, new("istore32", InstFormat.Store, OpFlags.MemWrite | OpFlags.SideEffect, TypeSet.None, TypeSet.I64, N, 4)),
            (Opcode.Call, new("call", InstFormat.Call, OpFlags.Call | OpFlags.SideEffect | OpFlags.CanTrap, TypeSet.None, Any, ResultKind.Signature)),
            (Opcode.CallIndirect, new("call_indirect", InstFormat.CallIndirect, OpFlags.Call | OpFlags.SideEffect | OpFlags.CanTrap, TypeSet.None, Any, ResultKind.Signature)),
            (Opcode.FuncAddr, new("func_addr", InstFormat.FuncAddr, Pure, TypeSet.IPtr, TypeSet.None, C)),
            (Opcode.StackAddr, new("stack_addr", InstFormat.StackAddr, Pure, TypeSet.IPtr, TypeSet.None, C)),
            (Opcode.Jump, new("jump", InstFormat.Jump, Term | OpFlags.Branch, TypeSet.None, TypeSet.None, N)),
            (Opcode.Brif, new("brif", InstFormat.Brif, Term | OpFlags.Branch, TypeSet.None, Int, N)),
            (Opcode.BrTable, new("br_table", InstFormat.BrTable, Term | OpFlags.Branch, TypeSet.None, TypeSet.I32, N)),
            (Opcode.Return, new("return", InstFormat.Return, Term, TypeSet.None, Any, N)),
            (Opcode.Trap, new("trap", InstFormat.Trap, Term | Trap, TypeSet.None, TypeSet.None, N)),
            (Opcode.Trapz, new("trapz", InstFormat.CondTrap, OpFlags.SideEffect | Trap, TypeSet.None, Int, N)),
            (Opcode.Trapnz, new("trapnz", InstFormat.CondTrap, OpFlags.SideEffect | Trap, TypeSet.None, Int, N)),
            // After a call: continue at the first block; if the call unwinds (an exception), resume at the second.
            (Opcode.JumpUnwind, new("jump_unwind", InstFormat.JumpUnwind, Term | OpFlags.Branch, TypeSet.None, TypeSet.None, N)),
        };
        var table = new OpcodeInfo[t.Length];
        foreach (var (op, info) in t)
        {
            table[(int)op] = info;
        }
        for (int i = 0; i < table.Length; i++)
        {
            if (table[i] is null)
            {
                throw new InvalidOperationException($"opcode {(Opcode)i} has no table entry");
            }
        }
        return table;
    }

    private static Dictionary<string, Opcode> BuildNames()
    {
        var d = new Dictionary<string, Opcode>(StringComparer.Ordinal);
        for (int i = 0; i < Table.Length; i++)
        {
            d.Add(Table[i].Name, (Opcode)i);
        }
        return d;
    }
}
