namespace Kiln.Wasm.Instructions;

/// <summary>The immediate operands an instruction carries in the binary (and text) format.
/// See <see cref="Instruction"/> for where each kind's values are stored.</summary>
public enum ImmediateKind : byte
{
    None,
    /// <summary>block/loop/if: a <see cref="Instructions.BlockType"/>.</summary>
    BlockType,
    /// <summary>br/br_if: a label depth in Index.</summary>
    Label,
    /// <summary>br_table: a vector of label depths and a default (see <see cref="Instruction.BrTableCount"/>).</summary>
    BrTable,
    /// <summary>call/ref.func: a function index in Index.</summary>
    Func,
    /// <summary>call_indirect: type index in Index, table index in Index2.</summary>
    CallIndirect,
    Local,
    Global,
    /// <summary>table.get/set/grow/size/fill: table index in Index.</summary>
    Table,
    /// <summary>Loads and stores: alignment (log2), offset and memory index.</summary>
    MemArg,
    /// <summary>memory.size/grow/fill: memory index in Index.</summary>
    Memory,
    I32,
    I64,
    F32,
    F64,
    /// <summary>Typed select: a vector of value types (one in Wasm 2.0).</summary>
    SelectTypes,
    /// <summary>ref.null: a heap type, stored as the matching reference <see cref="Model.ValType"/> in Index.</summary>
    RefNull,
    /// <summary>memory.init: data index in Index, memory index in Index2.</summary>
    MemoryInit,
    /// <summary>data.drop: data index in Index.</summary>
    Data,
    /// <summary>memory.copy: destination memory in Index, source memory in Index2.</summary>
    MemoryCopy,
    /// <summary>table.init: element index in Index, table index in Index2.</summary>
    TableInit,
    /// <summary>elem.drop: element index in Index.</summary>
    Elem,
    /// <summary>table.copy: destination table in Index, source table in Index2.</summary>
    TableCopy,
    /// <summary>v128.const: 16 bytes in V128Low/V128High.</summary>
    V128,
    /// <summary>i8x16.shuffle: 16 lane indices in V128Low/V128High (byte i = lane i).</summary>
    Shuffle,
    /// <summary>extract/replace lane: lane index in Lane.</summary>
    Lane,
    /// <summary>load/store lane: a memarg and a lane index.</summary>
    MemArgLane,
    /// <summary>throw: a tag index in Index.</summary>
    Tag,
    /// <summary>try_table: a block type and a vector of catch clauses (see <see cref="Instruction.CatchCount"/>).</summary>
    TryTable,
}
