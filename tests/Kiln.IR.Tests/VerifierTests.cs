using Kiln.IR.Text;

namespace Kiln.IR.Tests;

public class VerifierTests
{
    private static string SingleError(string text)
    {
        var errors = Verifier.Verify(Parser.ParseFunction(text));
        Assert.Single(errors);
        return errors[0];
    }

    [Fact]
    public void UseNotDominatedByDefinition()
    {
        var e = SingleError("""
            function %f(i32) -> i32 {
            block0(v0: i32):
                brif v0, block1, block2
            block1:
                v1 = iconst.i32 1
                jump block2
            block2:
                return v1
            }
            """);
        Assert.StartsWith("block2: return v1:", e);
        Assert.Contains("not dominated", e);
    }

    [Fact]
    public void UseBeforeDefinitionInTheSameBlock()
    {
        var e = SingleError("""
            function %f() -> i32 {
            block0:
                v1 = iadd.i32 v2, v2
                v2 = iconst.i32 1
                return v1
            }
            """);
        Assert.Contains("block0: v1 = iadd.i32 v2, v2", e);
        Assert.Contains("not dominated", e);
    }

    [Fact]
    public void OperandTypeMismatch()
    {
        var e = SingleError("""
            function %f(i32, i64) -> i32 {
            block0(v0: i32, v1: i64):
                v2 = iadd.i32 v0, v1
                return v2
            }
            """);
        Assert.Contains("v2 = iadd.i32 v0, v1", e);
        Assert.Contains("operand 1 has type i64, expected i32", e);
    }

    [Fact]
    public void ControllingTypeNotAllowed()
    {
        var e = SingleError("""
            function %f(f32) -> f32 {
            block0(v0: f32):
                v1 = iadd.f32 v0, v0
                return v1
            }
            """);
        Assert.Contains("type f32 is not allowed for iadd", e);
    }

    [Fact]
    public void BranchArgumentCountAndType()
    {
        var errors = Verifier.Verify(Parser.ParseFunction("""
            function %f(i32, i64) {
            block0(v0: i32, v1: i64):
                brif v0, block1(v0), block1(v1)
            block1(v2: i32):
                jump block2
            block2(v3: i32):
                return
            }
            """));
        Assert.Equal(2, errors.Count);
        Assert.Contains(errors, e => e.StartsWith("block0:") && e.Contains("argument 0 to block1 is i64"));
        Assert.Contains(errors, e => e.StartsWith("block1: jump block2:") && e.Contains("takes 1 argument(s), 0 given"));
    }

    [Fact]
    public void ReturnTypesMustMatchSignature()
    {
        var e = SingleError("""
            function %f(i64) -> i32 {
            block0(v0: i64):
                return v0
            }
            """);
        Assert.Contains("operand 0 has type i64, expected i32", e);
        var e2 = SingleError("""
            function %f(i32) -> i32, i32 {
            block0(v0: i32):
                return v0
            }
            """);
        Assert.Contains("return takes 2 operand(s), has 1", e2);
    }

    [Fact]
    public void TerminatorMustEndTheBlock()
    {
        var errors = Verifier.Verify(Parser.ParseFunction("""
            function %f() {
            block0:
                return
                v0 = iconst.i32 1
            }
            """));
        Assert.Contains(errors, e => e.StartsWith("block0: return:") && e.Contains("terminator before the end"));
        Assert.Contains(errors, e => e.Contains("does not end in a terminator"));
    }

    [Fact]
    public void EntryParamsMustMatchSignature()
    {
        var e = SingleError("""
            function %f(i32) {
            block0(v0: i64):
                return
            }
            """);
        Assert.Contains("entry parameters", e);
    }

    [Fact]
    public void ConversionWidths()
    {
        var e = SingleError("""
            function %f(i64) -> i64 {
            block0(v0: i64):
                v1 = uextend.i64 v0
                return v1
            }
            """);
        Assert.Contains("cannot convert i64 to i64 with uextend", e);
        var e2 = SingleError("""
            function %f(i64) -> f32 {
            block0(v0: i64):
                v1 = bitcast.f32 v0
                return v1
            }
            """);
        Assert.Contains("cannot convert i64 to f32 with bitcast", e2);
    }

    [Fact]
    public void LoadAddressMustBePointer()
    {
        var e = SingleError("""
            function %f(i32) -> i32 {
            block0(v0: i32):
                v1 = load.i32 heap_out_of_bounds v0
                return v1
            }
            """);
        Assert.Contains("operand 0 has type i32, expected iptr", e);
    }

    [Fact]
    public void CallArgumentsFollowTheCalleeSignature()
    {
        var e = SingleError("""
            function %f(i32) {
                sig0 = (i64)
                fn0 = %g sig0
            block0(v0: i32):
                call fn0(v0)
                return
            }
            """);
        Assert.Contains("call fn0(v0)", e);
        Assert.Contains("expected i64", e);
    }

    [Fact]
    public void BranchToEntryIsRejected()
    {
        var e = SingleError("""
            function %f() {
            block0:
                jump block0
            }
            """);
        Assert.Contains("branch to the entry block", e);
    }

    [Fact]
    public void UnreachableBlocksAreNotDominanceChecked()
    {
        Assert.Empty(Verifier.Verify(Parser.ParseFunction("""
            function %f() -> i32 {
            block0:
                v0 = iconst.i32 0
                return v0
            block1:
                v1 = iadd.i32 v2, v2
                jump block2
            block2:
                v2 = iconst.i32 1
                jump block1
            }
            """)));
    }
}
