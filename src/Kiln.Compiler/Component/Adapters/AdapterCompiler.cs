using Kiln.Component.Model;
using Kiln.Component.Validation.Canonical;
using Kiln.Component.Validation.Types;
using Kiln.Wasm.Instructions;
using Kiln.Wasm.Model;

namespace Kiln.Compiler.Component.Adapters;

/// <summary>
/// FACT, Kiln's fused adapter compiler (Wasmtime's <c>fact/trampoline.rs</c>, sync to sync): turns a
/// <c>canon lower</c> of a function lifted by another component instance into a core wasm module with one
/// adapter function of the caller's core signature. The function checks the caller's <c>may_leave</c> and the
/// callee's <c>may_enter</c> (both instances' flags imported as mutable i32 globals), clears <c>may_enter</c>
/// for the call, translates the parameters with the callee's <c>may_leave</c> clear, calls the callee,
/// translates the results with the caller's <c>may_leave</c> clear, calls the callee's <c>post-return</c> with
/// its core results, and lets the callee be entered again. The module is compiled like user code.
///
/// Values are translated in wasm, with the ABI's checks as traps: flat values by <see cref="FlatTranslator"/>, values
/// in memory (spilled parameters, results through a return area, the content of strings and lists) by
/// <see cref="MemoryTranslator"/>, which imports both sides' memories and reallocs and copies between them. A
/// signature with handles or strings that change encoding translates through two runtime builtins applying the
/// runtime's canonical ABI between the two instances' options (resource tables live in the runtime; Wasmtime
/// transcodes in libcalls too).
/// </summary>
public static class AdapterCompiler
{
    /// <summary>A module holding the one adapter <paramref name="def"/> (a lowering no core instantiation imports).</summary>
    public static AdapterModule Compile(FusedAdapterDef def, TypeArena types) =>
        Compile(new AdapterGroup(-1, [def], [AdapterPartition.Name(def, "lowering")]), types);

    /// <summary>One module holding the adapters of <paramref name="group"/> (export <c>adapterN</c> for the Nth, named
    /// by the group's names in the name section, which <c>kiln objdump</c> and backtraces show): the adapters a core
    /// instantiation needs share their imports, so they are compiled and instantiated once.</summary>
    public static AdapterModule Compile(AdapterGroup group, TypeArena types)
    {
        var module = new AdapterModuleBuilder();
        for (int i = 0; i < group.Adapters.Count; i++) CompileAdapter(module, i, group.Adapters[i], group.Names[i], types);
        return module.Finish();
    }

    private static void CompileAdapter(AdapterModuleBuilder m, int index, FusedAdapterDef def, string name, TypeArena types)
    {
        var func = types.Func(def.Callee.Type);
        var sig = AdapterSignatures.Of(types, func);
        if (!sig.Lower.Equals(def.Signature))
            throw new InvalidOperationException($"adapter: lowered core signature {def.Signature} differs from the ABI's {sig.Lower}");
        bool inWasm = TranslatesInWasm(types, func, def.CallerOptions.Encoding, def.Callee.Options.Encoding);

        uint callee = m.ImportFunc(new CalleeImport(def.Callee.Callee), sig.Lift);
        uint trap = m.ImportFunc(new BuiltinImport(AdapterBuiltin.Trap), new FuncType([ValType.I32], []));
        uint? postReturn = def.Callee.Options.PostReturn is { } pr ? m.ImportFunc(new PostReturnImport(pr), new FuncType(sig.Lift.Results, [])) : null;
        ValType[] callerParams = sig.ResultsInMemory ? sig.Lower.Params[..^1] : sig.Lower.Params;
        uint translateParams = 0, translateResults = 0;
        if (!inWasm)
        {
            translateParams = m.ImportFunc(new BuiltinImport(AdapterBuiltin.TranslateParams, index), new FuncType(callerParams, sig.Lift.Params));
            ValType[] resultArgs = sig.ResultsInMemory ? [.. sig.Lift.Results, ValType.I32] : sig.Lift.Results;
            translateResults = m.ImportFunc(new BuiltinImport(AdapterBuiltin.TranslateResults, index), new FuncType(resultArgs, sig.Lower.Results));
        }
        uint callerFlags = m.ImportFlags(new FlagsImport(def.CallerOptions.Instance));
        uint calleeFlags = m.ImportFlags(new FlagsImport(def.Callee.Options.Instance));
        var callerSide = new AdapterSide(m, def.CallerOptions);
        var calleeSide = new AdapterSide(m, def.Callee.Options);

        using var f = new AdapterFunctionBuilder(sig.Lower.Params.Length, trap);
        var c = f.Code;
        f.TrapUnlessFlag(callerFlags, AdapterFunctionBuilder.MayLeave, AdapterTrap.CannotLeave);
        f.TrapUnlessFlag(calleeFlags, AdapterFunctionBuilder.MayEnter, AdapterTrap.CannotEnter);
        f.SetFlag(calleeFlags, AdapterFunctionBuilder.MayEnter, false);

        // Parameters: the callee may not leave while its realloc runs (canon_lift). Translation that allocates
        // nothing calls nothing that could leave, so only then is the flag left alone.
        bool paramsCallOut = !inWasm || sig.ParamsInMemory || AnyPointer(types, func.ParamTypes);
        if (paramsCallOut) f.SetFlag(calleeFlags, AdapterFunctionBuilder.MayLeave, false);
        if (!inWasm)
        {
            for (int i = 0; i < callerParams.Length; i++) c.Emit(Opcode.LocalGet, (uint)i);
            c.Emit(Opcode.Call, translateParams);
        }
        else if (sig.ParamsInMemory)
        {
            // The caller's tuple at its pointer, copied field by field into a tuple from the callee's realloc.
            var mem = new MemoryTranslator(f, types, callerSide, calleeSide);
            var (size, align) = MemoryTranslator.TupleLayout(types, func.ParamTypes);
            mem.CheckPointer(0, size, align, destination: false);
            uint tuple = mem.AllocateTuple(size, align);
            long at = 0;
            foreach (var pt in func.ParamTypes)
            {
                var (s, a) = ElementSize.Of(types, pt, AbiLimits.PointerSize);
                at = MemoryTranslator.AlignTo(at, a);
                mem.Translate(pt, new MemoryTranslator.Addr(0, (uint)at), new MemoryTranslator.Addr(tuple, (uint)at));
                at += s;
            }
            c.Emit(Opcode.LocalGet, tuple);
        }
        else
        {
            var flat = new FlatTranslator(f, types, new MemoryTranslator(f, types, callerSide, calleeSide));
            var args = new uint[callerParams.Length];
            for (int i = 0; i < args.Length; i++) args[i] = (uint)i;
            var dst = FlatCursor.Temps(f, sig.Lift.Params);
            var src = new FlatCursor(args, callerParams);
            foreach (var pt in func.ParamTypes) flat.Translate(pt, src, dst);
            foreach (uint l in dst.Locals) c.Emit(Opcode.LocalGet, l);
        }
        if (paramsCallOut) f.SetFlag(calleeFlags, AdapterFunctionBuilder.MayLeave, true);

        c.Emit(Opcode.Call, callee);
        var results = new uint[sig.Lift.Results.Length];
        for (int i = results.Length - 1; i >= 0; i--)
        {
            results[i] = f.Temp(sig.Lift.Results[i]);
            c.Emit(Opcode.LocalSet, results[i]);
        }

        // Results: the caller may not leave while its realloc runs.
        bool resultsCallOut = !inWasm || sig.ResultsInMemory || (func.Result is { } r0 && types.ContainsPointer(r0));
        if (resultsCallOut) f.SetFlag(callerFlags, AdapterFunctionBuilder.MayLeave, false);
        if (!inWasm)
        {
            foreach (uint r in results) c.Emit(Opcode.LocalGet, r);
            if (sig.ResultsInMemory) c.Emit(Opcode.LocalGet, (uint)(sig.Lower.Params.Length - 1));
            c.Emit(Opcode.Call, translateResults);
        }
        else if (sig.ResultsInMemory)
        {
            // The callee's result at the pointer it returned, copied into the caller's return area.
            var mem = new MemoryTranslator(f, types, calleeSide, callerSide);
            var rt = func.Result!.Value;
            var (size, align) = MemoryTranslator.TupleLayout(types, [rt]);
            uint retptr = (uint)(sig.Lower.Params.Length - 1);
            mem.CheckPointer(results[0], size, align, destination: false);
            mem.CheckPointer(retptr, size, align, destination: true);
            mem.Translate(rt, new MemoryTranslator.Addr(results[0], 0), new MemoryTranslator.Addr(retptr, 0));
        }
        else
        {
            var flat = new FlatTranslator(f, types, new MemoryTranslator(f, types, calleeSide, callerSide));
            var dst = FlatCursor.Temps(f, sig.Lower.Results);
            if (func.Result is { } rt) flat.Translate(rt, new FlatCursor(results, sig.Lift.Results), dst);
            foreach (uint l in dst.Locals) c.Emit(Opcode.LocalGet, l);
        }
        if (resultsCallOut) f.SetFlag(callerFlags, AdapterFunctionBuilder.MayLeave, true);

        if (postReturn is { } p)
        {
            foreach (uint r in results) c.Emit(Opcode.LocalGet, r);
            c.Emit(Opcode.Call, p);
        }
        f.SetFlag(calleeFlags, AdapterFunctionBuilder.MayEnter, true);

        m.AddFunction(sig.Lower, f.Finish(), name, $"{name}: component instance {def.CallerOptions.Instance} -> component instance {def.Callee.Options.Instance} ({Describe(def.Callee.Callee)}, {func.ParamTypes.Length} params, {(func.Result is null ? "no result" : "a result")}{(inWasm ? "" : ", translated by builtins")})");
    }

    /// <summary>Whether an adapter for <paramref name="func"/> between these encodings translates everything in wasm
    /// (see <see cref="MemoryTranslator.InWasm"/>); otherwise it calls the translate builtins.</summary>
    public static bool TranslatesInWasm(TypeArena types, FuncTypeData func, StringEncoding caller, StringEncoding callee)
    {
        foreach (var p in func.ParamTypes)
            if (!MemoryTranslator.InWasm(types, p, caller, callee)) return false;
        return func.Result is not { } r || MemoryTranslator.InWasm(types, r, caller, callee);
    }

    private static bool AnyPointer(TypeArena types, IReadOnlyList<ResolvedValType> ts)
    {
        foreach (var t in ts) if (types.ContainsPointer(t)) return true;
        return false;
    }

    private static string Describe(CoreDef callee) => callee switch
    {
        CoreExportDef e => $"core instance {e.Instance} export \"{e.Name}\"",
        LoweredDef l => $"lowered import {l.Lowering}",
        _ => callee.GetType().Name,
    };
}
