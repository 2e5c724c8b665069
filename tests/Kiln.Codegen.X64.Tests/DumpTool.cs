namespace Kiln.Codegen.X64.Tests;

/// <summary>Developer aid: KILN_DUMP_IR=file.ir dotnet test --filter DumpTool writes the listing to file.ir.s.</summary>
public class DumpTool
{
    [Fact]
    public void DumpIfRequested()
    {
        var path = Environment.GetEnvironmentVariable("KILN_DUMP_IR");
        if (string.IsNullOrEmpty(path)) return;
        var text = File.ReadAllText(path);
        var sb = new System.Text.StringBuilder();
        foreach (var f in Kiln.IR.Text.Parser.ParseFunctions(text))
        {
            var c = X64Backend.Compile(f);
            sb.Append("function ").Append(c.Name).Append(" frame=").Append(c.FrameSize).Append(' ').Append(c.AllocStats).Append('\n');
            sb.Append(FunctionListing.Print(X64Target.Instance, c)).Append('\n');
        }
        File.WriteAllText(path + ".s", sb.ToString());
    }
}
