using Kiln.Wasm.Binary;
using Kiln.Wasm.Instructions;
using Kiln.Wasm.Model;
using static Kiln.Wasm.Tests.Binary.Bin;

namespace Kiln.Wasm.Tests.Binary;

/// <summary>The multi-memory and shared-memory binary grammar, and Wasm 2.0's where the features are off.</summary>
public sealed class MultiMemoryDecodingTests
{
    // Two memories of one page each.
    private static byte[] WithBody(params byte[] code) =>
        Module(Funcs(1)[0], Funcs(1)[1], Section(SectionId.Memory, 0x02, 0x00, 0x01, 0x00, 0x01), Code(Body(NoLocals, code)));

    private static Instruction[] Instructions(WasmModule m)
    {
        var body = m.Codes[0];
        var reader = new InstructionReader(body.Code.Span, body.CodeOffset);
        var list = new List<Instruction>();
        while (!reader.AtEnd) list.Add(reader.Read());
        return list.ToArray();
    }

    private static WasmDecodeException FailsIn2(byte[] bytes, string reason)
    {
        var e = Assert.Throws<WasmDecodeException>(() => ModuleDecoder.Decode(bytes, WasmFeatures.Wasm2));
        Assert.Equal(reason, e.Reason);
        return e;
    }

    [Fact]
    public void MemargFlagBit6IntroducesAMemoryIndex()
    {
        // i32.const 0; i32.load align=4 (flags 0x42) memory 1 offset 8; drop
        var m = Decode(WithBody(0x41, 0x00, 0x28, 0x42, 0x01, 0x08, 0x1A, 0x0B));
        var load = Instructions(m)[1];
        Assert.Equal(Opcode.I32Load, load.Opcode);
        Assert.Equal(1u, load.MemoryIndex);
        Assert.Equal(2u, load.AlignLog2);
        Assert.Equal(8ul, load.MemOffset);
        // Without bit 6 the memory is 0, whatever the exponent below 64.
        var plain = Instructions(Decode(WithBody(0x41, 0x00, 0x28, 0x02, 0x08, 0x1A, 0x0B)))[1];
        Assert.Equal(0u, plain.MemoryIndex);
    }

    [Fact]
    public void MemargFlagsOf128AndAboveAreMalformed()
    {
        Fails(WithBody(0x41, 0x00, 0x28, 0x80, 0x01, 0x00, 0x1A, 0x0B), "malformed memop flags");
        // Exponents 32..63 decode (the validator rejects them as larger than natural); Wasm 2.0 calls them malformed.
        Assert.Equal(32u, Instructions(Decode(WithBody(0x41, 0x00, 0x28, 0x20, 0x00, 0x1A, 0x0B)))[1].AlignLog2);
        FailsIn2(WithBody(0x41, 0x00, 0x28, 0x20, 0x00, 0x1A, 0x0B), "malformed memop flags");
        FailsIn2(WithBody(0x41, 0x00, 0x28, 0x42, 0x01, 0x00, 0x1A, 0x0B), "malformed memop flags");
    }

    [Fact]
    public void MemoryInstructionsCarryMemoryIndices()
    {
        // memory.size 1; memory.grow 1; memory.fill 1; memory.copy 0 1; (the fill/copy operands come from i32.const 0)
        var m = Decode(WithBody(
            0x3F, 0x01, 0x40, 0x01, 0x1A,
            0x41, 0x00, 0x41, 0x00, 0x41, 0x00, 0xFC, 0x0B, 0x01,
            0x41, 0x00, 0x41, 0x00, 0x41, 0x00, 0xFC, 0x0A, 0x00, 0x01,
            0x0B));
        var ins = Instructions(m);
        Assert.Equal((Opcode.MemorySize, 1u), (ins[0].Opcode, ins[0].Index));
        Assert.Equal((Opcode.MemoryGrow, 1u), (ins[1].Opcode, ins[1].Index));
        Assert.Equal((Opcode.MemoryFill, 1u), (ins[6].Opcode, ins[6].Index));
        Assert.Equal((Opcode.MemoryCopy, 0u, 1u), (ins[10].Opcode, ins[10].Index, ins[10].Index2));
        // A memory index is a LEB128 u32 now; Wasm 2.0 wanted a single zero byte.
        Assert.Equal(0u, Instructions(Decode(WithBody(0x3F, 0x80, 0x00, 0x1A, 0x0B)))[0].Index);
        FailsIn2(WithBody(0x3F, 0x80, 0x00, 0x1A, 0x0B), "zero byte expected");
        FailsIn2(WithBody(0x3F, 0x01, 0x1A, 0x0B), "zero byte expected");
    }

    [Fact]
    public void ActiveDataSegmentsNameTheirMemory()
    {
        var m = Decode(Module(
            Section(SectionId.Memory, 0x02, 0x00, 0x01, 0x00, 0x01),
            Section(SectionId.Data, 0x01, 0x02, 0x01, 0x41, 0x00, 0x0B, 0x01, 0x07)));
        Assert.Equal(1u, m.Data[0].MemoryIndex);
        Assert.Equal(2, m.TotalMemoryCount);
    }

    [Fact]
    public void EncodingRoundTripsEveryMemoryIndex()
    {
        byte[] bytes = WithBody(
            0x41, 0x00, 0x28, 0x42, 0x01, 0x08, 0x1A,
            0x3F, 0x01, 0x40, 0x01, 0x1A,
            0x41, 0x00, 0x41, 0x00, 0x41, 0x00, 0xFC, 0x0A, 0x01, 0x00,
            0x0B);
        var m = Decode(bytes);
        Assert.Equal(bytes, ModuleEncoder.Encode(m));
    }

    [Theory]
    [InlineData(0x02, false, true)]
    [InlineData(0x03, true, true)]
    [InlineData(0x01, true, false)]
    public void SharedLimitsFlag(byte flag, bool hasMax, bool shared)
    {
        byte[] limits = hasMax ? [flag, 0x01, 0x02] : [flag, 0x01];
        var m = Decode(Module(Section(SectionId.Memory, [0x01, .. limits])));
        Assert.Equal(new MemoryType(new Limits(1, hasMax ? 2 : null), shared), m.Memories[0]);
        Assert.Equal(Module(Section(SectionId.Memory, [0x01, .. limits])), ModuleEncoder.Encode(m));
    }

    [Fact]
    public void LimitsFlagsBeyondSharedAreMalformed()
    {
        Fails(Module(Section(SectionId.Memory, 0x01, 0x04, 0x01)), "malformed limits flags");
        FailsIn2(Module(Section(SectionId.Memory, 0x01, 0x03, 0x01, 0x02)), "integer too large");
        // Tables have no shared flag.
        Fails(Module(Section(SectionId.Table, 0x01, 0x70, 0x02, 0x01)), "integer too large");
    }
}
