using Kiln.IR;
using Kiln.Wasm.Model;

namespace Kiln.Compiler.Translate;

/// <summary>
/// One open wasm block during translation. The block's parameter and result values live on the operand
/// stack; <see cref="Dest"/> (the join block after <c>end</c>) is created only when something branches to it,
/// so a block nobody branches out of costs no IR block.
/// </summary>
internal struct ControlFrame
{
    public FrameKind Kind;
    public ValType[] Params;
    public ValType[] Results;

    /// <summary>Operand stack height below the frame's parameters.</summary>
    public int Height;

    /// <summary>Join block (params = results), or None while nothing has branched to it.</summary>
    public Block Dest;

    /// <summary>Loop header (params = the loop's params): the target of branches to a loop.</summary>
    public Block Header;

    /// <summary>For if: the block the false edge goes to.</summary>
    public Block ElseBlock;

    /// <summary>For if: where the parameter values are saved (in the translator's saved-values arena) for the else arm.</summary>
    public int SavedStart;

    /// <summary>For try_table with catch clauses: the landing block calls inside it unwind to (None without clauses).</summary>
    public Block Landing;

    /// <summary>For try_table: the frame index of the enclosing landing scope when it opened (-1: none).</summary>
    public int OuterLandingFrame;

    /// <summary>For try_table: its catch clauses in the translator's clause arena, and how many calls unwind to it.</summary>
    public int CatchStart, CatchCount, LandingUses;
}
