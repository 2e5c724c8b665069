using Kiln.Wasm.Model;

namespace Kiln.Runtime;

/// <summary>
/// Typed views of a <see cref="Func"/> as CLR delegates. The function's type is checked once, when the view
/// is made; calls then convert arguments on the stack without allocating (beyond what the callee does).
/// </summary>
public static class TypedFuncExtensions
{
    /// <summary>A view of a <c>[] → []</c> function.</summary>
    public static Action AsAction(this Func func)
    {
        Check(func, [], []);
        return () =>
        {
            var buffer = default(ValueBuffer);
            func.Call([], ((Span<Value>)buffer)[..0]);
        };
    }

    /// <summary>A view of a <c>[T1] → []</c> function.</summary>
    public static Action<T1> AsAction<T1>(this Func func)
    {
        Check(func, [WasmValue<T1>.Type], []);
        return a =>
        {
            var buffer = default(ValueBuffer);
            Span<Value> values = buffer;
            values[0] = WasmValue<T1>.ToValue(a);
            func.Call(values[..1], values[1..1]);
        };
    }

    /// <summary>A view of a <c>[T1 T2] → []</c> function.</summary>
    public static Action<T1, T2> AsAction<T1, T2>(this Func func)
    {
        Check(func, [WasmValue<T1>.Type, WasmValue<T2>.Type], []);
        return (a, b) =>
        {
            var buffer = default(ValueBuffer);
            Span<Value> values = buffer;
            values[0] = WasmValue<T1>.ToValue(a);
            values[1] = WasmValue<T2>.ToValue(b);
            func.Call(values[..2], values[2..2]);
        };
    }

    /// <summary>A view of a <c>[] → [TResult]</c> function.</summary>
    public static Func<TResult> AsFunc<TResult>(this Func func)
    {
        Check(func, [], [WasmValue<TResult>.Type]);
        return () =>
        {
            var buffer = default(ValueBuffer);
            Span<Value> values = buffer;
            func.Call([], values[..1]);
            return WasmValue<TResult>.FromValue(values[0]);
        };
    }

    /// <summary>A view of a <c>[T1] → [TResult]</c> function.</summary>
    public static Func<T1, TResult> AsFunc<T1, TResult>(this Func func)
    {
        Check(func, [WasmValue<T1>.Type], [WasmValue<TResult>.Type]);
        return a =>
        {
            var buffer = default(ValueBuffer);
            Span<Value> values = buffer;
            values[0] = WasmValue<T1>.ToValue(a);
            func.Call(values[..1], values[1..2]);
            return WasmValue<TResult>.FromValue(values[1]);
        };
    }

    /// <summary>A view of a <c>[T1 T2] → [TResult]</c> function.</summary>
    public static Func<T1, T2, TResult> AsFunc<T1, T2, TResult>(this Func func)
    {
        Check(func, [WasmValue<T1>.Type, WasmValue<T2>.Type], [WasmValue<TResult>.Type]);
        return (a, b) =>
        {
            var buffer = default(ValueBuffer);
            Span<Value> values = buffer;
            values[0] = WasmValue<T1>.ToValue(a);
            values[1] = WasmValue<T2>.ToValue(b);
            func.Call(values[..2], values[2..3]);
            return WasmValue<TResult>.FromValue(values[2]);
        };
    }

    /// <summary>A view of a <c>[T1 T2 T3] → [TResult]</c> function.</summary>
    public static Func<T1, T2, T3, TResult> AsFunc<T1, T2, T3, TResult>(this Func func)
    {
        Check(func, [WasmValue<T1>.Type, WasmValue<T2>.Type, WasmValue<T3>.Type], [WasmValue<TResult>.Type]);
        return (a, b, c) =>
        {
            var buffer = default(ValueBuffer);
            Span<Value> values = buffer;
            values[0] = WasmValue<T1>.ToValue(a);
            values[1] = WasmValue<T2>.ToValue(b);
            values[2] = WasmValue<T3>.ToValue(c);
            func.Call(values[..3], values[3..4]);
            return WasmValue<TResult>.FromValue(values[3]);
        };
    }

    private static void Check(Func func, ValType[] parameters, ValType[] results)
    {
        ArgumentNullException.ThrowIfNull(func);
        var wanted = new FuncType(parameters, results);
        if (!func.Type.Equals(wanted))
            throw new InvalidCastException($"the function's type is {func.Type}, the view's {wanted}");
    }
}
