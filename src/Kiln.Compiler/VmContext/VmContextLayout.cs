using Kiln.Wasm.Model;

namespace Kiln.Compiler.VmContext;

/// <summary>
/// The one definition of an instance's VMContext, shared by the compiler (which bakes these offsets into
/// code) and the runtime (which allocates and fills the VMContext). Immutable; computed from the module's
/// import and definition counts only, so a serialized module recomputes the same layout. Pointer size 8.
/// <code>
/// header (all written by the runtime at instantiation)
///   +0   builtins       ptr to the engine's builtins table (native fn ptrs, indexed by Builtin)
///   +8   store_context  ptr to the store's VMStoreContext (stack limit; written on each host entry)
///   +16  type_ids       ptr to u32[module type count]: engine-wide canonical signature id per type index
///   +24  instance       opaque instance handle for builtins and host calls (e.g. a GCHandle)
/// memories        ptr to VMMemoryDefinition, per memory (imported first)        runtime, at instantiation
/// tables          ptr to VMTableDefinition, per table (imported first)          runtime, at instantiation
/// imported funcs  VMImportedFunction {code, vmctx}, per imported function       runtime, at instantiation
/// imported globals ptr to the owner's 16-byte value slot, per imported global   runtime, at instantiation
/// defined globals 16-byte value slot inline (16-aligned)                         runtime initializes; code writes (global.set)
/// funcrefs        VMFuncRef {code, vmctx, type_id}, per function (imported too)   runtime, at instantiation
/// </code>
/// </summary>
public sealed class VmContextLayout
{
    public const int PointerSize = 8;

    /// <summary>Bytes reserved for a 32-bit memory's addressable range (never moves, grows in place).</summary>
    public const ulong MemoryReservation = 1UL << 32;

    /// <summary>Inaccessible bytes after the reservation. Code does no bounds checks: the furthest access is
    /// index (u32) + offset (u32) + 8 bytes, which must land in the reservation or the guard, hence 4 GiB plus a page.</summary>
    public const ulong MemoryGuard = (1UL << 32) + 65536;

    public const int BuiltinsOffset = 0;
    public const int StoreContextOffset = 8;
    public const int TypeIdsOffset = 16;
    public const int InstanceOffset = 24;
    public const int HeaderSize = 32;

    private readonly int[] globalOffsets;

    public VmContextLayout(WasmModule module)
    {
        ArgumentNullException.ThrowIfNull(module);
        if (module.ImportedFunctionCount + module.ImportedTableCount + module.ImportedMemoryCount + module.ImportedGlobalCount
            != module.Imports.Count)
        {
            module.CountImports();
        }
        MemoryCount = module.TotalMemoryCount;
        TableCount = module.TotalTableCount;
        ImportedFunctionCount = module.ImportedFunctionCount;
        ImportedGlobalCount = module.ImportedGlobalCount;
        FunctionCount = module.TotalFunctionCount;
        GlobalCount = module.TotalGlobalCount;
        TypeCount = module.Types.Count;

        int at = HeaderSize;
        MemoriesStart = at;
        at += MemoryCount * PointerSize;
        TablesStart = at;
        at += TableCount * PointerSize;
        ImportedFunctionsStart = at;
        at += ImportedFunctionCount * VMImportedFunction.Size;
        globalOffsets = new int[GlobalCount];
        for (int i = 0; i < ImportedGlobalCount; i++)
        {
            globalOffsets[i] = at;
            at += PointerSize;
        }
        at = Align(at, ValueSlot.Size);
        DefinedGlobalsStart = at;
        for (int i = ImportedGlobalCount; i < GlobalCount; i++)
        {
            globalOffsets[i] = at;
            at += ValueSlot.Size;
        }
        FuncRefsStart = at;
        at += FunctionCount * VMFuncRef.Size;
        Size = Align(at, 16);
    }

    public int MemoryCount { get; }
    public int TableCount { get; }
    public int ImportedFunctionCount { get; }
    public int ImportedGlobalCount { get; }
    public int FunctionCount { get; }
    public int GlobalCount { get; }
    public int TypeCount { get; }

    public int MemoriesStart { get; }
    public int TablesStart { get; }
    public int ImportedFunctionsStart { get; }
    public int DefinedGlobalsStart { get; }
    public int FuncRefsStart { get; }

    /// <summary>Total bytes; the runtime allocates the VMContext 16-aligned.</summary>
    public int Size { get; }

    /// <summary>Offset of the pointer to memory <paramref name="index"/>'s VMMemoryDefinition.</summary>
    public int MemoryOffset(uint index) => MemoriesStart + Checked(index, MemoryCount) * PointerSize;

    /// <summary>Offset of the pointer to table <paramref name="index"/>'s VMTableDefinition.</summary>
    public int TableOffset(uint index) => TablesStart + Checked(index, TableCount) * PointerSize;

    /// <summary>Offset of imported function <paramref name="index"/>'s VMImportedFunction.</summary>
    public int ImportedFunctionOffset(uint index) =>
        ImportedFunctionsStart + Checked(index, ImportedFunctionCount) * VMImportedFunction.Size;

    public bool IsGlobalImported(uint index) => Checked(index, GlobalCount) < ImportedGlobalCount;

    /// <summary>For an imported global, the offset of the pointer to its slot; for a defined one, the slot itself.</summary>
    public int GlobalOffset(uint index) => globalOffsets[Checked(index, GlobalCount)];

    /// <summary>Offset of function <paramref name="index"/>'s VMFuncRef (function index space): ref.func is vmctx + this.</summary>
    public int FuncRefOffset(uint index) => FuncRefsStart + Checked(index, FunctionCount) * VMFuncRef.Size;

    private static int Align(int x, int a) => (x + a - 1) & -a;

    private static int Checked(uint index, int count) =>
        index < (uint)count ? (int)index : throw new ArgumentOutOfRangeException(nameof(index), index, $"only {count} exist");
}
