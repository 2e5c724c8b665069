namespace Kiln.Codegen;

/// <summary>
/// How a relocation patches the code, per target. S is the symbol's address, A the addend, P the address of the
/// patched field (x86-64) or instruction (AArch64). Applied by <see cref="Relocations.Apply"/>.
/// </summary>
public enum RelocKind : byte
{
    /// <summary>x86-64: the 32-bit field at P holds S + A - P (call rel32, RIP-relative lea with A = -4).</summary>
    X64PcRel32,
    /// <summary>AArch64 BL/B: imm26 (bits 0-25) of the instruction at P holds (S + A - P) / 4.</summary>
    Arm64Call26,
}
