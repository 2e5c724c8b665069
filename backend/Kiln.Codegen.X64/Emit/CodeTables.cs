using Iced.Intel;

namespace Kiln.Codegen.X64;

/// <summary>Iced <see cref="Code"/>s by operation and size, as tables indexed by the small enums.</summary>
internal static class CodeTables
{
    // Indexed by AluOp (Add, Sub, And, Or, Xor, Cmp).
    public static readonly Code[] AluRR32 = [Code.Add_rm32_r32, Code.Sub_rm32_r32, Code.And_rm32_r32, Code.Or_rm32_r32, Code.Xor_rm32_r32, Code.Cmp_rm32_r32];
    public static readonly Code[] AluRR64 = [Code.Add_rm64_r64, Code.Sub_rm64_r64, Code.And_rm64_r64, Code.Or_rm64_r64, Code.Xor_rm64_r64, Code.Cmp_rm64_r64];
    public static readonly Code[] AluRI8_32 = [Code.Add_rm32_imm8, Code.Sub_rm32_imm8, Code.And_rm32_imm8, Code.Or_rm32_imm8, Code.Xor_rm32_imm8, Code.Cmp_rm32_imm8];
    public static readonly Code[] AluRI8_64 = [Code.Add_rm64_imm8, Code.Sub_rm64_imm8, Code.And_rm64_imm8, Code.Or_rm64_imm8, Code.Xor_rm64_imm8, Code.Cmp_rm64_imm8];
    public static readonly Code[] AluRI32_32 = [Code.Add_rm32_imm32, Code.Sub_rm32_imm32, Code.And_rm32_imm32, Code.Or_rm32_imm32, Code.Xor_rm32_imm32, Code.Cmp_rm32_imm32];
    public static readonly Code[] AluRI32_64 = [Code.Add_rm64_imm32, Code.Sub_rm64_imm32, Code.And_rm64_imm32, Code.Or_rm64_imm32, Code.Xor_rm64_imm32, Code.Cmp_rm64_imm32];
    public static readonly Code[] AluRM32 = [Code.Add_r32_rm32, Code.Sub_r32_rm32, Code.And_r32_rm32, Code.Or_r32_rm32, Code.Xor_r32_rm32, Code.Cmp_r32_rm32];
    public static readonly Code[] AluRM64 = [Code.Add_r64_rm64, Code.Sub_r64_rm64, Code.And_r64_rm64, Code.Or_r64_rm64, Code.Xor_r64_rm64, Code.Cmp_r64_rm64];

    // Indexed by ShiftOp (Shl, Sar, Shr, Rol, Ror).
    public static readonly Code[] ShiftCl32 = [Code.Shl_rm32_CL, Code.Sar_rm32_CL, Code.Shr_rm32_CL, Code.Rol_rm32_CL, Code.Ror_rm32_CL];
    public static readonly Code[] ShiftCl64 = [Code.Shl_rm64_CL, Code.Sar_rm64_CL, Code.Shr_rm64_CL, Code.Rol_rm64_CL, Code.Ror_rm64_CL];
    public static readonly Code[] ShiftImm32 = [Code.Shl_rm32_imm8, Code.Sar_rm32_imm8, Code.Shr_rm32_imm8, Code.Rol_rm32_imm8, Code.Ror_rm32_imm8];
    public static readonly Code[] ShiftImm64 = [Code.Shl_rm64_imm8, Code.Sar_rm64_imm8, Code.Shr_rm64_imm8, Code.Rol_rm64_imm8, Code.Ror_rm64_imm8];

    // Indexed by the sixteen x86 condition codes (Cc.O .. Cc.G).
    public static readonly Code[] Jcc =
    [
        Code.Jo_rel32_64, Code.Jno_rel32_64, Code.Jb_rel32_64, Code.Jae_rel32_64, Code.Je_rel32_64, Code.Jne_rel32_64,
        Code.Jbe_rel32_64, Code.Ja_rel32_64, Code.Js_rel32_64, Code.Jns_rel32_64, Code.Jp_rel32_64, Code.Jnp_rel32_64,
        Code.Jl_rel32_64, Code.Jge_rel32_64, Code.Jle_rel32_64, Code.Jg_rel32_64,
    ];
    public static readonly Code[] Setcc =
    [
        Code.Seto_rm8, Code.Setno_rm8, Code.Setb_rm8, Code.Setae_rm8, Code.Sete_rm8, Code.Setne_rm8, Code.Setbe_rm8,
        Code.Seta_rm8, Code.Sets_rm8, Code.Setns_rm8, Code.Setp_rm8, Code.Setnp_rm8, Code.Setl_rm8, Code.Setge_rm8,
        Code.Setle_rm8, Code.Setg_rm8,
    ];
    public static readonly Code[] Cmov32 =
    [
        Code.Cmovo_r32_rm32, Code.Cmovno_r32_rm32, Code.Cmovb_r32_rm32, Code.Cmovae_r32_rm32, Code.Cmove_r32_rm32,
        Code.Cmovne_r32_rm32, Code.Cmovbe_r32_rm32, Code.Cmova_r32_rm32, Code.Cmovs_r32_rm32, Code.Cmovns_r32_rm32,
        Code.Cmovp_r32_rm32, Code.Cmovnp_r32_rm32, Code.Cmovl_r32_rm32, Code.Cmovge_r32_rm32, Code.Cmovle_r32_rm32,
        Code.Cmovg_r32_rm32,
    ];
    public static readonly Code[] Cmov64 =
    [
        Code.Cmovo_r64_rm64, Code.Cmovno_r64_rm64, Code.Cmovb_r64_rm64, Code.Cmovae_r64_rm64, Code.Cmove_r64_rm64,
        Code.Cmovne_r64_rm64, Code.Cmovbe_r64_rm64, Code.Cmova_r64_rm64, Code.Cmovs_r64_rm64, Code.Cmovns_r64_rm64,
        Code.Cmovp_r64_rm64, Code.Cmovnp_r64_rm64, Code.Cmovl_r64_rm64, Code.Cmovge_r64_rm64, Code.Cmovle_r64_rm64,
        Code.Cmovg_r64_rm64,
    ];

    // Indexed by FAluOp (Add, Sub, Mul, Div, Min, Max); single then double.
    public static readonly Code[] FAluS = [Code.Addss_xmm_xmmm32, Code.Subss_xmm_xmmm32, Code.Mulss_xmm_xmmm32, Code.Divss_xmm_xmmm32, Code.Minss_xmm_xmmm32, Code.Maxss_xmm_xmmm32];
    public static readonly Code[] FAluD = [Code.Addsd_xmm_xmmm64, Code.Subsd_xmm_xmmm64, Code.Mulsd_xmm_xmmm64, Code.Divsd_xmm_xmmm64, Code.Minsd_xmm_xmmm64, Code.Maxsd_xmm_xmmm64];

    /// <summary>roundss/roundsd immediates for Nearest, Floor, Ceil, Trunc (bit 3 suppresses the precision exception).</summary>
    public static readonly byte[] RoundImm = [8 | 0, 8 | 1, 8 | 2, 8 | 3];
}
