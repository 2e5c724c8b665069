using Kiln.IR.Text;

namespace Kiln.Codegen.X64.Tests;

internal static class Golden
{
    public static string Disasm(string ir, CompileOptions? options = null)
    {
        var f = Parser.ParseFunction(ir);
        var c = X64Backend.Compile(f, options);
        return Disassembler.Print(c);
    }

    public static void Check(string ir, string expected, CompileOptions? options = null)
    {
        var actual = Disasm(ir, options);
        if (Normalize(actual) != Normalize(expected))
            Assert.Fail("disassembly differs; actual:\n" + actual);
    }

    private static string Normalize(string s) => s.Replace("\r", "").Trim();
}
