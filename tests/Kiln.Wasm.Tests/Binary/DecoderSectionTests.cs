using Kiln.Wasm.Binary;
using Kiln.Wasm.Model;
using static Kiln.Wasm.Tests.Binary.Bin;

namespace Kiln.Wasm.Tests.Binary;

public sealed class DecoderSectionTests
{
    [Fact]
    public void EmptyModule()
    {
        var m = RoundTrip(Header);
        Assert.Empty(m.Types);
        Assert.Null(m.Start);
        Assert.Null(m.DataCount);
        Assert.Null(m.Names);
    }

    [Fact]
    public void TypeSection()
    {
        var m = RoundTrip(Module(Section(SectionId.Type, 0x02, 0x60, 0x02, 0x7F, 0x7E, 0x01, 0x7B, 0x60, 0x00, 0x02, 0x70, 0x6F)));
        Assert.Equal(new FuncType([ValType.I32, ValType.I64], [ValType.V128]), m.Types[0]);
        Assert.Equal(new FuncType([], [ValType.FuncRef, ValType.ExternRef]), m.Types[1]);
    }

    [Fact]
    public void ImportSectionAllKinds()
    {
        var m = RoundTrip(Module(
            Section(SectionId.Type, 0x01, 0x60, 0x00, 0x00),
            Section(SectionId.Import, 0x04,
                0x01, (byte)'m', 0x01, (byte)'f', 0x00, 0x00,
                0x01, (byte)'m', 0x01, (byte)'t', 0x01, 0x6F, 0x01, 0x01, 0x05,
                0x01, (byte)'m', 0x01, (byte)'m', 0x02, 0x00, 0x02,
                0x01, (byte)'m', 0x02, 0xC3, 0xA9, 0x03, 0x7C, 0x01)));
        Assert.Equal(4, m.Imports.Count);
        Assert.Equal(ExternalKind.Func, m.Imports[0].Kind);
        Assert.Equal(new TableType(ValType.ExternRef, new Limits(1, 5)), m.Imports[1].Table);
        Assert.Equal(new MemoryType(new Limits(2, null)), m.Imports[2].Memory);
        Assert.Equal("é", m.Imports[3].Name);
        Assert.Equal(new GlobalType(ValType.F64, true), m.Imports[3].Global);
        Assert.Equal(1, m.ImportedFunctionCount);
        Assert.Equal(1, m.ImportedTableCount);
        Assert.Equal(1, m.ImportedMemoryCount);
        Assert.Equal(1, m.ImportedGlobalCount);
    }

    [Fact]
    public void TablesMemoriesGlobalsExportsStart()
    {
        byte[] bytes = Module(
            [.. Funcs(1)[0]], Funcs(1)[1],
            Section(SectionId.Table, 0x01, 0x70, 0x00, 0x0A),
            Section(SectionId.Memory, 0x01, 0x01, 0x01, 0x80, 0x80, 0x04),
            Section(SectionId.Global, 0x01, 0x7F, 0x00, 0x41, 0x2A, 0x0B),
            Section(SectionId.Export, 0x02, 0x01, (byte)'f', 0x00, 0x00, 0x01, (byte)'g', 0x03, 0x00),
            Section(SectionId.Start, 0x00),
            Code(Body(NoLocals, 0x0B)));
        var m = RoundTrip(bytes);
        Assert.Equal(new TableType(ValType.FuncRef, new Limits(10, null)), m.Tables[0]);
        Assert.Equal(new Limits(1, 65536), m.Memories[0].Limits);
        Assert.Equal([0x41, 0x2A, 0x0B], m.Globals[0].Init.Code.ToArray());
        Assert.Equal(new Export("g", ExternalKind.Global, 0), m.Exports[1]);
        Assert.Equal(0u, m.Start);
    }

    [Fact]
    public void AllEightElementEncodings()
    {
        byte[] offset = [0x41, 0x00, 0x0B];
        byte[] refFunc = [0xD2, 0x00, 0x0B];
        byte[] bytes = Module(
            Funcs(1)[0], Funcs(1)[1],
            Section(SectionId.Table, 0x01, 0x70, 0x00, 0x0A),
            Section(SectionId.Element, [0x08,
                0x00, .. offset, 0x01, 0x00,
                0x01, 0x00, 0x01, 0x00,
                0x02, 0x00, .. offset, 0x00, 0x01, 0x00,
                0x03, 0x00, 0x01, 0x00,
                0x04, .. offset, 0x01, .. refFunc,
                0x05, 0x70, 0x02, .. refFunc, 0xD0, 0x70, 0x0B,
                0x06, 0x00, .. offset, 0x70, 0x01, .. refFunc,
                0x07, 0x70, 0x01, .. refFunc]),
            Code(Body(NoLocals, 0x0B)));
        var m = RoundTrip(bytes);
        Assert.Equal(8, m.Elements.Count);
        SegmentMode[] modes = [SegmentMode.Active, SegmentMode.Passive, SegmentMode.Active, SegmentMode.Declarative,
            SegmentMode.Active, SegmentMode.Passive, SegmentMode.Active, SegmentMode.Declarative];
        for (int i = 0; i < 8; i++)
        {
            var e = m.Elements[i];
            Assert.Equal(i, e.Encoding);
            Assert.Equal(modes[i], e.Mode);
            Assert.Equal(i >= 4, e.Expressions is not null);
            Assert.Equal(e.Mode == SegmentMode.Active, e.Offset is not null);
        }
        Assert.Equal(2, m.Elements[5].Count);
        // The re-encoded bytes are the original bytes: every form was kept.
        Assert.Equal(bytes, ModuleEncoder.Encode(m));
    }

    [Fact]
    public void DataSegmentsAndDataCount()
    {
        byte[] bytes = Module(
            Section(SectionId.Memory, 0x01, 0x00, 0x01),
            Section(SectionId.DataCount, 0x03),
            Section(SectionId.Data, 0x03,
                0x00, 0x41, 0x00, 0x0B, 0x02, 0xAA, 0xBB,
                0x01, 0x01, 0xCC,
                0x02, 0x00, 0x41, 0x08, 0x0B, 0x00));
        var m = RoundTrip(bytes);
        Assert.Equal(3u, m.DataCount);
        Assert.Equal([0xAA, 0xBB], m.Data[0].Data.ToArray());
        Assert.Equal(SegmentMode.Passive, m.Data[1].Mode);
        Assert.Null(m.Data[1].Offset);
        Assert.Equal(SegmentMode.Active, m.Data[2].Mode);
        Assert.Equal(0, m.Data[2].Data.Length);
    }

    [Fact]
    public void BodiesSliceTheInputWithoutCopying()
    {
        byte[] bytes = Module(Funcs(1)[0], Funcs(1)[1],
            Code(Body([0x02, 0x02, 0x7F, 0x01, 0x7E], 0x20, 0x00, 0x1A, 0x0B)));
        var m = Decode(bytes);
        var body = m.Codes[0];
        Assert.Equal([new LocalGroup(2, ValType.I32), new LocalGroup(1, ValType.I64)], body.Locals);
        Assert.Equal([0x20, 0x00, 0x1A, 0x0B], body.Code.ToArray());
        Assert.True(System.Runtime.InteropServices.MemoryMarshal.TryGetArray(body.Code, out var seg));
        Assert.Same(bytes, seg.Array);
        Assert.Equal(seg.Offset, body.CodeOffset);
        Assert.Equal(bytes[body.BodyOffset], (byte)(body.Code.Length + 5));
    }

    [Fact]
    public void NestedBlocksAndElse()
    {
        // block (loop (if (else) end) end) end, then the function end.
        var m = RoundTrip(Module(Funcs(1)[0], Funcs(1)[1],
            Code(Body(NoLocals, 0x02, 0x40, 0x03, 0x40, 0x41, 0x01, 0x04, 0x40, 0x05, 0x0B, 0x0B, 0x0B, 0x0B))));
        Assert.Single(m.Codes);
    }

    [Fact]
    public void CustomSectionsKeepTheirPlace()
    {
        byte[] bytes = Module(
            Custom("first", 1, 2, 3),
            Section(SectionId.Type, 0x00),
            Custom("after-type"),
            Custom("also-after-type", 9),
            Section(SectionId.Data, 0x00),
            Custom("last", 7));
        var m = RoundTrip(bytes);
        Assert.Equal(["first", "after-type", "also-after-type", "last"], m.CustomSections.Select(c => c.Name));
        Assert.Equal([0, 1, 1, 11], m.CustomSections.Select(c => (int)c.After));
        Assert.Equal([1, 2, 3], m.CustomSections[0].Content.ToArray());
        // Empty type and data sections come back because custom sections are anchored to them.
        Assert.Equal(bytes, ModuleEncoder.Encode(m));
    }

    [Fact]
    public void NameSectionDecoded()
    {
        byte[] names = [
            0x00, 0x04, 0x03, (byte)'m', (byte)'o', (byte)'d',
            0x01, 0x04, 0x01, 0x00, 0x01, (byte)'f',
            0x02, 0x06, 0x01, 0x00, 0x01, 0x00, 0x01, (byte)'x',
            0x07, 0x02, 0xAB, 0xCD]; // an extended-name subsection, skipped
        var m = RoundTrip(Module(Funcs(1)[0], Funcs(1)[1], Code(Body(NoLocals, 0x0B)), Custom("name", names)));
        Assert.NotNull(m.Names);
        Assert.Equal("mod", m.Names!.ModuleName);
        Assert.Equal("f", m.Names.FunctionNames[0]);
        Assert.Equal("x", m.Names.LocalNames[0][0]);
    }

    [Theory]
    [InlineData(new byte[] { 0x01, 0x05, 0x01, 0x00, 0x01, (byte)'f' })] // subsection size too large
    [InlineData(new byte[] { 0x01, 0x02, 0x01, 0x00, 0x01 })] // truncated map
    [InlineData(new byte[] { 0x01, 0x04, 0x01, 0x00, 0x01, 0xFF })] // bad UTF-8
    [InlineData(new byte[] { 0x01, 0x01, 0x00, 0x00, 0x01, 0x00 })] // out of order
    [InlineData(new byte[] { 0x01, 0x07, 0x02, 0x00, 0x01, (byte)'f', 0x00, 0x01, (byte)'g' })] // duplicate index
    public void MalformedNameSectionIsIgnored(byte[] names)
    {
        var m = Decode(Module(Custom("name", names)));
        Assert.Null(m.Names);
        Assert.Single(m.CustomSections);
        RoundTrip(Module(Custom("name", names)));
    }
}
