using Kiln.Component.Model;

namespace Kiln.Runtime;

/// <summary>The C# types typed host functions may use, and their component types.</summary>
internal static class HostValues
{
    private static readonly Dictionary<Type, PrimValType> Map = new()
    {
        [typeof(bool)] = PrimValType.Bool, [typeof(sbyte)] = PrimValType.S8, [typeof(byte)] = PrimValType.U8,
        [typeof(short)] = PrimValType.S16, [typeof(ushort)] = PrimValType.U16, [typeof(int)] = PrimValType.S32,
        [typeof(uint)] = PrimValType.U32, [typeof(long)] = PrimValType.S64, [typeof(ulong)] = PrimValType.U64,
        [typeof(float)] = PrimValType.F32, [typeof(double)] = PrimValType.F64, [typeof(System.Text.Rune)] = PrimValType.Char,
        [typeof(string)] = PrimValType.String,
    };

    public static PrimValType Describe(Type t) =>
        Map.TryGetValue(t, out var p) ? p : throw new ArgumentException($"{t} is not a component value type a typed host function can use (bool, integers, float, double, Rune, string); use a Val function");

    public static T From<T>(Val v)
    {
        object o = Describe(typeof(T)) switch
        {
            PrimValType.Bool => v.AsBool(),
            PrimValType.S8 => (sbyte)(long)v.Bits, PrimValType.U8 => (byte)v.Bits,
            PrimValType.S16 => (short)(long)v.Bits, PrimValType.U16 => (ushort)v.Bits,
            PrimValType.S32 => v.AsS32(), PrimValType.U32 => v.AsU32(),
            PrimValType.S64 => v.AsS64(), PrimValType.U64 => v.AsU64(),
            PrimValType.F32 => v.AsF32(), PrimValType.F64 => v.AsF64(),
            PrimValType.Char => new System.Text.Rune((int)v.Bits),
            _ => v.AsString(),
        };
        return (T)o;
    }

    public static Val ToVal<T>(T value) => value switch
    {
        bool b => Val.Bool(b), sbyte x => Val.S8(x), byte x => Val.U8(x), short x => Val.S16(x), ushort x => Val.U16(x),
        int x => Val.S32(x), uint x => Val.U32(x), long x => Val.S64(x), ulong x => Val.U64(x),
        float x => Val.F32(x), double x => Val.F64(x), System.Text.Rune r => Val.Char(r.Value),
        string s => Val.String(s),
        _ => throw new ArgumentException($"{typeof(T)} is not a component value type"),
    };
}
