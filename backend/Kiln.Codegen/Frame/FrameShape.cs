namespace Kiln.Codegen;

/// <summary>A target's parameters of the shared <see cref="FrameLayout"/>: what call and prologue put above the
/// callee saves, and how much of a callee-saved float register is preserved.</summary>
/// <param name="ReturnAddressSize">Pushed by the call (x86-64: 8; AArch64: 0, the address is in LR).</param>
/// <param name="SetupAreaSize">Written by the prologue before the saves (x86-64: 8, push rbp; AArch64: 16, stp fp, lr).</param>
/// <param name="FloatSaveSize">Bytes saved per callee-saved float register.</param>
public readonly record struct FrameShape(int ReturnAddressSize, int SetupAreaSize, int FloatSaveSize = 8);
