using Kiln.IR.Passes;

namespace Kiln.IR.Tests;

public class DeadCodeEliminationTests
{
    [Fact]
    public void RemovesUnusedPureCodeKeepsEffectsAndTraps()
    {
        IrAssert.PassProduces(new DeadCodeElimination(), """
            function %t(iptr, i32) -> i32 {
            block0(v0: iptr, v1: i32):
                v2 = iadd.i32 v1, v1
                v3 = imul.i32 v2, v2
                v4 = load.i32 notrap v0
                v5 = load.i32 heap_out_of_bounds v0+4
                v6 = udiv.i32 v1, v1
                v7 = iconst.i32 3
                store heap_out_of_bounds v7, v0+8
                return v1
            }
            """, """
            function %t(iptr, i32) -> i32 {
            block0(v0: iptr, v1: i32):
                v5 = load.i32 heap_out_of_bounds v0+4
                v6 = udiv.i32 v1, v1
                v7 = iconst.i32 3
                store heap_out_of_bounds v7, v0+8
                return v1
            }

            """);
    }

    [Fact]
    public void RemovesLoopCarriedParamUsedOnlyByItself()
    {
        // v4 counts around the loop but nothing outside the loop reads it.
        IrAssert.PassProduces(new DeadCodeElimination(), """
            function %t(i32) -> i32 {
            block0(v0: i32):
                v1 = iconst.i32 0
                jump block1(v0, v1)
            block1(v3: i32, v4: i32):
                v5 = iconst.i32 1
                v6 = iadd.i32 v4, v5
                v7 = isub.i32 v3, v5
                brif v7, block1(v7, v6), block2
            block2:
                return v7
            }
            """, """
            function %t(i32) -> i32 {
            block0(v0: i32):
                jump block1(v0)
            block1(v3: i32):
                v5 = iconst.i32 1
                v7 = isub.i32 v3, v5
                brif v7, block1(v7), block2
            block2:
                return v7
            }

            """);
    }

    [Fact]
    public void KeepsCallsAndEntryParams()
    {
        var text = """
            function %t(i32, i32) {
                sig0 = (i32) -> i32
                fn0 = %g sig0
            block0(v0: i32, v1: i32):
                v2 = call fn0(v0)
                return
            }

            """;
        IrAssert.PassProduces(new DeadCodeElimination(), text, text, expectChange: false);
    }
}
