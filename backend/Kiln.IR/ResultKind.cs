namespace Kiln.IR;

/// <summary>How an opcode's result types follow from its controlling type.</summary>
public enum ResultKind : byte
{
    None,

    /// <summary>One result of the controlling type.</summary>
    Ctrl,

    /// <summary>One i32 result (comparisons produce 0 or 1).</summary>
    I32,

    /// <summary>The results of the callee's signature.</summary>
    Signature,
}
