using static Kiln.Runtime.Tests.Semantics.V;

namespace Kiln.Runtime.Tests.Semantics;

/// <summary>Hand-written rows for every i32 and i64 instruction that takes and gives integers.</summary>
internal static class IntegerCases
{
    public static readonly CaseBook I32 = new()
    {
        { "i32.eqz", [I(0)], I(1) }, { "i32.eqz", [I(1)], I(0) }, { "i32.eqz", [I(IMin)], I(0) }, { "i32.eqz", [I(-1)], I(0) },

        { "i32.eq", [I(0), I(0)], I(1) }, { "i32.eq", [I(1), I(-1)], I(0) }, { "i32.eq", [I(IMin), I(IMin)], I(1) },
        { "i32.eq", [I(IMin), I(0)], I(0) },
        { "i32.ne", [I(0), I(0)], I(0) }, { "i32.ne", [I(1), I(-1)], I(1) }, { "i32.ne", [I(-1), I(-1)], I(0) },
        { "i32.ne", [I(IMin), I(0)], I(1) },

        { "i32.lt_s", [I(-1), I(0)], I(1) }, { "i32.lt_s", [I(0), I(-1)], I(0) }, { "i32.lt_s", [I(IMin), I(IMax)], I(1) },
        { "i32.lt_s", [I(IMax), I(IMin)], I(0) }, { "i32.lt_s", [I(5), I(5)], I(0) },
        { "i32.lt_u", [I(-1), I(0)], I(0) }, { "i32.lt_u", [I(0), I(-1)], I(1) }, { "i32.lt_u", [I(IMin), I(IMax)], I(0) },
        { "i32.lt_u", [I(IMax), I(IMin)], I(1) }, { "i32.lt_u", [I(5), I(5)], I(0) },
        { "i32.gt_s", [I(-1), I(0)], I(0) }, { "i32.gt_s", [I(0), I(-1)], I(1) }, { "i32.gt_s", [I(IMin), I(IMax)], I(0) },
        { "i32.gt_s", [I(IMax), I(IMin)], I(1) }, { "i32.gt_s", [I(5), I(5)], I(0) }, { "i32.gt_s", [U(0x8000_0000), I(1)], I(0) },
        { "i32.gt_u", [I(-1), I(0)], I(1) }, { "i32.gt_u", [I(0), I(-1)], I(0) }, { "i32.gt_u", [I(IMin), I(IMax)], I(1) },
        { "i32.gt_u", [I(IMax), I(IMin)], I(0) }, { "i32.gt_u", [I(5), I(5)], I(0) }, { "i32.gt_u", [U(0x8000_0000), I(1)], I(1) },
        { "i32.le_s", [I(-1), I(0)], I(1) }, { "i32.le_s", [I(0), I(-1)], I(0) }, { "i32.le_s", [I(IMin), I(IMax)], I(1) },
        { "i32.le_s", [I(IMax), I(IMin)], I(0) }, { "i32.le_s", [I(5), I(5)], I(1) },
        { "i32.le_u", [I(-1), I(0)], I(0) }, { "i32.le_u", [I(0), I(-1)], I(1) }, { "i32.le_u", [I(IMin), I(IMax)], I(0) },
        { "i32.le_u", [I(IMax), I(IMin)], I(1) }, { "i32.le_u", [I(5), I(5)], I(1) },
        { "i32.ge_s", [I(-1), I(0)], I(0) }, { "i32.ge_s", [I(0), I(-1)], I(1) }, { "i32.ge_s", [I(IMin), I(IMax)], I(0) },
        { "i32.ge_s", [I(IMax), I(IMin)], I(1) }, { "i32.ge_s", [I(5), I(5)], I(1) },
        { "i32.ge_u", [I(-1), I(0)], I(1) }, { "i32.ge_u", [I(0), I(-1)], I(0) }, { "i32.ge_u", [I(IMin), I(IMax)], I(1) },
        { "i32.ge_u", [I(IMax), I(IMin)], I(0) }, { "i32.ge_u", [I(5), I(5)], I(1) },

        { "i32.clz", [I(0)], I(32) }, { "i32.clz", [I(1)], I(31) }, { "i32.clz", [I(IMin)], I(0) },
        { "i32.clz", [I(0x8000)], I(16) }, { "i32.clz", [I(-1)], I(0) },
        { "i32.ctz", [I(0)], I(32) }, { "i32.ctz", [I(1)], I(0) }, { "i32.ctz", [I(IMin)], I(31) },
        { "i32.ctz", [I(0x1_0000)], I(16) }, { "i32.ctz", [I(-1)], I(0) },
        { "i32.popcnt", [I(0)], I(0) }, { "i32.popcnt", [I(-1)], I(32) }, { "i32.popcnt", [I(IMin)], I(1) },
        { "i32.popcnt", [I(0x5555_5555)], I(16) }, { "i32.popcnt", [I(0x00ff_00ff)], I(16) },

        { "i32.add", [I(1), I(2)], I(3) }, { "i32.add", [I(IMax), I(1)], I(IMin) }, { "i32.add", [I(-1), I(-1)], I(-2) },
        { "i32.add", [I(IMin), I(IMin)], I(0) }, { "i32.add", [I(IMax), I(IMax)], I(-2) },
        { "i32.sub", [I(3), I(5)], I(-2) }, { "i32.sub", [I(IMin), I(1)], I(IMax) }, { "i32.sub", [I(0), I(IMin)], I(IMin) },
        { "i32.sub", [I(-1), I(-1)], I(0) }, { "i32.sub", [I(0), I(1)], I(-1) },
        { "i32.mul", [I(3), I(-7)], I(-21) }, { "i32.mul", [I(0x1_0000), I(0x1_0000)], I(0) }, { "i32.mul", [I(IMin), I(-1)], I(IMin) },
        { "i32.mul", [I(IMax), I(2)], I(-2) }, { "i32.mul", [I(0x1234_5678), I(-1)], I(-0x1234_5678) },
        { "i32.mul", [I(123_456_789), I(987_654_321)], I(-67_153_019) },

        { "i32.div_s", [I(7), I(2)], I(3) }, { "i32.div_s", [I(-7), I(2)], I(-3) }, { "i32.div_s", [I(7), I(-2)], I(-3) },
        { "i32.div_s", [I(-7), I(-2)], I(3) }, { "i32.div_s", [I(IMin), I(-1)], Overflow }, { "i32.div_s", [I(1), I(0)], DivByZero },
        { "i32.div_s", [I(0), I(0)], DivByZero }, { "i32.div_s", [I(IMin), I(2)], I(-0x4000_0000) }, { "i32.div_s", [I(IMin), I(1)], I(IMin) },
        { "i32.div_u", [I(7), I(2)], I(3) }, { "i32.div_u", [I(-1), I(2)], I(IMax) }, { "i32.div_u", [I(IMin), I(-1)], I(0) },
        { "i32.div_u", [I(1), I(0)], DivByZero }, { "i32.div_u", [I(IMin), I(2)], I(0x4000_0000) }, { "i32.div_u", [I(-7), I(2)], I(0x7fff_fffc) },
        { "i32.rem_s", [I(7), I(2)], I(1) }, { "i32.rem_s", [I(-7), I(2)], I(-1) }, { "i32.rem_s", [I(7), I(-2)], I(1) },
        { "i32.rem_s", [I(-7), I(-2)], I(-1) }, { "i32.rem_s", [I(IMin), I(-1)], I(0) }, { "i32.rem_s", [I(1), I(0)], DivByZero },
        { "i32.rem_s", [I(IMin), I(3)], I(-2) },
        { "i32.rem_u", [I(7), I(2)], I(1) }, { "i32.rem_u", [I(-1), I(2)], I(1) }, { "i32.rem_u", [I(IMin), I(-1)], I(IMin) },
        { "i32.rem_u", [I(1), I(0)], DivByZero }, { "i32.rem_u", [I(-8), I(3)], I(2) },

        { "i32.and", [U(0xf0f0_f0f0), I(0x0ff0_0ff0)], I(0x00f0_00f0) }, { "i32.and", [I(-1), I(IMin)], I(IMin) }, { "i32.and", [I(0), I(-1)], I(0) },
        { "i32.or", [U(0xf0f0_f0f0), I(0x0ff0_0ff0)], U(0xfff0_fff0) }, { "i32.or", [I(0), I(0)], I(0) }, { "i32.or", [I(IMin), I(1)], U(0x8000_0001) },
        { "i32.xor", [U(0xf0f0_f0f0), I(0x0ff0_0ff0)], U(0xff00_ff00) }, { "i32.xor", [I(-1), I(-1)], I(0) }, { "i32.xor", [I(-1), I(0x5555_5555)], U(0xaaaa_aaaa) },

        // Shift and rotate counts are taken modulo 32.
        { "i32.shl", [I(1), I(1)], I(2) }, { "i32.shl", [I(1), I(31)], I(IMin) }, { "i32.shl", [I(1), I(32)], I(1) },
        { "i32.shl", [I(1), I(33)], I(2) }, { "i32.shl", [I(-1), I(-1)], I(IMin) }, { "i32.shl", [I(0x4000_0000), I(1)], I(IMin) },
        { "i32.shl", [I(1), I(-31)], I(2) },
        { "i32.shr_s", [I(IMin), I(1)], U(0xc000_0000) }, { "i32.shr_s", [I(IMin), I(31)], I(-1) }, { "i32.shr_s", [I(IMin), I(32)], I(IMin) },
        { "i32.shr_s", [I(IMin), I(33)], U(0xc000_0000) }, { "i32.shr_s", [I(1), I(1)], I(0) }, { "i32.shr_s", [I(-1), I(100)], I(-1) },
        { "i32.shr_s", [I(0x4000_0000), I(30)], I(1) },
        { "i32.shr_u", [I(IMin), I(1)], I(0x4000_0000) }, { "i32.shr_u", [I(IMin), I(31)], I(1) }, { "i32.shr_u", [I(IMin), I(32)], I(IMin) },
        { "i32.shr_u", [I(-1), I(33)], I(IMax) }, { "i32.shr_u", [I(-1), I(-1)], I(1) },
        { "i32.rotl", [U(0x8000_0001), I(1)], I(3) }, { "i32.rotl", [I(1), I(31)], I(IMin) }, { "i32.rotl", [I(1), I(32)], I(1) },
        { "i32.rotl", [I(0x1234_5678), I(4)], I(0x2345_6781) }, { "i32.rotl", [I(0x1234_5678), I(36)], I(0x2345_6781) },
        { "i32.rotl", [I(0x1234_5678), I(-4)], U(0x8123_4567) },
        { "i32.rotr", [U(0x8000_0001), I(1)], U(0xc000_0000) }, { "i32.rotr", [I(1), I(1)], I(IMin) }, { "i32.rotr", [I(1), I(32)], I(1) },
        { "i32.rotr", [I(0x1234_5678), I(4)], U(0x8123_4567) }, { "i32.rotr", [I(0x1234_5678), I(36)], U(0x8123_4567) },

        { "i32.extend8_s", [I(0x7f)], I(127) }, { "i32.extend8_s", [I(0x80)], I(-128) }, { "i32.extend8_s", [U(0xffff_ff00)], I(0) },
        { "i32.extend8_s", [I(0x1234_5680)], I(-128) },
        { "i32.extend16_s", [I(0x7fff)], I(32767) }, { "i32.extend16_s", [I(0x8000)], I(-32768) }, { "i32.extend16_s", [U(0xffff_0000)], I(0) },
        { "i32.extend16_s", [I(0x1234_8000)], I(-32768) },
        { "i32.wrap_i64", [L(0x1_0000_0001)], I(1) }, { "i32.wrap_i64", [L(-1)], I(-1) }, { "i32.wrap_i64", [L(0x8000_0000)], I(IMin) },
        { "i32.wrap_i64", [UL(0xffff_ffff_0000_0000)], I(0) }, { "i32.wrap_i64", [L(0x1234_5678_9abc_def0)], U(0x9abc_def0) },
    };

    public static readonly CaseBook I64 = new()
    {
        { "i64.eqz", [L(0)], I(1) }, { "i64.eqz", [L(0x1_0000_0000)], I(0) }, { "i64.eqz", [L(LMin)], I(0) }, { "i64.eqz", [L(-1)], I(0) },
        { "i64.eq", [L(0x1_0000_0000), L(0)], I(0) }, { "i64.eq", [L(LMin), L(LMin)], I(1) }, { "i64.eq", [L(-1), L(-1)], I(1) },
        { "i64.eq", [L(1), L(2)], I(0) },
        { "i64.ne", [L(0x1_0000_0000), L(0)], I(1) }, { "i64.ne", [L(5), L(5)], I(0) }, { "i64.ne", [L(LMin), L(LMax)], I(1) },

        { "i64.lt_s", [L(-1), L(0)], I(1) }, { "i64.lt_s", [L(0), L(-1)], I(0) }, { "i64.lt_s", [L(LMin), L(LMax)], I(1) },
        { "i64.lt_s", [L(LMax), L(LMin)], I(0) }, { "i64.lt_s", [L(5), L(5)], I(0) }, { "i64.lt_s", [L(0x1_0000_0000), L(0xffff_ffff)], I(0) },
        { "i64.lt_u", [L(-1), L(0)], I(0) }, { "i64.lt_u", [L(0), L(-1)], I(1) }, { "i64.lt_u", [L(LMin), L(LMax)], I(0) },
        { "i64.lt_u", [L(LMax), L(LMin)], I(1) }, { "i64.lt_u", [L(5), L(5)], I(0) }, { "i64.lt_u", [L(0xffff_ffff), L(0x1_0000_0000)], I(1) },
        { "i64.gt_s", [L(-1), L(0)], I(0) }, { "i64.gt_s", [L(0), L(-1)], I(1) }, { "i64.gt_s", [L(LMin), L(LMax)], I(0) },
        { "i64.gt_s", [L(LMax), L(LMin)], I(1) }, { "i64.gt_s", [L(5), L(5)], I(0) },
        { "i64.gt_u", [L(-1), L(0)], I(1) }, { "i64.gt_u", [L(0), L(-1)], I(0) }, { "i64.gt_u", [L(LMin), L(LMax)], I(1) },
        { "i64.gt_u", [L(LMax), L(LMin)], I(0) }, { "i64.gt_u", [L(5), L(5)], I(0) }, { "i64.gt_u", [L(LMin), L(1)], I(1) },
        { "i64.le_s", [L(-1), L(0)], I(1) }, { "i64.le_s", [L(0), L(-1)], I(0) }, { "i64.le_s", [L(LMin), L(LMax)], I(1) },
        { "i64.le_s", [L(LMax), L(LMin)], I(0) }, { "i64.le_s", [L(5), L(5)], I(1) },
        { "i64.le_u", [L(-1), L(0)], I(0) }, { "i64.le_u", [L(0), L(-1)], I(1) }, { "i64.le_u", [L(LMin), L(LMax)], I(0) },
        { "i64.le_u", [L(LMax), L(LMin)], I(1) }, { "i64.le_u", [L(5), L(5)], I(1) },
        { "i64.ge_s", [L(-1), L(0)], I(0) }, { "i64.ge_s", [L(0), L(-1)], I(1) }, { "i64.ge_s", [L(LMin), L(LMax)], I(0) },
        { "i64.ge_s", [L(LMax), L(LMin)], I(1) }, { "i64.ge_s", [L(5), L(5)], I(1) },
        { "i64.ge_u", [L(-1), L(0)], I(1) }, { "i64.ge_u", [L(0), L(-1)], I(0) }, { "i64.ge_u", [L(LMin), L(LMax)], I(1) },
        { "i64.ge_u", [L(LMax), L(LMin)], I(0) }, { "i64.ge_u", [L(5), L(5)], I(1) },

        { "i64.clz", [L(0)], L(64) }, { "i64.clz", [L(1)], L(63) }, { "i64.clz", [L(LMin)], L(0) },
        { "i64.clz", [L(0x1_0000_0000)], L(31) }, { "i64.clz", [L(0x8000_0000)], L(32) }, { "i64.clz", [L(-1)], L(0) },
        { "i64.ctz", [L(0)], L(64) }, { "i64.ctz", [L(1)], L(0) }, { "i64.ctz", [L(LMin)], L(63) },
        { "i64.ctz", [L(0x1_0000_0000)], L(32) }, { "i64.ctz", [L(-1)], L(0) },
        { "i64.popcnt", [L(0)], L(0) }, { "i64.popcnt", [L(-1)], L(64) }, { "i64.popcnt", [L(LMin)], L(1) },
        { "i64.popcnt", [L(0x5555_5555_5555_5555)], L(32) }, { "i64.popcnt", [L(0xffff_ffff)], L(32) },

        { "i64.add", [L(1), L(2)], L(3) }, { "i64.add", [L(LMax), L(1)], L(LMin) }, { "i64.add", [L(0xffff_ffff), L(1)], L(0x1_0000_0000) },
        { "i64.add", [L(-1), L(-1)], L(-2) }, { "i64.add", [L(LMin), L(LMin)], L(0) },
        { "i64.sub", [L(3), L(5)], L(-2) }, { "i64.sub", [L(LMin), L(1)], L(LMax) }, { "i64.sub", [L(0x1_0000_0000), L(1)], L(0xffff_ffff) },
        { "i64.sub", [L(0), L(LMin)], L(LMin) },
        { "i64.mul", [L(3), L(-7)], L(-21) }, { "i64.mul", [L(0x1_0000_0000), L(0x1_0000_0000)], L(0) }, { "i64.mul", [L(LMin), L(-1)], L(LMin) },
        { "i64.mul", [L(0xffff_ffff), L(0xffff_ffff)], UL(0xffff_fffe_0000_0001) }, { "i64.mul", [L(0x1_0000_0001), L(0x1_0000_0001)], L(0x2_0000_0001) },

        { "i64.div_s", [L(7), L(2)], L(3) }, { "i64.div_s", [L(-7), L(2)], L(-3) }, { "i64.div_s", [L(7), L(-2)], L(-3) },
        { "i64.div_s", [L(LMin), L(-1)], Overflow }, { "i64.div_s", [L(1), L(0)], DivByZero }, { "i64.div_s", [L(LMin), L(2)], L(-0x4000_0000_0000_0000) },
        { "i64.div_s", [L(0x1_0000_0000), L(2)], L(0x8000_0000) },
        { "i64.div_u", [L(7), L(2)], L(3) }, { "i64.div_u", [L(-1), L(2)], L(LMax) }, { "i64.div_u", [L(LMin), L(-1)], L(0) },
        { "i64.div_u", [L(1), L(0)], DivByZero }, { "i64.div_u", [L(0x1_0000_0000), L(2)], L(0x8000_0000) }, { "i64.div_u", [L(LMin), L(2)], L(0x4000_0000_0000_0000) },
        { "i64.rem_s", [L(7), L(2)], L(1) }, { "i64.rem_s", [L(-7), L(2)], L(-1) }, { "i64.rem_s", [L(7), L(-2)], L(1) },
        { "i64.rem_s", [L(LMin), L(-1)], L(0) }, { "i64.rem_s", [L(1), L(0)], DivByZero }, { "i64.rem_s", [L(LMin), L(3)], L(-2) },
        { "i64.rem_u", [L(7), L(2)], L(1) }, { "i64.rem_u", [L(-1), L(2)], L(1) }, { "i64.rem_u", [L(LMin), L(-1)], L(LMin) },
        { "i64.rem_u", [L(1), L(0)], DivByZero }, { "i64.rem_u", [L(0x1_0000_0005), L(0x1_0000_0000)], L(5) },

        { "i64.and", [UL(0xf0f0_f0f0_0f0f_0f0f), UL(0xff00_ff00_ff00_ff00)], UL(0xf000_f000_0f00_0f00) }, { "i64.and", [L(-1), L(LMin)], L(LMin) },
        { "i64.or", [UL(0xf0f0_f0f0_0f0f_0f0f), UL(0xff00_ff00_ff00_ff00)], UL(0xfff0_fff0_ff0f_ff0f) }, { "i64.or", [L(LMin), L(1)], UL(0x8000_0000_0000_0001) },
        { "i64.xor", [UL(0xf0f0_f0f0_0f0f_0f0f), UL(0xff00_ff00_ff00_ff00)], UL(0x0ff0_0ff0_f00f_f00f) }, { "i64.xor", [L(-1), L(-1)], L(0) },

        // Counts modulo 64.
        { "i64.shl", [L(1), L(1)], L(2) }, { "i64.shl", [L(1), L(63)], L(LMin) }, { "i64.shl", [L(1), L(64)], L(1) },
        { "i64.shl", [L(1), L(65)], L(2) }, { "i64.shl", [L(1), L(32)], L(0x1_0000_0000) }, { "i64.shl", [L(-1), L(-1)], L(LMin) },
        { "i64.shr_s", [L(LMin), L(1)], UL(0xc000_0000_0000_0000) }, { "i64.shr_s", [L(LMin), L(63)], L(-1) }, { "i64.shr_s", [L(LMin), L(64)], L(LMin) },
        { "i64.shr_s", [L(LMin), L(65)], UL(0xc000_0000_0000_0000) }, { "i64.shr_s", [L(1), L(1)], L(0) }, { "i64.shr_s", [L(LMin), L(32)], UL(0xffff_ffff_8000_0000) },
        { "i64.shr_u", [L(LMin), L(1)], L(0x4000_0000_0000_0000) }, { "i64.shr_u", [L(LMin), L(63)], L(1) }, { "i64.shr_u", [L(LMin), L(64)], L(LMin) },
        { "i64.shr_u", [L(-1), L(65)], L(LMax) }, { "i64.shr_u", [L(LMin), L(32)], L(0x8000_0000) },
        { "i64.rotl", [UL(0x8000_0000_0000_0001), L(1)], L(3) }, { "i64.rotl", [L(1), L(63)], L(LMin) }, { "i64.rotl", [L(1), L(64)], L(1) },
        { "i64.rotl", [L(0x0123_4567_89ab_cdef), L(4)], L(0x1234_5678_9abc_def0) }, { "i64.rotl", [L(0x0123_4567_89ab_cdef), L(68)], L(0x1234_5678_9abc_def0) },
        { "i64.rotl", [L(1), L(32)], L(0x1_0000_0000) },
        { "i64.rotr", [UL(0x8000_0000_0000_0001), L(1)], UL(0xc000_0000_0000_0000) }, { "i64.rotr", [L(1), L(1)], L(LMin) }, { "i64.rotr", [L(1), L(64)], L(1) },
        { "i64.rotr", [L(0x0123_4567_89ab_cdef), L(4)], UL(0xf012_3456_789a_bcde) }, { "i64.rotr", [L(1), L(32)], L(0x1_0000_0000) },

        { "i64.extend8_s", [L(0x7f)], L(127) }, { "i64.extend8_s", [L(0x80)], L(-128) }, { "i64.extend8_s", [L(0x1234_5678_9abc_de80)], L(-128) },
        { "i64.extend8_s", [L(-256)], L(0) },
        { "i64.extend16_s", [L(0x7fff)], L(32767) }, { "i64.extend16_s", [L(0x8000)], L(-32768) }, { "i64.extend16_s", [UL(0xffff_ffff_ffff_0000)], L(0) },
        { "i64.extend32_s", [L(0x7fff_ffff)], L(IMax) }, { "i64.extend32_s", [L(0x8000_0000)], L(IMin) }, { "i64.extend32_s", [UL(0xffff_ffff_0000_0000)], L(0) },
        { "i64.extend32_s", [L(0x1_ffff_ffff)], L(-1) },
        { "i64.extend_i32_s", [I(-1)], L(-1) }, { "i64.extend_i32_s", [I(IMin)], L(IMin) }, { "i64.extend_i32_s", [I(IMax)], L(IMax) }, { "i64.extend_i32_s", [I(0)], L(0) },
        { "i64.extend_i32_u", [I(-1)], L(0xffff_ffff) }, { "i64.extend_i32_u", [I(IMin)], L(0x8000_0000) }, { "i64.extend_i32_u", [I(0)], L(0) },
    };
}
