using Kiln.IR.Building;
using Kiln.IR.Text;

namespace Kiln.IR.Tests;

public class SsaConstructionTests
{
    /// <summary>sum(n): acc = 0; while (n) { acc += n; n -= 1; } return acc; with variables, no explicit params.</summary>
    [Fact]
    public void LoopVariablesBecomeHeaderParams()
    {
        var f = new Function("sum", new Signature([IrType.I32], [IrType.I32]));
        var b = new FunctionBuilder(f);
        var entry = b.CreateBlock();
        var header = b.CreateBlock();
        var body = b.CreateBlock();
        var exit = b.CreateBlock();
        var n = b.DeclareVar(IrType.I32);
        var acc = b.DeclareVar(IrType.I32);
        var unchanged = b.DeclareVar(IrType.I32);

        b.AppendParamsFromSignature(entry);
        b.SwitchToBlock(entry);
        b.SealBlock(entry);
        b.DefVar(n, f.Dfg.BlockParams(entry)[0]);
        b.DefVar(acc, b.Ins().Iconst(IrType.I32, 0));
        b.DefVar(unchanged, b.Ins().Iconst(IrType.I32, 7));
        b.Ins().Jump(header);

        b.SwitchToBlock(header);
        b.Ins().Brif(b.UseVar(n), body, exit);

        b.SwitchToBlock(body);
        b.SealBlock(body);
        var sum = b.Ins().Iadd(b.UseVar(acc), b.UseVar(n));
        var k = b.Ins().Iadd(sum, b.UseVar(unchanged));
        b.DefVar(acc, k);
        b.DefVar(n, b.Ins().Isub(b.UseVar(n), b.Ins().Iconst(IrType.I32, 1)));
        b.Ins().Jump(header);
        b.SealBlock(header);

        b.SwitchToBlock(exit);
        b.SealBlock(exit);
        b.Ins().Return(b.UseVar(acc));
        b.Finish();

        IrAssert.Verifies(f);
        // n and acc get parameters on the header; `unchanged` was given one while the header was
        // unsealed and lost it as trivial once the back edge passed the same value.
        Assert.Equal("""
            function %sum(i32) -> i32 {
            block0(v0: i32):
                v1 = iconst.i32 0
                v2 = iconst.i32 7
                jump block1(v0, v1)
            block1(v3: i32, v4: i32):
                brif v3, block2, block3
            block2:
                v5 = iadd.i32 v4, v3
                v7 = iadd.i32 v5, v2
                v8 = iconst.i32 1
                v9 = isub.i32 v3, v8
                jump block1(v9, v7)
            block3:
                return v4
            }

            """, Printer.Print(f));
    }

    [Fact]
    public void DiamondMergesDifferentDefinitions()
    {
        var f = new Function("max", new Signature([IrType.I64, IrType.I64], [IrType.I64]));
        var b = new FunctionBuilder(f);
        var entry = b.CreateBlock();
        var then = b.CreateBlock();
        var els = b.CreateBlock();
        var join = b.CreateBlock();
        var x = b.DeclareVar(IrType.I64);
        var same = b.DeclareVar(IrType.I64);
        b.AppendParamsFromSignature(entry);
        b.SwitchToBlock(entry);
        b.SealBlock(entry);
        var p = f.Dfg.BlockParams(entry).ToArray();
        b.DefVar(same, p[0]);
        var c = b.Ins().Icmp(IntCC.Sgt, p[0], p[1]);
        b.Ins().Brif(c, then, els);
        b.SealBlock(then);
        b.SealBlock(els);
        b.SwitchToBlock(then);
        b.DefVar(x, p[0]);
        b.Ins().Jump(join);
        b.SwitchToBlock(els);
        b.DefVar(x, p[1]);
        b.Ins().Jump(join);
        b.SealBlock(join);
        b.SwitchToBlock(join);
        var r = b.Ins().Iadd(b.UseVar(x), b.UseVar(same));
        b.Ins().Return(r);
        b.Finish();

        IrAssert.Verifies(f);
        var text = Printer.Print(f);
        Assert.Contains("jump block3(v0)", text);
        Assert.Contains("jump block3(v1)", text);
        Assert.Contains("block3(v3: i32):".Replace("i32", "i64"), text);
        // `same` reaches the join unchanged on both edges: no parameter for it.
        Assert.Single(f.Dfg.BlockParams(join).ToArray());
        Assert.Contains("iadd.i64 v3, v0", text);
    }

    [Fact]
    public void TrivialParamsInNestedLoopsAreRemovedRecursively()
    {
        // x is defined before two nested loops and never redefined: reading it in the inner body,
        // with both headers unsealed, creates placeholder params on both headers; sealing must remove both.
        var f = new Function("nest", new Signature([IrType.I32], [IrType.I32]));
        var b = new FunctionBuilder(f);
        var entry = b.CreateBlock();
        var outer = b.CreateBlock();
        var inner = b.CreateBlock();
        var innerBody = b.CreateBlock();
        var outerLatch = b.CreateBlock();
        var exit = b.CreateBlock();
        var x = b.DeclareVar(IrType.I32);
        var i = b.DeclareVar(IrType.I32);
        b.AppendParamsFromSignature(entry);
        b.SwitchToBlock(entry);
        b.SealBlock(entry);
        var p = f.Dfg.BlockParams(entry)[0];
        b.DefVar(x, p);
        b.DefVar(i, p);
        b.Ins().Jump(outer);

        b.SwitchToBlock(outer);
        b.Ins().Jump(inner);

        b.SwitchToBlock(inner);
        b.Ins().Brif(b.UseVar(i), innerBody, outerLatch);

        b.SwitchToBlock(innerBody);
        b.SealBlock(innerBody);
        var xi = b.Ins().Isub(b.UseVar(i), b.UseVar(x));
        b.DefVar(i, xi);
        b.Ins().Jump(inner);
        b.SealBlock(inner);

        b.SwitchToBlock(outerLatch);
        b.SealBlock(outerLatch);
        b.Ins().Brif(b.UseVar(i), outer, exit);
        b.SealBlock(outer);

        b.SwitchToBlock(exit);
        b.SealBlock(exit);
        b.Ins().Return(b.UseVar(x));
        b.Finish();

        IrAssert.Verifies(f);
        var text = Printer.Print(f);
        // i is loop-carried; x is not: the return uses the function parameter directly.
        Assert.Contains("return v0", text);
        Assert.Equal(1, f.Dfg.BlockParams(outer).Length);
        Assert.Equal(1, f.Dfg.BlockParams(inner).Length);
        Assert.Contains("isub.i32 " + f.Dfg.BlockParams(inner)[0] + ", v0", text);
    }

    [Fact]
    public void ReadBeforeDefinitionIsZero()
    {
        var f = new Function("undef", new Signature([], [IrType.F64]));
        var b = new FunctionBuilder(f);
        var entry = b.CreateBlock();
        b.SwitchToBlock(entry);
        b.SealBlock(entry);
        var v = b.DeclareVar(IrType.F64);
        b.Ins().Return(b.UseVar(v));
        b.Finish();
        IrAssert.Verifies(f);
        Assert.Equal("""
            function %undef() -> f64 {
            block0:
                v0 = fconst.f64 0.0
                return v0
            }

            """, Printer.Print(f));
    }

    [Fact]
    public void UnsealedBlockIsReportedOnFinish()
    {
        var f = new Function("f", new Signature([], []));
        var b = new FunctionBuilder(f);
        var entry = b.CreateBlock();
        b.SwitchToBlock(entry);
        b.Ins().Return();
        Assert.Throws<InvalidOperationException>(() => b.Finish());
    }
}
