namespace Kiln.Codegen.X64;

/// <summary>
/// Optional x86-64 extensions. The backend requires SSE4.1 (roundss/roundsd) and POPCNT (x86-64-v2); LZCNT and
/// TZCNT (BMI1) are used when enabled and replaced by bsr/bsf sequences otherwise. Each compiled function
/// reports which ones its code uses, for the artifact's compatibility record.
/// </summary>
[Flags]
public enum CpuFeatures
{
    None = 0,
    Sse41 = 1,
    Popcnt = 2,
    Lzcnt = 4,
    Bmi1 = 8,

    /// <summary>What the backend cannot do without.</summary>
    Baseline = Sse41 | Popcnt,
}
