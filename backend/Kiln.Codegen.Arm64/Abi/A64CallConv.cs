namespace Kiln.Codegen.Arm64;

/// <summary>
/// Kiln's internal calling convention on AArch64: the shared <see cref="CallingConvention"/> algorithm with AAPCS64's
/// registers, so a function whose params and results fit in registers is an AAPCS64 function C can call:
/// int/iptr params in x0-x7, float params in v0-v7, the rest on the stack (8 bytes each, from SP at the call);
/// results in x0, x1 / v0, v1, further ones in the caller's return area after the stack arguments. As on x86-64,
/// i32 values are kept zero-extended inside generated code (every W-register write clears the upper half), and
/// i32 params and call results are cleared on arrival because AAPCS64 leaves their upper halves unspecified.
/// </summary>
public static class A64CallConv
{
    public static readonly CallingConvention Instance = new(
        intArgs: [A64Regs.X(0), A64Regs.X(1), A64Regs.X(2), A64Regs.X(3), A64Regs.X(4), A64Regs.X(5), A64Regs.X(6), A64Regs.X(7)],
        floatArgs: [A64Regs.V(0), A64Regs.V(1), A64Regs.V(2), A64Regs.V(3), A64Regs.V(4), A64Regs.V(5), A64Regs.V(6), A64Regs.V(7)],
        intResults: [A64Regs.X(0), A64Regs.X(1)],
        floatResults: [A64Regs.V(0), A64Regs.V(1)]);
}
