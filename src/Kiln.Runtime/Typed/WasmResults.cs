using System.Reflection;
using Kiln.Wasm.Model;

namespace Kiln.Runtime;

/// <summary>
/// The results of a typed view or typed host function: one value of a <see cref="WasmValue{T}"/> type, or
/// several as a value tuple (<c>(int, long)</c> is <c>[i32 i64]</c>, up to 4 elements). Tuples are read and
/// written through delegates built once per tuple type; the single-value path is the plain slot access.
/// </summary>
public static unsafe class WasmResults<T>
{
    // Set once per T: the JIT treats these as constants in optimized code, so the single-value checks fold away.
    internal static readonly bool IsTuple = typeof(T).IsGenericType && TupleReader.Arity(typeof(T)) > 0;

    private static readonly ValType[]? s_types = TypesOf();
    private static readonly TupleReader.Read<T>? s_read = IsTuple ? TupleReader.ReaderFor<T>() : null;
    private static readonly TupleReader.Write<T>? s_write = IsTuple ? TupleReader.WriterFor<T>() : null;

    /// <summary>The wasm result types; throws for a type with no wasm mapping.</summary>
    public static ValType[] Types => s_types
        ?? throw new NotSupportedException($"{typeof(T)} is not a wasm result type: use int, long, float, double, UInt128, Func, object, or a tuple of them");

    private static ValType[]? TypesOf()
    {
        if (!IsTuple)
        {
            try
            {
                return [WasmValue<T>.Type];
            }
            catch (NotSupportedException)
            {
                return null;
            }
        }
        var args = typeof(T).GetGenericArguments();
        var types = new ValType[args.Length];
        for (int i = 0; i < args.Length; i++)
        {
            var t = (ValType?)typeof(WasmValue<>).MakeGenericType(args[i]).GetField("s_type", BindingFlags.NonPublic | BindingFlags.Static)!.GetValue(null);
            if (t is null) return null;
            types[i] = t.Value;
        }
        return types;
    }

    /// <summary>Reads the results from consecutive 16-byte value slots.</summary>
    internal static T ReadSlots(Store store, ulong* slots) =>
        IsTuple ? s_read!(store, slots) : WasmValue<T>.ReadSlot(store, slots);

    /// <summary>Writes the results into <paramref name="results"/> (a host function's result span).</summary>
    internal static void ToValues(T value, Span<Value> results)
    {
        if (IsTuple) s_write!(value, results);
        else results[0] = WasmValue<T>.ToValue(value);
    }
}

/// <summary>Per-arity readers and writers of value tuples, instantiated by reflection once per tuple type.</summary>
internal static unsafe class TupleReader
{
    public delegate T Read<T>(Store store, ulong* slots);

    public delegate void Write<T>(T value, Span<Value> results);

    public static int Arity(Type t)
    {
        var d = t.GetGenericTypeDefinition();
        return d == typeof(ValueTuple<,>) ? 2 : d == typeof(ValueTuple<,,>) ? 3 : d == typeof(ValueTuple<,,,>) ? 4 : 0;
    }

    public static Read<T> ReaderFor<T>() =>
        (Read<T>)Method($"Read{Arity(typeof(T))}", typeof(T)).CreateDelegate(typeof(Read<T>));

    public static Write<T> WriterFor<T>() =>
        (Write<T>)Method($"Write{Arity(typeof(T))}", typeof(T)).CreateDelegate(typeof(Write<T>));

    private static MethodInfo Method(string name, Type tuple) =>
        typeof(TupleReader).GetMethod(name, BindingFlags.NonPublic | BindingFlags.Static)!.MakeGenericMethod(tuple.GetGenericArguments());

    private static (A, B) Read2<A, B>(Store s, ulong* p) => (WasmValue<A>.ReadSlot(s, p), WasmValue<B>.ReadSlot(s, p + 2));

    private static (A, B, C) Read3<A, B, C>(Store s, ulong* p) =>
        (WasmValue<A>.ReadSlot(s, p), WasmValue<B>.ReadSlot(s, p + 2), WasmValue<C>.ReadSlot(s, p + 4));

    private static (A, B, C, D) Read4<A, B, C, D>(Store s, ulong* p) =>
        (WasmValue<A>.ReadSlot(s, p), WasmValue<B>.ReadSlot(s, p + 2), WasmValue<C>.ReadSlot(s, p + 4), WasmValue<D>.ReadSlot(s, p + 6));

    private static void Write2<A, B>((A, B) v, Span<Value> r)
    {
        r[0] = WasmValue<A>.ToValue(v.Item1);
        r[1] = WasmValue<B>.ToValue(v.Item2);
    }

    private static void Write3<A, B, C>((A, B, C) v, Span<Value> r)
    {
        r[0] = WasmValue<A>.ToValue(v.Item1);
        r[1] = WasmValue<B>.ToValue(v.Item2);
        r[2] = WasmValue<C>.ToValue(v.Item3);
    }

    private static void Write4<A, B, C, D>((A, B, C, D) v, Span<Value> r)
    {
        r[0] = WasmValue<A>.ToValue(v.Item1);
        r[1] = WasmValue<B>.ToValue(v.Item2);
        r[2] = WasmValue<C>.ToValue(v.Item3);
        r[3] = WasmValue<D>.ToValue(v.Item4);
    }
}
