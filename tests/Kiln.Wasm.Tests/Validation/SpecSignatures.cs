using Kiln.Wasm.Model;

namespace Kiln.Wasm.Tests.Validation;

/// <summary>
/// The typing of an instruction derived from its name by the spec's instruction families (§3.3: <c>t.binop :
/// [t t] → [t]</c>, <c>t.relop : [t t] → [i32]</c>, <c>t2.cvtop_t1 : [t1] → [t2]</c>, <c>shape.splat : [unpacked]
/// → [v128]</c>, …), with the natural alignment and lane count of memory and lane instructions. Written
/// independently of <c>OpcodeTable</c>, so the sweep checks the table instead of trusting it.
/// </summary>
internal static class SpecSignatures
{
    internal sealed record Typing(ValType[] Params, ValType[] Results, int NaturalAlignment, int Lanes);

    private const ValType I32 = ValType.I32, I64 = ValType.I64, F32 = ValType.F32, F64 = ValType.F64, V = ValType.V128;

    private static readonly HashSet<string> ScalarRel = ["eq", "ne", "lt", "gt", "le", "ge", "lt_s", "lt_u", "gt_s", "gt_u", "le_s", "le_u", "ge_s", "ge_u"];
    private static readonly HashSet<string> ScalarUn = ["clz", "ctz", "popcnt", "abs", "neg", "sqrt", "ceil", "floor", "trunc", "nearest", "extend8_s", "extend16_s", "extend32_s"];
    private static readonly HashSet<string> ScalarBin = ["add", "sub", "mul", "div", "div_s", "div_u", "rem_s", "rem_u", "and", "or", "xor", "shl", "shr_s", "shr_u", "rotl", "rotr", "min", "max", "copysign"];
    private static readonly string[] VectorUnPrefixes = ["abs", "neg", "popcnt", "sqrt", "ceil", "floor", "trunc", "nearest", "extend_", "convert_", "trunc_sat_", "demote_", "promote_", "extadd_pairwise_"];

    /// <summary>The typing, or null when the name is not of a family with a fixed typing.</summary>
    public static Typing? Of(string name)
    {
        int dot = name.IndexOf('.');
        if (dot < 0) return null;
        string prefix = name[..dot], op = name[(dot + 1)..];
        return prefix switch
        {
            "i32" or "i64" or "f32" or "f64" => Scalar(Type(prefix), op),
            "v128" => Vector(op),
            "i8x16" or "i16x8" or "i32x4" or "i64x2" or "f32x4" or "f64x2" => Shape(prefix, op),
            "memory" => op switch
            {
                "size" => T([], [I32]),
                "grow" => T([I32], [I32]),
                "fill" or "copy" or "init" => T([I32, I32, I32], []),
                _ => null,
            },
            "data" when op == "drop" => T([], []),
            _ => null,
        };
    }

    private static Typing? Scalar(ValType t, string op)
    {
        if (op == "const") return T([], [t]);
        if (op.StartsWith("load", StringComparison.Ordinal)) return new([I32], [t], Align(op[4..], t), 0);
        if (op.StartsWith("store", StringComparison.Ordinal)) return new([I32, t], [], Align(op[5..], t), 0);
        if (op == "eqz") return T([t], [I32]);
        if (ScalarRel.Contains(op)) return T([t, t], [I32]);
        if (ScalarUn.Contains(op)) return T([t], [t]);
        if (ScalarBin.Contains(op)) return T([t, t], [t]);
        // Conversions name their operand type last: wrap_i64, trunc_sat_f64_u, reinterpret_f32, promote_f32.
        string[] parts = op.Split('_');
        string from = parts[^1] is "s" or "u" ? parts[^2] : parts[^1];
        return from is "i32" or "i64" or "f32" or "f64" ? T([Type(from)], [t]) : null;
    }

    /// <summary>log2 of the bytes a scalar access moves: loadN/storeN name N bits, plain ones the type's width.</summary>
    private static int Align(string width, ValType t)
    {
        int end = width.IndexOf('_');
        string bits = end < 0 ? width : width[..end];
        int n = bits.Length == 0 ? (t is I32 or F32 ? 32 : 64) : int.Parse(bits, System.Globalization.CultureInfo.InvariantCulture);
        return Log2(n / 8);
    }

    private static Typing? Vector(string op)
    {
        switch (op)
        {
            case "const": return T([], [V]);
            case "load": return new([I32], [V], 4, 0);
            case "store": return new([I32, V], [], 4, 0);
            case "not": return T([V], [V]);
            case "and" or "andnot" or "or" or "xor": return T([V, V], [V]);
            case "bitselect": return T([V, V, V], [V]);
            case "any_true": return T([V], [I32]);
        }
        if (!op.StartsWith("load", StringComparison.Ordinal) && !op.StartsWith("store", StringComparison.Ordinal)) return null;
        bool load = op.StartsWith("load", StringComparison.Ordinal);
        string rest = op[(load ? 4 : 5)..];
        int us = rest.IndexOf('_');
        string head = us < 0 ? rest : rest[..us], kind = us < 0 ? "" : rest[(us + 1)..];
        if (head.Contains('x'))
        {
            // loadNxM_s/u: M lanes of N bits, 64 bits read.
            return load ? new([I32], [V], 3, 0) : null;
        }
        int bits = int.Parse(head, System.Globalization.CultureInfo.InvariantCulture);
        int align = Log2(bits / 8);
        return kind switch
        {
            "splat" or "zero" when load => new([I32], [V], align, 0),
            "lane" => new(load ? [I32, V] : [I32, V], load ? [V] : [], align, 128 / bits),
            _ => null,
        };
    }

    private static Typing? Shape(string shape, string op)
    {
        int lanes = int.Parse(shape[(shape.IndexOf('x') + 1)..], System.Globalization.CultureInfo.InvariantCulture);
        ValType unpacked = shape switch { "i64x2" => I64, "f32x4" => F32, "f64x2" => F64, _ => I32 };
        if (op == "splat") return T([unpacked], [V]);
        if (op.StartsWith("extract_lane", StringComparison.Ordinal)) return new([V], [unpacked], 0, lanes);
        if (op == "replace_lane") return new([V, unpacked], [V], 0, lanes);
        if (op is "all_true" or "bitmask") return T([V], [I32]);
        if (op is "shl" or "shr_s" or "shr_u") return T([V, I32], [V]);
        if (op == "shuffle") return T([V, V], [V]);
        foreach (var p in VectorUnPrefixes)
            if (op == p || (p.EndsWith('_') && op.StartsWith(p, StringComparison.Ordinal))) return T([V], [V]);
        return T([V, V], [V]);
    }

    private static Typing T(ValType[] p, ValType[] r) => new(p, r, 0, 0);

    private static ValType Type(string t) => t switch { "i32" => I32, "i64" => I64, "f32" => F32, _ => F64 };

    private static int Log2(int n) => System.Numerics.BitOperations.Log2((uint)n);
}
