using Kiln.Wasm.Model;

namespace Kiln.DiffFuzz;

/// <summary>A constant argument: its instruction bytes and its text for reports.</summary>
internal sealed record Argument(byte[] Code, string Text);

/// <summary>Chooses arguments: boundary values most of the time, random bits otherwise.</summary>
internal static class Arguments
{
    private static readonly long[] Ints = [0, 1, -1, 2, 7, 8, 31, 32, 63, 64, 255, 256, 65535, 65536, int.MaxValue, int.MinValue,
        uint.MaxValue, long.MaxValue, long.MinValue, 0x7fff, -32768, 1 << 20, 100, -100];
    private static readonly double[] Floats = [0.0, -0.0, 1.0, -1.0, 0.5, 1.5, -1.5, 2147483648.0, -2147483649.0, 4294967296.0,
        9.2233720368547758e18, 1e-40, 1e300, double.PositiveInfinity, double.NegativeInfinity, double.NaN, 3.4028235e38, 1e-310];

    public static Argument Choose(ValType type, Random rng)
    {
        bool random = rng.Next(4) == 0;
        var code = new List<byte>();
        switch (type)
        {
            case ValType.I32:
            {
                int v = random ? rng.Next(int.MinValue, int.MaxValue) : (int)Ints[rng.Next(Ints.Length)];
                code.Add(0x41); Leb.S(code, v);
                return new Argument(code.ToArray(), $"i32:{v}");
            }
            case ValType.I64:
            {
                long v = random ? rng.NextInt64(long.MinValue, long.MaxValue) : Ints[rng.Next(Ints.Length)];
                code.Add(0x42); Leb.S(code, v);
                return new Argument(code.ToArray(), $"i64:{v}");
            }
            case ValType.F32:
            {
                uint bits = random ? (uint)rng.NextInt64(0, 1L << 32) : BitConverter.SingleToUInt32Bits((float)Floats[rng.Next(Floats.Length)]);
                code.Add(0x43); code.AddRange(BitConverter.GetBytes(bits));
                return new Argument(code.ToArray(), $"f32:0x{bits:x8}");
            }
            case ValType.F64:
            {
                ulong bits = random ? (ulong)rng.NextInt64() ^ ((ulong)rng.Next(2) << 63) : BitConverter.DoubleToUInt64Bits(Floats[rng.Next(Floats.Length)]);
                code.Add(0x44); code.AddRange(BitConverter.GetBytes(bits));
                return new Argument(code.ToArray(), $"f64:0x{bits:x16}");
            }
            default:
                code.Add(0xD0); code.Add((byte)type);
                return new Argument(code.ToArray(), $"ref.null {type.ToText()}");
        }
    }
}
