using Kiln.Wasm.Binary;
using Kiln.Wasm.Model;

namespace Kiln.Wasm.Instructions;

/// <summary>
/// Streams instructions out of encoded code (a function body or a constant expression) without
/// allocating. Syntax errors (unknown opcodes, bad immediates) are <see cref="WasmDecodeException"/>s
/// with the byte offset; typing is the validator's job.
/// </summary>
public ref struct InstructionReader
{
    private WasmReader _r;
    private readonly bool _multiMemory;

    public InstructionReader(ReadOnlySpan<byte> code, int baseOffset)
        : this(code, baseOffset, WasmFeatures.Default)
    {
    }

    /// <summary>A reader with the grammar of <paramref name="features"/>: without multi-memory, memory indices are
    /// Wasm 2.0's reserved zero bytes and memargs carry no index.</summary>
    public InstructionReader(ReadOnlySpan<byte> code, int baseOffset, WasmFeatures features)
    {
        _r = new WasmReader(code, baseOffset);
        _multiMemory = (features & WasmFeatures.MultiMemory) != 0;
    }

    public readonly bool AtEnd => _r.AtEnd;

    /// <summary>Module offset of the next instruction.</summary>
    public readonly int Offset => _r.Offset;

    public readonly WasmDecodeException Error(string message) => _r.Error(message);

    public Instruction Read()
    {
        int at = _r.Offset;
        byte b = _r.ReadByte();
        int dense;
        if (b is 0xFC or 0xFD)
        {
            uint sub = _r.ReadU32();
            dense = OpcodeTable.DenseValue(b, sub);
        }
        else
        {
            dense = b;
        }
        var info = dense < 0 ? null : OpcodeTable.TryGet(dense);
        if (info is null) throw new WasmDecodeException(LegacyExceptions.IsLegacyOpcode(dense) ? LegacyExceptions.Refusal : "illegal opcode", at);
        var op = info.Opcode;
        switch (info.Immediate)
        {
            case ImmediateKind.None:
                return new Instruction(op, at);
            case ImmediateKind.BlockType:
                {
                    int tpos = _r.Position;
                    long bt = _r.ReadS33();
                    if (bt < 0 && bt != -64 && !ValTypeExtensions.IsValid((byte)(bt + 0x80)))
                        throw _r.Error("malformed value type", tpos);
                    return new Instruction(op, at, (ulong)bt);
                }
            case ImmediateKind.Label:
            case ImmediateKind.Tag:
            case ImmediateKind.Func:
            case ImmediateKind.Local:
            case ImmediateKind.Global:
            case ImmediateKind.Table:
            case ImmediateKind.Data:
            case ImmediateKind.Elem:
                return new Instruction(op, at, _r.ReadU32());
            case ImmediateKind.Memory:
                return new Instruction(op, at, ReadMemoryIndex());
            case ImmediateKind.BrTable:
                {
                    int count = _r.ReadCount();
                    int pos = _r.Position;
                    for (int i = 0; i < count; i++) _r.ReadU32();
                    uint def = _r.ReadU32();
                    return new Instruction(op, at, (ulong)pos, (ulong)count, def);
                }
            case ImmediateKind.CallIndirect:
                {
                    uint type = _r.ReadU32();
                    uint table = _r.ReadU32();
                    return new Instruction(op, at, type, table);
                }
            case ImmediateKind.MemArg:
            case ImmediateKind.MemArgLane:
                {
                    int flagsAt = _r.Position;
                    uint align = _r.ReadU32();
                    uint memory = 0;
                    if (_multiMemory)
                    {
                        // Multi-memory: bit 6 says a memory index follows; the exponent keeps the low six bits.
                        if (align >= 128) throw _r.Error("malformed memop flags", flagsAt);
                        if (align >= 64)
                        {
                            align -= 64;
                            memory = _r.ReadU32();
                        }
                    }
                    else if (align >= 32)
                    {
                        throw _r.Error("malformed memop flags", flagsAt);
                    }
                    ulong offset = _r.ReadU32();
                    byte lane = 0;
                    if (info.Immediate == ImmediateKind.MemArgLane) lane = _r.ReadByte();
                    return new Instruction(op, at, offset, align, memory, lane);
                }
            case ImmediateKind.I32:
                return new Instruction(op, at, (ulong)(long)_r.ReadS32());
            case ImmediateKind.I64:
                return new Instruction(op, at, (ulong)_r.ReadS64());
            case ImmediateKind.F32:
                return new Instruction(op, at, _r.ReadF32Bits());
            case ImmediateKind.F64:
                return new Instruction(op, at, _r.ReadF64Bits());
            case ImmediateKind.SelectTypes:
                {
                    int count = _r.ReadCount();
                    byte first = 0;
                    for (int i = 0; i < count; i++)
                    {
                        int tpos = _r.Position;
                        byte t = _r.ReadByte();
                        if (!ValTypeExtensions.IsValid(t)) throw _r.Error("malformed value type", tpos);
                        if (i == 0) first = t;
                    }
                    return new Instruction(op, at, first, (ulong)count);
                }
            case ImmediateKind.RefNull:
                {
                    int tpos = _r.Position;
                    byte t = _r.ReadByte();
                    if (t is not ((byte)ValType.FuncRef or (byte)ValType.ExternRef or (byte)ValType.ExnRef)) throw _r.Error("malformed reference type", tpos);
                    return new Instruction(op, at, t);
                }
            case ImmediateKind.MemoryInit:
                {
                    uint data = _r.ReadU32();
                    return new Instruction(op, at, data, ReadMemoryIndex());
                }
            case ImmediateKind.MemoryCopy:
                {
                    uint dst = ReadMemoryIndex();
                    return new Instruction(op, at, dst, ReadMemoryIndex());
                }
            case ImmediateKind.TableInit:
                {
                    uint elem = _r.ReadU32();
                    uint table = _r.ReadU32();
                    return new Instruction(op, at, elem, table);
                }
            case ImmediateKind.TableCopy:
                {
                    uint dst = _r.ReadU32();
                    uint src = _r.ReadU32();
                    return new Instruction(op, at, dst, src);
                }
            case ImmediateKind.V128:
            case ImmediateKind.Shuffle:
                {
                    var bytes = _r.ReadBytes(16);
                    ulong lo = System.Buffers.Binary.BinaryPrimitives.ReadUInt64LittleEndian(bytes);
                    ulong hi = System.Buffers.Binary.BinaryPrimitives.ReadUInt64LittleEndian(bytes[8..]);
                    return new Instruction(op, at, lo, hi);
                }
            case ImmediateKind.Lane:
                return new Instruction(op, at, lane: _r.ReadByte());
            case ImmediateKind.TryTable:
                return ReadTryTable(op, at);
            default:
                throw new InvalidOperationException($"unhandled immediate kind {info.Immediate}");
        }
    }

    private Instruction ReadTryTable(Opcode op, int at)
    {
        int tpos = _r.Position;
        long bt = _r.ReadS33();
        if (bt < 0 && bt != -64 && !ValTypeExtensions.IsValid((byte)(bt + 0x80)))
            throw _r.Error("malformed value type", tpos);
        int count = _r.ReadCount();
        int pos = _r.Position;
        for (int i = 0; i < count; i++)
        {
            int kpos = _r.Position;
            byte kind = _r.ReadByte();
            if (kind > (byte)CatchKind.CatchAllRef) throw _r.Error("malformed catch clause", kpos);
            if (kind <= (byte)CatchKind.CatchRef) _r.ReadU32();
            _r.ReadU32();
        }
        return new Instruction(op, at, (ulong)bt, (ulong)count, (uint)pos);
    }

    /// <summary>Copies try_table's catch clauses into <paramref name="clauses"/>, which must hold
    /// <see cref="Instruction.CatchCount"/> entries.</summary>
    public readonly void ReadCatchClauses(in Instruction tryTable, Span<CatchClause> clauses)
    {
        var r = new WasmReader(_r.Data, _r.BaseOffset) { Position = tryTable.CatchClausesPosition };
        for (int i = 0; i < tryTable.CatchCount; i++)
        {
            var kind = (CatchKind)r.ReadByte();
            uint tag = kind <= CatchKind.CatchRef ? r.ReadU32() : 0;
            clauses[i] = new CatchClause(kind, tag, r.ReadU32());
        }
    }

    /// <summary>Copies br_table's targets (without the default) into <paramref name="targets"/>,
    /// which must hold <see cref="Instruction.BrTableCount"/> entries.</summary>
    public readonly void ReadBrTableTargets(in Instruction brTable, Span<uint> targets)
    {
        var r = new WasmReader(_r.Data, _r.BaseOffset) { Position = brTable.BrTableTargetsPosition };
        for (int i = 0; i < brTable.BrTableCount; i++) targets[i] = r.ReadU32();
    }

    /// <summary>A memory index: a u32 with multi-memory, Wasm 2.0's reserved 0x00 byte without.</summary>
    private uint ReadMemoryIndex()
    {
        if (_multiMemory) return _r.ReadU32();
        int pos = _r.Position;
        if (_r.ReadByte() != 0) throw _r.Error("zero byte expected", pos);
        return 0;
    }
}
