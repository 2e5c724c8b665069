using Iced.Intel;

namespace Kiln.Verify;

/// <summary>
/// The instructions sandboxed code may contain: general-purpose integer arithmetic, moves, compares, branches
/// and calls (their targets checked separately), and scalar/packed SSE–AVX arithmetic and conversions. Nothing
/// that enters the kernel or another privilege level (syscall, sysenter, int, int3 … hlt), touches ports, changes
/// segments or control/debug registers, repeats string operations over memory the verifier cannot bound, reads or
/// writes the flags image, or switches stacks. A policy, written down here; not learned from any compiler.
/// </summary>
internal static class AllowedInstructions
{
    private static readonly HashSet<Mnemonic> Allowed =
    [
        Mnemonic.Mov, Mnemonic.Movzx, Mnemonic.Movsx, Mnemonic.Movsxd, Mnemonic.Lea, Mnemonic.Xchg, Mnemonic.Push, Mnemonic.Pop,
        Mnemonic.Add, Mnemonic.Sub, Mnemonic.Adc, Mnemonic.Sbb, Mnemonic.Imul, Mnemonic.Mul, Mnemonic.Idiv, Mnemonic.Div,
        Mnemonic.Neg, Mnemonic.Not, Mnemonic.And, Mnemonic.Or, Mnemonic.Xor, Mnemonic.Inc, Mnemonic.Dec,
        Mnemonic.Shl, Mnemonic.Shr, Mnemonic.Sar, Mnemonic.Rol, Mnemonic.Ror, Mnemonic.Shld, Mnemonic.Shrd,
        Mnemonic.Shlx, Mnemonic.Shrx, Mnemonic.Sarx, Mnemonic.Rorx, Mnemonic.Andn,
        Mnemonic.Cmp, Mnemonic.Test, Mnemonic.Bt, Mnemonic.Bts, Mnemonic.Btr, Mnemonic.Btc, Mnemonic.Bsf, Mnemonic.Bsr, Mnemonic.Lzcnt, Mnemonic.Tzcnt, Mnemonic.Popcnt,
        Mnemonic.Blsi, Mnemonic.Blsr, Mnemonic.Blsmsk, Mnemonic.Bswap,
        Mnemonic.Cdq, Mnemonic.Cqo, Mnemonic.Cwd, Mnemonic.Cdqe, Mnemonic.Cwde, Mnemonic.Cbw,
        Mnemonic.Sete, Mnemonic.Setne, Mnemonic.Setl, Mnemonic.Setle, Mnemonic.Setg, Mnemonic.Setge, Mnemonic.Setb, Mnemonic.Setbe,
        Mnemonic.Seta, Mnemonic.Setae, Mnemonic.Setp, Mnemonic.Setnp, Mnemonic.Sets, Mnemonic.Setns, Mnemonic.Seto, Mnemonic.Setno,
        Mnemonic.Cmove, Mnemonic.Cmovne, Mnemonic.Cmovl, Mnemonic.Cmovle, Mnemonic.Cmovg, Mnemonic.Cmovge, Mnemonic.Cmovb,
        Mnemonic.Cmovbe, Mnemonic.Cmova, Mnemonic.Cmovae, Mnemonic.Cmovp, Mnemonic.Cmovnp, Mnemonic.Cmovs, Mnemonic.Cmovns,
        Mnemonic.Cmovo, Mnemonic.Cmovno,
        Mnemonic.Jmp, Mnemonic.Je, Mnemonic.Jne, Mnemonic.Jl, Mnemonic.Jle, Mnemonic.Jg, Mnemonic.Jge, Mnemonic.Jb, Mnemonic.Jbe,
        Mnemonic.Ja, Mnemonic.Jae, Mnemonic.Jp, Mnemonic.Jnp, Mnemonic.Js, Mnemonic.Jns, Mnemonic.Jo, Mnemonic.Jno,
        Mnemonic.Call, Mnemonic.Ret, Mnemonic.Ud2, Mnemonic.Nop,
        // SSE/AVX scalar and packed moves, arithmetic, compares, conversions, rounding, logic.
        Mnemonic.Movd, Mnemonic.Movq, Mnemonic.Movss, Mnemonic.Movsd, Mnemonic.Movaps, Mnemonic.Movapd, Mnemonic.Movups, Mnemonic.Movupd,
        Mnemonic.Movdqa, Mnemonic.Movdqu, Mnemonic.Vmovd, Mnemonic.Vmovq, Mnemonic.Vmovss, Mnemonic.Vmovsd, Mnemonic.Vmovaps, Mnemonic.Vmovapd,
        Mnemonic.Vmovups, Mnemonic.Vmovdqa, Mnemonic.Vmovdqu,
        Mnemonic.Addss, Mnemonic.Addsd, Mnemonic.Subss, Mnemonic.Subsd, Mnemonic.Mulss, Mnemonic.Mulsd, Mnemonic.Divss, Mnemonic.Divsd,
        Mnemonic.Sqrtss, Mnemonic.Sqrtsd, Mnemonic.Minss, Mnemonic.Minsd, Mnemonic.Maxss, Mnemonic.Maxsd,
        Mnemonic.Vaddss, Mnemonic.Vaddsd, Mnemonic.Vsubss, Mnemonic.Vsubsd, Mnemonic.Vmulss, Mnemonic.Vmulsd, Mnemonic.Vdivss, Mnemonic.Vdivsd,
        Mnemonic.Vsqrtss, Mnemonic.Vsqrtsd, Mnemonic.Vminss, Mnemonic.Vminsd, Mnemonic.Vmaxss, Mnemonic.Vmaxsd,
        Mnemonic.Ucomiss, Mnemonic.Ucomisd, Mnemonic.Comiss, Mnemonic.Comisd, Mnemonic.Vucomiss, Mnemonic.Vucomisd,
        Mnemonic.Cmpss, Mnemonic.Cmpsd, Mnemonic.Vcmpss, Mnemonic.Vcmpsd,
        Mnemonic.Andps, Mnemonic.Andpd, Mnemonic.Andnps, Mnemonic.Andnpd, Mnemonic.Orps, Mnemonic.Orpd, Mnemonic.Xorps, Mnemonic.Xorpd,
        Mnemonic.Vandps, Mnemonic.Vandpd, Mnemonic.Vandnps, Mnemonic.Vandnpd, Mnemonic.Vorps, Mnemonic.Vorpd, Mnemonic.Vxorps, Mnemonic.Vxorpd,
        Mnemonic.Pand, Mnemonic.Pandn, Mnemonic.Por, Mnemonic.Pxor, Mnemonic.Vpand, Mnemonic.Vpandn, Mnemonic.Vpor, Mnemonic.Vpxor,
        Mnemonic.Psllq, Mnemonic.Psrlq, Mnemonic.Pslld, Mnemonic.Psrld, Mnemonic.Pcmpeqd, Mnemonic.Pcmpeqq,
        Mnemonic.Cvtsi2ss, Mnemonic.Cvtsi2sd, Mnemonic.Cvttss2si, Mnemonic.Cvttsd2si, Mnemonic.Cvtss2sd, Mnemonic.Cvtsd2ss,
        Mnemonic.Cvtss2si, Mnemonic.Cvtsd2si, Mnemonic.Vcvtsi2ss, Mnemonic.Vcvtsi2sd, Mnemonic.Vcvttss2si, Mnemonic.Vcvttsd2si,
        Mnemonic.Vcvtss2sd, Mnemonic.Vcvtsd2ss,
        Mnemonic.Roundss, Mnemonic.Roundsd, Mnemonic.Vroundss, Mnemonic.Vroundsd,
        Mnemonic.Blendvps, Mnemonic.Blendvpd, Mnemonic.Vblendvps, Mnemonic.Vblendvpd,
        Mnemonic.Unpcklps, Mnemonic.Unpcklpd, Mnemonic.Shufps, Mnemonic.Shufpd, Mnemonic.Pshufd,
    ];

    public static bool IsAllowed(in Instruction instruction) => Allowed.Contains(instruction.Mnemonic)
        // No prefixes that repeat, lock or change segments: a "rep" before an allowed string-free instruction is
        // still refused, as is any fs/gs override (thread-local storage belongs to the host).
        && !instruction.HasRepPrefix && !instruction.HasRepnePrefix && !instruction.HasLockPrefix
        && instruction.SegmentPrefix == Register.None;
}
