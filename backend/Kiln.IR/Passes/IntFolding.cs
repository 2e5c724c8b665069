using System.Numerics;

namespace Kiln.IR.Passes;

/// <summary>
/// Integer evaluation with wasm semantics on 32- and 64-bit values kept sign-extended in a long:
/// wrapping arithmetic, shift and rotate counts modulo the width, and no answer (false) for any
/// operation that would trap at run time.
/// </summary>
public static class IntFolding
{
    public static long Normalize(long v, int bits) => bits == 32 ? (int)v : v;

    public static bool TryBinary(Opcode op, int bits, long a, long b, out long r)
    {
        bool w32 = bits == 32;
        int s = (int)(b & (bits - 1));
        ulong mask = w32 ? 0xFFFF_FFFFUL : ulong.MaxValue;
        ulong ua = (ulong)a & mask, ub = (ulong)b & mask;
        long min = w32 ? int.MinValue : long.MinValue;
        r = 0;
        switch (op)
        {
            case Opcode.Iadd: r = a + b; break;
            case Opcode.Isub: r = a - b; break;
            case Opcode.Imul: r = a * b; break;
            case Opcode.Sdiv:
                if (b == 0 || (a == min && b == -1))
                {
                    return false; // division by zero / overflow trap
                }
                r = a / b;
                break;
            case Opcode.Udiv:
                if (ub == 0)
                {
                    return false;
                }
                r = (long)(ua / ub);
                break;
            case Opcode.Srem:
                if (b == 0)
                {
                    return false;
                }
                r = b == -1 ? 0 : a % b; // MIN % -1 is 0 in wasm (and would throw in C#)
                break;
            case Opcode.Urem:
                if (ub == 0)
                {
                    return false;
                }
                r = (long)(ua % ub);
                break;
            case Opcode.Band: r = a & b; break;
            case Opcode.Bor: r = a | b; break;
            case Opcode.Bxor: r = a ^ b; break;
            case Opcode.Ishl: r = w32 ? (int)a << s : a << s; break;
            case Opcode.Sshr: r = w32 ? (int)a >> s : a >> s; break;
            case Opcode.Ushr: r = w32 ? (long)((uint)a >> s) : (long)((ulong)a >> s); break;
            case Opcode.Rotl: r = w32 ? (long)BitOperations.RotateLeft((uint)a, s) : (long)BitOperations.RotateLeft((ulong)a, s); break;
            case Opcode.Rotr: r = w32 ? (long)BitOperations.RotateRight((uint)a, s) : (long)BitOperations.RotateRight((ulong)a, s); break;
            default: return false;
        }
        r = Normalize(r, bits);
        return true;
    }

    /// <summary>Unary integer operations and integer-to-integer conversions producing <paramref name="to"/>.</summary>
    public static bool TryUnary(Opcode op, IrType to, IrType from, long a, out long r)
    {
        bool w32 = from.Bits() == 32;
        switch (op)
        {
            case Opcode.Clz: r = w32 ? BitOperations.LeadingZeroCount((uint)a) : BitOperations.LeadingZeroCount((ulong)a); break;
            case Opcode.Ctz: r = w32 ? BitOperations.TrailingZeroCount((uint)a) : BitOperations.TrailingZeroCount((ulong)a); break;
            case Opcode.Popcnt: r = w32 ? BitOperations.PopCount((uint)a) : BitOperations.PopCount((ulong)a); break;
            case Opcode.Eqz: r = a == 0 ? 1 : 0; break;
            case Opcode.Uextend: r = (uint)a; break;
            case Opcode.Sextend: r = (int)a; break;
            case Opcode.Ireduce: r = (int)a; break;
            case Opcode.Sext8: r = (sbyte)a; break;
            case Opcode.Sext16: r = (short)a; break;
            case Opcode.Sext32: r = (int)a; break;
            default: r = 0; return false;
        }
        r = Normalize(r, to.Bits());
        return true;
    }
}
