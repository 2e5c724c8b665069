using Kiln.Compiler.VmContext;
using Kiln.Runtime.Internal;

namespace Kiln.Runtime;

/// <summary>
/// What a VMHostFuncContext's opaque handle leads to: the host function and the caller to report. One per
/// host function (caller unknown) and one per import of it by an instance (caller = the importer).
/// </summary>
internal sealed unsafe class HostCallTarget
{
    private HostCallTarget(Func func, Instance? caller)
    {
        Func = func;
        Caller = new Caller(func.Store, caller);
    }

    public Func Func { get; }

    public Caller Caller { get; }

    /// <summary>Creates a target and writes a VMHostFuncContext for it at <paramref name="context"/>.</summary>
    public static void WriteContext(Func func, Instance? caller, nint context)
    {
        var target = new HostCallTarget(func, caller);
        var handle = func.Store.Own(new HandleOwner(target));
        // The weak handle must not outlive its target: the store keeps targets alive with the handles.
        func.Store.KeepAlive(target);
        *(nint*)(context + VMHostFuncContext.Dispatcher) = HostDispatcher.Address;
        *(nint*)(context + VMHostFuncContext.HostContext) = handle.Value;
    }
}
