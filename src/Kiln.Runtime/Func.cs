using Kiln.Compiler.VmContext;
using Kiln.Runtime.Internal;
using Kiln.Wasm.Model;

namespace Kiln.Runtime;

/// <summary>
/// A function: either defined by a wasm instance or implemented by the host (<see cref="HostFunctionCallback"/>).
/// Every function has a VMFuncRef (code, vmctx, canonical type id), which is what funcref values point to.
/// </summary>
public sealed unsafe class Func : Extern
{
    // Host functions: VMFuncRef at 0, their own VMHostFuncContext at 32.
    private const int HostContextOffset = 32;
    private const int HostBlockSize = 48;

    private readonly nint vmFuncRef;

    /// <summary>A host function.</summary>
    private Func(Store store, FuncType type, HostFunctionCallback callback)
        : base(store)
    {
        Type = type;
        Callback = callback;
        TypeId = store.Engine.Types.Register(type);
        vmFuncRef = store.Own(NativeBlock.Allocate(HostBlockSize)).Address;
        store.RegisterFuncRef(vmFuncRef, this);
        HostCallTarget.WriteContext(this, null, vmFuncRef + HostContextOffset);
        *(nint*)(vmFuncRef + VMFuncRef.Code) = store.Engine.HostTrampoline(TypeId);
        *(nint*)(vmFuncRef + VMFuncRef.Vmctx) = vmFuncRef + HostContextOffset;
        *(uint*)(vmFuncRef + VMFuncRef.TypeId) = TypeId;
    }

    /// <summary>A function defined by <paramref name="instance"/>, whose VMFuncRef lives in its VMContext.</summary>
    internal Func(Instance instance, uint index, FuncType type, uint typeId, nint vmFuncRef)
        : base(instance.Store)
    {
        Type = type;
        Instance = instance;
        Index = index;
        TypeId = typeId;
        this.vmFuncRef = vmFuncRef;
        instance.Store.RegisterFuncRef(vmFuncRef, this);
    }

    /// <summary>Creates a host function of type <paramref name="type"/> in <paramref name="store"/>.</summary>
    public static Func FromCallback(Store store, FuncType type, HostFunctionCallback callback)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(type);
        ArgumentNullException.ThrowIfNull(callback);
        return new Func(store, type, callback);
    }

    /// <inheritdoc />
    public override ExternalKind Kind => ExternalKind.Func;

    /// <summary>The function's type.</summary>
    public FuncType Type { get; }

    /// <inheritdoc />
    public override string TypeDescription => $"func {Type}";

    /// <summary>The defining instance; null for host functions.</summary>
    public Instance? Instance { get; }

    /// <summary>Index in the defining module's function index space (0 for host functions).</summary>
    public uint Index { get; }

    /// <summary>Whether the host implements this function.</summary>
    public bool IsHost => Callback is not null;

    /// <summary>The engine's canonical id of <see cref="Type"/>.</summary>
    public uint TypeId { get; }

    internal HostFunctionCallback? Callback { get; }

    /// <summary>What calls from the host into this function need, looked up on the first call.</summary>
    internal WasmEntry Entry => entry ??= new WasmEntry(this);

    private WasmEntry? entry;

    /// <summary>Address of the VMFuncRef. For a host function, fills in the wasm-to-host trampoline if a module
    /// providing one for this signature has been loaded since.</summary>
    internal nint FuncRefAddress
    {
        get
        {
            Store.ThrowIfDisposed();
            if (IsHost && *(nint*)(vmFuncRef + VMFuncRef.Code) == 0)
                *(nint*)(vmFuncRef + VMFuncRef.Code) = Store.Engine.HostTrampoline(TypeId);
            return vmFuncRef;
        }
    }

    /// <summary>Calls the function with <paramref name="args"/> and returns its results.</summary>
    public Value[] Call(params Value[] args)
    {
        var results = new Value[Type.Results.Length];
        Call(args, results);
        return results;
    }

    /// <summary>Calls the function; <paramref name="results"/> must have room for exactly the function's results.
    /// A trap is thrown as a <see cref="Trap"/>.</summary>
    public void Call(ReadOnlySpan<Value> args, Span<Value> results) => Invoker.Call(this, args, results);

    /// <inheritdoc />
    public override string ToString() =>
        IsHost ? $"host func {Type}" : $"func {Index} {Type}";
}
