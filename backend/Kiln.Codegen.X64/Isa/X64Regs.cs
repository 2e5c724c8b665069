using Iced.Intel;

namespace Kiln.Codegen.X64;

/// <summary>
/// x86-64 registers as <see cref="PReg"/>s (hardware numbers), the allocator's <see cref="MachineEnv"/>
/// and the tables that turn a hardware number into an Iced register of a given width.
/// R11 and XMM15 are the scratch registers: never allocated, free inside any one instruction's expansion
/// (the move resolver only uses them between instructions).
/// </summary>
public static class X64Regs
{
    public static readonly PReg Rax = new(RegClass.Int, 0), Rcx = new(RegClass.Int, 1), Rdx = new(RegClass.Int, 2),
        Rbx = new(RegClass.Int, 3), Rsp = new(RegClass.Int, 4), Rbp = new(RegClass.Int, 5), Rsi = new(RegClass.Int, 6),
        Rdi = new(RegClass.Int, 7), R8 = new(RegClass.Int, 8), R9 = new(RegClass.Int, 9), R10 = new(RegClass.Int, 10),
        R11 = new(RegClass.Int, 11), R12 = new(RegClass.Int, 12), R13 = new(RegClass.Int, 13), R14 = new(RegClass.Int, 14),
        R15 = new(RegClass.Int, 15);

    public static PReg Xmm(int n) => new(RegClass.Float, n);

    /// <summary>Allocation order: caller-saved first (leaf code needs no saves), rcx/rdx late (shifts and division want them).</summary>
    private static readonly PReg[] IntOrder = [Rax, Rsi, Rdi, R8, R9, R10, Rdx, Rcx, Rbx, R12, R13, R14, R15];

    public static readonly PRegSet CalleeSaved = PRegSet.Of(Rbx, R12, R13, R14, R15);

    public static readonly MachineEnv Env = BuildEnv();

    private static MachineEnv BuildEnv()
    {
        var xmm = new PReg[15];
        for (int i = 0; i < 15; i++) xmm[i] = Xmm(i);
        return new MachineEnv(IntOrder, xmm, CalleeSaved, R11, Xmm(15));
    }

    private static readonly Register[] Gpr64 =
    [
        Register.RAX, Register.RCX, Register.RDX, Register.RBX, Register.RSP, Register.RBP, Register.RSI, Register.RDI,
        Register.R8, Register.R9, Register.R10, Register.R11, Register.R12, Register.R13, Register.R14, Register.R15,
    ];
    private static readonly Register[] Gpr32 =
    [
        Register.EAX, Register.ECX, Register.EDX, Register.EBX, Register.ESP, Register.EBP, Register.ESI, Register.EDI,
        Register.R8D, Register.R9D, Register.R10D, Register.R11D, Register.R12D, Register.R13D, Register.R14D, Register.R15D,
    ];
    private static readonly Register[] Gpr16 =
    [
        Register.AX, Register.CX, Register.DX, Register.BX, Register.SP, Register.BP, Register.SI, Register.DI,
        Register.R8W, Register.R9W, Register.R10W, Register.R11W, Register.R12W, Register.R13W, Register.R14W, Register.R15W,
    ];
    private static readonly Register[] Gpr8 =
    [
        Register.AL, Register.CL, Register.DL, Register.BL, Register.SPL, Register.BPL, Register.SIL, Register.DIL,
        Register.R8L, Register.R9L, Register.R10L, Register.R11L, Register.R12L, Register.R13L, Register.R14L, Register.R15L,
    ];

    /// <summary>The general register <paramref name="hw"/> at <paramref name="size"/> bytes (1, 2, 4, 8).</summary>
    public static Register Gpr(int hw, int size) => size switch
    {
        8 => Gpr64[hw],
        4 => Gpr32[hw],
        2 => Gpr16[hw],
        _ => Gpr8[hw],
    };

    public static Register XmmReg(int hw) => Register.XMM0 + hw;
}
