using Kiln.Wasm.Instructions;
using Kiln.Wasm.Model;

namespace Kiln.Wasm.Tests.Printing;

/// <summary>Modules built through the model API, covering every construct the printer writes.</summary>
internal static class SampleModules
{
    public static WasmModule Everything()
    {
        var m = new WasmModule();
        m.Types.Add(new FuncType([ValType.I32, ValType.I32], [ValType.I32]));           // 0
        m.Types.Add(FuncType.Empty);                                                      // 1
        m.Types.Add(new FuncType([ValType.I32], [ValType.I32, ValType.I64]));            // 2
        m.Types.Add(new FuncType([], [ValType.F32, ValType.F64, ValType.V128]));          // 3

        m.Imports.Add(new Import("env", "add", ExternalKind.Func) { FuncTypeIndex = 0 });
        m.Imports.Add(new Import("env", "tab", ExternalKind.Table) { Table = new TableType(ValType.FuncRef, new Limits(2, null)) });
        m.Imports.Add(new Import("env", "mem", ExternalKind.Memory) { Memory = new MemoryType(new Limits(1, 2)) });
        m.Imports.Add(new Import("env", "g\"q\\", ExternalKind.Global) { Global = new GlobalType(ValType.I64, false) });
        m.Imports.Add(new Import("env", "base", ExternalKind.Global) { Global = new GlobalType(ValType.I32, false) });
        m.CountImports();

        // func 1: control flow, locals, calls
        m.Functions.Add(0);
        m.Codes.Add(Code.Body(new Code()
            .Op(Opcode.Block).Byte(0x7F)
                .Op(Opcode.LocalGet, 0)
                .Op(Opcode.If).Byte(0x40)
                    .Op(Opcode.Br, 0)
                .Op(Opcode.Else)
                    .Op(Opcode.Unreachable)
                .Op(Opcode.End)
                .Op(Opcode.LocalGet, 0)
                .Op(Opcode.Loop).S64(2) // (type 2)
                    .Op(Opcode.LocalGet, 2).Op(Opcode.BrIf, 0)
                    .Op(Opcode.I64Const).S64(long.MinValue)
                .Op(Opcode.End)
                .Op(Opcode.Drop).Op(Opcode.LocalGet, 1).Op(Opcode.BrTable).U32(2).U32(0).U32(1).U32(0)
            .Op(Opcode.End)
            .Op(Opcode.LocalGet, 0).Op(Opcode.LocalGet, 1).Op(Opcode.Call, 0)
            .Op(Opcode.LocalTee, 2).Op(Opcode.I32Const).S32(0).Op(Opcode.CallIndirect).U32(0).U32(0)
            .Op(Opcode.Drop)
            .Op(Opcode.LocalGet, 2).Op(Opcode.LocalGet, 3).I32Const(-1).Op(Opcode.SelectTyped).U32(1).Byte(0x7F)
            .Op(Opcode.Return)
            .End(), new LocalGroup(3, ValType.I32), new LocalGroup(1, ValType.F64)));

        // func 2: memory, numeric constants, bulk memory, tables, references
        m.Functions.Add(3);
        m.Codes.Add(Code.Body(new Code()
            .I32Const(0).Mem(Opcode.I32Load, 2, 0)
            .Mem(Opcode.I64Load8S, 0, 16).Op(Opcode.Drop)
            .I32Const(4).Mem(Opcode.I32Load, 0, 4).Op(Opcode.Drop)
            .I32Const(8).Op(Opcode.F64Const).F64(0x3FF8000000000000).Mem(Opcode.F64Store, 2, 0xFFFFFFFF)
            .Op(Opcode.MemorySize).Byte(0).Op(Opcode.MemoryGrow).Byte(0).Op(Opcode.Drop)
            .I32Const(0).I32Const(0).I32Const(0).Op(Opcode.MemoryInit).U32(0).Byte(0)
            .Op(Opcode.DataDrop, 1)
            .I32Const(0).I32Const(0).I32Const(0).Op(Opcode.MemoryCopy).Byte(0).Byte(0)
            .I32Const(0).I32Const(0).I32Const(0).Op(Opcode.MemoryFill).Byte(0)
            .I32Const(0).I32Const(0).I32Const(0).Op(Opcode.TableInit).U32(1).U32(2)
            .I32Const(0).I32Const(0).I32Const(0).Op(Opcode.TableInit).U32(0).U32(0)
            .Op(Opcode.ElemDrop, 2)
            .I32Const(0).I32Const(0).I32Const(0).Op(Opcode.TableCopy).U32(0).U32(2)
            .I32Const(0).I32Const(0).I32Const(0).Op(Opcode.TableCopy).U32(0).U32(0)
            .I32Const(0).Op(Opcode.TableGet, 1).Op(Opcode.RefIsNull).Op(Opcode.Drop)
            .Op(Opcode.RefNull).Byte(0x6F).Op(Opcode.Drop)
            .Op(Opcode.RefFunc, 1).I32Const(1).Op(Opcode.TableGrow, 2).Op(Opcode.Drop)
            .Op(Opcode.TableSize, 0).Op(Opcode.Drop)
            .Op(Opcode.GlobalGet, 3).Op(Opcode.GlobalSet, 3)
            .Op(Opcode.F32Const).F32(0x3DCCCCCD)
            .Op(Opcode.F64Const).F64(0x7FF4000000000000)
            .Op(Opcode.F32Const).F32(0xFFC00000).Op(Opcode.Drop)
            .Op(Opcode.F64Const).F64(0x8000000000000000).Op(Opcode.Drop)
            .Op(Opcode.V128Const).Bytes(1, 0, 0, 0, 2, 0, 0, 0, 3, 0, 0, 0, 0xff, 0xff, 0xff, 0xff)
            .Op(Opcode.V128Const).Bytes(new byte[16])
            .Op(Opcode.I8x16Shuffle).Bytes(0, 17, 2, 19, 4, 21, 6, 23, 8, 25, 10, 27, 12, 29, 14, 31)
            .Op(Opcode.I32x4ExtractLane).Byte(3).Op(Opcode.Drop)
            .Op(Opcode.V128Const).Bytes(new byte[16]).Op(Opcode.F64Const).F64(0).Op(Opcode.F64x2ReplaceLane).Byte(1)
            .I32Const(0).Op(Opcode.V128Const).Bytes(new byte[16]).Op(Opcode.V128Load16Lane).U32(1).U32(0).Byte(7).Op(Opcode.Drop)
            .I32Const(0).Op(Opcode.V128Const).Bytes(new byte[16]).Op(Opcode.V128Load32Lane).U32(0).U32(8).Byte(2)
            .Op(Opcode.I32x4Add)
            .I32Const(0).Mem(Opcode.V128Load, 4, 0).Op(Opcode.I8x16Swizzle)
            .End()));

        // func 3: the start function
        m.Functions.Add(1);
        m.Codes.Add(Code.Body(new Code().End()));

        m.Tables.Add(new TableType(ValType.ExternRef, new Limits(1, 10)));
        m.Tables.Add(new TableType(ValType.FuncRef, new Limits(0, null)));
        m.Globals.Add(new Global(new GlobalType(ValType.I32, false), Code.I32Expr(-7)));
        m.Globals.Add(new Global(new GlobalType(ValType.F32, true), new Code().Op(Opcode.F32Const).F32(0x40400000).Expr()));
        m.Globals.Add(new Global(new GlobalType(ValType.FuncRef, false), new Code().Op(Opcode.RefFunc, 2).Expr()));
        m.Globals.Add(new Global(new GlobalType(ValType.I64, false), new Code().Op(Opcode.GlobalGet, 0).Expr()));
        m.Exports.Add(new Export("f", ExternalKind.Func, 1));
        m.Exports.Add(new Export("mem", ExternalKind.Memory, 0));
        m.Exports.Add(new Export("tab\n", ExternalKind.Table, 2));
        m.Exports.Add(new Export("g", ExternalKind.Global, 2));
        m.Start = 3;

        m.Elements.Add(new ElementSegment { Mode = SegmentMode.Active, TableIndex = 0, Offset = Code.I32Expr(0), FunctionIndices = [1, 2] });
        m.Elements.Add(new ElementSegment { Mode = SegmentMode.Passive, FunctionIndices = [2] });
        m.Elements.Add(new ElementSegment { Mode = SegmentMode.Active, TableIndex = 2, Offset = Code.I32Expr(0), FunctionIndices = [0] });
        m.Elements.Add(new ElementSegment { Mode = SegmentMode.Declarative, FunctionIndices = [1] });
        m.Elements.Add(new ElementSegment
        {
            Mode = SegmentMode.Active, Offset = new Code().Op(Opcode.GlobalGet, 1).Expr(),
            Expressions = [new Code().Op(Opcode.RefNull).Byte(0x70).Expr(), new Code().Op(Opcode.RefFunc, 0).Expr()],
        });
        m.Elements.Add(new ElementSegment
        {
            Mode = SegmentMode.Passive, ElementType = ValType.ExternRef, Expressions = [new Code().Op(Opcode.RefNull).Byte(0x6F).Expr()],
        });
        m.Elements.Add(new ElementSegment
        {
            Mode = SegmentMode.Active, TableIndex = 1, Offset = Code.I32Expr(1), ElementType = ValType.ExternRef,
            Expressions = [new Code().Op(Opcode.RefNull).Byte(0x6F).Expr()],
        });
        m.Elements.Add(new ElementSegment
        {
            Mode = SegmentMode.Declarative, Expressions = [new Code().Op(Opcode.RefNull).Byte(0x70).Expr()],
        });

        m.Data.Add(new DataSegment { Mode = SegmentMode.Active, Offset = Code.I32Expr(16), Data = "hi \"x\"\\\0\n\xff"u8.ToArray() });
        m.Data.Add(new DataSegment { Mode = SegmentMode.Passive, Data = new byte[] { 1, 2, 3 } });
        m.DataCount = 2;
        return m;
    }

    /// <summary>Names for functions and locals, including ones the printer must refuse.</summary>
    public static WasmModule Named()
    {
        var m = new WasmModule();
        m.Types.Add(new FuncType([ValType.I32, ValType.I64], []));
        m.Imports.Add(new Import("m", "imp", ExternalKind.Func) { FuncTypeIndex = 0 });
        m.CountImports();
        for (int i = 0; i < 4; i++)
        {
            m.Functions.Add(0);
            m.Codes.Add(Code.Body(new Code().Op(Opcode.LocalGet, 0).Op(Opcode.LocalGet, 2).Op(Opcode.Drop).Op(Opcode.Drop)
                .Op(Opcode.LocalGet, 0).Op(Opcode.LocalGet, 1).Op(Opcode.Call, (uint)i).End(),
                new LocalGroup(2, ValType.F32)));
        }
        m.Names = new NameSection { ModuleName = "my-mod" };
        m.Names.FunctionNames[0] = "imported";
        m.Names.FunctionNames[1] = "first";
        m.Names.FunctionNames[2] = "has space";   // not an id: printed by index
        m.Names.FunctionNames[3] = "first";       // duplicate: printed by index
        m.Names.FunctionNames[4] = "π";           // not ASCII: printed by index
        m.Names.LocalNames[1] = new() { [0] = "a", [2] = "x", [3] = "" };
        m.Names.LocalNames[3] = new() { [1] = "b", [3] = "y" };
        return m;
    }
}
