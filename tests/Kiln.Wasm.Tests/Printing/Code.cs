using Kiln.Wasm.Binary;
using Kiln.Wasm.Instructions;
using Kiln.Wasm.Model;

namespace Kiln.Wasm.Tests.Printing;

/// <summary>Writes instruction bytes for tests that build modules through the model API.</summary>
internal sealed class Code
{
    private readonly WasmWriter _w = new();

    public Code Op(Opcode op)
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

    public Code Op(Opcode op, uint index) => Op(op).U32(index);
    public Code U32(uint v) { _w.WriteU32(v); return this; }
    public Code S32(int v) { _w.WriteS32(v); return this; }
    public Code S64(long v) { _w.WriteS64(v); return this; }
    public Code Byte(byte b) { _w.WriteByte(b); return this; }
    public Code Bytes(params byte[] b) { _w.WriteBytes(b); return this; }
    public Code F32(uint bits) { _w.WriteF32Bits(bits); return this; }
    public Code F64(ulong bits) { _w.WriteF64Bits(bits); return this; }
    public Code I32Const(int v) => Op(Opcode.I32Const).S32(v);

    /// <summary>Memory access with alignment exponent and offset.</summary>
    public Code Mem(Opcode op, uint alignLog2, uint offset) => Op(op).U32(alignLog2).U32(offset);

    /// <summary>The bytes written so far followed by the closing <c>end</c>.</summary>
    public byte[] End()
    {
        Op(Opcode.End);
        var bytes = _w.ToArray();
        _w.Dispose();
        return bytes;
    }

    public ConstExpr Expr() => new(End(), 0);

    public static ConstExpr I32Expr(int v) => new Code().I32Const(v).Expr();

    public static FunctionBody Body(byte[] code, params LocalGroup[] locals) => new() { Locals = locals, Code = code };
}
