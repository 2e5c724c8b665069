using Kiln.IR;

namespace Kiln.Codegen;

/// <summary>
/// One target machine, as everything above the backend sees it (Cranelift's <c>TargetIsa</c>, wazevo's
/// <c>Machine</c>): compile a function, its register environment and calling convention, its optional CPU features
/// (names, defaults, and the one probe of the host), how code is padded between functions, how relocations are
/// applied, and a disassembler. The module compiler, linker, artifact writer and reader, listing and loader go
/// through this, never through a target's own types; the compiler picks the instance by target name or machine.
/// </summary>
public abstract class TargetIsa
{
    public abstract Architecture Architecture { get; }

    /// <summary>The <c>--target</c> name (<c>x86_64</c>, <c>aarch64</c>).</summary>
    public abstract string Name { get; }

    /// <summary>Registers as the allocator sees them.</summary>
    public abstract MachineEnv MachineEnv { get; }

    /// <summary>Kiln's internal calling convention on this target.</summary>
    public abstract CallingConvention CallingConvention { get; }

    /// <summary>Compiles one IR function (lower, allocate registers, emit) using at most <paramref name="features"/>.</summary>
    /// <exception cref="UnsupportedFeatureException">The function uses something this target cannot compile yet.</exception>
    public abstract CompiledFunction Compile(Function f, CpuFeatures features);

    /// <summary>The function's VCode after instruction selection, or after register allocation too
    /// (<see cref="VCodePrinter"/>): what golden tests pin per target.</summary>
    public abstract string PrintVCode(Function f, CpuFeatures features, bool allocated);

    // ---- CPU features ----

    /// <summary>What generated code always needs.</summary>
    public abstract CpuFeatures BaselineFeatures { get; }

    /// <summary>What code is compiled for unless told otherwise.</summary>
    public abstract CpuFeatures DefaultFeatures { get; }

    /// <summary>Names of feature bits 0, 1, 2, … (lower case).</summary>
    public abstract IReadOnlyList<string> FeatureNames { get; }

    /// <summary>The features this machine offers; none when the host is another architecture.</summary>
    public abstract CpuFeatures HostFeatures();

    /// <summary>The best this machine runs: the baseline plus whatever of the defaults the host has.</summary>
    public CpuFeatures NativeFeatures() => (HostFeatures() & DefaultFeatures) | BaselineFeatures;

    /// <summary>Whether the process runs on this architecture (so its code can be executed here).</summary>
    public bool IsHost => System.Runtime.InteropServices.RuntimeInformation.ProcessArchitecture == Architecture switch
    {
        Architecture.X86_64 => System.Runtime.InteropServices.Architecture.X64,
        _ => System.Runtime.InteropServices.Architecture.Arm64,
    };

    /// <summary>Lower-case list such as "sse41 popcnt lzcnt", or "none"; unknown bits are shown in hex.</summary>
    public string DescribeFeatures(CpuFeatures f)
    {
        if (f.IsEmpty) return "none";
        var parts = new List<string>();
        uint unknown = 0;
        for (int bit = 0; bit < 32; bit++)
        {
            if ((f.Bits & (1u << bit)) == 0) continue;
            if (bit < FeatureNames.Count) parts.Add(FeatureNames[bit]);
            else unknown |= 1u << bit;
        }
        if (unknown != 0) parts.Add($"unknown 0x{unknown:x}");
        return string.Join(' ', parts);
    }

    // ---- linking and listing ----

    /// <summary>Fills the gaps between functions with something that traps if ever executed.</summary>
    public abstract void FillPadding(Span<byte> gap);

    /// <summary>Patches relocation <paramref name="r"/> of code placed at <paramref name="codeAddress"/> (inside
    /// <paramref name="code"/>, which starts at <paramref name="codeAddress"/>) for a symbol at <paramref name="symbolAddress"/>.</summary>
    public virtual void ApplyRelocation(Span<byte> code, long codeAddress, in Relocation r, int codeOffset, long symbolAddress) =>
        Relocations.Apply(code, codeOffset + r.Offset, r.Kind, r.Addend, codeAddress + codeOffset + r.Offset, symbolAddress);

    /// <summary>
    /// Decodes <paramref name="length"/> bytes of <paramref name="code"/> from <paramref name="start"/>, the first at
    /// address <paramref name="address"/>, stopping after the first invalid instruction (which is returned, marked).
    /// With <paramref name="pcRelativeAsTarget"/>, PC-relative operands print as the address they reach.
    /// </summary>
    public abstract List<DecodedInstruction> Disassemble(byte[] code, int start, int length, long address, bool pcRelativeAsTarget);
}
