using Kiln.Compiler.Component;
using Kiln.Compiler.Component.Adapters;
using Kiln.Component.Validation.Canonical;
using Kiln.Component.Validation.Types;
using Kiln.Runtime.Components.Abi;
using Kiln.Wasm.Model;

namespace Kiln.Runtime.Components;

/// <summary>
/// One fused adapter at run time: the instance of its generated adapter module (compiled once per component,
/// see <see cref="AdapterCompiler"/>), wired to the callee, its post-return, both instances' flags, and the
/// runtime builtins the module imports. The translate builtins apply the canonical ABI between the caller's
/// options and the callee's; the borrow scope of a call lives from the parameters to the results.
/// </summary>
internal sealed class FusedAdapter
{
    private static readonly System.Func<Trap>[] Traps =
    [
        ComponentTraps.CannotLeave,
        ComponentTraps.CannotEnter,
        () => ComponentTraps.Abi("invalid `char` bit pattern"),
        () => ComponentTraps.Abi("invalid variant discriminant"),
    ];

    private readonly ComponentRuntime _rt;
    private readonly FusedAdapterDef _def;
    private readonly FuncTypeData _type;
    private readonly Stack<(CallContext Caller, CallContext Callee)> _calls = new();

    private FusedAdapter(ComponentRuntime runtime, FusedAdapterDef def)
    {
        _rt = runtime;
        _def = def;
        _type = runtime.Plan.Types.Func(def.Callee.Type);
    }

    /// <summary>Whether the runtime can run <paramref name="def"/> (an async lift behind it cannot yet).</summary>
    public static bool Supported(FusedAdapterDef def) => def.Callee.Callee is not UnsupportedBuiltinDef;

    /// <summary>A stand-in for an adapter that is not <see cref="Supported"/>: refuses to run when called.</summary>
    public static Func Unsupported(ComponentRuntime rt, FusedAdapterDef def) =>
        Func.FromCallback(rt.Store, def.Signature, static (_, _, _) => throw new ComponentFeatureNotSupportedException("an async lift called through a fused adapter"));

    /// <summary>Instantiates the adapter module holding <paramref name="defs"/> (compiled once per component
    /// and <paramref name="key"/>) and returns their adapter functions, in order.</summary>
    public static Func[] Instantiate(ComponentRuntime rt, object key, IReadOnlyList<FusedAdapterDef> defs)
    {
        var (adapter, module) = rt.Component.Adapter(key, defs);
        var selves = new FusedAdapter[defs.Count];
        for (int i = 0; i < selves.Length; i++) selves[i] = new FusedAdapter(rt, defs[i]);
        var args = new Extern[adapter.Imports.Count];
        var wasm = adapter.Module;
        for (int i = 0; i < args.Length; i++)
        {
            args[i] = adapter.Imports[i] switch
            {
                CalleeImport c => rt.Callee(c.Callee),
                PostReturnImport p => rt.PostReturns[p.Index],
                FlagsImport fl => rt.Flags[fl.Instance],
                BuiltinImport b => selves[Math.Max(b.Adapter, 0)].Builtin(b.Builtin, wasm.Types[(int)wasm.Imports[i].FuncTypeIndex]),
                var other => throw new InvalidOperationException($"unknown adapter import {other}"),
            };
        }
        var instance = Instance.Create(rt.Store, module, args);
        var funcs = new Func[defs.Count];
        for (int i = 0; i < funcs.Length; i++)
            funcs[i] = (Func)(instance.GetExport(AdapterModule.Export(i)) ?? throw new InvalidOperationException("adapter module without its export"));
        return funcs;
    }

    private Func Builtin(AdapterBuiltin builtin, FuncType type) => builtin switch
    {
        AdapterBuiltin.Trap => Func.FromCallback(_rt.Store, type, static (_, args, _) => throw Traps[args[0].AsI32()]()),
        AdapterBuiltin.TranslateParams => Func.FromCallback(_rt.Store, type, TranslateParams),
        AdapterBuiltin.TranslateResults => Func.FromCallback(_rt.Store, type, TranslateResults),
        _ => throw new InvalidOperationException($"unknown adapter builtin {builtin}"),
    };

    private void TranslateParams(Caller _, ReadOnlySpan<Value> args, Span<Value> results)
    {
        // The function's types are the callee's definition: its resource identities map through the callee's
        // options to the run-time resources both sides share.
        var caller = new CallContext(_rt, _def.CallerOptions with { Resources = _def.Callee.Options.Resources })
        {
            Adapter = true, SourceEncoding = _def.Callee.Options.Encoding,
        };
        var callee = new CallContext(_rt, _def.Callee.Options) { Adapter = true, SourceEncoding = _def.CallerOptions.Encoding };
        var vals = CanonicalAbi.LiftFlatValues(caller, Flattening.MaxFlatParams, args, _type.ParamTypes);
        var flat = new List<Value>(results.Length);
        CanonicalAbi.LowerFlatValues(callee, Flattening.MaxFlatParams, vals, _type.ParamTypes, flat);
        for (int i = 0; i < flat.Count; i++) results[i] = flat[i];
        _calls.Push((caller, callee));
    }

    private void TranslateResults(Caller _, ReadOnlySpan<Value> args, Span<Value> results)
    {
        var (caller, callee) = _calls.Pop();
        if (callee.Scope.Borrows != 0) throw ComponentTraps.Abi("borrow handles still remain at the end of the call");
        caller.ReleaseLends();
        if (_type.Result is not { } rt) return;
        bool viaPointer = CanonicalAbi.FlatCount(_rt.Plan.Types, [rt], Flattening.MaxFlatResults) > Flattening.MaxFlatResults;
        var calleeResults = viaPointer ? args[..^1] : args;
        var val = CanonicalAbi.LiftFlatValues(callee, Flattening.MaxFlatResults, calleeResults, [rt])[0];
        var flat = new List<Value>(1);
        CanonicalAbi.LowerFlatValues(caller, Flattening.MaxFlatResults, [val], [rt], flat, viaPointer ? (uint)args[^1].AsI32() : null);
        for (int i = 0; i < flat.Count; i++) results[i] = flat[i];
    }
}
