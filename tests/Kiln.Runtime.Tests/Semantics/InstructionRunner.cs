using Kiln.Wasm.Model;
using System.Globalization;
using System.Text;
using Kiln.Runtime.Tests.Execution;

namespace Kiln.Runtime.Tests.Semantics;

/// <summary>
/// Runs one instruction's rows through the whole pipeline (text → validate → translate → mid-end → isel →
/// regalloc → emit → execute) in every shape the backend lowers differently: operands in registers (parameters),
/// as constants (folded by the mid-end), one constant operand (immediate forms, either side), loaded from memory
/// (fused memory operands), and for a comparison also its result fused into <c>if</c>, <c>br_if</c> and
/// <c>select</c>. Each shape of each row must give the row's outcome; every mismatch is reported, named by
/// instruction, operands and shape.
/// </summary>
internal static class InstructionRunner
{
    private static readonly string[] Comparisons = ["eqz", "eq", "ne", "lt", "gt", "le", "ge", "lt_s", "lt_u", "gt_s", "gt_u", "le_s", "le_u", "ge_s", "ge_u"];

    public static void Check(string op, IReadOnlyList<NumericCase> cases)
    {
        Assert.NotEmpty(cases);
        var paramTypes = cases[0].Args.Select(a => a.Type).ToArray();
        foreach (var c in cases)
            Assert.True(c.Args.Select(a => a.Type).SequenceEqual(paramTypes), $"{op}: rows disagree on operand types");
        string[] parts = op.Split('.');
        bool comparison = Comparisons.Contains(parts[1]);
        ValType result = comparison ? ValType.I32 : Parse(parts[0]);

        var shapes = Shapes(paramTypes.Length, comparison);
        var wat = new StringBuilder("(module (memory 1)\n");
        for (int k = 0; k < cases.Count; k++)
            foreach (var shape in shapes)
                wat.Append(Function(op, k, shape, cases[k].Args, paramTypes, result)).Append('\n');
        wat.Append(')');

        var engine = new Engine();
        using var store = new Store(engine);
        var instance = Wat.Instantiate(store, wat.ToString());
        var failures = new List<string>();
        for (int k = 0; k < cases.Count; k++)
        {
            var c = cases[k];
            foreach (var shape in shapes)
            {
                var args = shape switch
                {
                    Shape.Constants => [],
                    Shape.LeftConstant => [c.Args[1]],
                    Shape.RightConstant => [c.Args[0]],
                    _ => c.Args,
                };
                string? problem = Judge(instance.GetFunc($"{shape}{k}")!, args, c.Expected);
                if (problem is not null)
                    failures.Add($"{op}({string.Join(", ", c.Args.Select(Show))}) as {shape}: {problem}");
            }
        }
        Assert.True(failures.Count == 0, $"{failures.Count} wrong results:\n" + string.Join("\n", failures));
    }

    private enum Shape { Registers, Constants, LeftConstant, RightConstant, Memory, If, BrIf, Select }

    private static Shape[] Shapes(int arity, bool comparison)
    {
        var s = new List<Shape> { Shape.Registers, Shape.Constants, Shape.Memory };
        if (arity == 2) s.AddRange([Shape.LeftConstant, Shape.RightConstant]);
        if (comparison) s.AddRange([Shape.If, Shape.BrIf, Shape.Select]);
        return [.. s];
    }

    private static string Function(string op, int k, Shape shape, Value[] args, ValType[] types, ValType result)
    {
        string T(ValType t) => t.ToText();
        string Get(int i) => $"(local.get {i})";
        string[] operands;
        string parameters;
        switch (shape)
        {
            case Shape.Constants:
                operands = [.. args.Select(Const)];
                parameters = "";
                break;
            case Shape.LeftConstant:
                operands = [Const(args[0]), Get(0)];
                parameters = $"(param {T(types[1])})";
                break;
            case Shape.RightConstant:
                operands = [Get(0), Const(args[1])];
                parameters = $"(param {T(types[0])})";
                break;
            case Shape.Memory:
                // Stored at 0 and 16, loaded back as operands: loads the backend may fold into the instruction.
                operands = [.. types.Select((t, i) => $"({T(t)}.load (i32.const {16 * i}))")];
                parameters = $"(param {string.Join(' ', types.Select(T))})";
                break;
            default:
                operands = [.. types.Select((_, i) => Get(i))];
                parameters = $"(param {string.Join(' ', types.Select(T))})";
                break;
        }
        string inst = $"({op} {string.Join(' ', operands)})";
        string stores = shape == Shape.Memory
            ? string.Concat(types.Select((t, i) => $"({T(t)}.store (i32.const {16 * i}) (local.get {i}))"))
            : "";
        string body = shape switch
        {
            Shape.If => $"(if (result i32) {inst} (then (i32.const 1)) (else (i32.const 0)))",
            Shape.BrIf => $"(block (br_if 0 {inst}) (return (i32.const 0))) (i32.const 1)",
            Shape.Select => $"(select (i32.const 1) (i32.const 0) {inst})",
            _ => inst,
        };
        return $"  (func (export \"{shape}{k}\") {parameters} (result {T(result)}) {stores} {body})";
    }

    private static string? Judge(Func f, Value[] args, Outcome expected)
    {
        Value got;
        try
        {
            got = f.Call(args)[0];
        }
        catch (Trap t)
        {
            return expected is Traps e && e.Code == t.Code ? null : $"trapped ({t.Code}), expected {Show(expected)}";
        }
        return expected switch
        {
            Returns r when SameBits(r.Value, got) => null,
            ReturnsNan n when IsNan(got, n) => null,
            _ => $"gave {Show(got)}, expected {Show(expected)}",
        };
    }

    private static bool SameBits(Value a, Value b) => a.Type == b.Type && a.Type switch
    {
        ValType.I32 => a.AsI32() == b.AsI32(),
        ValType.I64 => a.AsI64() == b.AsI64(),
        ValType.F32 => a.AsF32Bits() == b.AsF32Bits(),
        ValType.F64 => a.AsF64Bits() == b.AsF64Bits(),
        _ => throw new ArgumentException($"type {a.Type}"),
    };

    private static bool IsNan(Value v, ReturnsNan n)
    {
        if (v.Type != n.Type) return false;
        if (v.Type == ValType.F32)
        {
            uint b = v.AsF32Bits() & 0x7fff_ffff;
            return n.Canonical ? b == 0x7fc0_0000 : (b & 0x7fc0_0000) == 0x7fc0_0000;
        }
        ulong d = v.AsF64Bits() & 0x7fff_ffff_ffff_ffff;
        return n.Canonical ? d == 0x7ff8_0000_0000_0000 : (d & 0x7ff8_0000_0000_0000) == 0x7ff8_0000_0000_0000;
    }

    private static ValType Parse(string t) => t switch
    {
        "i32" => ValType.I32, "i64" => ValType.I64, "f32" => ValType.F32, "f64" => ValType.F64,
        _ => throw new ArgumentException($"not a numeric type: {t}"),
    };

    /// <summary>The value as a constant instruction; floats as exact hexadecimal literals built from their bits.</summary>
    private static string Const(Value v) => $"({v.Type.ToText()}.const {Literal(v)})";

    private static string Literal(Value v)
    {
        switch (v.Type)
        {
            case ValType.I32: return v.AsI32().ToString(CultureInfo.InvariantCulture);
            case ValType.I64: return v.AsI64().ToString(CultureInfo.InvariantCulture);
            case ValType.F32:
            {
                uint b = v.AsF32Bits();
                string sign = (b >> 31) != 0 ? "-" : "";
                uint exp = (b >> 23) & 0xff, mant = b & 0x7f_ffff;
                if (exp == 0xff) return mant == 0 ? sign + "inf" : $"{sign}nan:0x{mant:x}";
                return exp == 0 ? $"{sign}0x0.{mant << 1:x6}p-126" : $"{sign}0x1.{mant << 1:x6}p{(int)exp - 127}";
            }
            default:
            {
                ulong b = v.AsF64Bits();
                string sign = (b >> 63) != 0 ? "-" : "";
                ulong exp = (b >> 52) & 0x7ff, mant = b & 0xf_ffff_ffff_ffff;
                if (exp == 0x7ff) return mant == 0 ? sign + "inf" : $"{sign}nan:0x{mant:x}";
                return exp == 0 ? $"{sign}0x0.{mant:x13}p-1022" : $"{sign}0x1.{mant:x13}p{(int)exp - 1023}";
            }
        }
    }

    private static string Show(Value v) => v.Type switch
    {
        ValType.I32 => $"{v.AsI32()} (0x{v.AsI32():x8})",
        ValType.I64 => $"{v.AsI64()} (0x{v.AsI64():x16})",
        ValType.F32 => $"{v.AsF32().ToString("R", CultureInfo.InvariantCulture)} (0x{v.AsF32Bits():x8})",
        _ => $"{v.AsF64().ToString("R", CultureInfo.InvariantCulture)} (0x{v.AsF64Bits():x16})",
    };

    private static string Show(Outcome o) => o switch
    {
        Returns r => Show(r.Value),
        ReturnsNan n => $"{(n.Canonical ? "canonical" : "arithmetic")} {n.Type.ToText()} NaN",
        Traps t => $"trap {t.Code}",
        _ => o.ToString()!,
    };
}
