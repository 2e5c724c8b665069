namespace Kiln.Codegen;

/// <summary>
/// Positions in the linear order: four per instruction i.
/// 4i+0 Pre-read: sources of the moves inserted before i (fixed-register inputs, reused inputs) are read.
/// 4i+1 Pre-write: those moves' destinations are written (a reuse def starts here).
/// 4i+2 Early: operands read; early defs written.
/// 4i+3 Late: defs written; late uses still read.
/// Intervals are half-open [from, to); live ranges are only ever split at 4i (before an instruction),
/// so an instruction's operands always see one location per vreg.
/// </summary>
internal static class ProgramPoints
{
    public const int PreRead = 0, PreWrite = 1, Early = 2, Late = 3;

    public static int Of(int inst, int slot) => inst * 4 + slot;
    public static int InstOf(int pos) => pos >> 2;
    /// <summary>The instruction boundary at or before <paramref name="pos"/>.</summary>
    public static int Floor(int pos) => pos & ~3;
}
