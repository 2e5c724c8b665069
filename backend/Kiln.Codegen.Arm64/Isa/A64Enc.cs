namespace Kiln.Codegen.Arm64;

/// <summary>
/// Packs the fields of the <see cref="A64"/> forms into instruction words. Registers are hardware numbers (31 is
/// SP or ZR, as the form defines); <c>x</c> selects the 64-bit variant (sf), <c>dbl</c> the double-precision type.
/// Every packer checks its immediates: an unencodable one is a compiler bug and throws, never wraps.
/// </summary>
public static class A64Enc
{
    private const uint Sf = 1u << 31;

    private static uint R(int r) => (uint)r & 31;

    private static uint Check(long value, int bits, string what)
    {
        if ((ulong)value >= 1UL << bits) throw new ArgumentOutOfRangeException(what, value, $"does not fit {bits} bits");
        return (uint)value;
    }

    private static uint CheckSigned(long value, int bits, string what)
    {
        long lim = 1L << (bits - 1);
        if (value < -lim || value >= lim) throw new ArgumentOutOfRangeException(what, value, $"does not fit {bits} signed bits");
        return (uint)value & ((1u << bits) - 1);
    }

    /// <summary>Shifted-register data processing, two-source, and one-source forms (<c>rm</c> unused by one-source ones).</summary>
    public static uint Rrr(A64 op, bool x, int rd, int rn, int rm, int shiftType = 0, int shiftAmount = 0) =>
        (uint)op | (x ? Sf : 0) | ((uint)shiftType << 22) | (R(rm) << 16) | (Check(shiftAmount, 6, nameof(shiftAmount)) << 10) | (R(rn) << 5) | R(rd);

    /// <summary>Extended-register add/sub (Rn may be SP): <c>option</c> 3 is UXTX/LSL for 64-bit, 2 UXTW, 6 SXTW.</summary>
    public static uint Ext(A64 op, bool x, int rd, int rn, int rm, int option, int shift = 0) =>
        (uint)op | (x ? Sf : 0) | (R(rm) << 16) | ((uint)option << 13) | (Check(shift, 3, nameof(shift)) << 10) | (R(rn) << 5) | R(rd);

    /// <summary>Add/sub immediate: <paramref name="imm"/> is 0..4095, optionally shifted left by 12.</summary>
    public static uint AddSubImm(A64 op, bool x, int rd, int rn, int imm, bool shift12 = false) =>
        (uint)op | (x ? Sf : 0) | (shift12 ? 1u << 22 : 0) | (Check(imm, 12, nameof(imm)) << 10) | (R(rn) << 5) | R(rd);

    /// <summary>Logical immediate with a pre-computed N:immr:imms (<see cref="LogicalImmediate"/>).</summary>
    public static uint LogImm(A64 op, bool x, int rd, int rn, uint nImmrImms) =>
        (uint)op | (x ? Sf : 0) | (Check(nImmrImms, 13, nameof(nImmrImms)) << 10) | (R(rn) << 5) | R(rd);

    /// <summary>Three-source (madd/msub): rd = ra ± rn * rm.</summary>
    public static uint Rrrr(A64 op, bool x, int rd, int rn, int rm, int ra) =>
        (uint)op | (x ? Sf : 0) | (R(rm) << 16) | (R(ra) << 10) | (R(rn) << 5) | R(rd);

    /// <summary>Bitfield moves (sbfm, bfm, ubfm): N = sf.</summary>
    public static uint Bitfield(A64 op, bool x, int rd, int rn, int immr, int imms) =>
        (uint)op | (x ? Sf | (1u << 22) : 0) | (Check(immr, x ? 6 : 5, nameof(immr)) << 16) | (Check(imms, x ? 6 : 5, nameof(imms)) << 10) | (R(rn) << 5) | R(rd);

    /// <summary>extr rd, rn, rm, #lsb (ror by an immediate when rn = rm).</summary>
    public static uint Extr(bool x, int rd, int rn, int rm, int lsb) =>
        (uint)A64.Extr | (x ? Sf | (1u << 22) : 0) | (R(rm) << 16) | (Check(lsb, x ? 6 : 5, nameof(lsb)) << 10) | (R(rn) << 5) | R(rd);

    /// <summary>Conditional select family.</summary>
    public static uint CondSel(A64 op, bool x, int rd, int rn, int rm, Cond cond) =>
        (uint)op | (x ? Sf : 0) | (R(rm) << 16) | ((uint)cond << 12) | (R(rn) << 5) | R(rd);

    /// <summary>movz/movn/movk of a 16-bit chunk at 16 * <paramref name="hw"/>.</summary>
    public static uint MoveWide(A64 op, bool x, int rd, int imm16, int hw) =>
        (uint)op | (x ? Sf : 0) | (Check(hw, x ? 2 : 1, nameof(hw)) << 21) | (Check(imm16, 16, nameof(imm16)) << 5) | R(rd);

    /// <summary>Bytes one access of a load/store form moves (its scale): the size field, bits 30-31, except the
    /// 128-bit vector forms we never emit.</summary>
    public static int AccessBytes(A64 op) => 1 << (int)((uint)op >> 30);

    /// <summary>Load/store with an unsigned offset that is a multiple of the access size.</summary>
    public static uint LdStImm(A64 op, int rt, int rn, long offset)
    {
        int scale = AccessBytes(op);
        if (offset % scale != 0) throw new ArgumentOutOfRangeException(nameof(offset), offset, "not a multiple of the access size");
        return (uint)op | (Check(offset / scale, 12, nameof(offset)) << 10) | (R(rn) << 5) | R(rt);
    }

    /// <summary>Whether <paramref name="offset"/> fits the scaled unsigned form of <paramref name="op"/>.</summary>
    public static bool FitsScaled(A64 op, long offset)
    {
        int scale = AccessBytes(op);
        return offset >= 0 && offset % scale == 0 && offset / scale < 4096;
    }

    /// <summary>The unscaled form (ldur/stur) with a signed 9-bit byte offset.</summary>
    public static uint LdStUnscaled(A64 op, int rt, int rn, long offset) =>
        ((uint)op & ~0x0100_0000u) | (CheckSigned(offset, 9, nameof(offset)) << 12) | (R(rn) << 5) | R(rt);

    /// <summary>The register-offset form: [rn, rm] (64-bit index, <paramref name="option"/> 3), [rn, wm, uxtw] (2) or
    /// [rn, wm, sxtw] (6); <paramref name="scaled"/> shifts the index by the access size.</summary>
    public static uint LdStReg(A64 op, int rt, int rn, int rm, int option = 3, bool scaled = false) =>
        ((uint)op & ~0x0100_0000u) | 0x0020_0800u | (R(rm) << 16) | ((uint)option << 13) | (scaled ? 1u << 12 : 0) | (R(rn) << 5) | R(rt);

    /// <summary>Load/store pair; <paramref name="offset"/> in bytes, a multiple of 8 in -512..504.</summary>
    public static uint Pair(A64 op, int rt, int rt2, int rn, int offset)
    {
        if (offset % 8 != 0) throw new ArgumentOutOfRangeException(nameof(offset), offset, "not a multiple of 8");
        return (uint)op | (CheckSigned(offset / 8, 7, nameof(offset)) << 15) | (R(rt2) << 10) | (R(rn) << 5) | R(rt);
    }

    /// <summary>b/bl with a word displacement (patched later through a label or a relocation).</summary>
    public static uint Branch26(A64 op, long byteOffset) => (uint)op | (CheckSigned(byteOffset >> 2, 26, nameof(byteOffset)));

    public static uint BCond(Cond cond, long byteOffset) => (uint)A64.BCond | (CheckSigned(byteOffset >> 2, 19, nameof(byteOffset)) << 5) | (uint)cond;

    public static uint Cbz(A64 op, bool x, int rt, long byteOffset) => (uint)op | (x ? Sf : 0) | (CheckSigned(byteOffset >> 2, 19, nameof(byteOffset)) << 5) | R(rt);

    /// <summary>tbz/tbnz on bit <paramref name="bit"/> (0..63).</summary>
    public static uint Tbz(A64 op, int rt, int bit, long byteOffset) =>
        (uint)op | ((Check(bit, 6, nameof(bit)) >> 5) << 31) | ((uint)(bit & 31) << 19) | (CheckSigned(byteOffset >> 2, 14, nameof(byteOffset)) << 5) | R(rt);

    /// <summary>br/blr/ret through a register.</summary>
    public static uint BranchReg(A64 op, int rn) => op == A64.Ret ? (uint)op : (uint)op | (R(rn) << 5);

    public static uint Adr(int rd, long byteOffset)
    {
        uint imm = CheckSigned(byteOffset, 21, nameof(byteOffset));
        return (uint)A64.Adr | ((imm & 3) << 29) | ((imm >> 2) << 5) | R(rd);
    }

    public static uint Udf(int imm16) => (uint)A64.Udf | Check(imm16, 16, nameof(imm16));

    // ---- floating point ----

    private static uint Type(bool dbl) => dbl ? 1u << 22 : 0;

    /// <summary>Two-source float ops (fadd, fsub, fmul, fdiv, fmax, fmin).</summary>
    public static uint FRrr(A64 op, bool dbl, int rd, int rn, int rm) => (uint)op | Type(dbl) | (R(rm) << 16) | (R(rn) << 5) | R(rd);

    /// <summary>One-source float ops (fmov, fabs, fneg, fsqrt, frint*); the conversions fcvt carry their types.</summary>
    public static uint FRr(A64 op, bool dbl, int rd, int rn) =>
        (uint)op | (op is A64.FcvtSD or A64.FcvtDS ? 0 : Type(dbl)) | (R(rn) << 5) | R(rd);

    public static uint Fcmp(bool dbl, int rn, int rm) => (uint)A64.Fcmp | Type(dbl) | (R(rm) << 16) | (R(rn) << 5);

    public static uint Fcsel(bool dbl, int rd, int rn, int rm, Cond cond) =>
        (uint)A64.Fcsel | Type(dbl) | (R(rm) << 16) | ((uint)cond << 12) | (R(rn) << 5) | R(rd);

    /// <summary>Conversions between integer (<paramref name="x"/>: 64-bit) and float registers: scvtf, ucvtf,
    /// fcvtzs, fcvtzu, fmov (bit moves: same widths only).</summary>
    public static uint FInt(A64 op, bool x, bool dbl, int rd, int rn) => (uint)op | (x ? Sf : 0) | Type(dbl) | (R(rn) << 5) | R(rd);

    /// <summary>Advanced SIMD two-register forms used on 8-byte vectors (cnt, addv).</summary>
    public static uint Simd(A64 op, int rd, int rn) => (uint)op | (R(rn) << 5) | R(rd);

    // ---- immediates ----

    /// <summary>
    /// The N:immr:imms encoding of <paramref name="value"/> as a logical immediate of the given width, if it is one: a
    /// repetition of a 2-, 4-, ..., 64-bit element that is a rotated run of ones (not all zeros or all ones).
    /// </summary>
    public static bool LogicalImmediate(ulong value, bool x, out uint encoding)
    {
        encoding = 0;
        if (!x) value = (value & 0xFFFF_FFFFUL) | (value << 32);
        if (value == 0 || value == ulong.MaxValue) return false;
        int size = 64;
        while (size > 2)
        {
            int half = size / 2;
            ulong mask = (1UL << half) - 1;
            if ((value & mask) != ((value >> half) & mask)) break;
            size = half;
        }
        ulong emask = size == 64 ? ulong.MaxValue : (1UL << size) - 1;
        ulong elem = value & emask;
        // Rotate right until the run of ones starts at bit 0 (the element's top bit clear, bit 0 set).
        int rot = 0;
        while (rot < size && !((elem & 1) == 1 && (elem >> (size - 1) & 1) == 0))
        {
            elem = ((elem >> 1) | (elem << (size - 1))) & emask;
            rot++;
        }
        if (rot == size) return false;
        int ones = System.Numerics.BitOperations.TrailingZeroCount(~elem);
        if ((elem >> ones) != 0) return false; // more than one run
        // The element is ones rotated right by (size - rot) % size.
        int immr = (size - rot) % size;
        int imms = ((~(size - 1) << 1) & 0x3F) | (ones - 1);
        int n = size == 64 ? 1 : 0;
        if (!x && n == 1) return false;
        encoding = (uint)((n << 12) | (immr << 6) | imms);
        return true;
    }
}
