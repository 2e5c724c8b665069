using Kiln.Compiler.VmContext;
using Kiln.Wasm.Model;

namespace Kiln.Verify;

/// <summary>
/// What the runtime contract (the VMContext layout, shared with the runtime, and the engine's builtin count) says
/// about the structures generated code may touch: the value a 64-bit load from each VMContext slot yields, which
/// VMContext bytes code may write (defined globals only), and the sizes of the runtime structures behind them.
/// </summary>
internal sealed class SandboxFacts
{
    public SandboxFacts(WasmModule module, int builtinCount)
    {
        var layout = new VmContextLayout(module);
        VmContextSize = layout.Size;
        WritableStart = layout.DefinedGlobalsStart;
        WritableEnd = layout.FuncRefsStart;
        BuiltinCount = builtinCount;
        TypeCount = module.Types.Count;
        Slots[VmContextLayout.BuiltinsOffset] = new(ValueKind.Builtins);
        Slots[VmContextLayout.StoreContextOffset] = new(ValueKind.StoreContext);
        Slots[VmContextLayout.TypeIdsOffset] = new(ValueKind.TypeIds);
        for (uint m = 0; m < layout.MemoryCount; m++) Slots[layout.MemoryOffset(m)] = new(ValueKind.MemoryDefinition, m);
        for (uint t = 0; t < layout.TableCount; t++) Slots[layout.TableOffset(t)] = new(ValueKind.TableDefinition, t);
        for (uint f = 0; f < layout.ImportedFunctionCount; f++) Slots[layout.ImportedFunctionOffset(f) + VMImportedFunction.Code] = new(ValueKind.CodePointer);
        for (uint g = 0; g < layout.GlobalCount; g++)
            if (layout.IsGlobalImported(g)) Slots[layout.GlobalOffset(g)] = new(ValueKind.GlobalSlot);
        for (uint f = 0; f < layout.FunctionCount; f++) Slots[layout.FuncRefOffset(f) + VMFuncRef.Code] = new(ValueKind.CodePointer);
    }

    public int VmContextSize { get; }
    public int WritableStart { get; }
    public int WritableEnd { get; }
    public int BuiltinCount { get; }
    public int TypeCount { get; }

    /// <summary>VMContext offset → what a pointer-sized load from it yields.</summary>
    public Dictionary<long, AbstractValue> Slots { get; } = [];

    /// <summary>Largest displacement from the heap base (beyond a zero-extended 32-bit index) that the guard region covers,
    /// leaving room for the widest access (16 bytes).</summary>
    public static readonly long HeapDisplacementLimit = (long)VmContextLayout.MemoryGuard - 16;
}
