using Kiln.IR.Text;

namespace Kiln.Codegen.X64.Tests;

internal static class Golden
{
    public static string Disasm(string ir)
    {
        var f = Parser.ParseFunction(ir);
        var c = X64Backend.Compile(f);
        return FunctionListing.Print(X64Target.Instance, c);
    }

    public static void Check(string ir, string expected)
    {
        var actual = Disasm(ir);
        if (Normalize(actual) != Normalize(expected))
            Assert.Fail("disassembly differs; actual:\n" + actual);
    }

    private static string Normalize(string s) => s.Replace("\r", "").Trim();
}
