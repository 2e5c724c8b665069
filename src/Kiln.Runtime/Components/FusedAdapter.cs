using Kiln.Compiler.Component;
using Kiln.Compiler.Component.Adapters;
using Kiln.Component.Validation.Canonical;
using Kiln.Component.Validation.Types;
using Kiln.Runtime.Components.Abi;
using Kiln.Wasm.Model;

namespace Kiln.Runtime.Components;

/// <summary>
/// One fused adapter at run time: the instance of its generated adapter module (compiled once per component,
/// see <see cref="AdapterCompiler"/>), wired to the callee, its post-return, both instances' flags, memories and
/// reallocs, and the runtime builtins the module imports. The translate builtins (signatures with handles or
/// transcoded strings) apply the canonical ABI between the caller's options and the callee's; the borrow scope of a
/// call lives from the parameters to the results.
/// </summary>
internal sealed class FusedAdapter
{
    private static readonly System.Func<Trap>[] Traps =
    [
        ComponentTraps.CannotLeave,
        ComponentTraps.CannotEnter,
        () => ComponentTraps.Abi("invalid `char` bit pattern"),
        () => ComponentTraps.Abi("invalid variant discriminant"),
        () => ComponentTraps.Abi("string content out-of-bounds"),
        () => ComponentTraps.Abi("list content out-of-bounds"),
        () => ComponentTraps.Abi("unaligned pointer"),
        () => ComponentTraps.Abi("pointer out of bounds of memory"),
    ];

    private readonly FuncTypeData _type;
    private readonly ResolvedValType[] _resultTypes;
    private readonly bool _resultsViaPointer;
    // One call at a time per adapter (the callee's may_enter is clear until the results are translated), so the
    // two sides' contexts and the flat values' list are kept, not made per call.
    private readonly CallContext _caller, _callee;
    private readonly List<Value> _flat = [];

    private FusedAdapter(ComponentRuntime runtime, FusedAdapterDef def)
    {
        _type = runtime.Plan.Types.Func(def.Callee.Type);
        _resultTypes = _type.Result is { } rt ? [rt] : [];
        _resultsViaPointer = !Flattening.Fits(runtime.Plan.Types, _resultTypes, Flattening.MaxFlatResults);
        // The function's types are the callee's definition: its resource identities map through the callee's
        // options to the run-time resources both sides share.
        _caller = new CallContext(runtime, def.CallerOptions with { Resources = def.Callee.Options.Resources })
        {
            Adapter = true, SourceEncoding = def.Callee.Options.Encoding,
        };
        _callee = new CallContext(runtime, def.Callee.Options) { Adapter = true, SourceEncoding = def.CallerOptions.Encoding };
        Store = runtime.Store;
    }

    private Store Store { get; }

    /// <summary>A stand-in for an adapter that is not <see cref="AdapterPartition.Supported"/>: refuses to run when called.</summary>
    public static Func Unsupported(ComponentRuntime rt, FusedAdapterDef def) =>
        Func.FromCallback(rt.Store, def.Signature, static (_, _, _) => throw new ComponentFeatureNotSupportedException("an async lift called through a fused adapter"));

    /// <summary>Instantiates the adapter module holding <paramref name="defs"/> (generated as <paramref name="adapter"/>,
    /// compiled once per component as <paramref name="module"/>) and returns their adapter functions, in order.</summary>
    public static Func[] Instantiate(ComponentRuntime rt, AdapterModule adapter, Module module, IReadOnlyList<FusedAdapterDef> defs)
    {
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
                MemoryImport mi => rt.Memories[mi.Index],
                ReallocImport ri => rt.Reallocs[ri.Index],
                ValidateStringImport v => StringValidator(rt, v),
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

    /// <summary>The check of a string the adapter copies in wasm: valid utf-8, or utf-16 without unpaired
    /// surrogates, trapping with the wording of lifting (<see cref="CanonicalAbi.ValidateString"/>).</summary>
    private static Func StringValidator(ComponentRuntime rt, ValidateStringImport v)
    {
        var memory = rt.Memories[v.Memory];
        var encoding = v.Encoding;
        return Func.FromCallback(rt.Store, new FuncType([ValType.I32, ValType.I32], []), (_, args, _) =>
            CanonicalAbi.ValidateString(memory, encoding, (uint)args[0].AsI32(), (uint)args[1].AsI32()));
    }

    private Func Builtin(AdapterBuiltin builtin, FuncType type) => builtin switch
    {
        AdapterBuiltin.Trap => Func.FromCallback(Store, type, static (_, args, _) => throw Traps[args[0].AsI32()]()),
        AdapterBuiltin.TranslateParams => Func.FromCallback(Store, type, TranslateParams),
        AdapterBuiltin.TranslateResults => Func.FromCallback(Store, type, TranslateResults),
        _ => throw new InvalidOperationException($"unknown adapter builtin {builtin}"),
    };

    private void TranslateParams(Caller _, ReadOnlySpan<Value> args, Span<Value> results)
    {
        _caller.Reset();
        _callee.Reset();
        var vals = CanonicalAbi.LiftFlatValues(_caller, Flattening.MaxFlatParams, args, _type.ParamTypes);
        _flat.Clear();
        CanonicalAbi.LowerFlatValues(_callee, Flattening.MaxFlatParams, vals, _type.ParamTypes, _flat);
        for (int i = 0; i < _flat.Count; i++) results[i] = _flat[i];
    }

    private void TranslateResults(Caller _, ReadOnlySpan<Value> args, Span<Value> results)
    {
        if (_callee.Scope.Borrows != 0) throw ComponentTraps.Abi("borrow handles still remain at the end of the call");
        _caller.ReleaseLends();
        if (_resultTypes.Length == 0) return;
        var calleeResults = _resultsViaPointer ? args[..^1] : args;
        var vals = CanonicalAbi.LiftFlatValues(_callee, Flattening.MaxFlatResults, calleeResults, _resultTypes);
        _flat.Clear();
        CanonicalAbi.LowerFlatValues(_caller, Flattening.MaxFlatResults, vals, _resultTypes, _flat, _resultsViaPointer ? (uint)args[^1].AsI32() : null);
        for (int i = 0; i < _flat.Count; i++) results[i] = _flat[i];
    }
}
