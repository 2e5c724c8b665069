using Kiln.IR.Passes;
using Kiln.IR.Text;

namespace Kiln.IR.Tests;

/// <summary>Helpers for IR-in, IR-out tests.</summary>
internal static class IrAssert
{
    /// <summary>Parses <paramref name="input"/>, checks it verifies, runs the pass, and compares the
    /// printed result (which must verify too) with <paramref name="expected"/>.</summary>
    public static void PassProduces(IPass pass, string input, string expected, bool expectChange = true)
    {
        var f = Parser.ParseFunction(input);
        Assert.Empty(Verifier.Verify(f));
        var changed = new PassManager { VerifyEachPass = true }.Add(pass).Run(f);
        Assert.Equal(expected, Printer.Print(f));
        Assert.Equal(expectChange, changed);
    }

    public static void Verifies(Function f)
    {
        var errors = Verifier.Verify(f);
        Assert.True(errors.Count == 0, string.Join("\n", errors) + "\n" + Printer.Print(f));
    }
}
