using static Kiln.Runtime.Tests.Semantics.V;

namespace Kiln.Runtime.Tests.Semantics;

/// <summary>Hand-written rows for every f32 and f64 instruction that takes and gives floats, and their comparisons.</summary>
internal static class FloatCases
{
    private static readonly Value Inf32 = F(float.PositiveInfinity), NegInf32 = F(float.NegativeInfinity);
    private static readonly Value Inf64 = D(double.PositiveInfinity), NegInf64 = D(double.NegativeInfinity);
    private static readonly Value Zero32 = F(0f), NegZero32 = FB(0x8000_0000), Zero64 = D(0), NegZero64 = DB(0x8000_0000_0000_0000);

    public static readonly CaseBook F32 = new()
    {
        // Comparisons are ordered except ne: any NaN operand gives 0 (1 for ne); -0 equals 0.
        { "f32.eq", [Zero32, NegZero32], I(1) }, { "f32.eq", [Nan32, Nan32], I(0) }, { "f32.eq", [F(1), F(1)], I(1) },
        { "f32.eq", [F(1), F(2)], I(0) }, { "f32.eq", [Inf32, Inf32], I(1) }, { "f32.eq", [Nan32, F(1)], I(0) },
        { "f32.ne", [Zero32, NegZero32], I(0) }, { "f32.ne", [Nan32, Nan32], I(1) }, { "f32.ne", [F(1), F(2)], I(1) },
        { "f32.ne", [F(1), Nan32], I(1) }, { "f32.ne", [F(1), F(1)], I(0) },
        { "f32.lt", [F(1), F(2)], I(1) }, { "f32.lt", [F(2), F(1)], I(0) }, { "f32.lt", [NegZero32, Zero32], I(0) },
        { "f32.lt", [Nan32, F(1)], I(0) }, { "f32.lt", [F(1), Nan32], I(0) }, { "f32.lt", [NegInf32, Inf32], I(1) }, { "f32.lt", [F(-2), F(-1)], I(1) },
        { "f32.gt", [F(2), F(1)], I(1) }, { "f32.gt", [F(1), F(2)], I(0) }, { "f32.gt", [Zero32, NegZero32], I(0) },
        { "f32.gt", [Nan32, F(1)], I(0) }, { "f32.gt", [F(1), Nan32], I(0) }, { "f32.gt", [Inf32, NegInf32], I(1) },
        { "f32.le", [F(1), F(2)], I(1) }, { "f32.le", [F(2), F(1)], I(0) }, { "f32.le", [NegZero32, Zero32], I(1) },
        { "f32.le", [Nan32, F(1)], I(0) }, { "f32.le", [F(1), Nan32], I(0) }, { "f32.le", [F(1), F(1)], I(1) },
        { "f32.ge", [F(2), F(1)], I(1) }, { "f32.ge", [F(1), F(2)], I(0) }, { "f32.ge", [Zero32, NegZero32], I(1) },
        { "f32.ge", [Nan32, Nan32], I(0) }, { "f32.ge", [F(1), Nan32], I(0) }, { "f32.ge", [F(1), F(1)], I(1) },

        // abs, neg and copysign touch only the sign bit, NaN payloads (signalling too) included.
        { "f32.abs", [F(-1)], F(1) }, { "f32.abs", [NegZero32], Zero32 }, { "f32.abs", [NegInf32], Inf32 },
        { "f32.abs", [FB(0xffa0_0001)], FB(0x7fa0_0001) }, { "f32.abs", [F(1.5f)], F(1.5f) },
        { "f32.neg", [F(1)], F(-1) }, { "f32.neg", [Zero32], NegZero32 }, { "f32.neg", [NegZero32], Zero32 },
        { "f32.neg", [Nan32], NegNan32 }, { "f32.neg", [SNan32], FB(0xffa0_0001) }, { "f32.neg", [Inf32], NegInf32 },
        { "f32.copysign", [F(1), NegZero32], F(-1) }, { "f32.copysign", [F(-1), Zero32], F(1) },
        { "f32.copysign", [FB(0x7fc0_0001), F(-1)], FB(0xffc0_0001) }, { "f32.copysign", [Inf32, NegNan32], NegInf32 },
        { "f32.copysign", [F(2), F(3)], F(2) }, { "f32.copysign", [SNan32, F(-0.5f)], FB(0xffa0_0001) },

        { "f32.ceil", [F(0.5f)], F(1) }, { "f32.ceil", [F(-0.5f)], NegZero32 }, { "f32.ceil", [F(1)], F(1) }, { "f32.ceil", [F(-1.5f)], F(-1) },
        { "f32.ceil", [Inf32], Inf32 }, { "f32.ceil", [NegZero32], NegZero32 }, { "f32.ceil", [Nan32], CanonNan32 }, { "f32.ceil", [SNan32], ArithNan32 },
        { "f32.ceil", [F(8388607.5f)], F(8388608f) }, { "f32.ceil", [FB(0x0000_0001)], F(1) }, { "f32.ceil", [FB(0x8000_0001)], NegZero32 },
        { "f32.floor", [F(0.5f)], Zero32 }, { "f32.floor", [F(-0.5f)], F(-1) }, { "f32.floor", [NegZero32], NegZero32 }, { "f32.floor", [F(1.5f)], F(1) },
        { "f32.floor", [F(-1.5f)], F(-2) }, { "f32.floor", [NegInf32], NegInf32 }, { "f32.floor", [FB(0x8000_0001)], F(-1) }, { "f32.floor", [Nan32], CanonNan32 },
        { "f32.trunc", [F(0.5f)], Zero32 }, { "f32.trunc", [F(-0.5f)], NegZero32 }, { "f32.trunc", [F(1.9f)], F(1) }, { "f32.trunc", [F(-1.9f)], F(-1) },
        { "f32.trunc", [F(8388607.5f)], F(8388607f) }, { "f32.trunc", [Inf32], Inf32 }, { "f32.trunc", [Nan32], CanonNan32 },
        // nearest rounds half to even.
        { "f32.nearest", [F(0.5f)], Zero32 }, { "f32.nearest", [F(1.5f)], F(2) }, { "f32.nearest", [F(2.5f)], F(2) }, { "f32.nearest", [F(3.5f)], F(4) },
        { "f32.nearest", [F(-0.5f)], NegZero32 }, { "f32.nearest", [F(-2.5f)], F(-2) }, { "f32.nearest", [NegZero32], NegZero32 },
        { "f32.nearest", [F(8388607.5f)], F(8388608f) }, { "f32.nearest", [F(1e30f)], F(1e30f) }, { "f32.nearest", [Inf32], Inf32 }, { "f32.nearest", [Nan32], CanonNan32 },
        { "f32.sqrt", [F(4)], F(2) }, { "f32.sqrt", [F(2)], FB(0x3fb5_04f3) }, { "f32.sqrt", [NegZero32], NegZero32 }, { "f32.sqrt", [F(-1)], CanonNan32 },
        { "f32.sqrt", [Inf32], Inf32 }, { "f32.sqrt", [NegInf32], CanonNan32 }, { "f32.sqrt", [SNan32], ArithNan32 },

        { "f32.add", [F(1), F(2)], F(3) }, { "f32.add", [Inf32, NegInf32], CanonNan32 }, { "f32.add", [NegZero32, NegZero32], NegZero32 },
        { "f32.add", [NegZero32, Zero32], Zero32 }, { "f32.add", [Nan32, F(1)], CanonNan32 }, { "f32.add", [SNan32, F(1)], ArithNan32 },
        { "f32.add", [F(float.MaxValue), F(float.MaxValue)], Inf32 }, { "f32.add", [F(1), FB(0x3380_0000)], F(1) }, // 1 + 2^-24: a tie, to even
        { "f32.add", [F(1), FB(0x3380_0001)], FB(0x3f80_0001) },
        { "f32.sub", [F(1), F(2)], F(-1) }, { "f32.sub", [Inf32, Inf32], CanonNan32 }, { "f32.sub", [Zero32, Zero32], Zero32 },
        { "f32.sub", [NegZero32, Zero32], NegZero32 }, { "f32.sub", [NegZero32, NegZero32], Zero32 }, { "f32.sub", [F(1), SNan32], ArithNan32 },
        { "f32.sub", [F(3), F(5)], F(-2) },
        { "f32.mul", [F(2), F(3)], F(6) }, { "f32.mul", [Zero32, Inf32], CanonNan32 }, { "f32.mul", [NegZero32, F(1)], NegZero32 },
        { "f32.mul", [F(-1), NegZero32], Zero32 }, { "f32.mul", [F(float.MaxValue), F(2)], Inf32 }, { "f32.mul", [FB(0xffa0_0000), F(1)], ArithNan32 },
        { "f32.mul", [FB(0x0000_0001), F(0.5f)], Zero32 }, { "f32.mul", [F(-3), F(5)], F(-15) },
        { "f32.div", [F(1), F(2)], F(0.5f) }, { "f32.div", [F(1), Zero32], Inf32 }, { "f32.div", [F(-1), Zero32], NegInf32 },
        { "f32.div", [F(1), NegZero32], NegInf32 }, { "f32.div", [Zero32, Zero32], CanonNan32 }, { "f32.div", [Inf32, Inf32], CanonNan32 },
        { "f32.div", [Nan32, F(1)], CanonNan32 }, { "f32.div", [SNan32, F(1)], ArithNan32 }, { "f32.div", [F(6), F(-3)], F(-2) },
        { "f32.min", [F(1), F(2)], F(1) }, { "f32.min", [F(2), F(1)], F(1) }, { "f32.min", [NegZero32, Zero32], NegZero32 }, { "f32.min", [Zero32, NegZero32], NegZero32 },
        { "f32.min", [Nan32, F(1)], CanonNan32 }, { "f32.min", [F(1), Nan32], CanonNan32 }, { "f32.min", [NegInf32, F(1)], NegInf32 },
        { "f32.min", [SNan32, F(1)], ArithNan32 }, { "f32.min", [Inf32, F(3)], F(3) },
        { "f32.max", [F(1), F(2)], F(2) }, { "f32.max", [F(2), F(1)], F(2) }, { "f32.max", [NegZero32, Zero32], Zero32 }, { "f32.max", [Zero32, NegZero32], Zero32 },
        { "f32.max", [Nan32, F(1)], CanonNan32 }, { "f32.max", [F(1), Nan32], CanonNan32 }, { "f32.max", [NegInf32, F(1)], F(1) },
        { "f32.max", [F(1), SNan32], ArithNan32 },
    };

    public static readonly CaseBook F64 = new()
    {
        { "f64.eq", [Zero64, NegZero64], I(1) }, { "f64.eq", [Nan64, Nan64], I(0) }, { "f64.eq", [D(1), D(1)], I(1) },
        { "f64.eq", [D(1), D(2)], I(0) }, { "f64.eq", [Inf64, Inf64], I(1) }, { "f64.eq", [Nan64, D(1)], I(0) },
        { "f64.ne", [Zero64, NegZero64], I(0) }, { "f64.ne", [Nan64, Nan64], I(1) }, { "f64.ne", [D(1), D(2)], I(1) },
        { "f64.ne", [D(1), Nan64], I(1) }, { "f64.ne", [D(1), D(1)], I(0) },
        { "f64.lt", [D(1), D(2)], I(1) }, { "f64.lt", [D(2), D(1)], I(0) }, { "f64.lt", [NegZero64, Zero64], I(0) },
        { "f64.lt", [Nan64, D(1)], I(0) }, { "f64.lt", [D(1), Nan64], I(0) }, { "f64.lt", [NegInf64, Inf64], I(1) }, { "f64.lt", [D(-2), D(-1)], I(1) },
        { "f64.gt", [D(2), D(1)], I(1) }, { "f64.gt", [D(1), D(2)], I(0) }, { "f64.gt", [Zero64, NegZero64], I(0) },
        { "f64.gt", [Nan64, D(1)], I(0) }, { "f64.gt", [D(1), Nan64], I(0) }, { "f64.gt", [Inf64, NegInf64], I(1) },
        { "f64.le", [D(1), D(2)], I(1) }, { "f64.le", [D(2), D(1)], I(0) }, { "f64.le", [NegZero64, Zero64], I(1) },
        { "f64.le", [Nan64, D(1)], I(0) }, { "f64.le", [D(1), Nan64], I(0) }, { "f64.le", [D(1), D(1)], I(1) },
        { "f64.ge", [D(2), D(1)], I(1) }, { "f64.ge", [D(1), D(2)], I(0) }, { "f64.ge", [Zero64, NegZero64], I(1) },
        { "f64.ge", [Nan64, Nan64], I(0) }, { "f64.ge", [D(1), Nan64], I(0) }, { "f64.ge", [D(1), D(1)], I(1) },

        { "f64.abs", [D(-1)], D(1) }, { "f64.abs", [NegZero64], Zero64 }, { "f64.abs", [NegInf64], Inf64 },
        { "f64.abs", [DB(0xfff4_0000_0000_0001)], SNan64 }, { "f64.abs", [D(1.5)], D(1.5) },
        { "f64.neg", [D(1)], D(-1) }, { "f64.neg", [Zero64], NegZero64 }, { "f64.neg", [NegZero64], Zero64 },
        { "f64.neg", [Nan64], NegNan64 }, { "f64.neg", [SNan64], DB(0xfff4_0000_0000_0001) }, { "f64.neg", [Inf64], NegInf64 },
        { "f64.copysign", [D(1), NegZero64], D(-1) }, { "f64.copysign", [D(-1), Zero64], D(1) },
        { "f64.copysign", [QNan64, D(-1)], DB(0xfff8_0000_0000_0123) }, { "f64.copysign", [Inf64, NegNan64], NegInf64 },
        { "f64.copysign", [D(2), D(3)], D(2) }, { "f64.copysign", [SNan64, D(-0.5)], DB(0xfff4_0000_0000_0001) },

        { "f64.ceil", [D(0.5)], D(1) }, { "f64.ceil", [D(-0.5)], NegZero64 }, { "f64.ceil", [D(1)], D(1) }, { "f64.ceil", [D(-1.5)], D(-1) },
        { "f64.ceil", [Inf64], Inf64 }, { "f64.ceil", [NegZero64], NegZero64 }, { "f64.ceil", [Nan64], CanonNan64 }, { "f64.ceil", [SNan64], ArithNan64 },
        { "f64.ceil", [D(4503599627370495.5)], D(4503599627370496) }, { "f64.ceil", [DB(1)], D(1) }, { "f64.ceil", [DB(0x8000_0000_0000_0001)], NegZero64 },
        { "f64.floor", [D(0.5)], Zero64 }, { "f64.floor", [D(-0.5)], D(-1) }, { "f64.floor", [NegZero64], NegZero64 }, { "f64.floor", [D(1.5)], D(1) },
        { "f64.floor", [D(-1.5)], D(-2) }, { "f64.floor", [NegInf64], NegInf64 }, { "f64.floor", [DB(0x8000_0000_0000_0001)], D(-1) }, { "f64.floor", [Nan64], CanonNan64 },
        { "f64.trunc", [D(0.5)], Zero64 }, { "f64.trunc", [D(-0.5)], NegZero64 }, { "f64.trunc", [D(1.9)], D(1) }, { "f64.trunc", [D(-1.9)], D(-1) },
        { "f64.trunc", [D(4503599627370495.5)], D(4503599627370495) }, { "f64.trunc", [Inf64], Inf64 }, { "f64.trunc", [Nan64], CanonNan64 },
        { "f64.nearest", [D(0.5)], Zero64 }, { "f64.nearest", [D(1.5)], D(2) }, { "f64.nearest", [D(2.5)], D(2) }, { "f64.nearest", [D(3.5)], D(4) },
        { "f64.nearest", [D(-0.5)], NegZero64 }, { "f64.nearest", [D(-2.5)], D(-2) }, { "f64.nearest", [NegZero64], NegZero64 },
        { "f64.nearest", [D(4503599627370495.5)], D(4503599627370496) }, { "f64.nearest", [D(1e300)], D(1e300) }, { "f64.nearest", [Inf64], Inf64 },
        { "f64.nearest", [Nan64], CanonNan64 },
        { "f64.sqrt", [D(4)], D(2) }, { "f64.sqrt", [D(2)], DB(0x3ff6_a09e_667f_3bcd) }, { "f64.sqrt", [NegZero64], NegZero64 }, { "f64.sqrt", [D(-1)], CanonNan64 },
        { "f64.sqrt", [Inf64], Inf64 }, { "f64.sqrt", [NegInf64], CanonNan64 }, { "f64.sqrt", [SNan64], ArithNan64 },

        { "f64.add", [D(1), D(2)], D(3) }, { "f64.add", [Inf64, NegInf64], CanonNan64 }, { "f64.add", [NegZero64, NegZero64], NegZero64 },
        { "f64.add", [NegZero64, Zero64], Zero64 }, { "f64.add", [Nan64, D(1)], CanonNan64 }, { "f64.add", [SNan64, D(1)], ArithNan64 },
        { "f64.add", [D(double.MaxValue), D(double.MaxValue)], Inf64 }, { "f64.add", [D(1), DB(0x3ca0_0000_0000_0000)], D(1) }, // 1 + 2^-53: a tie, to even
        { "f64.add", [D(1), DB(0x3ca0_0000_0000_0001)], DB(0x3ff0_0000_0000_0001) },
        { "f64.sub", [D(1), D(2)], D(-1) }, { "f64.sub", [Inf64, Inf64], CanonNan64 }, { "f64.sub", [Zero64, Zero64], Zero64 },
        { "f64.sub", [NegZero64, Zero64], NegZero64 }, { "f64.sub", [NegZero64, NegZero64], Zero64 }, { "f64.sub", [D(1), SNan64], ArithNan64 },
        { "f64.sub", [D(3), D(5)], D(-2) },
        { "f64.mul", [D(2), D(3)], D(6) }, { "f64.mul", [Zero64, Inf64], CanonNan64 }, { "f64.mul", [NegZero64, D(1)], NegZero64 },
        { "f64.mul", [D(-1), NegZero64], Zero64 }, { "f64.mul", [D(double.MaxValue), D(2)], Inf64 }, { "f64.mul", [DB(0xfff4_0000_0000_0000), D(1)], ArithNan64 },
        { "f64.mul", [DB(1), D(0.5)], Zero64 }, { "f64.mul", [D(-3), D(5)], D(-15) },
        { "f64.div", [D(1), D(2)], D(0.5) }, { "f64.div", [D(1), Zero64], Inf64 }, { "f64.div", [D(-1), Zero64], NegInf64 },
        { "f64.div", [D(1), NegZero64], NegInf64 }, { "f64.div", [Zero64, Zero64], CanonNan64 }, { "f64.div", [Inf64, Inf64], CanonNan64 },
        { "f64.div", [Nan64, D(1)], CanonNan64 }, { "f64.div", [SNan64, D(1)], ArithNan64 }, { "f64.div", [D(6), D(-3)], D(-2) },
        { "f64.min", [D(1), D(2)], D(1) }, { "f64.min", [D(2), D(1)], D(1) }, { "f64.min", [NegZero64, Zero64], NegZero64 }, { "f64.min", [Zero64, NegZero64], NegZero64 },
        { "f64.min", [Nan64, D(1)], CanonNan64 }, { "f64.min", [D(1), Nan64], CanonNan64 }, { "f64.min", [NegInf64, D(1)], NegInf64 },
        { "f64.min", [SNan64, D(1)], ArithNan64 }, { "f64.min", [Inf64, D(3)], D(3) },
        { "f64.max", [D(1), D(2)], D(2) }, { "f64.max", [D(2), D(1)], D(2) }, { "f64.max", [NegZero64, Zero64], Zero64 }, { "f64.max", [Zero64, NegZero64], Zero64 },
        { "f64.max", [Nan64, D(1)], CanonNan64 }, { "f64.max", [D(1), Nan64], CanonNan64 }, { "f64.max", [NegInf64, D(1)], D(1) },
        { "f64.max", [D(1), SNan64], ArithNan64 },
    };
}
