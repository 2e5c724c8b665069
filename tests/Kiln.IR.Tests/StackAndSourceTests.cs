using Kiln.IR.Building;
using Kiln.IR.Text;

namespace Kiln.IR.Tests;

/// <summary>Stack slots, stack_addr, the stack-limit descriptor, the host_error trap code and the
/// source-location side table.</summary>
public class StackAndSourceTests
{
    private const string HostCall = """
        function %host(iptr, i32) -> i32 {
            sig0 = (iptr, iptr, i32) -> i32
            ss0 = stack_slot 32, align 16
            stack_limit = param0, load 8, load 0
        block0(v0: iptr, v1: i32):
            v2 = stack_addr.iptr ss0
            store notrap v1, v2
            v3 = load.iptr notrap v0
            v4 = iconst.i32 1
            v5 = call_indirect sig0, v3(v0, v2, v4)
            trapnz v5, user5
            v6 = load.i32 notrap v2+16
            return v6
        }

        """;

    [Fact]
    public void RoundTripsSlotsLimitAndHostError()
    {
        var f = Parser.ParseFunction(HostCall);
        Assert.Equal(HostCall, Printer.Print(f));
        Assert.Empty(Verifier.Verify(f));
        Assert.Equal(new StackSlotData(32, 16), f.Dfg.StackSlots[0]);
        Assert.Equal(0, f.StackLimit!.Param);
        Assert.Equal([8L, 0L], f.StackLimit.Loads);
    }

    [Fact]
    public void StackAddrIsPureAndDiesWhenUnused()
    {
        var f = Parser.ParseFunction("""
            function %f() {
                ss0 = stack_slot 8, align 8
            block0:
                v0 = stack_addr.iptr ss0
                return
            }
            """);
        Passes.PassManager.Default(verify: true).Run(f);
        Assert.DoesNotContain("stack_addr", Printer.Print(f));
    }

    [Fact]
    public void VerifierRejectsBadStackLimitAndSlot()
    {
        var f = Parser.ParseFunction("""
            function %f(i32) {
                stack_limit = param0
            block0(v0: i32):
                return
            }
            """);
        Assert.Contains(Verifier.Verify(f), e => e.Contains("stack_limit"));

        var g = new Function("g", new Signature([], [IrType.IPtr]));
        var b = new FunctionBuilder(g);
        var e = b.CreateBlock();
        b.SwitchToBlock(e);
        b.SealBlock(e);
        var a = b.Ins().StackAddr(new StackSlot(3));
        b.Ins().Return(a);
        Assert.Contains(Verifier.Verify(g), m => m.Contains("stack slot"));
    }

    [Fact]
    public void ParserRejectsUndefinedSlot()
    {
        var ex = Assert.Throws<IrParseException>(() => Parser.ParseFunction("""
            function %f() -> iptr {
            block0:
                v0 = stack_addr.iptr ss0
                return v0
            }
            """));
        Assert.Contains("undefined stack slot ss0", ex.Message);
    }

    [Fact]
    public void SourceLocationsDefaultToUnknown()
    {
        var f = new Function("f", new Signature([], []));
        Assert.Equal(-1, f.SourceLocs.Get(new Inst(5)));
        f.SourceLocs.SetRange(2, 4, 0x30);
        f.SourceLocs.Set(new Inst(100), 7);
        Assert.Equal(-1, f.SourceLocs.Get(new Inst(1)));
        Assert.Equal(0x30, f.SourceLocs.Get(new Inst(2)));
        Assert.Equal(0x30, f.SourceLocs.Get(new Inst(3)));
        Assert.Equal(-1, f.SourceLocs.Get(new Inst(4)));
        Assert.Equal(7, f.SourceLocs.Get(new Inst(100)));
    }
}
