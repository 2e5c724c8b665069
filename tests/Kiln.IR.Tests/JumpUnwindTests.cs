using Kiln.IR.Text;

namespace Kiln.IR.Tests;

/// <summary>jump_unwind: a call's exceptional successor, in the text form, the verifier and the passes.</summary>
public class JumpUnwindTests
{
    private const string CallThatMayUnwind = """
        function %f(iptr, i32) -> i32 {
            sig0 = (iptr)
            fn0 = %callee sig0
        block0(v0: iptr, v1: i32):
            call fn0(v0)
            jump_unwind block1, unwind block2
        block1:
            return v1
        block2:
            v2 = iconst.i32 7
            return v2
        }

        """;

    [Fact]
    public void PrintsAndParsesBack()
    {
        var f = Parser.ParseFunction(CallThatMayUnwind);
        Assert.Equal(CallThatMayUnwind, Printer.Print(f));
        Assert.Empty(Verifier.Verify(f));
    }

    [Fact]
    public void MustFollowACall()
    {
        var errors = Verifier.Verify(Parser.ParseFunction("""
            function %f(i32) -> i32 {
            block0(v0: i32):
                v1 = iconst.i32 1
                jump_unwind block1, unwind block2
            block1:
                return v0
            block2:
                return v1
            }
            """));
        Assert.Contains(errors, e => e.Contains("jump_unwind must follow a call"));
    }

    [Fact]
    public void TheLandingBlockSurvivesTheMidEnd()
    {
        // Only the unwinding edge reaches block2: the passes must keep it (and not merge it into its predecessor).
        var f = Parser.ParseFunction(CallThatMayUnwind);
        Passes.PassManager.Default(verify: true).Run(f);
        var text = Printer.Print(f);
        Assert.Contains("jump_unwind", text);
        Assert.Contains("iconst.i32 7", text);
    }
}
