using Kiln.Compiler.VmContext;
using Kiln.IR;
using Kiln.Wasm.Model;

namespace Kiln.Compiler.Translate;

/// <summary>
/// Module-level driver: translates every defined function of a validated module and builds the
/// trampolines. Functions are independent; a parallel driver gives each thread its own
/// <see cref="FunctionTranslator"/> over the shared <see cref="ModuleEnvironment"/>.
/// </summary>
public static class ModuleTranslator
{
    public static TranslatedModule Translate(WasmModule module, VmContextLayout layout)
    {
        var env = new ModuleEnvironment(module, layout);
        var translator = new FunctionTranslator(env);
        var functions = new Function[module.Codes.Count];
        for (int i = 0; i < functions.Length; i++)
        {
            functions[i] = translator.Translate((uint)(module.ImportedFunctionCount + i));
        }

        var entry = new List<Function>();
        var host = new List<Function>();
        var map = new int[module.Types.Count];
        var seen = new Dictionary<FuncType, int>();
        for (int t = 0; t < module.Types.Count; t++)
        {
            var type = module.Types[t];
            if (Array.IndexOf(type.Params, ValType.V128) >= 0 || Array.IndexOf(type.Results, ValType.V128) >= 0)
            {
                map[t] = -1;
                continue;
            }
            if (!seen.TryGetValue(type, out int k))
            {
                k = entry.Count;
                seen.Add(type, k);
                entry.Add(TrampolineBuilder.HostToWasm(FunctionNames.EntryTrampoline((uint)t), type));
                host.Add(TrampolineBuilder.WasmToHost(FunctionNames.HostTrampoline((uint)t), type));
            }
            map[t] = k;
        }
        return new TranslatedModule(functions, [.. entry], [.. host], map);
    }
}
