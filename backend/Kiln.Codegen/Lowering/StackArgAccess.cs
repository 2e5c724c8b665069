namespace Kiln.Codegen;

/// <summary>The stack accesses of the shared ABI lowering (params, call arguments and results beyond the registers);
/// each target has one instruction per kind, addressed by the access's offset into its area.</summary>
public enum StackArgAccess : byte
{
    /// <summary>Loads an incoming stack parameter (offset into the caller's argument area).</summary>
    LoadIncomingArg,
    /// <summary>Stores an outgoing call argument (offset into this frame's outgoing area at the stack pointer).</summary>
    StoreOutgoingArg,
    /// <summary>Loads a call result returned on the stack (offset into the outgoing area).</summary>
    LoadOutgoingResult,
    /// <summary>Stores one of this function's stack results (offset into the caller's area above the incoming args).</summary>
    StoreReturnArea,
}
