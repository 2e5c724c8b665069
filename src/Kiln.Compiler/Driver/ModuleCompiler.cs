using Kiln.Codegen;
using Kiln.Compiler.Translate;
using Kiln.Compiler.VmContext;
using Kiln.IR;
using Kiln.IR.Passes;
using Kiln.Wasm.Model;

namespace Kiln.Compiler.Driver;

/// <summary>
/// Compiles a validated module to one linked code blob: translate every defined function and one entry and one
/// wasm-to-host trampoline per distinct function type, run the mid-end passes, compile each with the
/// target's backend — in parallel, each work item independent — then link in a fixed order, so the output is the same
/// for any thread count.
/// </summary>
public static class ModuleCompiler
{
    /// <summary>Feature bits are per target (bit 0 is SSE4.1 on x86-64): bits the target does not define are
    /// another target's, carried over by mistake, and would be recorded in the artifact as if they meant something.</summary>
    private static void ThrowIfForeignFeatures(ModuleCompilerOptions options)
    {
        var target = options.Target;
        var known = new CpuFeatures(target.FeatureNames.Count >= 32 ? uint.MaxValue : (1u << target.FeatureNames.Count) - 1);
        var foreign = options.Features & ~known;
        if (!foreign.IsEmpty)
            throw new ArgumentException($"CPU features {foreign} are not features of target {target.Name} (it defines: {(target.FeatureNames.Count == 0 ? "none" : string.Join(' ', target.FeatureNames))})", nameof(options));
    }

    /// <summary>Compiles <paramref name="module"/> (which must be validated, with imports counted).</summary>
    /// <exception cref="SimdNotSupportedException">The module uses SIMD.</exception>
    /// <exception cref="CompileException">A function failed to compile (a compiler bug).</exception>
    /// <exception cref="CompileBudgetExceededException">The compilation ran out of <see cref="ModuleCompilerOptions.CompileTimeout"/>
    /// or <see cref="ModuleCompilerOptions.MaxCompileMemory"/>.</exception>
    /// <exception cref="OperationCanceledException"><see cref="ModuleCompilerOptions.CancellationToken"/> was cancelled.</exception>
    /// <exception cref="ArgumentException">The options name CPU features the target does not define.</exception>
    public static CompiledModule Compile(WasmModule module, VmContextLayout layout, ModuleCompilerOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(module);
        ArgumentNullException.ThrowIfNull(layout);
        options ??= ModuleCompilerOptions.Default;
        ThrowIfForeignFeatures(options);
        SimdCheck.ThrowIfUsed(module);

        var env = new ModuleEnvironment(module, layout) { ConsumeFuel = options.ConsumeFuel, EpochInterruption = options.EpochInterruption };
        int defined = module.Codes.Count;

        // One trampoline pair per structurally distinct type; the first type index of each stands for it.
        var trampolineOfType = new int[module.Types.Count];
        var representatives = new List<int>();
        var seen = new Dictionary<FuncType, int>();
        for (int t = 0; t < module.Types.Count; t++)
        {
            if (!seen.TryGetValue(module.Types[t], out int k))
            {
                k = representatives.Count;
                seen.Add(module.Types[t], k);
                representatives.Add(t);
            }
            trampolineOfType[t] = k;
        }
        int types = representatives.Count;

        // Work items: defined functions, then entry trampolines, then host trampolines.
        int total = defined + 2 * types;
        var compiled = new CompiledFunction[total];
        var sourceLocs = new int[total][];
        var errors = new Exception?[total];
        using var budget = new CompileBudget(options.CancellationToken, options.CompileTimeout, options.MaxCompileMemory);
        // Not the budget's token: a cancelled ParallelOptions token makes Parallel.For throw its own exception; the
        // items check the budget themselves and say why they stopped.
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = options.Threads > 0 ? options.Threads : Environment.ProcessorCount };

        Parallel.For(0, total, parallel, () => new FunctionTranslator(env) { Budget = budget }, (item, _, translator) =>
        {
            string name = item < defined ? FunctionNames.Wasm((uint)(module.ImportedFunctionCount + item))
                : item < defined + types ? FunctionNames.EntryTrampoline((uint)representatives[item - defined])
                : FunctionNames.HostTrampoline((uint)representatives[item - defined - types]);
            using var checkpoints = CompileCheckpoint.Install(budget.Checkpoint);
            try
            {
                budget.Checkpoint();
                Function f;
                if (item < defined)
                    f = translator.Translate((uint)(module.ImportedFunctionCount + item));
                else if (item < defined + types)
                    f = TrampolineBuilder.HostToWasm(name, module.Types[representatives[item - defined]]);
                else
                    f = TrampolineBuilder.WasmToHost(name, module.Types[representatives[item - defined - types]]);
                budget.Checkpoint();
                if (options.VerifyIr)
                    Verify(f, "after translation");
                if (options.Optimize)
                    PassManager.Default(options.VerifyIr).Run(f);
                budget.Checkpoint();
                var code = options.Target.Compile(f, options.Features);
                budget.Checkpoint();
                compiled[item] = code;
                sourceLocs[item] = WasmOffsets(f, code);
            }
            catch (Exception e) when (e is CompileBudgetExceededException or OperationCanceledException)
            {
                errors[item] = e;
            }
            catch (SimdNotSupportedException e)
            {
                errors[item] = new SimdNotSupportedException($"{name}: {e.Detail}");
            }
            catch (UnsupportedFeatureException e) when (e.Feature == UnsupportedFeature.Simd)
            {
                errors[item] = new SimdNotSupportedException($"{name}: {e.Detail}");
            }
            catch (Exception e)
            {
                errors[item] = new CompileException(name, e);
            }
            return translator;
        }, _ => { });

        // A stopped compilation says why (cancelled, or which budget), whichever item noticed first.
        if (budget.Token.IsCancellationRequested)
            throw budget.Stopped();
        // The first failure in item order, so the error does not depend on scheduling either.
        foreach (var e in errors)
        {
            if (e is not null)
                throw e;
        }

        return CodeLinker.Link(options.Target, module, compiled, sourceLocs, defined, representatives, trampolineOfType, options.FunctionAlignment);
    }

    private static void Verify(Function f, string when)
    {
        var problems = Verifier.Verify(f);
        if (problems.Count > 0)
            throw new VerifierException([$"{f.Name} {when}:", .. problems]);
    }

    /// <summary>The wasm byte offset of each source-map entry of <paramref name="code"/>.</summary>
    private static int[] WasmOffsets(Function f, CompiledFunction code)
    {
        var map = code.SourceMap;
        var result = new int[map.Length];
        for (int i = 0; i < map.Length; i++)
            result[i] = map[i].IrInst < 0 ? -1 : f.SourceLocs.Get(new Inst(map[i].IrInst));
        return result;
    }
}
