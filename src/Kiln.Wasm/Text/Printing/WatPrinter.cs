using Kiln.Wasm.Model;

namespace Kiln.Wasm.Text.Printing;

/// <summary>
/// Prints a module in the WebAssembly text format (flat instructions, as wasm2wat does by default).
/// The output assembles back to the same module: types and indices are spelled out, float constants
/// are exact, NaN payloads kept. Custom sections, which the text format cannot hold, appear as comments.
/// Malformed code raises <see cref="Binary.WasmDecodeException"/>; invalid indices print as they are.
/// </summary>
public static class WatPrinter
{
    public static void Print(WasmModule module, TextWriter output) => Print(module, output, WatPrinterOptions.Default);

    public static void Print(WasmModule module, TextWriter output, WatPrinterOptions options)
    {
        ArgumentNullException.ThrowIfNull(module);
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(options);
        new ModulePrinter(module, output, options).Print();
    }

    public static string Print(WasmModule module) => Print(module, WatPrinterOptions.Default);

    public static string Print(WasmModule module, WatPrinterOptions options)
    {
        var sw = new StringWriter(System.Globalization.CultureInfo.InvariantCulture) { NewLine = "\n" };
        Print(module, sw, options);
        return sw.ToString();
    }
}
