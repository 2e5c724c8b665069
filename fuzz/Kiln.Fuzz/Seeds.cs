using Kiln.Wasm.Binary;
using Kiln.Wasm.Model;

namespace Kiln.Fuzz;

/// <summary>Valid seed modules built in code (so nothing fetched is committed) covering every section,
/// all element and data segment forms, names and custom sections, and bodies with each immediate kind.</summary>
public static class Seeds
{
    public static List<byte[]> Build()
    {
        var list = new List<byte[]> { ModuleEncoder.Encode(new WasmModule()), ModuleEncoder.Encode(Full()), ModuleEncoder.Encode(Simd()) };
        list.Add(ModuleEncoder.Encode(Imports()));
        list.Add(ModuleEncoder.Encode(MultiMemory()));
        return list;
    }

    /// <summary>Two memories (the second shared), a memarg naming memory 1, memory.size and memory.copy with
    /// indices, and an active data segment for memory 1.</summary>
    private static WasmModule MultiMemory()
    {
        var m = new WasmModule();
        m.Types.Add(FuncType.Empty);
        m.Functions.Add(0);
        m.Memories.Add(new MemoryType(new Limits(1, 4)));
        m.Memories.Add(new MemoryType(new Limits(1, 2), Shared: true));
        m.Data.Add(new DataSegment { Mode = SegmentMode.Active, MemoryIndex = 1, Offset = Expr(0x41, 0x00, 0x0B), Data = new byte[] { 1, 2 } });
        m.Codes.Add(Body([],
            0x41, 0x00, 0x28, 0x42, 0x01, 0x04, 0x1A,       // i32.load align=4 memory 1 offset=4
            0x3F, 0x01, 0x1A,                               // memory.size 1
            0x41, 0x00, 0x41, 0x00, 0x41, 0x00, 0xFC, 0x0A, 0x01, 0x00, // memory.copy 1 0
            0x0B));
        return m;
    }

    /// <summary>Reads every .wasm file under <paramref name="dir"/>.</summary>
    public static List<byte[]> Load(string dir)
    {
        var list = new List<byte[]>();
        foreach (var f in Directory.EnumerateFiles(dir, "*.wasm", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
            list.Add(File.ReadAllBytes(f));
        return list;
    }

    private static ConstExpr Expr(params byte[] code) => new(code, 0);
    private static FunctionBody Body(LocalGroup[] locals, params byte[] code) => new() { Locals = locals, Code = code };

    private static WasmModule Full()
    {
        var m = new WasmModule();
        m.Types.Add(FuncType.Empty);
        m.Types.Add(new FuncType([ValType.I32, ValType.I64], [ValType.I32]));
        m.Types.Add(new FuncType([ValType.F32, ValType.F64], [ValType.F64, ValType.ExternRef]));
        m.Imports.Add(new Import("env", "print", ExternalKind.Func) { FuncTypeIndex = 1 });
        m.Imports.Add(new Import("env", "g", ExternalKind.Global) { Global = new GlobalType(ValType.I32, false) });
        m.CountImports();
        m.Functions.AddRange([0, 1, 2]);
        m.Tables.Add(new TableType(ValType.FuncRef, new Limits(8, 16)));
        m.Tables.Add(new TableType(ValType.ExternRef, new Limits(1, null)));
        m.Memories.Add(new MemoryType(new Limits(1, 4)));
        m.Globals.Add(new Global(new GlobalType(ValType.I64, true), Expr(0x42, 0x80, 0x01, 0x0B)));
        m.Globals.Add(new Global(new GlobalType(ValType.F32, false), Expr(0x43, 0x00, 0x00, 0x80, 0x3F, 0x0B)));
        m.Globals.Add(new Global(new GlobalType(ValType.FuncRef, false), Expr(0xD2, 0x01, 0x0B)));
        m.Globals.Add(new Global(new GlobalType(ValType.I32, false), Expr(0x23, 0x00, 0x0B)));
        m.Exports.Add(new Export("main", ExternalKind.Func, 1));
        m.Exports.Add(new Export("mem", ExternalKind.Memory, 0));
        m.Exports.Add(new Export("tab", ExternalKind.Table, 0));
        m.Exports.Add(new Export("glob", ExternalKind.Global, 1));
        m.Start = 1;
        byte[] zero = [0x41, 0x00, 0x0B];
        m.Elements.Add(new ElementSegment { Mode = SegmentMode.Active, Offset = Expr(zero), FunctionIndices = [1, 2] });
        m.Elements.Add(new ElementSegment { Mode = SegmentMode.Passive, FunctionIndices = [3] });
        m.Elements.Add(new ElementSegment { Mode = SegmentMode.Active, Offset = Expr(zero), FunctionIndices = [1], Encoding = 2 });
        m.Elements.Add(new ElementSegment { Mode = SegmentMode.Declarative, FunctionIndices = [2] });
        m.Elements.Add(new ElementSegment { Mode = SegmentMode.Active, Offset = Expr(0x41, 0x02, 0x0B), Expressions = [Expr(0xD2, 0x01, 0x0B), Expr(0xD0, 0x70, 0x0B)] });
        m.Elements.Add(new ElementSegment { Mode = SegmentMode.Passive, Expressions = [Expr(0xD2, 0x03, 0x0B)] });
        m.Elements.Add(new ElementSegment { Mode = SegmentMode.Active, TableIndex = 1, ElementType = ValType.ExternRef, Offset = Expr(zero), Expressions = [Expr(0xD0, 0x6F, 0x0B)] });
        m.Elements.Add(new ElementSegment { Mode = SegmentMode.Declarative, Expressions = [Expr(0xD2, 0x02, 0x0B)] });
        m.DataCount = 3;
        m.Codes.Add(Body([], 0x0B));
        m.Codes.Add(Body([new LocalGroup(2, ValType.I32), new LocalGroup(1, ValType.F64)],
            0x02, 0x7F, // block (result i32)
            0x20, 0x00, 0x04, 0x40, 0x41, 0x01, 0x0C, 0x01, 0x05, 0x01, 0x0B, // if / br 1 / else nop / end
            0x03, 0x40, 0x20, 0x02, 0x0D, 0x00, 0x0B, // loop br_if
            0x41, 0x07, 0x20, 0x00, 0x0E, 0x02, 0x00, 0x00, 0x00, // br_table 0 0 default 0, carrying an i32
            0x0B,
            0x1A, 0x20, 0x00, 0x20, 0x01, 0x10, 0x00, 0x1A, // call import
            0x41, 0x00, 0x28, 0x02, 0x04, 0x41, 0x00, 0x36, 0x02, 0x08, // load / store
            0x3F, 0x00, 0x40, 0x00, 0x1A, // memory.size / grow
            0x41, 0x00, 0x41, 0x00, 0x41, 0x01, 0xFC, 0x08, 0x01, 0x00, // memory.init 1
            0xFC, 0x09, 0x01, // data.drop 1
            0x41, 0x00, 0x41, 0x00, 0x41, 0x00, 0xFC, 0x0B, 0x00, // memory.fill
            0x41, 0x00, 0x41, 0x00, 0x41, 0x00, 0xFC, 0x0A, 0x00, 0x00, // memory.copy
            0x41, 0x00, 0x41, 0x00, 0x41, 0x01, 0xFC, 0x0C, 0x01, 0x00, // table.init 1 0
            0xFC, 0x0D, 0x01, // elem.drop
            0x41, 0x00, 0x41, 0x00, 0x41, 0x00, 0xFC, 0x0E, 0x00, 0x00, // table.copy
            0x41, 0x00, 0x25, 0x00, 0x1A, // table.get
            0xD0, 0x70, 0x41, 0x00, 0xFC, 0x0F, 0x00, 0x1A, // table.grow
            0xD2, 0x01, 0xD1, 0x1A, // ref.func ref.is_null
            0x41, 0x01, 0x41, 0x02, 0x41, 0x00, 0x1C, 0x01, 0x7F, 0x1A, // typed select
            0x42, 0x7F, 0x44, 0, 0, 0, 0, 0, 0, 0xF0, 0x3F, 0xFC, 0x07, 0x1A, 0x1A, // i64.const, f64.const, trunc_sat
            0x41, 0x00, 0x20, 0x00, 0x42, 0x00, 0x41, 0x00, 0x11, 0x01, 0x00, 0x1A, 0x1A, // call_indirect
            0x20, 0x00, 0x0F, 0x0B)); // return
        m.Codes.Add(Body([new LocalGroup(1, ValType.V128)],
            0x20, 0x01, 0xD0, 0x6F, 0x0B));
        m.Data.Add(new DataSegment { Mode = SegmentMode.Active, Offset = Expr(zero), Data = "hello"u8.ToArray() });
        m.Data.Add(new DataSegment { Mode = SegmentMode.Passive, Data = new byte[] { 1, 2, 3, 4 } });
        m.Data.Add(new DataSegment { Mode = SegmentMode.Active, Offset = Expr(0x41, 0x10, 0x0B), Data = new byte[] { 0xFF } });
        m.CustomSections.Add(new CustomSection("producers", new byte[] { 0x00 }, 0));
        m.CustomSections.Add(new CustomSection("between", new byte[] { 1, 2, 3 }, (byte)SectionId.Code));
        m.Names = new NameSection { ModuleName = "full" };
        m.Names.FunctionNames[1] = "nothing";
        m.Names.FunctionNames[2] = "main";
        m.Names.LocalNames[2] = new() { [0] = "a", [2] = "i" };
        return m;
    }

    private static WasmModule Simd()
    {
        var m = new WasmModule();
        m.Types.Add(new FuncType([ValType.V128], [ValType.V128]));
        m.Functions.Add(0);
        m.Memories.Add(new MemoryType(new Limits(1, null)));
        byte[] v128Const = [0xFD, 0x0C, .. new byte[16]];
        m.Codes.Add(Body([],
            [.. v128Const, 0x20, 0x00, 0xFD, 0x6E, // i8x16.add
            0x20, 0x00, 0xFD, 0x0D, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 31, 0x1A, // i8x16.shuffle
            0x41, 0x00, 0xFD, 0x00, 0x04, 0x00, 0x1A, // v128.load
            0x41, 0x00, 0x20, 0x00, 0xFD, 0x54, 0x00, 0x00, 0x03, 0x1A, // v128.load8_lane
            0x20, 0x00, 0xFD, 0x15, 0x02, 0x1A, // i8x16.extract_lane_s
            0x20, 0x00, 0x0B]));
        return m;
    }

    private static WasmModule Imports()
    {
        var m = new WasmModule();
        m.Types.Add(FuncType.Empty);
        m.Imports.Add(new Import("a", "t", ExternalKind.Table) { Table = new TableType(ValType.FuncRef, new Limits(0, 1)) });
        m.Imports.Add(new Import("a", "m", ExternalKind.Memory) { Memory = new MemoryType(new Limits(0, null)) });
        m.Imports.Add(new Import("ü", "f", ExternalKind.Func) { FuncTypeIndex = 0 });
        m.Imports.Add(new Import("a", "g", ExternalKind.Global) { Global = new GlobalType(ValType.F64, true) });
        m.CountImports();
        m.Data.Add(new DataSegment { Mode = SegmentMode.Active, MemoryIndex = 0, Offset = Expr(0x41, 0x00, 0x0B), Data = new byte[300] });
        return m;
    }
}
