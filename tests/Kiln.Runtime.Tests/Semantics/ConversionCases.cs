using static Kiln.Runtime.Tests.Semantics.V;

namespace Kiln.Runtime.Tests.Semantics;

/// <summary>
/// Hand-written rows for the conversions between types: trapping and saturating truncations at the exact edges
/// of the integer ranges (the last float inside, the first outside), conversions that must round once (to nearest,
/// ties to even), demotion and promotion, and the reinterprets (bit-exact, signalling NaNs included).
/// </summary>
internal static class ConversionCases
{
    private static readonly Value Inf32 = F(float.PositiveInfinity), NegInf32 = F(float.NegativeInfinity);
    private static readonly Value Inf64 = D(double.PositiveInfinity), NegInf64 = D(double.NegativeInfinity);

    // f32 edges: 2^31, the largest f32 below it, -2^31 and the next f32 below it; the same around 2^32, 2^63, 2^64.
    private static readonly Value P31 = FB(0x4f00_0000), Below31 = FB(0x4eff_ffff), M31 = FB(0xcf00_0000), BelowM31 = FB(0xcf00_0001);
    private static readonly Value P32 = FB(0x4f80_0000), Below32 = FB(0x4f7f_ffff);
    private static readonly Value P63 = FB(0x5f00_0000), Below63 = FB(0x5eff_ffff), M63 = FB(0xdf00_0000), BelowM63 = FB(0xdf00_0001);
    private static readonly Value P64 = FB(0x5f80_0000), Below64 = FB(0x5f7f_ffff);
    // f64 edges around 2^63 and 2^64 (2^31 and 2^32 are exact with room to spare: 2147483647.9 etc. are used instead).
    private static readonly Value DP63 = DB(0x43e0_0000_0000_0000), DBelow63 = DB(0x43df_ffff_ffff_ffff), DM63 = DB(0xc3e0_0000_0000_0000),
        DBelowM63 = DB(0xc3e0_0000_0000_0001), DP64 = DB(0x43f0_0000_0000_0000), DBelow64 = DB(0x43ef_ffff_ffff_ffff);

    public static readonly CaseBook Book = new()
    {
        { "i32.trunc_f32_s", [F(1.9f)], I(1) }, { "i32.trunc_f32_s", [F(-1.9f)], I(-1) }, { "i32.trunc_f32_s", [FB(0x8000_0000)], I(0) },
        { "i32.trunc_f32_s", [Below31], I(2147483520) }, { "i32.trunc_f32_s", [M31], I(IMin) }, { "i32.trunc_f32_s", [P31], Overflow },
        { "i32.trunc_f32_s", [BelowM31], Overflow }, { "i32.trunc_f32_s", [Nan32], BadConversion }, { "i32.trunc_f32_s", [SNan32], BadConversion },
        { "i32.trunc_f32_s", [Inf32], Overflow }, { "i32.trunc_f32_s", [NegInf32], Overflow }, { "i32.trunc_f32_s", [F(-0.9f)], I(0) },
        { "i32.trunc_f32_u", [F(1.9f)], I(1) }, { "i32.trunc_f32_u", [F(-0.9f)], I(0) }, { "i32.trunc_f32_u", [Below32], U(0xffff_ff00) },
        { "i32.trunc_f32_u", [P32], Overflow }, { "i32.trunc_f32_u", [F(-1)], Overflow }, { "i32.trunc_f32_u", [Nan32], BadConversion },
        { "i32.trunc_f32_u", [Inf32], Overflow }, { "i32.trunc_f32_u", [P31], U(0x8000_0000) },
        { "i32.trunc_f64_s", [D(2147483647.9)], I(IMax) }, { "i32.trunc_f64_s", [D(-2147483648.9)], I(IMin) }, { "i32.trunc_f64_s", [D(2147483648.0)], Overflow },
        { "i32.trunc_f64_s", [D(-2147483649.0)], Overflow }, { "i32.trunc_f64_s", [Nan64], BadConversion }, { "i32.trunc_f64_s", [D(-0.5)], I(0) },
        { "i32.trunc_f64_s", [D(1e300)], Overflow }, { "i32.trunc_f64_s", [NegInf64], Overflow }, { "i32.trunc_f64_s", [D(-7.5)], I(-7) },
        { "i32.trunc_f64_u", [D(4294967295.9)], U(0xffff_ffff) }, { "i32.trunc_f64_u", [D(4294967296.0)], Overflow }, { "i32.trunc_f64_u", [D(-0.9)], I(0) },
        { "i32.trunc_f64_u", [D(-1.0)], Overflow }, { "i32.trunc_f64_u", [Nan64], BadConversion }, { "i32.trunc_f64_u", [D(2147483648.0)], I(IMin) },
        { "i32.trunc_f64_u", [Inf64], Overflow },

        { "i64.trunc_f32_s", [F(1.9f)], L(1) }, { "i64.trunc_f32_s", [F(-1.9f)], L(-1) }, { "i64.trunc_f32_s", [M63], L(LMin) },
        { "i64.trunc_f32_s", [P63], Overflow }, { "i64.trunc_f32_s", [Below63], L(0x7fff_ff80_0000_0000) }, { "i64.trunc_f32_s", [Nan32], BadConversion },
        { "i64.trunc_f32_s", [NegInf32], Overflow }, { "i64.trunc_f32_s", [BelowM63], Overflow }, { "i64.trunc_f32_s", [P31], L(0x8000_0000) },
        { "i64.trunc_f32_u", [F(1.9f)], L(1) }, { "i64.trunc_f32_u", [P64], Overflow }, { "i64.trunc_f32_u", [Below64], UL(0xffff_ff00_0000_0000) },
        { "i64.trunc_f32_u", [F(-0.9f)], L(0) }, { "i64.trunc_f32_u", [F(-1)], Overflow }, { "i64.trunc_f32_u", [Nan32], BadConversion },
        { "i64.trunc_f32_u", [P63], L(LMin) }, { "i64.trunc_f32_u", [Inf32], Overflow },
        { "i64.trunc_f64_s", [DBelow63], L(0x7fff_ffff_ffff_fc00) }, { "i64.trunc_f64_s", [DM63], L(LMin) }, { "i64.trunc_f64_s", [DP63], Overflow },
        { "i64.trunc_f64_s", [DBelowM63], Overflow }, { "i64.trunc_f64_s", [Nan64], BadConversion }, { "i64.trunc_f64_s", [D(-0.9)], L(0) },
        { "i64.trunc_f64_s", [D(1.5)], L(1) }, { "i64.trunc_f64_s", [D(-4294967296.5)], L(-4294967296) },
        { "i64.trunc_f64_u", [DBelow64], UL(0xffff_ffff_ffff_f800) }, { "i64.trunc_f64_u", [DP64], Overflow }, { "i64.trunc_f64_u", [D(-0.9)], L(0) },
        { "i64.trunc_f64_u", [D(-1.0)], Overflow }, { "i64.trunc_f64_u", [Nan64], BadConversion }, { "i64.trunc_f64_u", [DP63], L(LMin) },
        { "i64.trunc_f64_u", [D(4294967296.5)], L(4294967296) },

        // Saturating: NaN gives 0, out of range gives the nearest bound.
        { "i32.trunc_sat_f32_s", [Nan32], I(0) }, { "i32.trunc_sat_f32_s", [Inf32], I(IMax) }, { "i32.trunc_sat_f32_s", [NegInf32], I(IMin) },
        { "i32.trunc_sat_f32_s", [P31], I(IMax) }, { "i32.trunc_sat_f32_s", [BelowM31], I(IMin) }, { "i32.trunc_sat_f32_s", [F(1.9f)], I(1) },
        { "i32.trunc_sat_f32_s", [F(-1.9f)], I(-1) }, { "i32.trunc_sat_f32_s", [Below31], I(2147483520) }, { "i32.trunc_sat_f32_s", [M31], I(IMin) },
        { "i32.trunc_sat_f32_u", [Nan32], I(0) }, { "i32.trunc_sat_f32_u", [Inf32], I(-1) }, { "i32.trunc_sat_f32_u", [NegInf32], I(0) },
        { "i32.trunc_sat_f32_u", [F(-1)], I(0) }, { "i32.trunc_sat_f32_u", [P32], I(-1) }, { "i32.trunc_sat_f32_u", [Below32], U(0xffff_ff00) },
        { "i32.trunc_sat_f32_u", [P31], I(IMin) }, { "i32.trunc_sat_f32_u", [F(1.9f)], I(1) },
        { "i32.trunc_sat_f64_s", [Nan64], I(0) }, { "i32.trunc_sat_f64_s", [D(2147483648.0)], I(IMax) }, { "i32.trunc_sat_f64_s", [D(-2147483649.0)], I(IMin) },
        { "i32.trunc_sat_f64_s", [D(-2147483648.9)], I(IMin) }, { "i32.trunc_sat_f64_s", [D(2147483647.9)], I(IMax) }, { "i32.trunc_sat_f64_s", [D(-1.5)], I(-1) },
        { "i32.trunc_sat_f64_s", [NegInf64], I(IMin) },
        { "i32.trunc_sat_f64_u", [Nan64], I(0) }, { "i32.trunc_sat_f64_u", [D(4294967296.0)], I(-1) }, { "i32.trunc_sat_f64_u", [D(4294967295.9)], I(-1) },
        { "i32.trunc_sat_f64_u", [D(-1.0)], I(0) }, { "i32.trunc_sat_f64_u", [D(1e300)], I(-1) }, { "i32.trunc_sat_f64_u", [D(2147483648.5)], I(IMin) },
        { "i32.trunc_sat_f64_u", [D(-0.9)], I(0) }, { "i32.trunc_sat_f64_u", [D(7.9)], I(7) },
        { "i64.trunc_sat_f32_s", [Nan32], L(0) }, { "i64.trunc_sat_f32_s", [Inf32], L(LMax) }, { "i64.trunc_sat_f32_s", [NegInf32], L(LMin) },
        { "i64.trunc_sat_f32_s", [P63], L(LMax) }, { "i64.trunc_sat_f32_s", [F(1.9f)], L(1) }, { "i64.trunc_sat_f32_s", [M63], L(LMin) },
        { "i64.trunc_sat_f32_s", [BelowM63], L(LMin) }, { "i64.trunc_sat_f32_s", [Below63], L(0x7fff_ff80_0000_0000) },
        { "i64.trunc_sat_f32_u", [Nan32], L(0) }, { "i64.trunc_sat_f32_u", [Inf32], L(-1) }, { "i64.trunc_sat_f32_u", [F(-1)], L(0) },
        { "i64.trunc_sat_f32_u", [P64], L(-1) }, { "i64.trunc_sat_f32_u", [Below64], UL(0xffff_ff00_0000_0000) }, { "i64.trunc_sat_f32_u", [P63], L(LMin) },
        { "i64.trunc_sat_f64_s", [Nan64], L(0) }, { "i64.trunc_sat_f64_s", [DP63], L(LMax) }, { "i64.trunc_sat_f64_s", [DM63], L(LMin) },
        { "i64.trunc_sat_f64_s", [D(1e300)], L(LMax) }, { "i64.trunc_sat_f64_s", [D(-1e300)], L(LMin) }, { "i64.trunc_sat_f64_s", [DBelow63], L(0x7fff_ffff_ffff_fc00) },
        { "i64.trunc_sat_f64_s", [D(-1.5)], L(-1) }, { "i64.trunc_sat_f64_s", [DBelowM63], L(LMin) },
        { "i64.trunc_sat_f64_u", [Nan64], L(0) }, { "i64.trunc_sat_f64_u", [DP64], L(-1) }, { "i64.trunc_sat_f64_u", [DBelow64], UL(0xffff_ffff_ffff_f800) },
        { "i64.trunc_sat_f64_u", [D(-1.0)], L(0) }, { "i64.trunc_sat_f64_u", [DP63], L(LMin) }, { "i64.trunc_sat_f64_u", [D(1.9)], L(1) },
        { "i64.trunc_sat_f64_u", [NegInf64], L(0) },

        // int → float rounds once, to nearest, ties to even.
        { "f32.convert_i32_s", [I(1)], F(1) }, { "f32.convert_i32_s", [I(-1)], F(-1) }, { "f32.convert_i32_s", [I(IMin)], M31 },
        { "f32.convert_i32_s", [I(IMax)], P31 }, { "f32.convert_i32_s", [I(16777217)], F(16777216) }, { "f32.convert_i32_s", [I(16777219)], F(16777220) },
        { "f32.convert_i32_s", [I(0)], F(0) },
        { "f32.convert_i32_u", [I(-1)], P32 }, { "f32.convert_i32_u", [I(IMin)], P31 }, { "f32.convert_i32_u", [I(16777217)], F(16777216) },
        { "f32.convert_i32_u", [I(1)], F(1) }, { "f32.convert_i32_u", [U(0xffff_ff00)], Below32 }, { "f32.convert_i32_u", [U(0xffff_ff80)], P32 },
        { "f32.convert_i64_s", [L(1)], F(1) }, { "f32.convert_i64_s", [L(-1)], F(-1) }, { "f32.convert_i64_s", [L(LMin)], M63 },
        { "f32.convert_i64_s", [L(LMax)], P63 }, { "f32.convert_i64_s", [L(0x0020_0000_2000_0001)], FB(0x5a00_0001) },
        { "f32.convert_i64_s", [UL(0xffdf_ffff_dfff_ffff)], FB(0xda00_0001) }, { "f32.convert_i64_s", [L(16777219)], F(16777220) },
        { "f32.convert_i64_u", [L(-1)], P64 }, { "f32.convert_i64_u", [L(LMin)], P63 }, { "f32.convert_i64_u", [L(1)], F(1) },
        { "f32.convert_i64_u", [UL(0x8000_0080_0000_0001)], FB(0x5f00_0001) }, { "f32.convert_i64_u", [UL(0x8000_0080_0000_0000)], P63 },
        { "f32.convert_i64_u", [L(0x0020_0000_2000_0001)], FB(0x5a00_0001) }, { "f32.convert_i64_u", [UL(0xffff_fe80_0000_0001)], Below64 },
        { "f64.convert_i32_s", [I(IMin)], D(-2147483648.0) }, { "f64.convert_i32_s", [I(IMax)], D(2147483647.0) }, { "f64.convert_i32_s", [I(-1)], D(-1) },
        { "f64.convert_i32_u", [I(-1)], D(4294967295.0) }, { "f64.convert_i32_u", [I(IMin)], D(2147483648.0) }, { "f64.convert_i32_u", [I(1)], D(1) },
        { "f64.convert_i64_s", [L(LMin)], DM63 }, { "f64.convert_i64_s", [L(LMax)], DP63 }, { "f64.convert_i64_s", [L(9007199254740993)], D(9007199254740992) },
        { "f64.convert_i64_s", [L(9007199254740995)], D(9007199254740996) }, { "f64.convert_i64_s", [L(-9007199254740993)], D(-9007199254740992) },
        { "f64.convert_i64_u", [L(-1)], DP64 }, { "f64.convert_i64_u", [L(LMin)], DP63 }, { "f64.convert_i64_u", [UL(0x8000_0000_0000_0401)], DB(0x43e0_0000_0000_0001) },
        { "f64.convert_i64_u", [UL(0x8000_0000_0000_0400)], DP63 }, { "f64.convert_i64_u", [L(9007199254740993)], D(9007199254740992) },
        { "f64.convert_i64_u", [L(1)], D(1) },

        { "f32.demote_f64", [D(1)], F(1) }, { "f32.demote_f64", [D(1e300)], Inf32 }, { "f32.demote_f64", [D(-1e300)], NegInf32 },
        { "f32.demote_f64", [D(1e-300)], F(0) }, { "f32.demote_f64", [D(-1e-300)], FB(0x8000_0000) }, { "f32.demote_f64", [Nan64], CanonNan32 },
        { "f32.demote_f64", [SNan64], ArithNan32 }, { "f32.demote_f64", [DB(0x3ff0_0000_1000_0000)], F(1) }, // 1 + 2^-24: a tie, to even
        { "f32.demote_f64", [DB(0x3ff0_0000_1000_0001)], FB(0x3f80_0001) }, { "f32.demote_f64", [D(float.MaxValue)], F(float.MaxValue) },
        { "f32.demote_f64", [Inf64], Inf32 }, { "f32.demote_f64", [DB(0x8000_0000_0000_0000)], FB(0x8000_0000) },
        { "f64.promote_f32", [F(1)], D(1) }, { "f64.promote_f32", [Nan32], CanonNan64 }, { "f64.promote_f32", [SNan32], ArithNan64 },
        { "f64.promote_f32", [FB(0x8000_0000)], DB(0x8000_0000_0000_0000) }, { "f64.promote_f32", [Inf32], Inf64 },
        { "f64.promote_f32", [FB(1)], DB(0x36a0_0000_0000_0000) }, { "f64.promote_f32", [F(float.MaxValue)], DB(0x47ef_ffff_e000_0000) },

        // Reinterprets keep every bit.
        { "i32.reinterpret_f32", [FB(0x8000_0000)], I(IMin) }, { "i32.reinterpret_f32", [SNan32], I(0x7fa0_0001) }, { "i32.reinterpret_f32", [F(1)], I(0x3f80_0000) },
        { "i32.reinterpret_f32", [NegInf32], U(0xff80_0000) }, { "i32.reinterpret_f32", [FB(0xffc0_0123)], U(0xffc0_0123) },
        { "i64.reinterpret_f64", [DB(0x8000_0000_0000_0000)], L(LMin) }, { "i64.reinterpret_f64", [SNan64], L(0x7ff4_0000_0000_0001) },
        { "i64.reinterpret_f64", [D(1)], L(0x3ff0_0000_0000_0000) }, { "i64.reinterpret_f64", [NegInf64], UL(0xfff0_0000_0000_0000) },
        { "f32.reinterpret_i32", [I(0x7fa0_0001)], SNan32 }, { "f32.reinterpret_i32", [I(IMin)], FB(0x8000_0000) }, { "f32.reinterpret_i32", [I(0x3f80_0000)], F(1) },
        { "f32.reinterpret_i32", [I(-1)], FB(0xffff_ffff) },
        { "f64.reinterpret_i64", [L(0x7ff4_0000_0000_0001)], SNan64 }, { "f64.reinterpret_i64", [L(LMin)], DB(0x8000_0000_0000_0000) },
        { "f64.reinterpret_i64", [L(0x3ff0_0000_0000_0000)], D(1) }, { "f64.reinterpret_i64", [L(-1)], DB(0xffff_ffff_ffff_ffff) },
    };
}
