namespace Kiln.Codegen;

/// <summary>
/// A call that may unwind into its own function: when a callee unwinds to the frame of this call (the return
/// address is <see cref="ReturnOffset"/>), execution resumes at <see cref="LandingOffset"/> with the frame's
/// stack and frame pointers and every other register clobbered. Offsets are from the function's start.
/// A function with landing sites saves every callee-saved register, since unwinding skips the epilogues that
/// would restore them.
/// </summary>
public readonly record struct LandingSite(int ReturnOffset, int LandingOffset);
