using Kiln.Wasm.Binary;
using Kiln.Wasm.Instructions;
using Kiln.Wasm.Model;

namespace Kiln.Wasm.Tests.Validation;

/// <summary>Assembles instruction bytes for test bodies and constant expressions.</summary>
internal sealed class CodeBuilder
{
    private readonly WasmWriter _w = new();

    public int Length => _w.Length;

    public byte[] ToArray() => _w.ToArray();

    public CodeBuilder Op(Opcode op)
    {
        var info = OpcodeTable.Get(op);
        if (info.Prefix != 0)
        {
            _w.WriteByte(info.Prefix);
            _w.WriteU32(info.Code);
        }
        else
        {
            _w.WriteByte((byte)info.Code);
        }
        return this;
    }

    public CodeBuilder Byte(byte b) { _w.WriteByte(b); return this; }
    public CodeBuilder U32(uint v) { _w.WriteU32(v); return this; }
    public CodeBuilder S32(int v) { _w.WriteS32(v); return this; }
    public CodeBuilder S64(long v) { _w.WriteS64(v); return this; }

    public CodeBuilder Ops(params Opcode[] ops)
    {
        foreach (var op in ops) Op(op);
        return this;
    }

    public CodeBuilder I32Const(int v) => Op(Opcode.I32Const).S32(v);
    public CodeBuilder I64Const(long v) => Op(Opcode.I64Const).S64(v);
    public CodeBuilder F32Const(float v) { Op(Opcode.F32Const); _w.WriteF32Bits(BitConverter.SingleToUInt32Bits(v)); return this; }
    public CodeBuilder F64Const(double v) { Op(Opcode.F64Const); _w.WriteF64Bits(BitConverter.DoubleToUInt64Bits(v)); return this; }

    public CodeBuilder V128Const(byte fill = 0)
    {
        Op(Opcode.V128Const);
        for (int i = 0; i < 16; i++) _w.WriteByte(fill);
        return this;
    }

    /// <summary>Pushes a value of type <paramref name="t"/> by the simplest constant instruction.</summary>
    public CodeBuilder Const(ValType t) => t switch
    {
        ValType.I32 => I32Const(0),
        ValType.I64 => I64Const(0),
        ValType.F32 => F32Const(0),
        ValType.F64 => F64Const(0),
        ValType.V128 => V128Const(),
        _ => RefNull(t),
    };

    public CodeBuilder LocalGet(uint i) => Op(Opcode.LocalGet).U32(i);
    public CodeBuilder LocalSet(uint i) => Op(Opcode.LocalSet).U32(i);
    public CodeBuilder LocalTee(uint i) => Op(Opcode.LocalTee).U32(i);
    public CodeBuilder GlobalGet(uint i) => Op(Opcode.GlobalGet).U32(i);
    public CodeBuilder GlobalSet(uint i) => Op(Opcode.GlobalSet).U32(i);
    public CodeBuilder Call(uint f) => Op(Opcode.Call).U32(f);
    public CodeBuilder CallIndirect(uint type, uint table = 0) => Op(Opcode.CallIndirect).U32(type).U32(table);
    public CodeBuilder RefNull(ValType t) => Op(Opcode.RefNull).Byte((byte)t);
    public CodeBuilder RefFunc(uint f) => Op(Opcode.RefFunc).U32(f);
    public CodeBuilder Br(uint depth) => Op(Opcode.Br).U32(depth);
    public CodeBuilder BrIf(uint depth) => Op(Opcode.BrIf).U32(depth);

    public CodeBuilder BrTable(uint defaultDepth, params uint[] targets)
    {
        Op(Opcode.BrTable).U32((uint)targets.Length);
        foreach (var t in targets) U32(t);
        return U32(defaultDepth);
    }

    public CodeBuilder Block() => Op(Opcode.Block).Byte(0x40);
    public CodeBuilder Block(ValType result) => Op(Opcode.Block).Byte((byte)result);
    public CodeBuilder BlockT(uint typeIndex) => Op(Opcode.Block).S64(typeIndex);
    public CodeBuilder Loop() => Op(Opcode.Loop).Byte(0x40);
    public CodeBuilder Loop(ValType result) => Op(Opcode.Loop).Byte((byte)result);
    public CodeBuilder LoopT(uint typeIndex) => Op(Opcode.Loop).S64(typeIndex);
    public CodeBuilder If() => Op(Opcode.If).Byte(0x40);
    public CodeBuilder If(ValType result) => Op(Opcode.If).Byte((byte)result);
    public CodeBuilder IfT(uint typeIndex) => Op(Opcode.If).S64(typeIndex);
    public CodeBuilder Else() => Op(Opcode.Else);
    public CodeBuilder End() => Op(Opcode.End);

    /// <summary>A load or store with its memarg (alignment exponent, offset).</summary>
    public CodeBuilder Mem(Opcode op, uint alignLog2, uint offset = 0) => Op(op).U32(alignLog2).U32(offset);

    public CodeBuilder MemLane(Opcode op, uint alignLog2, byte lane) => Op(op).U32(alignLog2).U32(0).Byte(lane);

    public CodeBuilder Lane(Opcode op, byte lane) => Op(op).Byte(lane);

    public CodeBuilder Shuffle(params byte[] lanes)
    {
        Op(Opcode.I8x16Shuffle);
        for (int i = 0; i < 16; i++) Byte(i < lanes.Length ? lanes[i] : (byte)0);
        return this;
    }

    public CodeBuilder SelectTyped(params ValType[] types)
    {
        Op(Opcode.SelectTyped).U32((uint)types.Length);
        foreach (var t in types) Byte((byte)t);
        return this;
    }
}
