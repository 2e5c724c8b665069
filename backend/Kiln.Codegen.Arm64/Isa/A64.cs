namespace Kiln.Codegen.Arm64;

/// <summary>
/// The AArch64 instruction forms Kiln emits, each valued by its fixed bits (the 32-bit variant: <see cref="A64Enc"/>
/// sets <c>sf</c>, the float type or the access size, and packs the register and immediate fields). The enum is the
/// encoding table: one row per form, named after the instruction and its form. Values from the Arm ARM (DDI 0487).
/// </summary>
public enum A64 : uint
{
    // Data processing, shifted register (Rd, Rn, Rm; shift type 22-23, amount 10-15).
    AddReg = 0x0B00_0000, AddsReg = 0x2B00_0000, SubReg = 0x4B00_0000, SubsReg = 0x6B00_0000,
    AndReg = 0x0A00_0000, OrrReg = 0x2A00_0000, EorReg = 0x4A00_0000, AndsReg = 0x6A00_0000, OrnReg = 0x2A20_0000,
    // Extended register (Rn may be SP; option 13-15, imm3 10-12).
    AddExt = 0x0B20_0000, SubExt = 0x4B20_0000, SubsExt = 0x6B20_0000,
    // Add/sub immediate (imm12 at 10, LSL #12 at 22; Rn/Rd may be SP except for the flag-setting Rd).
    AddImm = 0x1100_0000, AddsImm = 0x3100_0000, SubImm = 0x5100_0000, SubsImm = 0x7100_0000,
    // Logical immediate (N 22, immr 16-21, imms 10-15).
    AndImm = 0x1200_0000, OrrImm = 0x3200_0000, EorImm = 0x5200_0000, AndsImm = 0x7200_0000,
    // Data processing, two source.
    Lslv = 0x1AC0_2000, Lsrv = 0x1AC0_2400, Asrv = 0x1AC0_2800, Rorv = 0x1AC0_2C00, Udiv = 0x1AC0_0800, Sdiv = 0x1AC0_0C00,
    // Three source (Ra at 10).
    Madd = 0x1B00_0000, Msub = 0x1B00_8000,
    // Bitfield (N 22 = sf, immr 16-21, imms 10-15) and extract.
    Sbfm = 0x1300_0000, Bfm = 0x3300_0000, Ubfm = 0x5300_0000, Extr = 0x1380_0000,
    // One source.
    Rbit = 0x5AC0_0000, Clz = 0x5AC0_1000,
    // Conditional select (cond at 12).
    Csel = 0x1A80_0000, Csinc = 0x1A80_0400, Csinv = 0x5A80_0000, Csneg = 0x5A80_0400,
    // Wide moves (hw 21-22, imm16 at 5).
    Movn = 0x1280_0000, Movz = 0x5280_0000, Movk = 0x7280_0000,
    // Loads and stores, unsigned scaled offset (imm12 at 10); register-offset and unscaled forms derive from these.
    Strb = 0x3900_0000, Ldrb = 0x3940_0000, LdrsbX = 0x3980_0000, LdrsbW = 0x39C0_0000,
    Strh = 0x7900_0000, Ldrh = 0x7940_0000, LdrshX = 0x7980_0000, LdrshW = 0x79C0_0000,
    StrW = 0xB900_0000, LdrW = 0xB940_0000, Ldrsw = 0xB980_0000, StrX = 0xF900_0000, LdrX = 0xF940_0000,
    StrS = 0xBD00_0000, LdrS = 0xBD40_0000, StrD = 0xFD00_0000, LdrD = 0xFD40_0000,
    // Load/store pair of X or D registers (imm7 at 15, scaled by 8): signed offset, pre-index, post-index.
    StpX = 0xA900_0000, LdpX = 0xA940_0000, StpXPre = 0xA980_0000, LdpXPost = 0xA8C0_0000,
    StpD = 0x6D00_0000, LdpD = 0x6D40_0000,
    // Branches.
    B = 0x1400_0000, Bl = 0x9400_0000, BCond = 0x5400_0000, Cbz = 0x3400_0000, Cbnz = 0x3500_0000,
    Tbz = 0x3600_0000, Tbnz = 0x3700_0000, Br = 0xD61F_0000, Blr = 0xD63F_0000, Ret = 0xD65F_03C0,
    Adr = 0x1000_0000, Udf = 0x0000_0000,
    // Floating point (type at 22: 0 single, 1 double).
    Fadd = 0x1E20_2800, Fsub = 0x1E20_3800, Fmul = 0x1E20_0800, Fdiv = 0x1E20_1800, Fmax = 0x1E20_4800, Fmin = 0x1E20_5800,
    FmovReg = 0x1E20_4000, Fabs = 0x1E20_C000, Fneg = 0x1E21_4000, Fsqrt = 0x1E21_C000,
    Frintn = 0x1E24_4000, Frintp = 0x1E24_C000, Frintm = 0x1E25_4000, Frintz = 0x1E25_C000,
    FcvtSD = 0x1E22_C000, FcvtDS = 0x1E62_4000,
    Fcmp = 0x1E20_2000, Fcsel = 0x1E20_0C00,
    // Float <-> integer (sf 31, type 22).
    Scvtf = 0x1E22_0000, Ucvtf = 0x1E23_0000, Fcvtzs = 0x1E38_0000, Fcvtzu = 0x1E39_0000,
    FmovToFp = 0x1E27_0000, FmovToGp = 0x1E26_0000,
    // Advanced SIMD, used on scalars only: population count of 8 bytes and their sum.
    Cnt8B = 0x0E20_5800, Addv8B = 0x0E31_B800,
}
