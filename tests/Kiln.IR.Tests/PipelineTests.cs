using Kiln.IR.Building;
using Kiln.IR.Passes;
using Kiln.IR.Text;

namespace Kiln.IR.Tests;

public class PipelineTests
{
    [Fact]
    public void DefaultPipelineCleansUpFrontEndOutput()
    {
        // What a naive translator emits: constant conditions, forwarding blocks, duplicate address math.
        var f = Parser.ParseFunction("""
            function %t(iptr, i32) -> i32 {
            block0(v0: iptr, v1: i32):
                v2 = iconst.i32 1
                v3 = iconst.i32 2
                v4 = icmp.i32 slt v2, v3
                brif v4, block1, block2
            block1:
                v5 = uextend.iptr v1
                v6 = iadd.iptr v0, v5
                v7 = load.i32 heap_out_of_bounds v6
                jump block3(v7, v2)
            block2:
                v8 = udiv.i32 v1, v1
                jump block3(v8, v2)
            block3(v9: i32, v10: i32):
                v11 = uextend.iptr v1
                v12 = iadd.iptr v0, v11
                v13 = iadd.i32 v9, v10
                store heap_out_of_bounds v13, v12
                return v13
            }
            """);
        PassManager.Default(verify: true).RunToFixpoint(f);
        Assert.Equal("""
            function %t(iptr, i32) -> i32 {
            block0(v0: iptr, v1: i32):
                v2 = iconst.i32 1
                v5 = uextend.iptr v1
                v6 = iadd.iptr v0, v5
                v7 = load.i32 heap_out_of_bounds v6
                v13 = iadd.i32 v7, v2
                store heap_out_of_bounds v13, v6
                return v13
            }

            """, Printer.Print(f));
    }

    [Fact]
    public void NoAliasesSurviveAPassManagerRun()
    {
        var f = Parser.ParseFunction("""
            function %t(i32) -> i32 {
            block0(v0: i32):
                v1 = iadd.i32 v0, v0
                v2 = iadd.i32 v0, v0
                jump block1(v2)
            block1(v3: i32):
                v4 = imul.i32 v3, v1
                return v4
            }
            """);
        new PassManager().Add(new GlobalValueNumbering()).Add(new SimplifyBranches()).Run(f);
        foreach (var b in f.Layout.Blocks)
        {
            foreach (var inst in f.Layout.Insts(b))
            {
                foreach (var a in f.Dfg.Args(inst))
                {
                    Assert.NotEqual(ValueKind.Alias, f.Dfg.ValueInfo(a).Kind);
                }
            }
        }
        Assert.Contains("v4 = imul.i32 v1, v1", Printer.Print(f));
    }

    [Fact]
    public void BuiltFunctionSurvivesPipelineAndRoundTrips()
    {
        // factorial with variables, then optimize, print, parse, print.
        var f = new Function("fact", new Signature([IrType.I64], [IrType.I64]));
        var b = new FunctionBuilder(f);
        var entry = b.CreateBlock();
        var head = b.CreateBlock();
        var body = b.CreateBlock();
        var exit = b.CreateBlock();
        var n = b.DeclareVar(IrType.I64);
        var acc = b.DeclareVar(IrType.I64);
        b.AppendParamsFromSignature(entry);
        b.SwitchToBlock(entry);
        b.SealBlock(entry);
        b.DefVar(n, f.Dfg.BlockParams(entry)[0]);
        b.DefVar(acc, b.Ins().Iconst(IrType.I64, 1));
        b.Ins().Jump(head);
        b.SwitchToBlock(head);
        var one = b.Ins().Iconst(IrType.I64, 1);
        b.Ins().Brif(b.Ins().Icmp(IntCC.Sgt, b.UseVar(n), one), body, exit);
        b.SwitchToBlock(body);
        b.SealBlock(body);
        b.DefVar(acc, b.Ins().Imul(b.UseVar(acc), b.UseVar(n)));
        b.DefVar(n, b.Ins().Isub(b.UseVar(n), b.Ins().Iconst(IrType.I64, 1)));
        b.Ins().Jump(head);
        b.SealBlock(head);
        b.SwitchToBlock(exit);
        b.SealBlock(exit);
        b.Ins().Return(b.UseVar(acc));
        b.Finish();
        IrAssert.Verifies(f);

        PassManager.Default(verify: true).RunToFixpoint(f);
        var text = Printer.Print(f);
        Assert.Equal(text, Printer.Print(Parser.ParseFunction(text)));
        // GVN folds the header's and the body's constant 1 into the entry's, which dominates both.
        Assert.Equal("""
            function %fact(i64) -> i64 {
            block0(v0: i64):
                v1 = iconst.i64 1
                jump block1(v0, v1)
            block1(v3: i64, v5: i64):
                v4 = icmp.i64 sgt v3, v1
                brif v4, block2, block3
            block2:
                v6 = imul.i64 v5, v3
                v8 = isub.i64 v3, v1
                jump block1(v8, v6)
            block3:
                return v5
            }

            """, text);
        Assert.Equal(4, f.Layout.BlockCountInLayout);
    }
}
