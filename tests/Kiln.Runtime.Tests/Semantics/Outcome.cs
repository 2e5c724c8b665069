using Kiln.Wasm.Model;
namespace Kiln.Runtime.Tests.Semantics;

/// <summary>What one call of an instruction must give: a value (exact bits), a NaN of a class, or a trap.</summary>
internal abstract record Outcome
{
    public static implicit operator Outcome(Value value) => new Returns(value);
}

/// <summary>Exactly this value, compared bit for bit (so -0 is not 0 and a NaN's payload counts).</summary>
internal sealed record Returns(Value Value) : Outcome;

/// <summary>
/// A NaN of the spec's class (§4.3.3): canonical (quiet bit only, either sign) when every NaN operand was
/// canonical or the NaN arose from non-NaN operands; arithmetic (quiet bit set, any payload) otherwise.
/// </summary>
internal sealed record ReturnsNan(ValType Type, bool Canonical) : Outcome;

/// <summary>The call traps with this code.</summary>
internal sealed record Traps(TrapCode Code) : Outcome;
