using Kiln.Compiler.Component;
using Kiln.Compiler.VmContext;
using Kiln.Component.Validation.Canonical;
using Kiln.Component.Validation.Types;
using Kiln.Runtime.Components;
using Kiln.Runtime.Components.Abi;

namespace Kiln.Runtime;

/// <summary>
/// A function exported by a component instance. <see cref="Call"/> is the ergonomic call: it lowers the
/// arguments, calls, lifts the result and runs post-return. <see cref="CallRaw"/> and <see cref="PostReturn"/> are
/// Wasmtime's protocol: after <see cref="CallRaw"/> returns, the instance cannot be entered again (a
/// <see cref="Trap"/> "cannot enter component instance") until <see cref="PostReturn"/> has run, whether or not the
/// function has a <c>post-return</c> option.
/// </summary>
public sealed partial class ComponentFunc
{
    private readonly ComponentRuntime _rt;
    private readonly FuncSource _source;
    private readonly FuncTypeData _type;
    private readonly ResolvedValType[] _resultTypes;
    // Reused by every call: the instance cannot be entered again until post-return has run, so one call of this
    // function at a time uses them (a nested one traps "cannot enter component instance" before touching them).
    private CallContext? _context;
    private readonly List<Value> _flat = [];
    private Value[]? _results;

    internal ComponentFunc(ComponentRuntime runtime, FuncSource source, string name)
    {
        _rt = runtime;
        _source = source;
        _type = runtime.Plan.Types.Func(source.Type);
        _resultTypes = _type.Result is { } rt ? [rt] : [];
        Name = name;
    }

    public string Name { get; }

    public IReadOnlyList<string> ParamNames => _type.ParamNames;

    public bool HasResult => _type.Result is not null;

    /// <summary>Calls the function and runs post-return: what most hosts want.</summary>
    public Val? Call(params Val[] args)
    {
        var r = CallRaw(args);
        PostReturn();
        return r;
    }

    /// <summary>Calls the function without running post-return; <see cref="PostReturn"/> must follow before the
    /// instance can be entered again.</summary>
    public Val? CallRaw(params Val[] args)
    {
        ArgumentNullException.ThrowIfNull(args);
        _rt.Store.ThrowIfDisposed();
        if (args.Length != _type.ParamTypes.Length)
            throw new ComponentTypeMismatchException($"`{Name}` takes {_type.ParamTypes.Length} arguments, {args.Length} were given");
        switch (_source)
        {
            case ImportedFunction imp:
                throw new ComponentFeatureNotSupportedException($"calling the re-exported import `{imp.Import}` from the host");
            case LiftedFunction lifted:
                return CallLifted(lifted, args);
            default:
                throw new InvalidOperationException("unknown function source");
        }
    }

    private Val? CallLifted(LiftedFunction lifted, Val[] args)
    {
        int inst = lifted.Options.Instance;
        if (!_rt.Has(inst, VmComponentContextLayout.FlagMayEnter)) throw ComponentTraps.CannotEnter();
        _rt.Set(inst, VmComponentContextLayout.FlagMayEnter, false);
        var cx = _context ??= _rt.Context(lifted.Options);
        cx.Reset();
        var flat = _flat;
        flat.Clear();
        _rt.Set(inst, VmComponentContextLayout.FlagMayLeave, false);
        try
        {
            CanonicalAbi.LowerFlatValues(cx, Flattening.MaxFlatParams, args, _type.ParamTypes, flat);
        }
        catch (ComponentTypeMismatchException)
        {
            // The host's mistake, found before the instance ran: leave it enterable.
            _rt.Set(inst, VmComponentContextLayout.FlagMayLeave, true);
            _rt.Set(inst, VmComponentContextLayout.FlagMayEnter, true);
            throw;
        }
        _rt.Set(inst, VmComponentContextLayout.FlagMayLeave, true);

        var callee = _rt.Callee(lifted.Callee);
        var results = _results ??= new Value[callee.Type.Results.Length];
        callee.Call(System.Runtime.InteropServices.CollectionsMarshal.AsSpan(flat), results);
        if (cx.Scope.Borrows != 0) throw ComponentTraps.Abi("borrow handles still remain at the end of the call");
        Val? result = _resultTypes.Length != 0 ? CanonicalAbi.LiftFlatValues(cx, Flattening.MaxFlatResults, results, _resultTypes)[0] : null;
        _rt.Set(inst, VmComponentContextLayout.FlagNeedsPostReturn, true);
        _rt.PendingPostReturn[inst] = (results, lifted.Options);
        return result;
    }

    /// <summary>Runs the post-return of the last <see cref="CallRaw"/> of this function's instance (its
    /// <c>post-return</c> function, if any, with the call's core results, while the instance may not call out),
    /// then lets the instance be entered again.</summary>
    public void PostReturn()
    {
        if (_source is not LiftedFunction lifted) return;
        int inst = lifted.Options.Instance;
        if (!_rt.Has(inst, VmComponentContextLayout.FlagNeedsPostReturn) || _rt.PendingPostReturn[inst] is not { } pending)
            throw new InvalidOperationException($"post-return of `{Name}` without a call waiting for it");
        _rt.Set(inst, VmComponentContextLayout.FlagNeedsPostReturn, false);
        _rt.PendingPostReturn[inst] = null;
        if (pending.Options.PostReturn is { } p)
        {
            _rt.Set(inst, VmComponentContextLayout.FlagMayLeave, false);
            _rt.PostReturns[p].Call(pending.Results, Span<Value>.Empty);
            _rt.Set(inst, VmComponentContextLayout.FlagMayLeave, true);
        }
        _rt.Set(inst, VmComponentContextLayout.FlagMayEnter, true);
    }
}
