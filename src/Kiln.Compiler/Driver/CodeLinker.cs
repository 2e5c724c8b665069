using Kiln.Codegen;
using Kiln.Compiler.VmContext;
using Kiln.Wasm.Model;

namespace Kiln.Compiler.Driver;

/// <summary>
/// Lays compiled functions out in one blob (defined functions, entry trampolines, host trampolines, each
/// aligned), resolves their PC-relative relocations against each other, and rebases trap sites and source maps
/// from function-relative to blob-relative offsets.
/// </summary>
internal static class CodeLinker
{
    public static CompiledModule Link(TargetIsa target, WasmModule module, CompiledFunction[] compiled, int[][] wasmOffsets, int defined,
        List<int> representatives, int[] trampolineOfType, int alignment)
    {
        if (alignment <= 0 || (alignment & (alignment - 1)) != 0)
            throw new ArgumentOutOfRangeException(nameof(alignment), alignment, "function alignment must be a power of two");
        int types = representatives.Count;
        var offsets = new int[compiled.Length];
        var symbols = new Dictionary<string, int>(compiled.Length);
        long size = 0;
        for (int i = 0; i < compiled.Length; i++)
        {
            size = (size + alignment - 1) & ~(long)(alignment - 1);
            offsets[i] = (int)size;
            symbols[compiled[i].Name] = (int)size;
            size += compiled[i].Code.Length;
            if (size > int.MaxValue)
                throw new InvalidOperationException("the module's code exceeds 2 GiB");
        }

        var blob = new byte[Math.Max(size, 1)];
        target.FillPadding(blob); // a stray jump into the gaps traps instead of running on
        var traps = new List<CodeTrapSite>();
        var landings = new List<LandingSite>();
        var sourceMap = new List<CodeSourceLoc>();
        var ranges = new CodeRange[compiled.Length];
        var features = target.BaselineFeatures;
        var names = module.Names?.FunctionNames;
        for (int i = 0; i < compiled.Length; i++)
        {
            var f = compiled[i];
            int at = offsets[i];
            f.Code.CopyTo(blob, at);
            foreach (var r in f.Relocations)
            {
                if (!symbols.TryGetValue(r.Symbol, out int symbol))
                    throw new CompileException(f.Name, new InvalidOperationException($"unresolved {(r.IsLibCall ? "libcall" : "symbol")} '{r.Symbol}'"));
                target.ApplyRelocation(blob, 0, r, at, symbol);
            }
            foreach (var t in f.TrapSites)
                traps.Add(new CodeTrapSite(at + t.Offset, t.Code));
            foreach (var l in f.LandingSites)
                landings.Add(new LandingSite(at + l.ReturnOffset, at + l.LandingOffset));
            for (int k = 0; k < f.SourceMap.Length; k++)
                sourceMap.Add(new CodeSourceLoc(at + f.SourceMap[k].Offset, wasmOffsets[i][k]));
            features |= f.FeaturesUsed;

            if (i < defined)
            {
                uint index = (uint)(module.ImportedFunctionCount + i);
                string name = names is not null && names.TryGetValue(index, out var n) ? n : f.Name;
                ranges[i] = new CodeRange(at, f.Code.Length, CodeRangeKind.Function, index, name);
            }
            else
            {
                bool entry = i < defined + types;
                int type = representatives[entry ? i - defined : i - defined - types];
                ranges[i] = new CodeRange(at, f.Code.Length, entry ? CodeRangeKind.EntryTrampoline : CodeRangeKind.HostTrampoline, (uint)type, f.Name);
            }
        }
        traps.Sort((a, b) => a.Offset.CompareTo(b.Offset));

        var entryOffsets = new int[trampolineOfType.Length];
        var hostOffsets = new int[trampolineOfType.Length];
        for (int t = 0; t < trampolineOfType.Length; t++)
        {
            entryOffsets[t] = offsets[defined + trampolineOfType[t]];
            hostOffsets[t] = offsets[defined + types + trampolineOfType[t]];
        }
        return new CompiledModule
        {
            Target = target,
            Code = blob,
            ImportedFunctionCount = module.ImportedFunctionCount,
            FunctionOffsets = offsets[..defined],
            EntryTrampolineOffsets = entryOffsets,
            HostTrampolineOffsets = hostOffsets,
            TrapSites = [.. traps],
            LandingSites = [.. landings], // functions are laid out in order, each one's sites sorted
            Ranges = ranges,
            SourceMap = [.. sourceMap],
            RequiredFeatures = features,
        };
    }
}
