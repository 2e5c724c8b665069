namespace Kiln.Compiler.Translate;

/// <summary>How a row of <see cref="NumericOps"/> is emitted.</summary>
public enum NumericKind : byte
{
    /// <summary>Not a simple numeric instruction.</summary>
    None,

    /// <summary>Pop two, push <c>op a, b</c>.</summary>
    Binary,

    /// <summary>Pop one, push <c>op.T a</c> with the row's controlling type (the result type for conversions,
    /// the operand type for eqz).</summary>
    Unary,

    /// <summary>Pop two, push <c>icmp cc a, b</c>.</summary>
    IntCompare,

    /// <summary>Pop two, push <c>fcmp cc a, b</c>.</summary>
    FloatCompare,
}
