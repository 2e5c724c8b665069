namespace Kiln.Wasm.Text.Lexing;

/// <summary>Outcome of reading a numeric literal: the two failures map to the spec's
/// "unexpected token"/"unknown operator" (not a number at all) and "constant out of range".</summary>
public enum NumberStatus : byte
{
    Ok,
    Malformed,
    OutOfRange,
}
