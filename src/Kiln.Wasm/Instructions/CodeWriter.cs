using Kiln.Wasm.Binary;
using Kiln.Wasm.Model;

namespace Kiln.Wasm.Instructions;

/// <summary>
/// Encodes instructions (opcode and immediates) into a <see cref="WasmWriter"/>: the inverse of
/// <see cref="InstructionReader"/>. The text parser and any wasm generator build code with it; the
/// generic <see cref="Emit(in Instruction, ReadOnlySpan{uint}, ReadOnlySpan{ValType})"/> writes an
/// <see cref="Instruction"/> by its opcode's <see cref="ImmediateKind"/>, so a decoded instruction
/// stream re-encodes byte for byte (given canonical LEB128 input).
/// </summary>
public sealed class CodeWriter(WasmWriter writer)
{
    public WasmWriter Writer { get; } = writer;

    /// <summary>Writes just the opcode: a byte, or a prefix byte and LEB128 sub-opcode.</summary>
    public void Opcode(Opcode op)
    {
        var info = OpcodeTable.Get(op);
        if (info.Prefix == 0)
        {
            Writer.WriteByte((byte)info.Code);
        }
        else
        {
            Writer.WriteByte(info.Prefix);
            Writer.WriteU32(info.Code);
        }
    }

    /// <summary>An instruction without immediates.</summary>
    public void Emit(Opcode op)
    {
        Check(op, ImmediateKind.None);
        Opcode(op);
    }

    public void End() => Writer.WriteByte(0x0B);

    /// <summary>Instructions with one index immediate: labels, functions, locals, globals, tables,
    /// memories (memory.size/grow/fill), data and element segments.</summary>
    public void Emit(Opcode op, uint index)
    {
        var k = OpcodeTable.Get(op).Immediate;
        if (k is not (ImmediateKind.Label or ImmediateKind.Tag or ImmediateKind.Func or ImmediateKind.Local or ImmediateKind.Global
            or ImmediateKind.Table or ImmediateKind.Memory or ImmediateKind.Data or ImmediateKind.Elem))
        {
            throw new ArgumentException($"{op} does not take one index");
        }
        Opcode(op);
        Writer.WriteU32(index);
    }

    /// <summary>Instructions with two indices: call_indirect (type, table), table.init (elem, table),
    /// table.copy (dst, src), memory.init (data, memory), memory.copy (dst, src).</summary>
    public void Emit(Opcode op, uint first, uint second)
    {
        var k = OpcodeTable.Get(op).Immediate;
        if (k is not (ImmediateKind.CallIndirect or ImmediateKind.TableInit or ImmediateKind.TableCopy
            or ImmediateKind.MemoryInit or ImmediateKind.MemoryCopy))
        {
            throw new ArgumentException($"{op} does not take two indices");
        }
        Opcode(op);
        Writer.WriteU32(first);
        Writer.WriteU32(second);
    }

    public void Block(Opcode op, BlockType type)
    {
        Check(op, ImmediateKind.BlockType);
        Opcode(op);
        Writer.WriteS64(type.Raw);
    }

    /// <summary>try_table with its block type and catch clauses (the body follows, closed by end).</summary>
    public void TryTable(BlockType type, ReadOnlySpan<CatchClause> catches)
    {
        Opcode(Instructions.Opcode.TryTable);
        Writer.WriteS64(type.Raw);
        Writer.WriteU32((uint)catches.Length);
        foreach (var c in catches)
        {
            Writer.WriteByte((byte)c.Kind);
            if (c.HasTag) Writer.WriteU32(c.Tag);
            Writer.WriteU32(c.Label);
        }
    }

    public void BrTable(ReadOnlySpan<uint> targets, uint defaultTarget)
    {
        Opcode(Instructions.Opcode.BrTable);
        Writer.WriteU32((uint)targets.Length);
        foreach (var t in targets) Writer.WriteU32(t);
        Writer.WriteU32(defaultTarget);
    }

    public void I32Const(int value)
    {
        Writer.WriteByte(0x41);
        Writer.WriteS32(value);
    }

    public void I64Const(long value)
    {
        Writer.WriteByte(0x42);
        Writer.WriteS64(value);
    }

    public void F32Const(uint bits)
    {
        Writer.WriteByte(0x43);
        Writer.WriteF32Bits(bits);
    }

    public void F64Const(ulong bits)
    {
        Writer.WriteByte(0x44);
        Writer.WriteF64Bits(bits);
    }

    /// <summary>A load or store. A non-zero memory index uses the multi-memory encoding (flag bit 6).</summary>
    public void MemArg(Opcode op, uint alignLog2, ulong offset, uint memory = 0)
    {
        Check(op, ImmediateKind.MemArg);
        Opcode(op);
        WriteMemArg(alignLog2, offset, memory);
    }

    public void MemArgLane(Opcode op, uint alignLog2, ulong offset, byte lane, uint memory = 0)
    {
        Check(op, ImmediateKind.MemArgLane);
        Opcode(op);
        WriteMemArg(alignLog2, offset, memory);
        Writer.WriteByte(lane);
    }

    public void Lane(Opcode op, byte lane)
    {
        Check(op, ImmediateKind.Lane);
        Opcode(op);
        Writer.WriteByte(lane);
    }

    /// <summary>v128.const (16 value bytes) or i8x16.shuffle (16 lane indices), little-endian halves.</summary>
    public void V128(Opcode op, ulong low, ulong high)
    {
        var k = OpcodeTable.Get(op).Immediate;
        if (k is not (ImmediateKind.V128 or ImmediateKind.Shuffle)) throw new ArgumentException($"{op} takes no 16-byte immediate");
        Opcode(op);
        Writer.WriteF64Bits(low); // raw little-endian bytes
        Writer.WriteF64Bits(high);
    }

    /// <summary>Typed select (0x1C) with its result types.</summary>
    public void SelectTyped(ReadOnlySpan<ValType> types)
    {
        Opcode(Instructions.Opcode.SelectTyped);
        Writer.WriteU32((uint)types.Length);
        foreach (var t in types) Writer.WriteByte((byte)t);
    }

    /// <summary>ref.null with its heap type given as the matching reference type.</summary>
    public void RefNull(ValType type)
    {
        Opcode(Instructions.Opcode.RefNull);
        Writer.WriteByte((byte)type);
    }

    /// <summary>
    /// Writes any instruction from its decoded form. <paramref name="brTableTargets"/> supplies br_table's
    /// targets (the instruction keeps only their count) and <paramref name="selectTypes"/> a typed select's
    /// types when there is more than the one the instruction holds.
    /// </summary>
    public void Emit(in Instruction ins, ReadOnlySpan<uint> brTableTargets = default, ReadOnlySpan<ValType> selectTypes = default,
        ReadOnlySpan<CatchClause> catches = default)
    {
        var info = ins.Info;
        var op = ins.Opcode;
        switch (info.Immediate)
        {
            case ImmediateKind.None: Opcode(op); break;
            case ImmediateKind.BlockType: Block(op, ins.BlockType); break;
            case ImmediateKind.Label:
            case ImmediateKind.Tag:
            case ImmediateKind.Func:
            case ImmediateKind.Local:
            case ImmediateKind.Global:
            case ImmediateKind.Table:
            case ImmediateKind.Memory:
            case ImmediateKind.Data:
            case ImmediateKind.Elem:
                Emit(op, ins.Index);
                break;
            case ImmediateKind.CallIndirect:
            case ImmediateKind.TableInit:
            case ImmediateKind.TableCopy:
            case ImmediateKind.MemoryInit:
            case ImmediateKind.MemoryCopy:
                Emit(op, ins.Index, ins.Index2);
                break;
            case ImmediateKind.BrTable:
                if (brTableTargets.Length != ins.BrTableCount) throw new ArgumentException("br_table targets do not match the count");
                BrTable(brTableTargets, ins.BrTableDefault);
                break;
            case ImmediateKind.MemArg: MemArg(op, ins.AlignLog2, ins.MemOffset, ins.MemoryIndex); break;
            case ImmediateKind.MemArgLane: MemArgLane(op, ins.AlignLog2, ins.MemOffset, ins.Lane, ins.MemoryIndex); break;
            case ImmediateKind.I32: I32Const(ins.I32); break;
            case ImmediateKind.I64: I64Const(ins.I64); break;
            case ImmediateKind.F32: F32Const(ins.F32Bits); break;
            case ImmediateKind.F64: F64Const(ins.F64Bits); break;
            case ImmediateKind.SelectTypes:
                if (selectTypes.IsEmpty && ins.SelectTypeCount == 1) SelectTyped([ins.SelectType]);
                else SelectTyped(selectTypes);
                break;
            case ImmediateKind.RefNull: RefNull((ValType)(byte)ins.Index); break;
            case ImmediateKind.V128:
            case ImmediateKind.Shuffle:
                V128(op, ins.V128Low, ins.V128High);
                break;
            case ImmediateKind.Lane: Lane(op, ins.Lane); break;
            case ImmediateKind.TryTable:
                if (catches.Length != ins.CatchCount) throw new ArgumentException("try_table catch clauses do not match the count");
                TryTable(ins.BlockType, catches);
                break;
            default: throw new InvalidOperationException($"unhandled immediate kind {info.Immediate}");
        }
    }

    private void WriteMemArg(uint alignLog2, ulong offset, uint memory)
    {
        if (memory == 0)
        {
            Writer.WriteU32(alignLog2);
        }
        else
        {
            Writer.WriteU32(alignLog2 | 0x40);
            Writer.WriteU32(memory);
        }
        Writer.WriteU64(offset);
    }

    private static void Check(Opcode op, ImmediateKind expected)
    {
        if (OpcodeTable.Get(op).Immediate != expected) throw new ArgumentException($"{op} does not take {expected} immediates");
    }
}
