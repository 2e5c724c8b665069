namespace Kiln.Codegen.Arm64;

/// <summary>
/// AArch64 registers as <see cref="PReg"/>s (hardware numbers) and the allocator's <see cref="MachineEnv"/>.
/// x16/x17 (IP0/IP1) and v31 are scratch: never allocated, free inside one instruction's expansion (the move
/// resolver uses x16 and v31 between instructions). x18 (the platform register), x29 (frame pointer), x30 (link
/// register) and 31 (SP/ZR) are never allocated either.
/// </summary>
public static class A64Regs
{
    public static PReg X(int n) => new(RegClass.Int, n);
    public static PReg V(int n) => new(RegClass.Float, n);

    public const int Ip0 = 16, Ip1 = 17, Fp = 29, Lr = 30, Sp = 31, Zr = 31;
    /// <summary>The float scratch register.</summary>
    public const int VScratch = 31;

    /// <summary>Allocation order: caller-saved first (x8-x15 before the argument registers), then callee-saved.</summary>
    private static readonly PReg[] IntOrder =
    [
        X(8), X(9), X(10), X(11), X(12), X(13), X(14), X(15), X(7), X(6), X(5), X(4), X(3), X(2), X(1), X(0),
        X(19), X(20), X(21), X(22), X(23), X(24), X(25), X(26), X(27), X(28),
    ];

    private static readonly PReg[] FloatOrder =
    [
        V(16), V(17), V(18), V(19), V(20), V(21), V(22), V(23), V(24), V(25), V(26), V(27), V(28), V(29), V(30),
        V(7), V(6), V(5), V(4), V(3), V(2), V(1), V(0),
        V(8), V(9), V(10), V(11), V(12), V(13), V(14), V(15),
    ];

    /// <summary>AAPCS64: x19-x28 and the low 64 bits of v8-v15 survive calls.</summary>
    public static readonly PRegSet CalleeSaved = PRegSet.Of(
        X(19), X(20), X(21), X(22), X(23), X(24), X(25), X(26), X(27), X(28),
        V(8), V(9), V(10), V(11), V(12), V(13), V(14), V(15));

    public static readonly MachineEnv Env = new(IntOrder, FloatOrder, CalleeSaved, X(Ip0), V(VScratch));
}
