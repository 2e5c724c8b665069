namespace Kiln.IR;

/// <summary>What a value is.</summary>
public enum ValueKind : byte
{
    /// <summary>A number never defined (a gap left by the parser) or a detached value.</summary>
    Invalid,
    Result,
    Param,

    /// <summary>Replaced by another value; <see cref="ValueData.Def"/> is the target's index.</summary>
    Alias,
}

/// <summary>Definition of a value: result <see cref="Num"/> of instruction <see cref="Def"/>,
/// parameter <see cref="Num"/> of block <see cref="Def"/>, or an alias of value <see cref="Def"/>.</summary>
public struct ValueData
{
    public ValueKind Kind;
    public IrType Type;
    public int Def;
    public int Num;
}
