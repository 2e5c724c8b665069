namespace Kiln.IR.Passes;

/// <summary>
/// Float evaluation that folds only when the result is bit-for-bit what the machine would produce:
/// arithmetic is IEEE round-to-nearest in C# too, but NaN results have target-chosen payloads, so any
/// operation that consumes or produces a NaN is left alone, except the bitwise ones (neg, abs,
/// copysign) and comparisons, whose results are fully specified. Values travel as raw bits
/// (f32 bits zero-extended in a long).
/// </summary>
public static class FloatFolding
{
    public static double ToDouble(IrType t, long bits) =>
        t == IrType.F32 ? BitConverter.Int32BitsToSingle((int)bits) : BitConverter.Int64BitsToDouble(bits);

    public static long FromDouble(IrType t, double v) =>
        t == IrType.F32 ? (uint)BitConverter.SingleToInt32Bits((float)v) : BitConverter.DoubleToInt64Bits(v);

    private static long SignBit(IrType t) => t == IrType.F32 ? 0x8000_0000L : long.MinValue;

    public static bool TryBinary(Opcode op, IrType t, long a, long b, out long r)
    {
        r = 0;
        if (op == Opcode.Fcopysign)
        {
            long sign = SignBit(t);
            r = (a & ~sign) | (b & sign);
            return true;
        }
        double x = ToDouble(t, a), y = ToDouble(t, b);
        if (double.IsNaN(x) || double.IsNaN(y))
        {
            return false;
        }
        double v;
        if (t == IrType.F32)
        {
            float fx = (float)x, fy = (float)y;
            v = op switch
            {
                Opcode.Fadd => fx + fy,
                Opcode.Fsub => fx - fy,
                Opcode.Fmul => fx * fy,
                Opcode.Fdiv => fx / fy,
                Opcode.Fmin => Min(fx, fy),
                Opcode.Fmax => Max(fx, fy),
                _ => double.NaN,
            };
        }
        else
        {
            v = op switch
            {
                Opcode.Fadd => x + y,
                Opcode.Fsub => x - y,
                Opcode.Fmul => x * y,
                Opcode.Fdiv => x / y,
                Opcode.Fmin => Min(x, y),
                Opcode.Fmax => Max(x, y),
                _ => double.NaN,
            };
        }
        if (double.IsNaN(v))
        {
            return false;
        }
        r = FromDouble(t, v);
        return true;
    }

    // Wasm min/max order -0 below +0; NaN operands were excluded by the caller.
    private static double Min(double x, double y) =>
        x == y ? (double.IsNegative(x) ? x : y) : Math.Min(x, y);

    private static double Max(double x, double y) =>
        x == y ? (double.IsNegative(x) ? y : x) : Math.Max(x, y);

    /// <summary>Float-to-float unary operations on type <paramref name="t"/>.</summary>
    public static bool TryUnary(Opcode op, IrType t, long a, out long r)
    {
        long sign = SignBit(t);
        r = 0;
        switch (op)
        {
            case Opcode.Fneg:
                r = a ^ sign;
                return true;
            case Opcode.Fabs:
                r = a & ~sign;
                return true;
        }
        double x = ToDouble(t, a);
        if (double.IsNaN(x))
        {
            return false;
        }
        double v = op switch
        {
            Opcode.Sqrt => t == IrType.F32 ? MathF.Sqrt((float)x) : Math.Sqrt(x),
            Opcode.Ceil => Math.Ceiling(x),
            Opcode.Floor => Math.Floor(x),
            Opcode.Trunc => Math.Truncate(x),
            Opcode.Nearest => Math.Round(x, MidpointRounding.ToEven),
            _ => double.NaN,
        };
        if (double.IsNaN(v))
        {
            return false;
        }
        if (v == 0 && op != Opcode.Sqrt)
        {
            v = Math.CopySign(0.0, x); // rounding to zero keeps the operand's sign (ceil(-0.5) is -0)
        }
        r = FromDouble(t, v);
        return true;
    }

    /// <summary>Conversions whose operand or result is a float. <paramref name="a"/> is an integer
    /// (sign-extended) or float bits depending on <paramref name="from"/>.</summary>
    public static bool TryConvert(Opcode op, IrType to, IrType from, long a, out long r)
    {
        r = 0;
        switch (op)
        {
            case Opcode.Bitcast:
                r = to == IrType.F32 ? (uint)a : to == IrType.I32 ? (int)a : a;
                return true;
            case Opcode.FcvtFromSint:
                r = to == IrType.F32 ? (uint)BitConverter.SingleToInt32Bits((float)a) : BitConverter.DoubleToInt64Bits(a);
                return true;
            case Opcode.FcvtFromUint:
                {
                    ulong u = from == IrType.I32 ? (uint)a : (ulong)a;
                    r = to == IrType.F32 ? (uint)BitConverter.SingleToInt32Bits(U64ToF32(u)) : BitConverter.DoubleToInt64Bits(U64ToF64(u));
                    return true;
                }
            case Opcode.Fpromote:
            case Opcode.Fdemote:
                {
                    double x = ToDouble(from, a);
                    if (double.IsNaN(x))
                    {
                        return false; // the NaN the hardware produces is not ours to pick
                    }
                    r = FromDouble(to, x);
                    return true;
                }
            case Opcode.FcvtToSint:
            case Opcode.FcvtToUint:
            case Opcode.FcvtToSintSat:
            case Opcode.FcvtToUintSat:
                return TryToInt(op, to, ToDouble(from, a), out r);
        }
        return false;
    }

    private static bool TryToInt(Opcode op, IrType to, double x, out long r)
    {
        r = 0;
        bool signed = op is Opcode.FcvtToSint or Opcode.FcvtToSintSat;
        bool saturate = op is Opcode.FcvtToSintSat or Opcode.FcvtToUintSat;
        bool w32 = to == IrType.I32;
        if (double.IsNaN(x))
        {
            return saturate; // NaN: trap (not folded) or 0
        }
        double t = Math.Truncate(x);
        // Exclusive upper bounds and inclusive lower bounds, all exactly representable.
        double lo = signed ? (w32 ? -2147483648.0 : -9223372036854775808.0) : 0.0;
        double hi = signed ? (w32 ? 2147483648.0 : 9223372036854775808.0) : (w32 ? 4294967296.0 : 18446744073709551616.0);
        if (t < lo || t >= hi)
        {
            if (!saturate)
            {
                return false; // integer overflow trap
            }
            r = t < lo
                ? (signed ? (w32 ? int.MinValue : long.MinValue) : 0)
                : (signed ? (w32 ? int.MaxValue : long.MaxValue) : (w32 ? unchecked((int)uint.MaxValue) : -1));
            return true;
        }
        r = signed ? (long)t : (w32 ? (int)(uint)t : (long)(ulong)t);
        return true;
    }

    // ulong to float with one rounding: halve with a sticky bit so the signed conversion rounds correctly.
    private static double U64ToF64(ulong u) => (long)u >= 0 ? (long)u : (long)((u >> 1) | (u & 1)) * 2.0;

    private static float U64ToF32(ulong u) => (long)u >= 0 ? (long)u : (long)((u >> 1) | (u & 1)) * 2.0f;
}
