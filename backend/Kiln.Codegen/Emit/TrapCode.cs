namespace Kiln.Codegen;

/// <summary>Why generated code trapped; recorded per faulting/trapping instruction in the trap table.</summary>
public enum TrapCode : byte
{
    StackOverflow = 0,
    HeapOutOfBounds = 1,
    TableOutOfBounds = 2,
    IndirectCallToNull = 3,
    BadSignature = 4,
    IntegerOverflow = 5,
    IntegerDivisionByZero = 6,
    BadConversionToInteger = 7,
    Unreachable = 8,
    NullReference = 9,
    UninitializedElement = 10,
}

/// <summary>The instruction at <see cref="Offset"/> may fault or trap with <see cref="Code"/>.</summary>
public readonly record struct TrapSite(int Offset, TrapCode Code);
