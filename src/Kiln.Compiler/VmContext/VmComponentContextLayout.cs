namespace Kiln.Compiler.VmContext;

/// <summary>
/// The one definition of a component instantiation's VMComponentContext (see src/Kiln.Compiler/Component/README.md),
/// shared by the runtime (which allocates and fills it) and, later, fused adapters and compiled trampolines
/// (which reach it at these offsets). Computed from the plan's counts only. Pointer size 8, 16-aligned.
/// <code>
/// +0   magic            u32 "KCMP" (a debugging aid), then padding to 16
/// flags            16-byte value slot per run-time component instance: i32 bits (may_leave, may_enter, needs_post_return)
/// lowerings        {host function ptr, host data ptr} per lowered import (16 bytes)
/// trampolines      ptr to the wasm→host trampoline code per lowered import
/// memories         VMMemoryDefinition* per memory named by canonical options
/// reallocs         VMFuncRef* per realloc option
/// post-returns     VMFuncRef* per post-return option
/// destructors      VMFuncRef* (or 0) per resource type
/// </code>
/// Flags are full 16-byte slots so that a fused adapter module can import each as a mutable i32 global:
/// an imported global is a pointer to its owner's slot, and this block is that owner.
/// </summary>
public sealed class VmComponentContextLayout
{
    public const int PointerSize = 8;
    public const int SlotSize = 16;
    public const uint Magic = 0x504d434b; // "KCMP"

    /// <summary>Flag bits in the low i32 of an instance's flags slot (Wasmtime's FLAG_* values).</summary>
    public const int FlagMayLeave = 1 << 0;
    public const int FlagMayEnter = 1 << 1;
    public const int FlagNeedsPostReturn = 1 << 2;

    public VmComponentContextLayout(int instances, int lowerings, int memories, int reallocs, int postReturns, int resources)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(instances);
        InstanceCount = instances;
        LoweringCount = lowerings;
        MemoryCount = memories;
        ReallocCount = reallocs;
        PostReturnCount = postReturns;
        ResourceCount = resources;

        int at = 16;
        FlagsStart = at; at += instances * SlotSize;
        LoweringsStart = at; at += lowerings * 2 * PointerSize;
        TrampolinesStart = at; at += lowerings * PointerSize;
        MemoriesStart = at; at += memories * PointerSize;
        ReallocsStart = at; at += reallocs * PointerSize;
        PostReturnsStart = at; at += postReturns * PointerSize;
        DestructorsStart = at; at += resources * PointerSize;
        Size = (at + 15) & ~15;
    }

    public int InstanceCount { get; }
    public int LoweringCount { get; }
    public int MemoryCount { get; }
    public int ReallocCount { get; }
    public int PostReturnCount { get; }
    public int ResourceCount { get; }

    public int FlagsStart { get; }
    public int LoweringsStart { get; }
    public int TrampolinesStart { get; }
    public int MemoriesStart { get; }
    public int ReallocsStart { get; }
    public int PostReturnsStart { get; }
    public int DestructorsStart { get; }
    public int Size { get; }

    public int FlagsOffset(int instance) => FlagsStart + Check(instance, InstanceCount) * SlotSize;
    public int LoweringOffset(int lowering) => LoweringsStart + Check(lowering, LoweringCount) * 2 * PointerSize;
    public int TrampolineOffset(int lowering) => TrampolinesStart + Check(lowering, LoweringCount) * PointerSize;
    public int MemoryOffset(int memory) => MemoriesStart + Check(memory, MemoryCount) * PointerSize;
    public int ReallocOffset(int realloc) => ReallocsStart + Check(realloc, ReallocCount) * PointerSize;
    public int PostReturnOffset(int postReturn) => PostReturnsStart + Check(postReturn, PostReturnCount) * PointerSize;
    public int DestructorOffset(int resource) => DestructorsStart + Check(resource, ResourceCount) * PointerSize;

    private static int Check(int i, int count) =>
        (uint)i < (uint)count ? i : throw new ArgumentOutOfRangeException(nameof(i), i, $"index out of range (count {count})");
}
