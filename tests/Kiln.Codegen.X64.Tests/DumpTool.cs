namespace Kiln.Codegen.X64.Tests;

/// <summary>
/// Developer aid: <c>KILN_DUMP_IR=file.ir dotnet test --filter DumpTool</c> writes the listing of every function of
/// file.ir to file.ir.s. Without the variable it lists a built-in sample, so the test always checks something:
/// that the listing names each function and holds its code down to the return.
/// </summary>
public class DumpTool
{
    [Fact]
    public void ListsEveryFunctionOfTheInput()
    {
        var path = Environment.GetEnvironmentVariable("KILN_DUMP_IR");
        bool requested = !string.IsNullOrEmpty(path);
        string text = requested ? File.ReadAllText(path!) : GoldenTests.SumLoop;
        var functions = Kiln.IR.Text.Parser.ParseFunctions(text);
        Assert.NotEmpty(functions);
        string listing = Dump(functions);
        foreach (var f in functions)
            Assert.Contains($"function {f.Name} frame=", listing, StringComparison.Ordinal);
        Assert.Equal(functions.Count, CountOf(listing, "function "));
        Assert.True(CountOf(listing, ": ret") >= functions.Count, "every function's listing ends in a return:\n" + listing);
        if (requested) File.WriteAllText(path + ".s", listing);
    }

    private static string Dump(IEnumerable<Kiln.IR.Function> functions)
    {
        var sb = new System.Text.StringBuilder();
        foreach (var f in functions)
        {
            var c = X64Backend.Compile(f);
            sb.Append("function ").Append(c.Name).Append(" frame=").Append(c.FrameSize).Append(' ').Append(c.AllocStats).Append('\n');
            sb.Append(FunctionListing.Print(X64Target.Instance, c)).Append('\n');
        }
        return sb.ToString();
    }

    private static int CountOf(string s, string what)
    {
        int n = 0;
        for (int i = s.IndexOf(what, StringComparison.Ordinal); i >= 0; i = s.IndexOf(what, i + what.Length, StringComparison.Ordinal)) n++;
        return n;
    }
}
