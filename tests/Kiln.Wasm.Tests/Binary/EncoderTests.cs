using Kiln.Wasm.Binary;
using Kiln.Wasm.Model;

namespace Kiln.Wasm.Tests.Binary;

public sealed class EncoderTests
{
    private static ConstExpr Expr(params byte[] code) => new(code, 0);

    /// <summary>A module as a text parser would build it: no offsets, no recorded encodings, names from ids.</summary>
    private static WasmModule BuiltInMemory()
    {
        var m = new WasmModule();
        m.Types.Add(new FuncType([ValType.I32], [ValType.I32]));
        m.Imports.Add(new Import("env", "f", ExternalKind.Func) { FuncTypeIndex = 0 });
        m.Imports.Add(new Import("env", "mem", ExternalKind.Memory) { Memory = new MemoryType(new Limits(1, 2)) });
        m.CountImports();
        m.Functions.Add(0);
        m.Tables.Add(new TableType(ValType.FuncRef, new Limits(4, null)));
        m.Tables.Add(new TableType(ValType.ExternRef, new Limits(0, 10)));
        m.Globals.Add(new Global(new GlobalType(ValType.I64, true), Expr(0x42, 0x7F, 0x0B)));
        m.Exports.Add(new Export("run", ExternalKind.Func, 1));
        m.Start = null;
        m.Elements.Add(new ElementSegment { Mode = SegmentMode.Active, Offset = Expr(0x41, 0x00, 0x0B), FunctionIndices = [0, 1] });
        m.Elements.Add(new ElementSegment { Mode = SegmentMode.Active, TableIndex = 1, Offset = Expr(0x41, 0x00, 0x0B), ElementType = ValType.ExternRef, Expressions = [Expr(0xD0, 0x6F, 0x0B)] });
        m.Elements.Add(new ElementSegment { Mode = SegmentMode.Passive, FunctionIndices = [1] });
        m.Elements.Add(new ElementSegment { Mode = SegmentMode.Declarative, Expressions = [Expr(0xD2, 0x00, 0x0B)] });
        m.DataCount = 2;
        m.Codes.Add(new FunctionBody { Locals = [new LocalGroup(1, ValType.I32)], Code = new byte[] { 0x20, 0x00, 0x0B } });
        m.Data.Add(new DataSegment { Mode = SegmentMode.Active, Offset = Expr(0x41, 0x10, 0x0B), Data = new byte[] { 1, 2, 3 } });
        m.Data.Add(new DataSegment { Mode = SegmentMode.Passive, Data = new byte[] { 4 } });
        m.Names = new NameSection { ModuleName = "demo" };
        m.Names.FunctionNames[1] = "run";
        m.Names.LocalNames[1] = new() { [0] = "x", [1] = "tmp" };
        return m;
    }

    [Fact]
    public void InMemoryModuleRoundTrips()
    {
        var m = BuiltInMemory();
        var decoded = ModuleDecoder.Decode(ModuleEncoder.Encode(m));
        Assert.Null(ModuleComparer.FirstDifference(m, decoded));
        // The smallest forms were chosen: 0 (table 0, indices), 6 (other table, expressions), 1, 7.
        Assert.Equal([0, 6, 1, 7], decoded.Elements.Select(e => e.Encoding));
        // The generated name section is the one custom section.
        Assert.Equal("name", Assert.Single(decoded.CustomSections).Name);
        Assert.Equal("tmp", decoded.Names!.LocalNames[1][1]);
    }

    [Fact]
    public void ComparerFindsDifferences()
    {
        var a = BuiltInMemory();
        var b = BuiltInMemory();
        Assert.True(ModuleComparer.AreEqual(a, b));
        b.Codes[0] = new FunctionBody { Locals = [new LocalGroup(1, ValType.I32)], Code = new byte[] { 0x20, 0x01, 0x0B } };
        Assert.Contains("code 0", ModuleComparer.FirstDifference(a, b));
        b = BuiltInMemory();
        b.Names!.FunctionNames[1] = "other";
        Assert.Equal("function names differ", ModuleComparer.FirstDifference(a, b));
        b = BuiltInMemory();
        b.Data.Add(new DataSegment { Mode = SegmentMode.Passive });
        Assert.Contains("data segment count", ModuleComparer.FirstDifference(a, b));
        b = BuiltInMemory();
        b.CustomSections.Add(new CustomSection("x", new byte[] { 1 }, 0));
        Assert.Contains("custom section", ModuleComparer.FirstDifference(a, b));
    }

    [Fact]
    public void RecordedEncodingThatNoLongerFitsIsReplaced()
    {
        var seg = new ElementSegment { Mode = SegmentMode.Active, TableIndex = 3, Offset = Expr(0x41, 0x00, 0x0B), FunctionIndices = [], Encoding = 0 };
        Assert.Equal(2, ElementEncoding.Choose(seg));
        Assert.False(ElementEncoding.Fits(seg, 4));
        var passive = new ElementSegment { Mode = SegmentMode.Passive, ElementType = ValType.ExternRef, Expressions = [], Encoding = 1 };
        Assert.Equal(5, ElementEncoding.Choose(passive));
    }

    [Fact]
    public void VerbatimNameSectionWinsOverNames()
    {
        var m = new WasmModule();
        m.CustomSections.Add(new CustomSection("name", new byte[] { 0x00, 0x02, 0x01, (byte)'a' }, 0));
        m.Names = new NameSection { ModuleName = "ignored" };
        var decoded = ModuleDecoder.Decode(ModuleEncoder.Encode(m));
        Assert.Equal("a", decoded.Names!.ModuleName);
        Assert.Single(decoded.CustomSections);
    }
}
