namespace Kiln.Wasm.Instructions;

/// <summary>
/// One decoded instruction: its opcode, where it starts, and its immediates in three untyped slots.
/// The typed accessors below say which slot holds what for each <see cref="ImmediateKind"/>; keeping the
/// struct small and flat means decoding allocates nothing.
/// </summary>
public readonly struct Instruction
{
    public Instruction(Opcode opcode, int offset, ulong imm0 = 0, ulong imm1 = 0, uint imm2 = 0, byte lane = 0)
    {
        Opcode = opcode;
        Offset = offset;
        Imm0 = imm0;
        Imm1 = imm1;
        Imm2 = imm2;
        Lane = lane;
    }

    public Opcode Opcode { get; }

    /// <summary>Byte offset of the instruction's first byte in the module binary.</summary>
    public int Offset { get; }

    public ulong Imm0 { get; }
    public ulong Imm1 { get; }
    public uint Imm2 { get; }

    /// <summary>Lane index for <see cref="ImmediateKind.Lane"/> and <see cref="ImmediateKind.MemArgLane"/>.</summary>
    public byte Lane { get; }

    public OpcodeInfo Info => OpcodeTable.Get(Opcode);

    /// <summary>The first index immediate: label depth, function, local, global, table, type (call_indirect),
    /// element, data or memory index, or the heap type (as a reference ValType byte) of ref.null.</summary>
    public uint Index => (uint)Imm0;

    /// <summary>The second index: call_indirect's table, memory.init's memory, table.init's table,
    /// table.copy's and memory.copy's source.</summary>
    public uint Index2 => (uint)Imm1;

    public BlockType BlockType => new((long)Imm0);

    public int I32 => (int)Imm0;
    public long I64 => (long)Imm0;
    public uint F32Bits => (uint)Imm0;
    public ulong F64Bits => Imm0;

    /// <summary>Low and high 8 bytes (little-endian) of v128.const or the shuffle lanes.</summary>
    public ulong V128Low => Imm0;
    public ulong V128High => Imm1;

    /// <summary>Memory access: static offset.</summary>
    public ulong MemOffset => Imm0;

    /// <summary>Memory access: alignment exponent (log2) as written.</summary>
    public uint AlignLog2 => (uint)Imm1;

    /// <summary>Memory access: memory index.</summary>
    public uint MemoryIndex => Imm2;

    /// <summary>br_table: number of targets before the default; the default depth is <see cref="BrTableDefault"/>.
    /// Read the targets with <see cref="InstructionReader.ReadBrTableTargets"/>.</summary>
    public int BrTableCount => (int)Imm1;

    public uint BrTableDefault => Imm2;

    /// <summary>br_table: position of the first target's LEB within the reader's span.</summary>
    public int BrTableTargetsPosition => (int)Imm0;

    /// <summary>Typed select: number of types (1 in Wasm 2.0) and, in Imm0, the first type's byte.</summary>
    public int SelectTypeCount => (int)Imm1;
    public Model.ValType SelectType => (Model.ValType)(byte)Imm0;

    /// <summary>try_table: number of catch clauses; read them with <see cref="InstructionReader.ReadCatchClauses"/>.
    /// The block type is <see cref="BlockType"/>.</summary>
    public int CatchCount => (int)Imm1;

    /// <summary>try_table: position of the first catch clause within the reader's span.</summary>
    public int CatchClausesPosition => (int)Imm2;

    public override string ToString() => $"{Info.Name} @0x{Offset:x}";
}
