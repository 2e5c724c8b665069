using Kiln.Wasm.Model;

namespace Kiln.Compiler.Driver;

/// <summary>Finds a use of v128 in a module's declarations (instructions are found by the translator).</summary>
internal static class SimdCheck
{
    public static void ThrowIfUsed(WasmModule module)
    {
        for (int t = 0; t < module.Types.Count; t++)
        {
            var type = module.Types[t];
            if (Array.IndexOf(type.Params, ValType.V128) >= 0 || Array.IndexOf(type.Results, ValType.V128) >= 0)
                throw new SimdNotSupportedException($"type {t} has v128 values");
        }
        for (int g = 0; g < module.Globals.Count; g++)
        {
            if (module.Globals[g].Type.ValueType == ValType.V128)
                throw new SimdNotSupportedException($"global {module.ImportedGlobalCount + g} is v128");
        }
        foreach (var import in module.Imports)
        {
            if (import.Kind == ExternalKind.Global && import.Global.ValueType == ValType.V128)
                throw new SimdNotSupportedException($"imported global \"{import.ModuleName}\" \"{import.Name}\" is v128");
        }
        for (int f = 0; f < module.Codes.Count; f++)
        {
            foreach (var group in module.Codes[f].Locals)
            {
                if (group.Type == ValType.V128)
                    throw new SimdNotSupportedException($"function {module.ImportedFunctionCount + f} has v128 locals");
            }
        }
    }
}
