namespace Kiln.Verify;

/// <summary>What the verifier knows a register (or spill slot) holds. Everything not listed is <see cref="Unknown"/>.</summary>
internal enum ValueKind : byte
{
    Unknown,
    /// <summary>Upper 32 bits zero (any write to a 32-bit register zero-extends).</summary>
    Bounded32,
    /// <summary>A small constant (<see cref="AbstractValue.Number"/>).</summary>
    Constant,
    /// <summary>At most <see cref="AbstractValue.Number"/> (a clamped br_table index).</summary>
    AtMost,
    VmContext,
    Builtins,
    StoreContext,
    TypeIds,
    MemoryDefinition,
    /// <summary>Memory <see cref="AbstractValue.Number"/>'s base plus <see cref="AbstractValue.Bound"/> (a constant folded in, at most 4 GiB).</summary>
    HeapBase,
    TableDefinition,
    TableElements,
    /// <summary>A table length (u32), table <see cref="AbstractValue.Number"/>.</summary>
    TableLength,
    /// <summary>An index below table <see cref="AbstractValue.Number"/>'s length.</summary>
    TableIndex,
    /// <summary>A table index times 8 (a byte offset into table <see cref="AbstractValue.Number"/>'s elements).</summary>
    TableByteOffset,
    /// <summary>A table entry: 0 or a pointer to a VMFuncRef.</summary>
    FuncRef,
    /// <summary>Pointer to an imported global's 16-byte slot.</summary>
    GlobalSlot,
    /// <summary>Code in the wasm calling convention, read from the runtime's structures (never computed).</summary>
    CodePointer,
    /// <summary>An entry trampoline's value array from the host (<see cref="AbstractValue.Number"/> bytes).</summary>
    ValueArray,
    /// <summary>An address inside the current stack frame (<c>lea r, [rsp+d]</c>).</summary>
    StackAddress,
    /// <summary>Address of a jump table inside the function (<see cref="AbstractValue.Number"/> = its code offset).</summary>
    JumpTable,
    /// <summary>An entry of jump table <see cref="AbstractValue.Number"/> with index at most <see cref="AbstractValue.Bound"/>.</summary>
    JumpTableEntry,
    /// <summary>A target computed from such an entry (entry + table address).</summary>
    JumpTarget,
}

internal readonly record struct AbstractValue(ValueKind Kind, long Number = 0, long Bound = 0)
{
    public static readonly AbstractValue Unknown = new(ValueKind.Unknown);
    public static readonly AbstractValue Bounded = new(ValueKind.Bounded32);

    /// <summary>Known to be below 2^32 (an index the linear memory's guard region covers).</summary>
    public bool IsBounded32 => Kind is ValueKind.Bounded32 or ValueKind.TableIndex or ValueKind.TableLength or ValueKind.AtMost
        || Kind == ValueKind.Constant && (ulong)Number <= uint.MaxValue;

    public static AbstractValue Join(AbstractValue a, AbstractValue b)
    {
        if (a == b) return a;
        if (a.Kind == b.Kind && a.Kind == ValueKind.AtMost) return new(ValueKind.AtMost, Math.Max(a.Number, b.Number));
        return a.IsBounded32 && b.IsBounded32 ? Bounded : Unknown;
    }
}
