namespace Kiln.Wasm.Text.Printing;

/// <summary>Settings of <see cref="WatPrinter"/>. The defaults print what wasm2wat would, in spirit.</summary>
public sealed record WatPrinterOptions
{
    public static readonly WatPrinterOptions Default = new();

    public WatFloatStyle FloatStyle { get; init; } = WatFloatStyle.Hex;

    /// <summary>
    /// Prefix each instruction (and each constant expression) with its byte offset in the module binary,
    /// as a block comment <c>(;@1a4;)</c> so the output stays valid WAT. For <c>kiln objdump</c>.
    /// Offsets come from <see cref="Model.FunctionBody.CodeOffset"/> and <see cref="Model.ConstExpr.Offset"/>.
    /// </summary>
    public bool ShowOffsets { get; init; }

    /// <summary>Use names from <see cref="Model.Module.Names"/> as <c>$id</c>s where they are valid and unique.</summary>
    public bool UseNames { get; init; } = true;

    /// <summary>Add <c>;; label = @N</c> after block, loop and if, so branch depths can be followed.</summary>
    public bool LabelComments { get; init; } = true;

    /// <summary>One level of indentation.</summary>
    public string Indent { get; init; } = "  ";
}
