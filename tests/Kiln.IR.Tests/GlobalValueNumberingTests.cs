using Kiln.IR.Passes;

namespace Kiln.IR.Tests;

public class GlobalValueNumberingTests
{
    [Fact]
    public void MergesPureDuplicatesIncludingCommutedOperands()
    {
        IrAssert.PassProduces(new GlobalValueNumbering(), """
            function %t(i32, i32) -> i32 {
            block0(v0: i32, v1: i32):
                v2 = iadd.i32 v0, v1
                v3 = iadd.i32 v1, v0
                v4 = isub.i32 v0, v1
                v5 = isub.i32 v1, v0
                v6 = iconst.i32 7
                v7 = iconst.i32 7
                v8 = imul.i32 v2, v6
                v9 = imul.i32 v3, v7
                v10 = iadd.i32 v4, v5
                v11 = iadd.i32 v8, v9
                v12 = iadd.i32 v10, v11
                return v12
            }
            """, """
            function %t(i32, i32) -> i32 {
            block0(v0: i32, v1: i32):
                v2 = iadd.i32 v0, v1
                v4 = isub.i32 v0, v1
                v5 = isub.i32 v1, v0
                v6 = iconst.i32 7
                v8 = imul.i32 v2, v6
                v10 = iadd.i32 v4, v5
                v11 = iadd.i32 v8, v8
                v12 = iadd.i32 v10, v11
                return v12
            }

            """);
    }

    [Fact]
    public void OnlyDominatingDefinitionsAreReused()
    {
        // The add in block1 does not dominate block2's; block3's is dominated by block0's.
        IrAssert.PassProduces(new GlobalValueNumbering(), """
            function %t(i32) -> i32 {
            block0(v0: i32):
                v1 = icmp.i32 eq v0, v0
                brif v0, block1, block2
            block1:
                v2 = iadd.i32 v0, v0
                jump block3(v2)
            block2:
                v3 = iadd.i32 v0, v0
                jump block3(v3)
            block3(v4: i32):
                v5 = icmp.i32 eq v0, v0
                v6 = icmp.i32 ne v0, v0
                v7 = iadd.i32 v5, v6
                return v7
            }
            """, """
            function %t(i32) -> i32 {
            block0(v0: i32):
                v1 = icmp.i32 eq v0, v0
                brif v0, block1, block2
            block1:
                v2 = iadd.i32 v0, v0
                jump block3(v2)
            block2:
                v3 = iadd.i32 v0, v0
                jump block3(v3)
            block3(v4: i32):
                v6 = icmp.i32 ne v0, v0
                v7 = iadd.i32 v1, v6
                return v7
            }

            """);
    }

    [Fact]
    public void LoadsTrappingOpsAndCallsAreNotMerged()
    {
        var text = """
            function %t(iptr, i32) -> i32 {
                sig0 = () -> i32
                fn0 = %g sig0
            block0(v0: iptr, v1: i32):
                v2 = load.i32 notrap v0
                v3 = load.i32 notrap v0
                v4 = sdiv.i32 v1, v2
                v5 = sdiv.i32 v1, v2
                v6 = call fn0()
                v7 = call fn0()
                v8 = iadd.i32 v3, v4
                v9 = iadd.i32 v5, v6
                v10 = iadd.i32 v7, v8
                v11 = iadd.i32 v9, v10
                return v11
            }

            """;
        IrAssert.PassProduces(new GlobalValueNumbering(), text, text, expectChange: false);
    }

    [Fact]
    public void DifferentTypesImmediatesAndConditionsStayApart()
    {
        var text = """
            function %t(i32) -> i64, i32, i32, i32 {
            block0(v0: i32):
                v1 = iconst.i64 1
                v2 = iconst.i32 1
                v3 = iconst.i32 2
                v4 = icmp.i32 slt v0, v2
                v5 = icmp.i32 ult v0, v2
                v6 = iadd.i32 v3, v4
                return v1, v5, v6, v2
            }

            """;
        IrAssert.PassProduces(new GlobalValueNumbering(), text, text, expectChange: false);
    }
}
