using Kiln.Wasm.Model;
using Kiln.Wasm.Text.Lexing;

namespace Kiln.Wasm.Text.Wast;

public enum WastExpectedKind : byte
{
    /// <summary>Exactly <see cref="WastExpected.Value"/> (bitwise for floats; a null or a specific extern reference).</summary>
    Value,
    /// <summary>A float NaN with the canonical payload (either sign).</summary>
    CanonicalNan,
    /// <summary>A float NaN with the quiet bit set (either sign, any payload).</summary>
    ArithmeticNan,
    /// <summary>Any non-null funcref (<c>ref.func</c>).</summary>
    AnyFuncRef,
    /// <summary>Any non-null externref (<c>ref.extern</c> without a number).</summary>
    AnyExternRef,
    /// <summary>A v128 checked lane by lane (<see cref="WastExpected.Lanes"/>), for shapes with NaN patterns or exact lanes.</summary>
    V128Lanes,
}

public enum WastLaneKind : byte
{
    Exact,
    CanonicalNan,
    ArithmeticNan,
}

/// <summary>One lane of an expected v128: exact bits or a NaN pattern.</summary>
public readonly record struct WastLanePattern(WastLaneKind Kind, ulong Bits);

/// <summary>An expected result of <c>assert_return</c>.</summary>
public sealed class WastExpected
{
    public WastExpectedKind Kind { get; init; }

    /// <summary>The result type (f32/f64 for NaN patterns, v128 for lane patterns).</summary>
    public ValType Type { get; init; }

    /// <summary>The exact value for <see cref="WastExpectedKind.Value"/>.</summary>
    public WastValue Value { get; init; }

    public V128Shape Shape { get; init; }
    public WastLanePattern[]? Lanes { get; init; }

    public static WastExpected Exact(WastValue v) => new() { Kind = WastExpectedKind.Value, Type = v.Type, Value = v };

    /// <summary>Whether <paramref name="actual"/> satisfies this expectation.</summary>
    public bool Matches(in WastValue actual)
    {
        if (actual.Type != Type) return false;
        switch (Kind)
        {
            case WastExpectedKind.Value:
                if (Type.IsReference()) return actual.IsNull == Value.IsNull && (Value.IsNull || Type == ValType.FuncRef || actual.Bits == Value.Bits);
                return actual.Bits == Value.Bits && actual.High == Value.High;
            case WastExpectedKind.CanonicalNan:
            case WastExpectedKind.ArithmeticNan:
                {
                    int bits = Type == ValType.F32 ? 32 : 64;
                    var kind = Kind == WastExpectedKind.CanonicalNan ? WastLaneKind.CanonicalNan : WastLaneKind.ArithmeticNan;
                    return LaneMatches(kind, 0, actual.Bits, bits);
                }
            case WastExpectedKind.AnyFuncRef:
            case WastExpectedKind.AnyExternRef:
                return !actual.IsNull;
            case WastExpectedKind.V128Lanes:
                {
                    int laneBits = Shape.LaneBits();
                    for (int i = 0; i < Lanes!.Length; i++)
                    {
                        ulong lane = V128Shapes.GetLane(actual.Bits, actual.High, laneBits, i);
                        if (!LaneMatches(Lanes[i].Kind, Lanes[i].Bits, lane, laneBits)) return false;
                    }
                    return true;
                }
            default:
                return false;
        }
    }

    private static bool LaneMatches(WastLaneKind kind, ulong expected, ulong actual, int bits)
    {
        if (kind == WastLaneKind.Exact) return expected == actual;
        int fracBits = bits == 32 ? 23 : 52;
        ulong quiet = 1UL << (fracBits - 1);
        ulong expMask = (bits == 32 ? 0xFFUL : 0x7FFUL) << fracBits;
        ulong payload = actual & ((1UL << fracBits) - 1);
        if ((actual & expMask) != expMask) return false;
        return kind == WastLaneKind.CanonicalNan ? payload == quiet : (payload & quiet) != 0;
    }

    public override string ToString() => Kind switch
    {
        WastExpectedKind.Value => Value.ToString(),
        WastExpectedKind.CanonicalNan => $"({Type.ToText()}.const nan:canonical)",
        WastExpectedKind.ArithmeticNan => $"({Type.ToText()}.const nan:arithmetic)",
        WastExpectedKind.AnyFuncRef => "(ref.func)",
        WastExpectedKind.AnyExternRef => "(ref.extern)",
        _ => $"(v128.const {Shape.ToText()} {string.Join(' ', Lanes!.Select(l => l.Kind == WastLaneKind.Exact ? $"0x{l.Bits:x}" : l.Kind == WastLaneKind.CanonicalNan ? "nan:canonical" : "nan:arithmetic"))})",
    };
}
