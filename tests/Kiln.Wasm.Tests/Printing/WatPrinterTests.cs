using Kiln.Wasm.Instructions;
using Kiln.Wasm.Model;
using Kiln.Wasm.Text.Printing;

namespace Kiln.Wasm.Tests.Printing;

public class WatPrinterTests
{
    [Fact]
    public void Dump()
    {
        Console.WriteLine(WatPrinter.Print(SampleModules.Everything()));
        Console.WriteLine(WatPrinter.Print(SampleModules.Named()));
        File.WriteAllText("/tmp/everything.wat", WatPrinter.Print(SampleModules.Everything()));
        File.WriteAllText("/tmp/named.wat", WatPrinter.Print(SampleModules.Named()));
    }
}
