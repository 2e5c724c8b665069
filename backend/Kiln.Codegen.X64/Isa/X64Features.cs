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
    /// <remarks>
    /// Asks CPUID rather than <c>Lzcnt.IsSupported</c> and friends: in a Native AOT kiln those answer for the
    /// instruction set the executable was compiled for (x86-64-v2), not for the machine it runs on, and the
    /// compiler would then leave out LZCNT and TZCNT on every machine.
    /// </remarks>
    public static CpuFeatures Host()
    {
        if (!System.Runtime.Intrinsics.X86.X86Base.IsSupported)
            return CpuFeatures.None;
        var f = CpuFeatures.None;
        var (maxLeaf, _, _, _) = CpuId(0);
        var (_, _, ecx1, _) = CpuId(1);
        if ((ecx1 & (1 << 19)) != 0) f |= Sse41;
        if ((ecx1 & (1 << 23)) != 0) f |= Popcnt;
        var (maxExtended, _, _, _) = CpuId(unchecked((int)0x8000_0000));
        if ((uint)maxExtended >= 0x8000_0001 && (CpuId(unchecked((int)0x8000_0001)).Ecx & (1 << 5)) != 0) f |= Lzcnt; // ABM
        if (maxLeaf >= 7 && (CpuId(7).Ebx & (1 << 3)) != 0) f |= Bmi1;
        return f;
    }

    private static (int Eax, int Ebx, int Ecx, int Edx) CpuId(int leaf) => System.Runtime.Intrinsics.X86.X86Base.CpuId(leaf, 0);
}
