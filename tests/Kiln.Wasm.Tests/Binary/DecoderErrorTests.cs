using Kiln.Wasm.Binary;
using static Kiln.Wasm.Tests.Binary.Bin;

namespace Kiln.Wasm.Tests.Binary;

public sealed class DecoderErrorTests
{
    private const string EndOfSection = "unexpected end of section or function";

    private static byte[] WithBody(params byte[] code) =>
        Module(Funcs(1)[0], Funcs(1)[1], Section(Kiln.Wasm.Binary.SectionId.Memory, 0x01, 0x00, 0x01), Code(Body(NoLocals, code)));

    [Theory]
    [InlineData(new byte[0])]
    [InlineData(new byte[] { 0x00, 0x61, 0x73 })]
    [InlineData(new byte[] { 0x00, 0x61, 0x73, 0x6D, 0x01, 0x00 })]
    public void Truncated(byte[] bytes) => Fails(bytes, "unexpected end");

    [Fact]
    public void Header()
    {
        Assert.Equal(0, Fails([0x00, 0x61, 0x73, 0x6E, 0x01, 0x00, 0x00, 0x00], "magic header not detected").Offset);
        Assert.Equal(4, Fails([0x00, 0x61, 0x73, 0x6D, 0x02, 0x00, 0x00, 0x00], "unknown binary version").Offset);
    }

    [Fact]
    public void SectionFraming()
    {
        Assert.Equal(8, Fails(Module([0x0E, 0x00]), "malformed section id").Offset); // 13 is the tag section
        Fails(Module([0x80, 0x00]), "malformed section id");
        Assert.Equal(9, Fails(Module([0x01, 0x05, 0x00]), "length out of bounds").Offset);
        Fails(Module(Section(SectionId.Type, 0x00, 0x00)), "section size mismatch");
        Fails(Module(Section(SectionId.Type, 0x01, 0x60, 0x01)), EndOfSection);
        // A custom section needs at least its name.
        Fails(Module([0x00, 0x00]), "unexpected end");
    }

    [Theory]
    [InlineData(1, 1)]
    [InlineData(3, 3)]
    [InlineData(2, 1)] // import after type is fine, type after import is not: see below
    [InlineData(12, 9)] // data count before element
    [InlineData(11, 10)] // data before code
    [InlineData(10, 12)] // code before data count
    public void OrderAndDuplicates(int first, int second)
    {
        if (first == 2 && second == 1)
        {
            Fails(Module(Section(SectionId.Import, 0x00), Section(SectionId.Type, 0x00)), "unexpected content after last section");
            return;
        }
        var e = Fails(Module(EmptySection(first), EmptySection(second)), "unexpected content after last section");
        Assert.Equal(8 + EmptySection(first).Length, e.Offset);
    }

    private static byte[] EmptySection(int id) => id switch
    {
        8 => Section(SectionId.Start, 0x00),
        12 => Section(SectionId.DataCount, 0x00),
        _ => Section((SectionId)id, 0x00),
    };

    [Fact]
    public void FunctionAndCodeCounts()
    {
        const string msg = "function and code section have inconsistent lengths";
        Fails(Module(Funcs(2)[0], Funcs(2)[1]), msg);
        Fails(Module(Code(Body(NoLocals, 0x0B))), msg);
        Fails(Module(Funcs(2)[0], Funcs(2)[1], Code(Body(NoLocals, 0x0B))), msg);
        Fails(Module(Funcs(1)[0], Funcs(1)[1], Code(Body(NoLocals, 0x0B), Body(NoLocals, 0x0B))), msg);
    }

    [Fact]
    public void DataCountConsistency()
    {
        const string msg = "data count and data section have inconsistent lengths";
        Fails(Module(Section(SectionId.DataCount, 0x01)), msg);
        Fails(Module(Section(SectionId.DataCount, 0x02), Section(SectionId.Data, 0x01, 0x01, 0x00)), msg);
        Decode(Module(Section(SectionId.DataCount, 0x00)));
    }

    [Fact]
    public void DataCountRequired()
    {
        byte[] memoryInit = [0x41, 0x00, 0x41, 0x00, 0x41, 0x00, 0xFC, 0x08, 0x00, 0x00, 0x0B];
        var e = Fails(Module(Funcs(1)[0], Funcs(1)[1], Section(SectionId.Memory, 0x01, 0x00, 0x00),
            Code(Body(NoLocals, memoryInit)), Section(SectionId.Data, 0x01, 0x01, 0x00)), "data count section required");
        Assert.Equal(0xFC, Module(Funcs(1)[0], Funcs(1)[1], Section(SectionId.Memory, 0x01, 0x00, 0x00),
            Code(Body(NoLocals, memoryInit)))[e.Offset]);
        Fails(Module(Funcs(1)[0], Funcs(1)[1], Code(Body(NoLocals, 0xFC, 0x09, 0x00, 0x0B))), "data count section required");
        Decode(Module(Funcs(1)[0], Funcs(1)[1], Section(SectionId.DataCount, 0x01), Code(Body(NoLocals, 0xFC, 0x09, 0x00, 0x0B)),
            Section(SectionId.Data, 0x01, 0x01, 0x00)));
    }

    [Fact]
    public void TooManyLocals()
    {
        byte[] Locals(params byte[] groups) => Module(Funcs(1)[0], Funcs(1)[1], Code(Body(groups, 0x0B)));
        // 2^32-1 + 2 overflows the spec's bound; 2^30 * 4 reaches 2^32.
        Fails(Locals(0x02, 0xFF, 0xFF, 0xFF, 0xFF, 0x0F, 0x7F, 0x02, 0x7E), "too many locals");
        Fails(Locals(0x04, 0x80, 0x80, 0x80, 0x80, 0x04, 0x7F, 0x80, 0x80, 0x80, 0x80, 0x04, 0x7E,
            0x80, 0x80, 0x80, 0x80, 0x04, 0x7D, 0x80, 0x80, 0x80, 0x80, 0x04, 0x7C), "too many locals");
        // The implementation limit.
        Decode(Locals([0x01, .. U32(ModuleDecoder.MaxLocals), 0x7F]));
        Fails(Locals([0x02, .. U32(ModuleDecoder.MaxLocals), 0x7F, 0x01, 0x7F]), "too many locals");
        Fails(Locals(0x01, 0x80, 0x80, 0x80, 0x80, 0x10, 0x7F), "integer too large");
    }

    [Fact]
    public void Limits()
    {
        // Memory flag 0x02 is the threads proposal's shared bit (MultiMemoryDecodingTests); 0x04 (memory64) is not supported.
        Fails(Module(Section(SectionId.Memory, 0x01, 0x04, 0x00)), "malformed limits flags");
        Fails(Module(Section(SectionId.Memory, 0x01, 0x81, 0x00, 0x00)), "integer representation too long");
        Fails(Module(Section(SectionId.Table, 0x01, 0x70, 0x08, 0x00)), "integer too large");
        Fails(Module(Section(SectionId.Memory, 0x01, 0x00, 0x80, 0x80, 0x80, 0x80, 0x10)), "integer too large");
    }

    [Fact]
    public void Types()
    {
        Fails(Module(Section(SectionId.Type, 0x01, 0x60, 0x01, 0x40, 0x00)), "malformed value type");
        Fails(Module(Section(SectionId.Type, 0x01, 0x61, 0x00, 0x00)), "malformed function type");
        Fails(Module(Section(SectionId.Type, 0x01, 0xE0, 0x7F, 0x00, 0x00)), "integer representation too long");
        Fails(Module(Section(SectionId.Table, 0x01, 0x7F, 0x00, 0x00)), "malformed reference type");
        Fails(Module(Section(SectionId.Global, 0x01, 0x7F, 0x02, 0x41, 0x00, 0x0B)), "malformed mutability");
        Fails(Module(Section(SectionId.Global, 0x01, 0x7F, 0xFF, 0x41, 0x00, 0x0B)), "malformed mutability");
    }

    [Fact]
    public void ImportsAndExports()
    {
        Fails(Module(Section(SectionId.Import, 0x01, 0x00, 0x00, 0x05, 0x00)), "malformed import kind"); // 4 is a tag
        Fails(Module(Section(SectionId.Import, 0x01, 0x00, 0x00, 0x80, 0x00)), "malformed import kind");
        Fails(Module(Section(SectionId.Export, 0x01, 0x00, 0x05, 0x00)), "malformed export kind");
        var e = Fails(Module(Section(SectionId.Export, 0x01, 0x02, 0xC0, 0x80, 0x00, 0x00)), "malformed UTF-8 encoding");
        Assert.Equal(12, e.Offset);
        Fails(Module(Section(SectionId.Import, 0x01, 0x03, 0xED, 0xA0, 0x80, 0x00, 0x00, 0x00)), "malformed UTF-8 encoding");
    }

    [Fact]
    public void Segments()
    {
        byte[] table = Section(SectionId.Table, 0x01, 0x70, 0x00, 0x00);
        Fails(Module(table, Section(SectionId.Element, 0x01, 0x08, 0x00)), "malformed elements segment kind");
        Fails(Module(table, Section(SectionId.Element, 0x01, 0x01, 0x01, 0x00)), "malformed element kind");
        Fails(Module(table, Section(SectionId.Element, 0x01, 0x05, 0x7F, 0x00)), "malformed reference type");
        Fails(Module(table, Section(SectionId.Element, 0x01, 0x05, 0x70, 0x01, 0xF3, 0x00, 0x0B)), "illegal opcode");
        Fails(Module(Section(SectionId.Data, 0x01, 0x03, 0x00)), "malformed data segment kind");
        Fails(Module(Section(SectionId.Data, 0x01, 0x01, 0x05, 0x00)), EndOfSection);
        // A constant expression missing its end runs into the end of the section.
        Fails(Module(Section(SectionId.Global, 0x01, 0x7F, 0x00, 0x41, 0x00)), EndOfSection);
    }

    [Fact]
    public void BodyStructure()
    {
        // No final end, another body follows / the section ends.
        Fails(Module(Funcs(2)[0], Funcs(2)[1], Code(Body(NoLocals, 0x01), Body(NoLocals, 0x0B))), "END opcode expected");
        Fails(Module(Funcs(1)[0], Funcs(1)[1], Code(Body(NoLocals, 0x02, 0x40, 0x0B))), EndOfSection);
        // Bytes after the final end.
        var e = Fails(WithBody(0x0B, 0x01), "section size mismatch");
        Assert.Equal(0x01, WithBody(0x0B, 0x01)[e.Offset]);
        // else outside an if, and a second else.
        Fails(WithBody(0x05, 0x0B), "END opcode expected");
        Fails(WithBody(0x02, 0x40, 0x05, 0x0B, 0x0B), "END opcode expected");
        Fails(WithBody(0x41, 0x00, 0x04, 0x40, 0x05, 0x05, 0x0B, 0x0B), "END opcode expected");
        Fails(WithBody(0xFF, 0x0B), "illegal opcode");
        // Memory immediates and memarg flags: MultiMemoryDecodingTests (their grammar depends on the features).
        Fails(WithBody(0x41, 0x80, 0x80, 0x80, 0x80, 0x80, 0x00, 0x1A, 0x0B), "integer representation too long");
        // An instruction cut by the end of the body.
        Fails(Module(Funcs(1)[0], Funcs(1)[1], Code(Body(NoLocals, 0x41, 0x80))), EndOfSection);
        Fails(Module(Funcs(1)[0], Funcs(1)[1], Code([0x05, 0x00, 0x0B])), EndOfSection);
    }

    [Fact]
    public void HostileCountsAllocateNothingBig()
    {
        byte[] huge = [0xFF, 0xFF, 0xFF, 0xFF, 0x0F];
        foreach (var id in new[] { SectionId.Type, SectionId.Import, SectionId.Function, SectionId.Table, SectionId.Memory,
                     SectionId.Global, SectionId.Export, SectionId.Element, SectionId.Code, SectionId.Data })
        {
            long before = GC.GetAllocatedBytesForCurrentThread();
            Assert.Throws<WasmDecodeException>(() => Decode(Module(Section(id, huge))));
            Assert.True(GC.GetAllocatedBytesForCurrentThread() - before < 1 << 20, id.ToString());
        }
    }
}
