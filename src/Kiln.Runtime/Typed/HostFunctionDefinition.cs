using Kiln.Wasm.Model;

namespace Kiln.Runtime;

/// <summary>A host function not yet tied to a store: its wasm type and its implementation
/// (<see cref="HostFuncFactory"/> makes them from typed delegates).</summary>
public readonly record struct HostFunctionDefinition(FuncType Type, HostFunctionCallback Callback)
{
    /// <summary>The function in <paramref name="store"/>.</summary>
    public Func In(Store store) => Func.FromCallback(store, Type, Callback);
}
