using Kiln.Wasm.Model;

namespace Kiln.Runtime;

/// <summary>Host functions from typed CLR delegates; the wasm type follows from the delegate's types
/// (see <see cref="WasmValue{T}"/>).</summary>
public static class HostFuncFactory
{
    /// <summary>A <c>[] → []</c> host function.</summary>
    public static Func Wrap(Store store, Action action)
    {
        ArgumentNullException.ThrowIfNull(action);
        return Func.FromCallback(store, FuncType.Empty, (_, _, _) => action());
    }

    /// <summary>A <c>[T1] → []</c> host function.</summary>
    public static Func Wrap<T1>(Store store, Action<T1> action)
    {
        ArgumentNullException.ThrowIfNull(action);
        return Func.FromCallback(store, new FuncType([WasmValue<T1>.Type], []),
            (_, args, _) => action(WasmValue<T1>.FromValue(args[0])));
    }

    /// <summary>A <c>[T1 T2] → []</c> host function.</summary>
    public static Func Wrap<T1, T2>(Store store, Action<T1, T2> action)
    {
        ArgumentNullException.ThrowIfNull(action);
        return Func.FromCallback(store, new FuncType([WasmValue<T1>.Type, WasmValue<T2>.Type], []),
            (_, args, _) => action(WasmValue<T1>.FromValue(args[0]), WasmValue<T2>.FromValue(args[1])));
    }

    /// <summary>A <c>[] → [TResult]</c> host function.</summary>
    public static Func Wrap<TResult>(Store store, Func<TResult> function)
    {
        ArgumentNullException.ThrowIfNull(function);
        return Func.FromCallback(store, new FuncType([], [WasmValue<TResult>.Type]),
            (_, _, results) => results[0] = WasmValue<TResult>.ToValue(function()));
    }

    /// <summary>A <c>[T1] → [TResult]</c> host function.</summary>
    public static Func Wrap<T1, TResult>(Store store, Func<T1, TResult> function)
    {
        ArgumentNullException.ThrowIfNull(function);
        return Func.FromCallback(store, new FuncType([WasmValue<T1>.Type], [WasmValue<TResult>.Type]),
            (_, args, results) => results[0] = WasmValue<TResult>.ToValue(function(WasmValue<T1>.FromValue(args[0]))));
    }

    /// <summary>A <c>[T1 T2] → [TResult]</c> host function.</summary>
    public static Func Wrap<T1, T2, TResult>(Store store, Func<T1, T2, TResult> function)
    {
        ArgumentNullException.ThrowIfNull(function);
        return Func.FromCallback(store, new FuncType([WasmValue<T1>.Type, WasmValue<T2>.Type], [WasmValue<TResult>.Type]),
            (_, args, results) => results[0] = WasmValue<TResult>.ToValue(function(WasmValue<T1>.FromValue(args[0]), WasmValue<T2>.FromValue(args[1]))));
    }

    /// <summary>A <c>[T1 T2 T3] → [TResult]</c> host function.</summary>
    public static Func Wrap<T1, T2, T3, TResult>(Store store, Func<T1, T2, T3, TResult> function)
    {
        ArgumentNullException.ThrowIfNull(function);
        return Func.FromCallback(store, new FuncType([WasmValue<T1>.Type, WasmValue<T2>.Type, WasmValue<T3>.Type], [WasmValue<TResult>.Type]),
            (_, args, results) => results[0] = WasmValue<TResult>.ToValue(
                function(WasmValue<T1>.FromValue(args[0]), WasmValue<T2>.FromValue(args[1]), WasmValue<T3>.FromValue(args[2]))));
    }
}
