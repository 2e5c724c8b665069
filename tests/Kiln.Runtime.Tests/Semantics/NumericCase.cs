using Kiln.Wasm.Model;
namespace Kiln.Runtime.Tests.Semantics;

/// <summary>One hand-written row: the operands of an instruction and what it must give for them.</summary>
internal sealed record NumericCase(Value[] Args, Outcome Expected);

/// <summary>
/// The rows of a group of instructions, written as <c>{ "i32.gt_u", [U(0x8000_0000), I(1)], I(1) }</c>. The
/// expected values are written by hand from the spec's definitions, never computed by Kiln or taken from its tables.
/// </summary>
internal sealed class CaseBook : IEnumerable<KeyValuePair<string, List<NumericCase>>>
{
    private readonly Dictionary<string, List<NumericCase>> rows = new(StringComparer.Ordinal);

    public void Add(string op, Value[] args, Outcome expected)
    {
        if (!rows.TryGetValue(op, out var list)) rows[op] = list = [];
        list.Add(new NumericCase(args, expected));
    }

    public List<NumericCase> this[string op] => rows[op];

    public IEnumerable<string> Instructions => rows.Keys;

    public TheoryData<string> Theory()
    {
        var data = new TheoryData<string>();
        foreach (var op in rows.Keys) data.Add(op);
        return data;
    }

    public IEnumerator<KeyValuePair<string, List<NumericCase>>> GetEnumerator() => rows.GetEnumerator();

    System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();
}

/// <summary>Short constructors for the rows.</summary>
internal static class V
{
    public static Value I(int v) => Value.I32(v);
    public static Value U(uint v) => Value.I32((int)v);
    public static Value L(long v) => Value.I64(v);
    public static Value UL(ulong v) => Value.I64((long)v);
    public static Value F(float v) => Value.F32(v);
    public static Value FB(uint bits) => Value.F32Bits(bits);
    public static Value D(double v) => Value.F64(v);
    public static Value DB(ulong bits) => Value.F64Bits(bits);

    public const int IMin = int.MinValue, IMax = int.MaxValue;
    public const long LMin = long.MinValue, LMax = long.MaxValue;

    public static readonly Outcome DivByZero = new Traps(TrapCode.IntegerDivisionByZero);
    public static readonly Outcome Overflow = new Traps(TrapCode.IntegerOverflow);
    public static readonly Outcome BadConversion = new Traps(TrapCode.BadConversionToInteger);
    public static readonly Outcome CanonNan32 = new ReturnsNan(ValType.F32, true);
    public static readonly Outcome ArithNan32 = new ReturnsNan(ValType.F32, false);
    public static readonly Outcome CanonNan64 = new ReturnsNan(ValType.F64, true);
    public static readonly Outcome ArithNan64 = new ReturnsNan(ValType.F64, false);

    // NaNs as operands: the canonical quiet NaN, a quiet NaN with a payload, a signalling NaN, and negative ones.
    public static readonly Value Nan32 = FB(0x7fc0_0000), NegNan32 = FB(0xffc0_0000), QNan32 = FB(0x7fc0_0123), SNan32 = FB(0x7fa0_0001);
    public static readonly Value Nan64 = DB(0x7ff8_0000_0000_0000), NegNan64 = DB(0xfff8_0000_0000_0000),
        QNan64 = DB(0x7ff8_0000_0000_0123), SNan64 = DB(0x7ff4_0000_0000_0001);
}
