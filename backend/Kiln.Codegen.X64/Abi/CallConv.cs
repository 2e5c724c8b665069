using Kiln.IR;

namespace Kiln.Codegen.X64;

/// <summary>
/// Kiln's internal calling convention for generated code (wasm-to-wasm and trampolines). It is SysV-like, so a
/// function whose params and results fit in registers can be called directly from C as a SysV function:
/// <list type="bullet">
/// <item>int/iptr params in rdi, rsi, rdx, rcx, r8, r9; float params in xmm0..xmm7; the rest on the stack,
/// 8 bytes each in order, at [rsp+8] on entry (the caller's rsp is 16-byte aligned at the call).</item>
/// <item>int results in rax, rdx; float results in xmm0, xmm1; further results in a return area that the caller
/// reserves right after its stack arguments (8 bytes each); the callee stores them there before returning.
/// No pointer is passed: the area's place is fixed by the signature.</item>
/// <item>rbx, rbp, r12-r15 are callee-saved; everything else (including all xmm) is clobbered.</item>
/// <item>Inside generated code an i32 value in a 64-bit register always has its upper 32 bits zero, so
/// <c>uextend</c> is free. Functions do not trust callers on this (entry clears the upper half of i32 register
/// params, i32 stack params are loaded as 32 bits, i32 results of libcalls are cleared after the call), so plain
/// SysV callers are fine; i32 results are returned zero-extended.</item>
/// </list>
/// Tail calls (return_call) can reuse this: the incoming area is the caller's, so a tail call with no more
/// stack arguments than the current function's can overwrite it in place.
/// </summary>
public static class CallConv
{
    public static readonly PReg[] IntArgRegs = [X64Regs.Rdi, X64Regs.Rsi, X64Regs.Rdx, X64Regs.Rcx, X64Regs.R8, X64Regs.R9];
    public static readonly PReg[] FloatArgRegs = [X64Regs.Xmm(0), X64Regs.Xmm(1), X64Regs.Xmm(2), X64Regs.Xmm(3), X64Regs.Xmm(4), X64Regs.Xmm(5), X64Regs.Xmm(6), X64Regs.Xmm(7)];
    public static readonly PReg[] IntResultRegs = [X64Regs.Rax, X64Regs.Rdx];
    public static readonly PReg[] FloatResultRegs = [X64Regs.Xmm(0), X64Regs.Xmm(1)];

    public static AbiSignature Compute(Signature sig)
    {
        var ps = new AbiLoc[sig.Params.Length];
        int ni = 0, nf = 0, stack = 0;
        for (int i = 0; i < ps.Length; i++)
        {
            if (sig.Params[i] == IrType.V128) throw new NotSupportedException("v128 parameters");
            bool isFloat = sig.Params[i].IsFloat();
            if (!isFloat && ni < IntArgRegs.Length) ps[i] = AbiLoc.InReg(IntArgRegs[ni++]);
            else if (isFloat && nf < FloatArgRegs.Length) ps[i] = AbiLoc.InReg(FloatArgRegs[nf++]);
            else { ps[i] = AbiLoc.OnStack(stack); stack += 8; }
        }
        int argBytes = stack;
        var rs = new AbiLoc[sig.Results.Length];
        ni = nf = 0;
        for (int i = 0; i < rs.Length; i++)
        {
            if (sig.Results[i] == IrType.V128) throw new NotSupportedException("v128 results");
            bool isFloat = sig.Results[i].IsFloat();
            if (!isFloat && ni < IntResultRegs.Length) rs[i] = AbiLoc.InReg(IntResultRegs[ni++]);
            else if (isFloat && nf < FloatResultRegs.Length) rs[i] = AbiLoc.InReg(FloatResultRegs[nf++]);
            else { rs[i] = AbiLoc.OnStack(stack); stack += 8; }
        }
        return new AbiSignature(ps, rs, argBytes, stack - argBytes);
    }
}

/// <summary>A signature's locations under <see cref="CallConv"/>.</summary>
public sealed record AbiSignature(AbiLoc[] Params, AbiLoc[] Results, int StackArgBytes, int StackResultBytes)
{
    /// <summary>Bytes the caller reserves at its rsp for this call: stack args plus the return area.</summary>
    public int AreaBytes => StackArgBytes + StackResultBytes;
}
