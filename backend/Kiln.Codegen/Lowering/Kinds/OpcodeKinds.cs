using Kiln.IR;

namespace Kiln.Codegen;

/// <summary>
/// IR opcode → the target-independent sub-operation kinds every target's instruction selection uses (tables indexed
/// by opcode, -1 where the opcode is not of that kind), and <see cref="Table"/> for a target's own tables.
/// </summary>
public static class OpcodeKinds
{
    public static readonly sbyte[] LoadOf = Table(
        (Opcode.Load, LoadOp.Full), (Opcode.Uload8, LoadOp.U8), (Opcode.Sload8, LoadOp.S8), (Opcode.Uload16, LoadOp.U16),
        (Opcode.Sload16, LoadOp.S16), (Opcode.Uload32, LoadOp.U32), (Opcode.Sload32, LoadOp.S32));

    public static readonly sbyte[] DivOf = Table(
        (Opcode.Udiv, DivKind.UDiv), (Opcode.Sdiv, DivKind.SDiv), (Opcode.Urem, DivKind.URem), (Opcode.Srem, DivKind.SRem));

    public static readonly sbyte[] BitCountOf = Table(
        (Opcode.Clz, BitCountOp.Clz), (Opcode.Ctz, BitCountOp.Ctz), (Opcode.Popcnt, BitCountOp.Popcnt));

    /// <summary>Sign extensions and reductions that are not free copies (those are aliased by the folding analysis).</summary>
    public static readonly sbyte[] ExtendOf = Table(
        (Opcode.Sext8, ExtendOp.Sext8), (Opcode.Sext16, ExtendOp.Sext16), (Opcode.Sext32, ExtendOp.Sext32),
        (Opcode.Sextend, ExtendOp.Sext32), (Opcode.Ireduce, ExtendOp.Zext32));

    public static readonly sbyte[] FAluOf = Table(
        (Opcode.Fadd, FAluOp.Add), (Opcode.Fsub, FAluOp.Sub), (Opcode.Fmul, FAluOp.Mul),
        (Opcode.Fdiv, FAluOp.Div), (Opcode.Fmin, FAluOp.Min), (Opcode.Fmax, FAluOp.Max));

    public static readonly sbyte[] CvtOf = Table(
        (Opcode.FcvtToSint, CvtKind.Signed), (Opcode.FcvtToUint, CvtKind.Unsigned),
        (Opcode.FcvtToSintSat, CvtKind.SignedSat), (Opcode.FcvtToUintSat, CvtKind.UnsignedSat));

    /// <summary>A table from IR opcode to <typeparamref name="T"/> (a byte-sized enum), -1 for the opcodes not listed.</summary>
    public static sbyte[] Table<T>(params (Opcode Op, T Kind)[] rows) where T : Enum
    {
        var t = new sbyte[OpcodeInfo.Count];
        Array.Fill(t, (sbyte)-1);
        foreach (var (op, kind) in rows) t[(int)op] = Convert.ToSByte(kind, System.Globalization.CultureInfo.InvariantCulture);
        return t;
    }
}
