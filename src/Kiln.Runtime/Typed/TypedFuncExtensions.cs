using Kiln.Wasm.Model;

namespace Kiln.Runtime;

/// <summary>
/// Typed views of a <see cref="Func"/> as CLR delegates. The function's type is checked once, when the view
/// is made, and the call target (trampoline, VMFuncRef) is looked up then too; a call writes the arguments
/// straight into value slots on the stack and reads the result back from them: no <see cref="Value"/>s,
/// no boxing, no allocation (beyond what the callee does).
/// </summary>
public static unsafe class TypedFuncExtensions
{
    /// <summary>A view of a <c>[] → []</c> function.</summary>
    public static Action AsAction(this Func func)
    {
        var entry = Check(func, [], []);
        return () =>
        {
            ulong* s = stackalloc ulong[2];
            entry.Invoke(s);
        };
    }

    /// <summary>A view of a <c>[T1] → []</c> function.</summary>
    public static Action<T1> AsAction<T1>(this Func func)
    {
        var entry = Check(func, [WasmValue<T1>.Type], []);
        var store = func.Store;
        return a =>
        {
            ulong* s = stackalloc ulong[2];
            WasmValue<T1>.WriteSlot(store, s, a);
            entry.Invoke(s);
        };
    }

    /// <summary>A view of a <c>[T1 T2] → []</c> function.</summary>
    public static Action<T1, T2> AsAction<T1, T2>(this Func func)
    {
        var entry = Check(func, [WasmValue<T1>.Type, WasmValue<T2>.Type], []);
        var store = func.Store;
        return (a, b) =>
        {
            ulong* s = stackalloc ulong[4];
            WasmValue<T1>.WriteSlot(store, s, a);
            WasmValue<T2>.WriteSlot(store, s + 2, b);
            entry.Invoke(s);
        };
    }

    /// <summary>A view of a <c>[] → [TResult]</c> function.</summary>
    public static Func<TResult> AsFunc<TResult>(this Func func)
    {
        var entry = Check(func, [], [WasmValue<TResult>.Type]);
        var store = func.Store;
        return () =>
        {
            ulong* s = stackalloc ulong[2];
            entry.Invoke(s);
            return WasmValue<TResult>.ReadSlot(store, s);
        };
    }

    /// <summary>A view of a <c>[T1] → [TResult]</c> function.</summary>
    public static Func<T1, TResult> AsFunc<T1, TResult>(this Func func)
    {
        var entry = Check(func, [WasmValue<T1>.Type], [WasmValue<TResult>.Type]);
        var store = func.Store;
        return a =>
        {
            ulong* s = stackalloc ulong[2];
            WasmValue<T1>.WriteSlot(store, s, a);
            entry.Invoke(s);
            return WasmValue<TResult>.ReadSlot(store, s);
        };
    }

    /// <summary>A view of a <c>[T1 T2] → [TResult]</c> function.</summary>
    public static Func<T1, T2, TResult> AsFunc<T1, T2, TResult>(this Func func)
    {
        var entry = Check(func, [WasmValue<T1>.Type, WasmValue<T2>.Type], [WasmValue<TResult>.Type]);
        var store = func.Store;
        return (a, b) =>
        {
            ulong* s = stackalloc ulong[4];
            WasmValue<T1>.WriteSlot(store, s, a);
            WasmValue<T2>.WriteSlot(store, s + 2, b);
            entry.Invoke(s);
            return WasmValue<TResult>.ReadSlot(store, s);
        };
    }

    /// <summary>A view of a <c>[T1 T2 T3] → [TResult]</c> function.</summary>
    public static Func<T1, T2, T3, TResult> AsFunc<T1, T2, T3, TResult>(this Func func)
    {
        var entry = Check(func, [WasmValue<T1>.Type, WasmValue<T2>.Type, WasmValue<T3>.Type], [WasmValue<TResult>.Type]);
        var store = func.Store;
        return (a, b, c) =>
        {
            ulong* s = stackalloc ulong[6];
            WasmValue<T1>.WriteSlot(store, s, a);
            WasmValue<T2>.WriteSlot(store, s + 2, b);
            WasmValue<T3>.WriteSlot(store, s + 4, c);
            entry.Invoke(s);
            return WasmValue<TResult>.ReadSlot(store, s);
        };
    }

    /// <summary>A view of a <c>[T1 T2 T3 T4] → [TResult]</c> function.</summary>
    public static Func<T1, T2, T3, T4, TResult> AsFunc<T1, T2, T3, T4, TResult>(this Func func)
    {
        var entry = Check(func, [WasmValue<T1>.Type, WasmValue<T2>.Type, WasmValue<T3>.Type, WasmValue<T4>.Type], [WasmValue<TResult>.Type]);
        var store = func.Store;
        return (a, b, c, d) =>
        {
            ulong* s = stackalloc ulong[8];
            WasmValue<T1>.WriteSlot(store, s, a);
            WasmValue<T2>.WriteSlot(store, s + 2, b);
            WasmValue<T3>.WriteSlot(store, s + 4, c);
            WasmValue<T4>.WriteSlot(store, s + 6, d);
            entry.Invoke(s);
            return WasmValue<TResult>.ReadSlot(store, s);
        };
    }

    private static WasmEntry Check(Func func, ValType[] parameters, ValType[] results)
    {
        ArgumentNullException.ThrowIfNull(func);
        var wanted = new FuncType(parameters, results);
        if (!func.Type.Equals(wanted))
            throw new InvalidCastException($"the function's type is {func.Type}, the view's {wanted}");
        func.Store.ThrowIfDisposed();
        return func.Entry;
    }
}
