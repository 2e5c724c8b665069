namespace Kiln.Codegen.X64;

/// <summary>
/// Kiln's internal calling convention on x86-64 (the shared <see cref="CallingConvention"/> algorithm with these
/// registers). It is SysV-like, so a function whose params and results fit in registers can be called directly
/// from C as a SysV function:
/// <list type="bullet">
/// <item>int/iptr params in rdi, rsi, rdx, rcx, r8, r9; float params in xmm0..xmm7; the rest on the stack,
/// 8 bytes each in order, at [rsp+8] on entry (the caller's rsp is 16-byte aligned at the call).</item>
/// <item>int results in rax, rdx; float results in xmm0, xmm1; further results in a return area that the caller
/// reserves right after its stack arguments (8 bytes each); the callee stores them there before returning.</item>
/// <item>rbx, rbp, r12-r15 are callee-saved; everything else (including all xmm) is clobbered.</item>
/// <item>Inside generated code an i32 value in a 64-bit register always has its upper 32 bits zero, so
/// <c>uextend</c> is free. Functions do not trust callers on this (entry clears the upper half of i32 register
/// params, i32 stack params are loaded as 32 bits, i32 results of libcalls are cleared after the call), so plain
/// SysV callers are fine; i32 results are returned zero-extended.</item>
/// </list>
/// Tail calls (return_call) can reuse this: the incoming area is the caller's, so a tail call with no more
/// stack arguments than the current function's can overwrite it in place.
/// </summary>
public static class X64CallConv
{
    public static readonly CallingConvention Instance = new(
        intArgs: [X64Regs.Rdi, X64Regs.Rsi, X64Regs.Rdx, X64Regs.Rcx, X64Regs.R8, X64Regs.R9],
        floatArgs: [X64Regs.Xmm(0), X64Regs.Xmm(1), X64Regs.Xmm(2), X64Regs.Xmm(3), X64Regs.Xmm(4), X64Regs.Xmm(5), X64Regs.Xmm(6), X64Regs.Xmm(7)],
        intResults: [X64Regs.Rax, X64Regs.Rdx],
        floatResults: [X64Regs.Xmm(0), X64Regs.Xmm(1)]);
}
