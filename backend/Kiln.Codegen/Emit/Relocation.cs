namespace Kiln.Codegen;

public enum RelocKind : byte
{
    /// <summary>x86-64: 32-bit PC-relative (call/jmp rel32, RIP-relative operand): S + A - P.</summary>
    X64PcRel32,
    /// <summary>Absolute 64-bit address: S + A.</summary>
    Abs64,
    /// <summary>AArch64 BL/B imm26: (S + A - P) &gt;&gt; 2.</summary>
    Arm64Call26,
    /// <summary>AArch64 ADRP page: Page(S + A) - Page(P).</summary>
    Arm64AdrPrelPgHi21,
    /// <summary>AArch64 ADD :lo12: (S + A) &amp; 0xfff.</summary>
    Arm64AddAbsLo12,
}

public enum RelocTargetKind : byte
{
    /// <summary>Another compiled function, by its index in the module's function space.</summary>
    Function,
    /// <summary>A routine of the runtime or a libcall, by name.</summary>
    Runtime,
}

/// <summary>What a relocation points at.</summary>
public readonly record struct RelocTarget(RelocTargetKind Kind, int Index, string? Name)
{
    public static RelocTarget Function(int index) => new(RelocTargetKind.Function, index, null);
    public static RelocTarget Runtime(string name) => new(RelocTargetKind.Runtime, -1, name);
    public override string ToString() => Kind == RelocTargetKind.Function ? $"func{Index}" : Name!;
}

/// <summary>A patch the linker or loader applies at <see cref="Offset"/> once target addresses are known.</summary>
public readonly record struct Relocation(int Offset, RelocKind Kind, RelocTarget Target, long Addend);

/// <summary>Code from <see cref="CodeOffset"/> on came from source (wasm byte) offset <see cref="SourceOffset"/>.</summary>
public readonly record struct SourceLoc(int CodeOffset, int SourceOffset);
