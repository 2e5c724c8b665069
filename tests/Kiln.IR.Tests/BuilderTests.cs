using Kiln.IR.Building;
using Kiln.IR.Text;

namespace Kiln.IR.Tests;

public class BuilderTests
{
    [Fact]
    public void BuildsStraightLineCodeThatVerifiesAndPrints()
    {
        var f = new Function("mix", new Signature([IrType.IPtr, IrType.I32], [IrType.I64]));
        var b = new FunctionBuilder(f);
        var entry = b.CreateBlock();
        b.AppendParamsFromSignature(entry);
        b.SwitchToBlock(entry);
        b.SealBlock(entry);
        var ps = f.Dfg.BlockParams(entry).ToArray();
        var ins = b.Ins();
        var idx = ins.Uextend(IrType.IPtr, ps[1]);
        var addr = ins.Iadd(ps[0], idx);
        var x = ins.Load(Opcode.Uload16, IrType.I64, TrapCode.HeapOutOfBounds, addr, 4);
        var c = ins.Iconst(IrType.I64, -1);
        var y = ins.Bxor(x, c);
        ins.Store(Opcode.Istore32, TrapCode.HeapOutOfBounds, y, addr, 8);
        ins.Return(y);
        b.Finish();

        IrAssert.Verifies(f);
        Assert.Equal("""
            function %mix(iptr, i32) -> i64 {
            block0(v0: iptr, v1: i32):
                v2 = uextend.iptr v1
                v3 = iadd.iptr v0, v2
                v4 = uload16.i64 heap_out_of_bounds v3+4
                v5 = iconst.i64 -1
                v6 = bxor.i64 v4, v5
                istore32 heap_out_of_bounds v6, v3+8
                return v6
            }

            """, Printer.Print(f));
        Assert.Equal(TrapCode.HeapOutOfBounds, f.Dfg[f.Dfg.DefiningInst(x)].Trap);
        Assert.True(f.CanTrap(f.Dfg.DefiningInst(x)));
        Assert.True(f.IsPure(f.Dfg.DefiningInst(y)));
    }

    [Fact]
    public void CallsAndMultipleResults()
    {
        var f = new Function("calls", new Signature([IrType.I32], [IrType.I32, IrType.F64]));
        var sig = f.ImportSignature(new Signature([IrType.I32], [IrType.I32, IrType.F64]));
        var callee = f.ImportFunction("pair", sig);
        var grow = f.ImportFunction("memory_grow", sig, isLibCall: true);
        var b = new FunctionBuilder(f);
        var entry = b.CreateBlock();
        b.AppendParamsFromSignature(entry);
        b.SwitchToBlock(entry);
        b.SealBlock(entry);
        var p = f.Dfg.BlockParams(entry)[0];
        var call = b.Ins().Call(callee, p);
        var r = f.Dfg.Results(call).ToArray();
        var addr = b.Ins().FuncAddr(grow);
        var call2 = b.Ins().CallIndirect(sig, addr, r[0]);
        b.Ins().Return(f.Dfg.Results(call2)[0], r[1]);
        b.Finish();

        IrAssert.Verifies(f);
        Assert.Equal(2, r.Length);
        Assert.Equal(IrType.F64, f.Dfg.ValueType(r[1]));
        Assert.Contains("v1, v2 = call fn0(v0)", Printer.Print(f));
        Assert.Contains("fn1 = libcall %memory_grow sig0", Printer.Print(f));
        Assert.Contains("v4, v5 = call_indirect sig0, v3(v1)", Printer.Print(f));
    }

    [Fact]
    public void BrTableWithArguments()
    {
        var f = new Function("table", new Signature([IrType.I32], [IrType.I32]));
        var b = new FunctionBuilder(f);
        var entry = b.CreateBlock();
        var t1 = b.CreateBlock();
        var t2 = b.CreateBlock();
        b.AppendParamsFromSignature(entry);
        var p1 = b.AppendBlockParam(t1, IrType.I32);
        b.SwitchToBlock(entry);
        b.SealBlock(entry);
        var p = f.Dfg.BlockParams(entry)[0];
        b.Ins().BrTable(p, new JumpTarget(t2), [new JumpTarget(t1, [p]), new JumpTarget(t2)]);
        b.SwitchToBlock(t1);
        b.SealBlock(t1);
        b.Ins().Return(p1);
        b.SwitchToBlock(t2);
        b.SealBlock(t2);
        b.Ins().Trap(TrapCode.Unreachable);
        b.Finish();

        IrAssert.Verifies(f);
        Assert.Contains("br_table v0, block2, [block1(v0), block2]", Printer.Print(f));
    }

    [Fact]
    public void InsertingBeforeAnInstructionKeepsOrder()
    {
        var f = Parser.ParseFunction("""
            function %f(i32) -> i32 {
            block0(v0: i32):
                v1 = iadd.i32 v0, v0
                return v1
            }
            """);
        var ret = f.Layout.LastInst(f.Entry);
        var ins = InstBuilder.Before(f, ret);
        var two = ins.Iconst(IrType.I32, 2);
        var v = ins.Imul(new Value(1), two);
        f.Dfg.SetArgs(ret, [v]);
        IrAssert.Verifies(f);
        Assert.Equal("""
            function %f(i32) -> i32 {
            block0(v0: i32):
                v1 = iadd.i32 v0, v0
                v2 = iconst.i32 2
                v3 = imul.i32 v1, v2
                return v3
            }

            """, Printer.Print(f));
    }

    [Fact]
    public void BranchingToASealedBlockIsRejected()
    {
        var f = new Function("f", new Signature([], []));
        var b = new FunctionBuilder(f);
        var entry = b.CreateBlock();
        var next = b.CreateBlock();
        b.SwitchToBlock(entry);
        b.SealBlock(entry);
        b.SealBlock(next);
        Assert.Throws<InvalidOperationException>(() => b.Ins().Jump(next));
    }

    [Fact]
    public void VariableTypesAreEnforced()
    {
        var f = new Function("f", new Signature([], []));
        var b = new FunctionBuilder(f);
        var entry = b.CreateBlock();
        b.SwitchToBlock(entry);
        var v = b.DeclareVar(IrType.I64);
        Assert.Throws<InvalidOperationException>(() => b.DefVar(v, b.Ins().Iconst(IrType.I32, 1)));
    }

    [Fact]
    public void PoolListsGrowWithoutCorruptingNeighbours()
    {
        // Appending to a parameter list that is not at the end of the pool relocates it.
        var f = new Function("f", new Signature([], []));
        var dfg = f.Dfg;
        var b1 = dfg.MakeBlock();
        var b2 = dfg.MakeBlock();
        var p1 = dfg.AppendBlockParam(b1, IrType.I32);
        var p2 = dfg.AppendBlockParam(b2, IrType.I64);
        var p3 = dfg.AppendBlockParam(b1, IrType.F32);
        var p4 = dfg.AppendBlockParam(b2, IrType.F64);
        Assert.Equal([p1, p3], dfg.BlockParams(b1).ToArray());
        Assert.Equal([p2, p4], dfg.BlockParams(b2).ToArray());
        dfg.RemoveBlockParam(b1, 0);
        Assert.Equal([p3], dfg.BlockParams(b1).ToArray());
        Assert.Equal(0, dfg.ValueInfo(p3).Num);
    }
}
