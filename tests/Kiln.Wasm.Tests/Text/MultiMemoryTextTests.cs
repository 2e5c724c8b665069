using Kiln.Wasm.Binary;
using Kiln.Wasm.Instructions;
using Kiln.Wasm.Model;
using Kiln.Wasm.Text;
using Kiln.Wasm.Text.Printing;
using Kiln.Wasm.Validation;

namespace Kiln.Wasm.Tests.Text;

/// <summary>Multi-memory and shared memories in the text format: parsing, and printing that parses back to the same binary.</summary>
public sealed class MultiMemoryTextTests
{
    private const string Sample = """
        (module
          (import "m" "x" (memory $x 1))
          (memory $a (export "a") (export "a2") 1)
          (memory $b 2 3 shared)
          (data (memory $b) (i32.const 4) "hi")
          (data $p "passive")
          (func (param i32) (result i32)
            (i32.store16 $b offset=2 align=1 (local.get 0) (i32.const 7))
            (drop (i32.load 2 (local.get 0)))
            (drop (i64.load8_s $x offset=1 (local.get 0)))
            (memory.fill $a (local.get 0) (i32.const 0) (i32.const 1))
            (memory.copy $b $x (local.get 0) (local.get 0) (i32.const 1))
            (memory.init $b $p (local.get 0) (i32.const 0) (i32.const 1))
            (drop (memory.grow $a (i32.const 1)))
            (memory.size $b)))
        """;

    [Fact]
    public void MemoryIndicesAreParsedBeforeTheMemarg()
    {
        var m = Wat.Parse(Sample);
        Assert.Equal(3, m.TotalMemoryCount);
        Assert.Equal(new MemoryType(new Limits(2, 3), Shared: true), m.Memories[1]);
        Assert.Equal(2u, m.Data[0].MemoryIndex);
        var body = m.Codes[0];
        var reader = new InstructionReader(body.Code.Span, body.CodeOffset);
        var memories = new List<(Opcode, uint, uint)>();
        while (!reader.AtEnd)
        {
            var ins = reader.Read();
            switch (ins.Info.Immediate)
            {
                case ImmediateKind.MemArg: memories.Add((ins.Opcode, ins.MemoryIndex, 0)); break;
                case ImmediateKind.Memory or ImmediateKind.MemoryCopy or ImmediateKind.MemoryInit: memories.Add((ins.Opcode, ins.Index, ins.Index2)); break;
            }
        }
        Assert.Equal(
        [
            (Opcode.I32Store16, 2u, 0u), (Opcode.I32Load, 2u, 0u), (Opcode.I64Load8S, 0u, 0u),
            (Opcode.MemoryFill, 1u, 0u), (Opcode.MemoryCopy, 2u, 0u), (Opcode.MemoryInit, 1u, 2u), // memory.init: data 1, memory 2
            (Opcode.MemoryGrow, 1u, 0u), (Opcode.MemorySize, 2u, 0u),
        ], memories);
        ModuleValidator.Validate(m);
    }

    [Fact]
    public void PrintedModulesParseBackToTheSameBinary()
    {
        var m = Wat.Parse(Sample);
        m.Names = null;
        string printed = WatPrinter.Print(m);
        Assert.Contains("i32.store16 2 offset=2 align=1", printed);
        Assert.Contains("memory.copy 2 0", printed);
        Assert.Contains("memory.init 2 1", printed);
        Assert.Contains("(memory (;2;) 2 3 shared)", printed);
        Assert.Contains("(data (;0;) (memory 2)", printed);
        Assert.Equal(Convert.ToHexString(ModuleEncoder.Encode(m)), Convert.ToHexString(Wat.Encode(printed)));
    }

    [Fact]
    public void ImportedSharedMemoriesKeepTheFlag()
    {
        var m = Wat.Parse("""(module (import "m" "s" (memory 1 2 shared)) (memory (import "m" "t") 0 1 shared))""");
        Assert.True(m.Imports[0].Memory.Shared);
        Assert.True(m.Imports[1].Memory.Shared);
        Assert.Contains("(memory (;0;) 1 2 shared)", WatPrinter.Print(m));
        Assert.Equal(m.Imports[0].Memory, ModuleDecoder.Decode(ModuleEncoder.Encode(m)).Imports[0].Memory);
    }

    [Fact]
    public void LaneAccessesTakeAMemoryOnlyBeforeAMemargOrLane()
    {
        // v128.load8_lane 1 0: memory 1, lane 0; v128.load8_lane 0: lane 0 of memory 0.
        var m = Wat.Parse("""
            (module (memory 1) (memory 1)
              (func (param i32 v128) (result v128) (v128.load8_lane 1 0 (local.get 0) (local.get 1)))
              (func (param i32 v128) (result v128) (v128.load8_lane 3 (local.get 0) (local.get 1))))
            """);
        Assert.Equal((1u, (byte)0), LaneAccess(m, 0));
        Assert.Equal((0u, (byte)3), LaneAccess(m, 1));
    }

    private static (uint Memory, byte Lane) LaneAccess(WasmModule m, int func)
    {
        var body = m.Codes[func];
        var reader = new InstructionReader(body.Code.Span, body.CodeOffset);
        while (!reader.AtEnd)
        {
            var ins = reader.Read();
            if (ins.Info.Immediate == ImmediateKind.MemArgLane) return (ins.MemoryIndex, ins.Lane);
        }
        throw new InvalidOperationException("no lane access");
    }

    [Fact]
    public void UnknownMemoryNamesAreParseErrors() => Wat.Fails("(module (memory $a 1) (func (drop (i32.load $b (i32.const 0)))))");
}
