using Kiln.Compiler.Component;
using Kiln.Compiler.VmContext;
using Kiln.Component.Validation.Canonical;
using Kiln.Component.Validation.Types;
using Kiln.Runtime.Components.Abi;

namespace Kiln.Runtime.Components;

/// <summary>
/// A host function lowered into core wasm (<c>canon lower</c> of a root import): the core function's callback.
/// Checks <c>may_leave</c>, lifts the arguments with the canonical ABI, calls the host, lowers the result
/// (with <c>may_leave</c> clear while realloc may run), ends the borrows lent for the call. What depends only on
/// the function's type (its result through a pointer or not) is worked out once, not per call.
/// </summary>
internal sealed class LoweredHostFunction
{
    private readonly ComponentRuntime _runtime;
    private readonly LowerImport _lowering;
    private readonly HostComponentFunction _host;
    private readonly FuncTypeData _type;
    private readonly ResolvedValType[] _resultTypes;
    private readonly bool _resultViaPointer;
    // The context of the outermost call, reused; a host that calls back into wasm that calls this import again
    // gets a fresh one for the nested call.
    private readonly CallContext _context;
    private readonly List<Value> _flat = [];
    private bool _active;

    public LoweredHostFunction(ComponentRuntime runtime, LowerImport lowering, HostComponentFunction host)
    {
        _runtime = runtime;
        _lowering = lowering;
        _host = host;
        _type = runtime.Plan.Types.Func(lowering.Type);
        _resultTypes = _type.Result is { } rt ? [rt] : [];
        _resultViaPointer = !Flattening.Fits(runtime.Plan.Types, _resultTypes, Flattening.MaxFlatResults);
        _context = runtime.Context(lowering.Options);
    }

    public void Call(Caller caller, ReadOnlySpan<Value> args, Span<Value> results)
    {
        int inst = _lowering.Options.Instance;
        if (!_runtime.Has(inst, VmComponentContextLayout.FlagMayLeave)) throw ComponentTraps.CannotLeave();
        bool outermost = !_active;
        var cx = outermost ? _context : _runtime.Context(_lowering.Options);
        if (outermost)
        {
            cx.Reset();
            _active = true;
        }
        try
        {
            Lower(cx, args, results, inst);
        }
        finally
        {
            if (outermost) _active = false;
        }
    }

    private void Lower(CallContext cx, ReadOnlySpan<Value> args, Span<Value> results, int inst)
    {
        var vals = CanonicalAbi.LiftFlatValues(cx, Flattening.MaxFlatParams, args, _type.ParamTypes);
        Val? result;
        try
        {
            result = _host.Invoke(vals);
        }
        finally
        {
            cx.ReleaseLends();
        }
        if (_resultTypes.Length != 0)
        {
            if (result is null) throw new ComponentTypeMismatchException("type mismatch: the host function returned no result, its type has one");
            // Lowering cannot re-enter this function (may_leave is clear while realloc runs), so the list is free.
            var flat = _flat;
            flat.Clear();
            uint? outPtr = _resultViaPointer ? (uint)args[^1].AsI32() : null;
            _runtime.Set(inst, VmComponentContextLayout.FlagMayLeave, false);
            try
            {
                CanonicalAbi.LowerFlatValues(cx, Flattening.MaxFlatResults, [result], _resultTypes, flat, outPtr);
            }
            finally
            {
                _runtime.Set(inst, VmComponentContextLayout.FlagMayLeave, true);
            }
            for (int i = 0; i < flat.Count; i++) results[i] = flat[i];
        }
        else if (result is not null)
        {
            throw new ComponentTypeMismatchException("type mismatch: the host function returned a result, its type has none");
        }
    }
}
