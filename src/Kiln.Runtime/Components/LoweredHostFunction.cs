using Kiln.Compiler.Component;
using Kiln.Compiler.VmContext;
using Kiln.Component.Validation.Canonical;
using Kiln.Runtime.Components.Abi;

namespace Kiln.Runtime.Components;

/// <summary>
/// A host function lowered into core wasm (<c>canon lower</c> of a root import): the core function's callback.
/// Checks <c>may_leave</c>, lifts the arguments with the canonical ABI, calls the host, lowers the result
/// (with <c>may_leave</c> clear while realloc may run), ends the borrows lent for the call.
/// </summary>
internal sealed class LoweredHostFunction(ComponentRuntime runtime, LowerImport lowering, HostComponentFunction host)
{
    public void Call(Caller caller, ReadOnlySpan<Value> args, Span<Value> results)
    {
        int inst = lowering.Options.Instance;
        if (!runtime.Has(inst, VmComponentContextLayout.FlagMayLeave)) throw ComponentTraps.CannotLeave();
        var type = runtime.Plan.Types.Func(lowering.Type);
        var cx = runtime.Context(lowering.Options);
        var vals = CanonicalAbi.LiftFlatValues(cx, Flattening.MaxFlatParams, args, type.ParamTypes);
        Val? result;
        try
        {
            result = host.Invoke(vals);
        }
        finally
        {
            cx.ReleaseLends();
        }
        if (type.Result is { } rt)
        {
            if (result is null) throw new ComponentTypeMismatchException("type mismatch: the host function returned no result, its type has one");
            var flat = new List<Value>(1);
            uint? outPtr = CanonicalAbi.FlatCount(runtime.Plan.Types, [rt], Flattening.MaxFlatResults) > Flattening.MaxFlatResults
                ? (uint)args[^1].AsI32() : null;
            runtime.Set(inst, VmComponentContextLayout.FlagMayLeave, false);
            try
            {
                CanonicalAbi.LowerFlatValues(cx, Flattening.MaxFlatResults, [result], [rt], flat, outPtr);
            }
            finally
            {
                runtime.Set(inst, VmComponentContextLayout.FlagMayLeave, true);
            }
            for (int i = 0; i < flat.Count; i++) results[i] = flat[i];
        }
        else if (result is not null)
        {
            throw new ComponentTypeMismatchException("type mismatch: the host function returned a result, its type has none");
        }
    }
}
