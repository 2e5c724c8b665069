namespace Kiln.Verify;

/// <summary>What property an instruction breaks.</summary>
public enum ViolationKind
{
    /// <summary>Bytes that do not decode, or a branch into the middle of an instruction.</summary>
    Undecodable,

    /// <summary>An instruction outside the allowed set (system calls, interrupts, port I/O, privileged or string instructions…).</summary>
    ForbiddenInstruction,

    /// <summary>A jump leaving the function, or a call to something that is not a known function or trampoline entry.</summary>
    ControlFlowEscape,

    /// <summary>An indirect jump or call whose target is not proved to be a bounded jump table entry or a checked code pointer.</summary>
    UncheckedIndirectBranch,

    /// <summary>A memory access not proved to stay in the stack frame, the VMContext, a runtime structure it points to, or the linear memory plus its guard.</summary>
    UncheckedMemoryAccess,

    /// <summary>A call or memory access reachable before the prologue's stack-limit check.</summary>
    MissingStackCheck,
}

/// <summary>The first instruction of an artifact that breaks a sandbox property, by function and offset.</summary>
public sealed record Violation(ViolationKind Kind, string Function, int FunctionOffset, int CodeOffset, string Instruction, string Detail)
{
    public override string ToString() =>
        $"{Function}+0x{FunctionOffset:x} (code offset 0x{CodeOffset:x}): {Instruction}: {Detail} [{Kind}]";
}

/// <summary>The artifact's code breaks a sandbox property; <see cref="Violation"/> names the first instruction that does.</summary>
public sealed class VerificationException(Violation violation) : Exception($"verification failed: {violation}")
{
    public Violation Violation { get; } = violation;
}
