namespace Kiln.Codegen;

/// <summary>
/// A set of optional CPU extensions of one target, as bits the target defines (x86-64: <c>X64Features</c>).
/// Shared so the compiler, artifact record and loader handle any target's features alike; the target names
/// the bits (<see cref="TargetIsa.FeatureNames"/>).
/// </summary>
public readonly record struct CpuFeatures(uint Bits)
{
    public static CpuFeatures None => default;

    /// <summary>Every bit (a loader that never runs the code, such as a listing, accepts anything).</summary>
    public static CpuFeatures All => new(uint.MaxValue);

    public bool IsEmpty => Bits == 0;

    /// <summary>Whether every feature of <paramref name="other"/> is in this set.</summary>
    public bool Has(CpuFeatures other) => (Bits & other.Bits) == other.Bits;

    public static CpuFeatures operator |(CpuFeatures a, CpuFeatures b) => new(a.Bits | b.Bits);
    public static CpuFeatures operator &(CpuFeatures a, CpuFeatures b) => new(a.Bits & b.Bits);
    public static CpuFeatures operator ~(CpuFeatures a) => new(~a.Bits);

    public override string ToString() => $"0x{Bits:x}";
}
