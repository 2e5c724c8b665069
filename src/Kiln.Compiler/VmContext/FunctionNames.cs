namespace Kiln.Compiler.VmContext;

/// <summary>Symbol names of generated code, shared by the translator (call targets) and the linker/runtime.</summary>
public static class FunctionNames
{
    /// <summary>A defined wasm function, by its index in the function index space.</summary>
    public static string Wasm(uint funcIndex) => $"wasm_func_{funcIndex}";

    /// <summary>The host-entry trampoline for module type <paramref name="typeIndex"/>.</summary>
    public static string EntryTrampoline(uint typeIndex) => $"entry_trampoline_{typeIndex}";

    /// <summary>The wasm-to-host trampoline for module type <paramref name="typeIndex"/>.</summary>
    public static string HostTrampoline(uint typeIndex) => $"host_trampoline_{typeIndex}";
}
