namespace Kiln.Codegen;

/// <summary>Register class. A v128 lives in a <see cref="Float"/> (float/vector) register.</summary>
public enum RegClass : byte
{
    Int = 0,
    Float = 1,
}

public static class RegClasses
{
    /// <summary>Number of register classes; <see cref="PRegSet"/> holds 64 registers per class.</summary>
    public const int Count = 2;
}
