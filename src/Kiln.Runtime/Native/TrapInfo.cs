using System.Runtime.InteropServices;

namespace Kiln.Runtime.Native;

/// <summary>How a <see cref="NativeRuntime.Call"/> ended (kilnrt_call's result).</summary>
internal enum TrapKind
{
    /// <summary>The entered function returned normally.</summary>
    None = 0,

    /// <summary>A hardware fault (SIGSEGV, SIGBUS, SIGILL, SIGFPE) in registered code.</summary>
    Signal = 1,

    /// <summary>Generated code or a trampoline called kilnrt_trap_raise with an explicit code.</summary>
    Raised = 2,

    /// <summary>kilnrt_throw found no landing site: an uncaught wasm exception (its exnref in FaultAddress).</summary>
    Exception = 3,
}

/// <summary>
/// The trap record filled by kilnrt_call: same layout as <c>kilnrt_trap</c> in kilnrt.h (32 bytes).
/// The runtime maps <see cref="Pc"/> through the trap table to a wasm trap code for signal traps.
/// </summary>
[StructLayout(LayoutKind.Sequential)]
internal readonly struct TrapInfo
{
    public readonly TrapKind Kind;

    /// <summary>Signal number for <see cref="TrapKind.Signal"/>, else 0.</summary>
    public readonly int Signal;

    /// <summary>The code passed to kilnrt_trap_raise; 0 for signal traps.</summary>
    public readonly uint Code;

    private readonly uint _reserved;

    /// <summary>The faulting instruction, or the return address of the kilnrt_trap_raise call.</summary>
    public readonly ulong Pc;

    /// <summary>si_addr of the signal (the inaccessible address for SIGSEGV); 0 for raised traps.</summary>
    public readonly ulong FaultAddress;

    public TrapInfo(TrapKind kind, int signal, uint code, ulong pc, ulong faultAddress)
    {
        Kind = kind;
        Signal = signal;
        Code = code;
        _reserved = 0;
        Pc = pc;
        FaultAddress = faultAddress;
    }

    /// <summary>Linux signal numbers (the same on x86-64 and AArch64).</summary>
    public const int SIGILL = 4, SIGBUS = 7, SIGFPE = 8, SIGSEGV = 11;

    public string SignalName => Signal switch
    {
        SIGILL => "SIGILL",
        SIGBUS => "SIGBUS",
        SIGFPE => "SIGFPE",
        SIGSEGV => "SIGSEGV",
        _ => $"signal {Signal}",
    };

    public override string ToString() => Kind switch
    {
        TrapKind.None => "no trap",
        TrapKind.Signal => $"{SignalName} at pc 0x{Pc:x} (address 0x{FaultAddress:x})",
        TrapKind.Raised => $"trap code {Code} raised at 0x{Pc:x}",
        _ => $"unknown trap kind {(int)Kind}",
    };
}
