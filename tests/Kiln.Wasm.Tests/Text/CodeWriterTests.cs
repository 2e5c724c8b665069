using Kiln.Wasm.Binary;
using Kiln.Wasm.Instructions;
using Kiln.Wasm.Model;

namespace Kiln.Wasm.Tests.Text;

/// <summary>The instruction encoder writes what the instruction reader reads back.</summary>
public sealed class CodeWriterTests
{
    private static byte[] Write(Action<CodeWriter> emit)
    {
        using var w = new WasmWriter();
        emit(new CodeWriter(w));
        return w.ToArray();
    }

    [Fact]
    public void EncodesEachImmediateKind()
    {
        Assert.Equal("6A", Hex(c => c.Emit(Opcode.I32Add)));
        Assert.Equal("FC00", Hex(c => c.Emit(Opcode.I32TruncSatF32S)));
        Assert.Equal("FDE001", Hex(c => c.Emit(Opcode.F32x4Abs)));
        Assert.Equal("20E807", Hex(c => c.Emit(Opcode.LocalGet, 1000)));
        Assert.Equal("110102", Hex(c => c.Emit(Opcode.CallIndirect, 1, 2)));
        Assert.Equal("0E0301000005", Hex(c => c.BrTable([1, 0, 0], 5)));
        Assert.Equal("417F", Hex(c => c.I32Const(-1)));
        Assert.Equal("42808080808080808080" + "7F", Hex(c => c.I64Const(long.MinValue)));
        Assert.Equal("430000803F", Hex(c => c.F32Const(0x3F800000)));
        Assert.Equal("280210", Hex(c => c.MemArg(Opcode.I32Load, 2, 16)));
        Assert.Equal("2842010A", Hex(c => c.MemArg(Opcode.I32Load, 2, 10, memory: 1)));
        Assert.Equal("FD5400000F", Hex(c => c.MemArgLane(Opcode.V128Load8Lane, 0, 0, 15)));
        Assert.Equal("FD1503", Hex(c => c.Lane(Opcode.I8x16ExtractLaneS, 3)));
        Assert.Equal("1C027F7E", Hex(c => c.SelectTyped([ValType.I32, ValType.I64])));
        Assert.Equal("D06F", Hex(c => c.RefNull(ValType.ExternRef)));
        Assert.Equal("027F", Hex(c => c.Block(Opcode.Block, BlockType.FromValType(ValType.I32))));
        Assert.Equal("0405", Hex(c => c.Block(Opcode.If, BlockType.FromTypeIndex(5))));
        Assert.Equal("FD0C" + "0100000000000000" + "0200000000000000", Hex(c => c.V128(Opcode.V128Const, 1, 2)));
    }

    [Fact]
    public void RejectsMismatchedImmediates()
    {
        Assert.Throws<ArgumentException>(() => Write(c => c.Emit(Opcode.LocalGet)));
        Assert.Throws<ArgumentException>(() => Write(c => c.Emit(Opcode.I32Add, 1)));
        Assert.Throws<ArgumentException>(() => Write(c => c.MemArg(Opcode.I32Add, 0, 0)));
    }

    [Fact]
    public void GenericEmitRoundTripsEveryDecodedInstruction()
    {
        // One instruction of every immediate kind, written with the specific methods, read back and re-emitted generically.
        var code = Write(c =>
        {
            c.Block(Opcode.Block, BlockType.Empty);
            c.Emit(Opcode.Br, 0);
            c.BrTable([0, 0], 0);
            c.Emit(Opcode.Call, 3);
            c.Emit(Opcode.CallIndirect, 1, 0);
            c.Emit(Opcode.LocalTee, 2);
            c.Emit(Opcode.GlobalSet, 1);
            c.Emit(Opcode.TableGet, 0);
            c.MemArg(Opcode.I64Store32, 1, 300);
            c.Emit(Opcode.MemoryGrow, 0);
            c.I32Const(int.MinValue);
            c.I64Const(123456789012345);
            c.F32Const(0x7FC00001);
            c.F64Const(0xFFF0000000000000);
            c.SelectTyped([ValType.F64]);
            c.RefNull(ValType.FuncRef);
            c.Emit(Opcode.MemoryInit, 4, 0);
            c.Emit(Opcode.DataDrop, 4);
            c.Emit(Opcode.MemoryCopy, 0, 0);
            c.Emit(Opcode.TableInit, 2, 1);
            c.Emit(Opcode.ElemDrop, 2);
            c.Emit(Opcode.TableCopy, 1, 0);
            c.V128(Opcode.V128Const, 0x0123456789ABCDEF, 0xFEDCBA9876543210);
            c.V128(Opcode.I8x16Shuffle, 0x0706050403020100, 0x1F1E1D1C1B1A1918);
            c.Lane(Opcode.F64x2ReplaceLane, 1);
            c.MemArgLane(Opcode.V128Store64Lane, 3, 8, 1);
            c.End();
            c.End();
        });
        var again = Write(c =>
        {
            var r = new InstructionReader(code, 0);
            while (!r.AtEnd)
            {
                var ins = r.Read();
                uint[] targets = new uint[ins.Opcode == Opcode.BrTable ? ins.BrTableCount : 0];
                if (ins.Opcode == Opcode.BrTable) r.ReadBrTableTargets(ins, targets);
                c.Emit(ins, targets);
            }
        });
        Assert.Equal(Convert.ToHexString(code), Convert.ToHexString(again));
    }

    private static string Hex(Action<CodeWriter> emit) => Convert.ToHexString(Write(emit));
}
