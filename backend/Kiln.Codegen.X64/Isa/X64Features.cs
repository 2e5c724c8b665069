namespace Kiln.Codegen.X64;

/// <summary>
/// The optional x86-64 extensions, as bits of the shared <see cref="CpuFeatures"/>. The backend requires SSE4.1
/// (roundss/roundsd) and POPCNT (x86-64-v2); LZCNT and TZCNT (BMI1) are used when enabled and replaced by bsr/bsf
/// sequences otherwise. Each compiled function reports which ones its code uses, for the artifact's record.
/// </summary>
public static class X64Features
{
    public static CpuFeatures Sse41 => new(1);
    public static CpuFeatures Popcnt => new(2);
    public static CpuFeatures Lzcnt => new(4);
    public static CpuFeatures Bmi1 => new(8);

    /// <summary>What the backend cannot do without.</summary>
    public static CpuFeatures Baseline => Sse41 | Popcnt;

    /// <summary>What code is compiled for unless told otherwise.</summary>
    public static CpuFeatures Default => Baseline | Lzcnt | Bmi1;

    /// <summary>Names of bits 0, 1, 2, … (lower case, as artifact records and <c>--cpu</c> print them).</summary>
    public static readonly string[] Names = ["sse41", "popcnt", "lzcnt", "bmi1"];

    /// <summary>What this machine offers (none when it is not x86-64): the one host probe.</summary>
    public static CpuFeatures Host()
    {
        var f = CpuFeatures.None;
        if (System.Runtime.Intrinsics.X86.Sse41.IsSupported) f |= Sse41;
        if (System.Runtime.Intrinsics.X86.Popcnt.IsSupported) f |= Popcnt;
        if (System.Runtime.Intrinsics.X86.Lzcnt.IsSupported) f |= Lzcnt;
        if (System.Runtime.Intrinsics.X86.Bmi1.IsSupported) f |= Bmi1;
        return f;
    }
}
