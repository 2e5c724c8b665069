namespace Kiln.Compiler.Translate;

/// <summary>What opened a control frame.</summary>
internal enum FrameKind : byte
{
    Function,
    Block,
    Loop,

    /// <summary>An <c>if</c> whose <c>else</c> has not been seen.</summary>
    If,

    /// <summary>An <c>if</c> after its <c>else</c>.</summary>
    Else,

    /// <summary>Opened in unreachable code: nothing was emitted for it, only its <c>end</c> is tracked.</summary>
    Dead,

    /// <summary>A try_table: a block whose calls may unwind to its landing block (when it has catch clauses).</summary>
    TryTable,
}
