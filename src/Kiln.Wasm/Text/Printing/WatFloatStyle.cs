namespace Kiln.Wasm.Text.Printing;

/// <summary>How the printer writes f32/f64 constants. Both read back bit-exactly.</summary>
public enum WatFloatStyle
{
    /// <summary>Hexadecimal floats (<c>0x1.8p+1</c>), as wasm2wat prints: exact by construction.</summary>
    Hex,
    /// <summary>Shortest round-trip decimal (<c>3</c>, <c>0.1</c>), as <see cref="ValueText"/> formats values.</summary>
    Decimal,
}
