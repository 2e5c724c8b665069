using Kiln.IR.Passes;

namespace Kiln.IR.Tests;

public class SimplifyBranchesTests
{
    [Fact]
    public void BrifOnConstantBecomesJumpAndDeadArmDisappears()
    {
        IrAssert.PassProduces(new SimplifyBranches(), """
            function %t(i32) -> i32 {
            block0(v0: i32):
                v1 = iconst.i32 0
                brif v1, block1(v0), block2(v1)
            block1(v2: i32):
                return v2
            block2(v3: i32):
                v4 = iadd.i32 v3, v0
                return v4
            }
            """, """
            function %t(i32) -> i32 {
            block0(v0: i32):
                v1 = iconst.i32 0
                v4 = iadd.i32 v1, v0
                return v4
            }

            """);
    }

    [Fact]
    public void JumpIsNotThreadedThroughALoopHeaderWhoseParamsTheBodyReads()
    {
        // Reduced from a wasm function: block1 shrinks to a jump once brif v9 folds, but the loop body reads
        // its parameter v6, so bypassing block1 would leave v6 undefined.
        IrAssert.PassProduces(new SimplifyBranches(), """
            function %t(i32) {
            block0(v0: i32):
                v9 = iconst.i32 0
                jump block1(v9)
            block1(v6: i32):
                brif v9, block2, block3
            block3:
                jump block2
            block2:
                v7 = iconst.i32 1
                v8 = isub.i32 v6, v7
                brif v8, block1(v8), block4
            block4:
                return
            }
            """, """
            function %t(i32) {
            block0(v0: i32):
                v9 = iconst.i32 0
                jump block1(v9)
            block1(v6: i32):
                v7 = iconst.i32 1
                v8 = isub.i32 v6, v7
                brif v8, block1(v8), block4
            block4:
                return
            }

            """);
    }

    [Fact]
    public void BrTableOnConstantPicksTargetOrDefault()
    {
        const string Template = """
            function %t(i32) -> i32 {
            block0(v0: i32):
                v1 = iconst.i32 INDEX
                br_table v1, block3, [block1, block2]
            block1:
                trap unreachable
            block2:
                return v0
            block3:
                trap integer_overflow
            }
            """;
        IrAssert.PassProduces(new SimplifyBranches(), Template.Replace("INDEX", "1"), """
            function %t(i32) -> i32 {
            block0(v0: i32):
                v1 = iconst.i32 1
                return v0
            }

            """);
        // Out of range (as unsigned: -1 is huge) goes to the default.
        IrAssert.PassProduces(new SimplifyBranches(), Template.Replace("INDEX", "-1"), """
            function %t(i32) -> i32 {
            block0(v0: i32):
                v1 = iconst.i32 -1
                trap integer_overflow
            }

            """);
    }

    [Fact]
    public void ThreadsEmptyBlocksSubstitutingParams()
    {
        // block1 and block2 only forward; brif's edges go straight to block3 with mapped arguments.
        IrAssert.PassProduces(new SimplifyBranches(), """
            function %t(i32, i32) -> i32 {
            block0(v0: i32, v1: i32):
                brif v0, block1(v1), block2
            block1(v2: i32):
                jump block3(v2, v0)
            block2:
                jump block3(v0, v1)
            block3(v3: i32, v4: i32):
                v5 = isub.i32 v3, v4
                return v5
            }
            """, """
            function %t(i32, i32) -> i32 {
            block0(v0: i32, v1: i32):
                brif v0, block3(v1, v0), block3(v0, v1)
            block3(v3: i32, v4: i32):
                v5 = isub.i32 v3, v4
                return v5
            }

            """);
    }

    [Fact]
    public void MergesStraightLineChains()
    {
        IrAssert.PassProduces(new SimplifyBranches(), """
            function %t(i64) -> i64 {
            block0(v0: i64):
                v1 = iadd.i64 v0, v0
                jump block1(v1)
            block1(v2: i64):
                v3 = imul.i64 v2, v2
                jump block2(v3)
            block2(v4: i64):
                v5 = isub.i64 v4, v0
                return v5
            }
            """, """
            function %t(i64) -> i64 {
            block0(v0: i64):
                v1 = iadd.i64 v0, v0
                v3 = imul.i64 v1, v1
                v5 = isub.i64 v3, v0
                return v5
            }

            """);
    }

    [Fact]
    public void RemovesParamsThatReceiveOneValueAroundALoop()
    {
        // v3 is v1 on entry and itself on the back edge: it is just v1.
        IrAssert.PassProduces(new SimplifyBranches(), """
            function %t(i32, i32) -> i32 {
            block0(v0: i32, v1: i32):
                jump block1(v0, v1)
            block1(v2: i32, v3: i32):
                v4 = isub.i32 v2, v3
                brif v4, block1(v4, v3), block2
            block2:
                return v4
            }
            """, """
            function %t(i32, i32) -> i32 {
            block0(v0: i32, v1: i32):
                jump block1(v0)
            block1(v2: i32):
                v4 = isub.i32 v2, v1
                brif v4, block1(v4), block2
            block2:
                return v4
            }

            """);
    }

    [Fact]
    public void RemovesUnreachableBlocks()
    {
        IrAssert.PassProduces(new SimplifyBranches(), """
            function %t(i32) -> i32 {
            block0(v0: i32):
                brif v0, block1, block2
            block1:
                return v0
            block2:
                trap unreachable
            block5:
                jump block6
            block6:
                jump block5
            }
            """, """
            function %t(i32) -> i32 {
            block0(v0: i32):
                brif v0, block1, block2
            block1:
                return v0
            block2:
                trap unreachable
            }

            """);
    }

    [Fact]
    public void LeavesAReducedGraphAlone()
    {
        var text = """
            function %t(i32) -> i32 {
            block0(v0: i32):
                jump block1(v0)
            block1(v1: i32):
                v2 = iconst.i32 1
                v3 = isub.i32 v1, v2
                brif v3, block1(v3), block2
            block2:
                return v3
            }

            """;
        IrAssert.PassProduces(new SimplifyBranches(), text, text, expectChange: false);
    }
}
