using System.Globalization;
using System.Text;

namespace Kiln.DiffFuzz;

/// <summary>
/// Kiln's own module generator, for what binaryen's -ttf rarely makes: deep and irregular control flow, many
/// params and locals, large br_tables, multi-value blocks and calls, memory-heavy loops and every trapping
/// instruction. Emits WebAssembly text (converted by wabt's wat2wasm, independent of Kiln's parser). Loops
/// and function entries spend a global fuel that <c>hangLimitInitializer</c> refills, so every export ends.
/// </summary>
internal sealed class WatGenerator(Random rng)
{
    private static readonly string[] Types = ["i32", "i64", "f32", "f64"];
    private sealed record Sig(string[] Params, string[] Results);
    private sealed record Label(string Name, bool IsLoop);

    private readonly List<Sig> funcs = [];
    private readonly List<string> globals = [];
    private List<string> locals = [];
    private readonly List<Label> labels = [];
    private int budget;
    private int labelCount;
    private const int TableSize = 12;

    public string Generate()
    {
        int nf = rng.Next(2, 9);
        for (int i = 0; i < nf; i++)
        {
            int np = rng.Next(4) == 0 ? rng.Next(8, 40) : rng.Next(0, 5);
            int nr = rng.Next(5) switch { 0 => 0, 1 => rng.Next(2, 5), _ => 1 };
            funcs.Add(new Sig(Enumerable.Range(0, np).Select(_ => Pick(Types)).ToArray(), Enumerable.Range(0, nr).Select(_ => Pick(Types)).ToArray()));
        }
        int ng = rng.Next(1, 8);
        for (int i = 0; i < ng; i++) globals.Add(Pick(Types));

        var sb = new StringBuilder("(module\n");
        foreach (var t in Types) sb.Append($"  (import \"fuzzing-support\" \"log-{t}\" (func $log-{t} (param {t})))\n");
        for (int i = 0; i < funcs.Count; i++)
            sb.Append($"  (type $t{i} (func{Params(funcs[i].Params)}{Results(funcs[i].Results)}))\n");
        sb.Append($"  (memory {rng.Next(1, 3)} {rng.Next(3, 6)})\n");
        sb.Append($"  (table {TableSize} funcref)\n");
        sb.Append("  (global $fuel (mut i32) (i32.const 0))\n");
        for (int i = 0; i < globals.Count; i++) sb.Append($"  (global $g{i} (mut {globals[i]}) {Const(globals[i])})\n");
        int elemOffset = rng.Next(0, 3);
        var elems = Enumerable.Range(0, rng.Next(0, TableSize - elemOffset + (rng.Next(20) == 0 ? 2 : 0))).Select(_ => $"$f{rng.Next(funcs.Count)}");
        sb.Append($"  (elem (i32.const {elemOffset}) func {string.Join(' ', elems)})\n");
        sb.Append($"  (data (i32.const {rng.Next(0, 200)}) \"{Bytes(rng.Next(1, 64))}\")\n");
        sb.Append($"  (data $passive \"{Bytes(rng.Next(1, 64))}\")\n");
        sb.Append("  (func (export \"hangLimitInitializer\") (global.set $fuel (i32.const 300)))\n");
        for (int i = 0; i < funcs.Count; i++) sb.Append(Function(i));
        sb.Append(")\n");
        return sb.ToString();
    }

    private string Function(int index)
    {
        var sig = funcs[index];
        locals = [.. sig.Params];
        int nl = rng.Next(3) == 0 ? rng.Next(20, 80) : rng.Next(0, 6);
        var extra = Enumerable.Range(0, nl).Select(_ => Pick(Types)).ToList();
        locals.AddRange(extra);
        labels.Clear();
        budget = rng.Next(20, 160);
        var body = new StringBuilder();
        body.Append("    (if (i32.eqz (global.get $fuel)) (then unreachable))\n    (global.set $fuel (i32.sub (global.get $fuel) (i32.const 1)))\n");
        int ns = rng.Next(1, 8);
        for (int i = 0; i < ns; i++) body.Append("    ").Append(Stmt(0)).Append('\n');
        foreach (var r in sig.Results) body.Append("    ").Append(Expr(r, 0)).Append('\n');
        string localDecl = extra.Count == 0 ? "" : $"\n    (local {string.Join(' ', extra)})";
        return $"  (func $f{index} (export \"f{index}\") (type $t{index}){Params(sig.Params)}{Results(sig.Results)}{localDecl}\n{body}  )\n";
    }

    private string Stmt(int depth)
    {
        budget--;
        bool deep = depth > 12 || budget <= 0;
        int choice = rng.Next(deep ? 9 : 20);
        switch (choice)
        {
            case 0: case 1: { int l = rng.Next(locals.Count == 0 ? 1 : locals.Count); return locals.Count == 0 ? Stmt(depth + 1) : $"(local.set {l} {Expr(locals[l], depth + 1)})"; }
            case 2: { int g = rng.Next(globals.Count); return $"(global.set $g{g} {Expr(globals[g], depth + 1)})"; }
            case 3: case 4: { string t = Pick(Types); return $"(call $log-{t} {Expr(t, depth + 1)})"; }
            case 5: return Store(depth);
            case 6: { string t = Pick(Types); return $"(drop {Expr(t, depth + 1)})"; }
            case 7: return Bulk(depth);
            case 8: return rng.Next(30) == 0 ? "(unreachable)" : Branch(depth);
            case 9: case 10: return Block(depth);
            case 11: case 12: return Loop(depth);
            case 13: return $"(if {Expr("i32", depth + 1)} (then {Stmts(depth)}) (else {Stmts(depth)}))";
            case 14: case 15: return BrTable(depth);
            case 16: return MultiCall(depth);
            case 17: return MultiBlock(depth);
            default: return $"(drop {Call(Pick(Types), depth)})";
        }
    }

    private string Stmts(int depth) => string.Join(' ', Enumerable.Range(0, rng.Next(1, 4)).Select(_ => Stmt(depth + 1)));

    private string Block(int depth)
    {
        string name = $"$b{labelCount++}";
        labels.Add(new Label(name, false));
        string s = $"(block {name} {Stmts(depth)} (br_if {name} {Expr("i32", depth + 1)}) {Stmts(depth)})";
        labels.RemoveAt(labels.Count - 1);
        return s;
    }

    private string Loop(int depth)
    {
        string name = $"$l{labelCount++}";
        int counter = locals.FindIndex(t => t == "i32");
        labels.Add(new Label(name, true));
        string fuel = "(if (i32.eqz (global.get $fuel)) (then unreachable)) (global.set $fuel (i32.sub (global.get $fuel) (i32.const 1)))";
        string cond = counter >= 0 && rng.Next(2) == 0
            ? $"(i32.lt_u (local.tee {counter} (i32.add (local.get {counter}) (i32.const 1))) (i32.const {rng.Next(1, 40)}))"
            : Expr("i32", depth + 1);
        string s = $"(loop {name} {fuel} {Stmts(depth)} (br_if {name} {cond}))";
        labels.RemoveAt(labels.Count - 1);
        return s;
    }

    private string Branch(int depth)
    {
        if (labels.Count == 0) return $"(drop {Expr("i32", depth + 1)})";
        var l = labels[rng.Next(labels.Count)];
        return $"(br_if {l.Name} {Expr("i32", depth + 1)})";
    }

    private string BrTable(int depth)
    {
        int n = rng.Next(2, 7);
        var names = Enumerable.Range(0, n).Select(_ => $"$t{labelCount++}").ToArray();
        int targets = rng.Next(4) == 0 ? rng.Next(100, 600) : rng.Next(1, 12);
        var list = Enumerable.Range(0, targets).Select(_ => names[rng.Next(n)]);
        string index = rng.Next(3) == 0 ? $"(i32.const {rng.Next(-1, targets + 2)})" : Expr("i32", depth + 1);
        var sb = new StringBuilder();
        for (int i = n - 1; i >= 0; i--) sb.Append($"(block {names[i]} ");
        sb.Append($"(br_table {string.Join(' ', list)} {names[rng.Next(n)]} {index})");
        for (int i = 0; i < n; i++)
        {
            sb.Append(") ");
            if (i < n - 1) { labels.Add(new Label(names[i + 1], false)); sb.Append(Stmt(depth + 1)); labels.RemoveAt(labels.Count - 1); }
        }
        return sb.ToString();
    }

    private string MultiCall(int depth)
    {
        var candidates = Enumerable.Range(0, funcs.Count).Where(i => funcs[i].Results.Length > 1).ToList();
        if (candidates.Count == 0) return MultiBlock(depth);
        int f = candidates[rng.Next(candidates.Count)];
        return Consume(CallTo(f, depth), funcs[f].Results);
    }

    private string MultiBlock(int depth)
    {
        var types = Enumerable.Range(0, rng.Next(2, 5)).Select(_ => Pick(Types)).ToArray();
        string name = $"$m{labelCount++}";
        string vals = string.Join(' ', types.Select(t => Expr(t, depth + 1)));
        // br_if leaves the values it carries on the stack when it falls through: drop them.
        string early = rng.Next(2) == 0
            ? $"(br_if {name} {string.Join(' ', types.Select(t => Expr(t, depth + 1)))} {Expr("i32", depth + 1)}) {string.Concat(types.Select(_ => "drop "))}"
            : "";
        return Consume($"(block {name}{Results(types)} {early}{vals})", types);
    }

    /// <summary>Stores the values an expression leaves (in order) into locals of their types, or drops them.</summary>
    private string Consume(string producer, string[] types)
    {
        var sb = new StringBuilder(producer);
        for (int i = types.Length - 1; i >= 0; i--)
        {
            int l = locals.FindIndex(rng.Next(locals.Count + 1), t => t == types[i]);
            sb.Append(l >= 0 ? $" (local.set {l})" : " (drop)");
        }
        return sb.ToString();
    }

    private string Store(int depth)
    {
        string t = Pick(Types);
        string op = t switch
        {
            "i32" => Pick(["i32.store", "i32.store8", "i32.store16"]),
            "i64" => Pick(["i64.store", "i64.store8", "i64.store16", "i64.store32"]),
            _ => t + ".store",
        };
        return $"({op}{Offset()} {Address(depth)} {Expr(t, depth + 1)})";
    }

    private string Bulk(int depth) => rng.Next(5) switch
    {
        0 => $"(memory.fill {Address(depth)} {Expr("i32", depth + 1)} {Length(depth)})",
        1 => $"(memory.copy {Address(depth)} {Address(depth)} {Length(depth)})",
        2 => $"(memory.init $passive {Address(depth)} (i32.const {rng.Next(0, 70)}) (i32.const {rng.Next(0, 70)}))",
        3 => rng.Next(4) == 0 ? "(data.drop $passive)" : $"(drop (memory.grow (i32.const {rng.Next(0, 3)})))",
        _ => IndirectStmt(depth),
    };

    private int IndirectType() => rng.Next(funcs.Count);

    private string IndirectStmt(int depth)
    {
        int t = IndirectType();
        return Consume($"(call_indirect (type $t{t}) {CallArgs(t, depth)} {TableIndex(depth)})", funcs[t].Results);
    }

    private string TableIndex(int depth) => rng.Next(3) == 0 ? Expr("i32", depth + 1) : $"(i32.const {rng.Next(0, TableSize + 2)})";

    private string Length(int depth) => rng.Next(3) == 0 ? Expr("i32", depth + 1) : $"(i32.const {rng.Next(0, 300)})";

    private string Address(int depth) => rng.Next(10) switch
    {
        < 6 => $"(i32.and {Expr("i32", depth + 1)} (i32.const 0xfff8))",
        6 => $"(i32.const {Pick(["65528", "65532", "65535", "65536", "131064", "-1", "-8"])})",
        _ => Expr("i32", depth + 1),
    };

    private string Offset() => rng.Next(6) switch { 0 => $" offset={rng.Next(0, 70000)}", 1 => $" offset={rng.Next(0, 16)}", _ => "" };

    private string CallArgs(int f, int depth) => string.Join(' ', funcs[f].Params.Select(p => Expr(p, depth + 1)));

    private string CallTo(int f, int depth) => $"(call $f{f} {CallArgs(f, depth)})";

    private string Call(string type, int depth)
    {
        var ok = Enumerable.Range(0, funcs.Count).Where(i => funcs[i].Results is [var r] && r == type).ToList();
        if (ok.Count == 0) return Expr(type, depth + 1);
        int f = ok[rng.Next(ok.Count)];
        return rng.Next(3) == 0 ? $"(call_indirect (type $t{f}) {CallArgs(f, depth)} {TableIndex(depth)})" : CallTo(f, depth);
    }

    private string Expr(string t, int depth)
    {
        budget--;
        if (depth > 14 || budget <= 0 || rng.Next(5) == 0) return Leaf(t);
        switch (rng.Next(14))
        {
            case 0: case 1: case 2: return Binary(t, depth);
            case 3: return Unary(t, depth);
            case 4: return Convert(t, depth);
            case 5: return Load(t, depth);
            case 6: return $"(select {Expr(t, depth + 1)} {Expr(t, depth + 1)} {Expr("i32", depth + 1)})";
            case 7: return $"(if (result {t}) {Expr("i32", depth + 1)} (then {Stmt(depth + 1)} {Expr(t, depth + 1)}) (else {Expr(t, depth + 1)}))";
            case 8:
            {
                string name = $"$e{labelCount++}";
                return $"(block {name} (result {t}) {Stmt(depth + 1)} (br_if {name} {Expr(t, depth + 1)} {Expr("i32", depth + 1)}) (drop) {Expr(t, depth + 1)})";
            }
            case 9: return Call(t, depth);
            case 10:
            {
                int l = locals.FindIndex(x => x == t);
                return l < 0 ? Leaf(t) : $"(local.tee {l} {Expr(t, depth + 1)})";
            }
            case 11: return t == "i32" ? Pick(["(memory.size)", $"(memory.grow (i32.const {rng.Next(0, 2)}))", Compare(depth)]) : Binary(t, depth);
            case 12: return t == "i32" ? Compare(depth) : Unary(t, depth);
            default: return Leaf(t);
        }
    }

    private string Leaf(string t)
    {
        var ls = Enumerable.Range(0, locals.Count).Where(i => locals[i] == t).ToList();
        var gs = Enumerable.Range(0, globals.Count).Where(i => globals[i] == t).ToList();
        int c = rng.Next(4);
        if (c == 0 && ls.Count > 0) return $"(local.get {ls[rng.Next(ls.Count)]})";
        if (c == 1 && gs.Count > 0) return $"(global.get $g{gs[rng.Next(gs.Count)]})";
        return Const(t);
    }

    private string Binary(string t, int depth)
    {
        string op = t[0] == 'i'
            ? Pick(["add", "sub", "mul", "div_s", "div_u", "rem_s", "rem_u", "and", "or", "xor", "shl", "shr_s", "shr_u", "rotl", "rotr"])
            : Pick(["add", "sub", "mul", "div", "min", "max", "copysign"]);
        return $"({t}.{op} {Expr(t, depth + 1)} {Expr(t, depth + 1)})";
    }

    private string Unary(string t, int depth) => t switch
    {
        "i32" => $"(i32.{Pick(["clz", "ctz", "popcnt", "eqz", "extend8_s", "extend16_s"])} {Expr("i32", depth + 1)})",
        "i64" => $"(i64.{Pick(["clz", "ctz", "popcnt", "extend8_s", "extend16_s", "extend32_s"])} {Expr("i64", depth + 1)})",
        _ => $"({t}.{Pick(["abs", "neg", "ceil", "floor", "trunc", "nearest", "sqrt"])} {Expr(t, depth + 1)})",
    };

    private string Compare(int depth)
    {
        string t = Pick(Types);
        string op = t[0] == 'i' ? Pick(["eq", "ne", "lt_s", "lt_u", "gt_s", "gt_u", "le_s", "le_u", "ge_s", "ge_u"]) : Pick(["eq", "ne", "lt", "gt", "le", "ge"]);
        return rng.Next(8) == 0 && t == "i64" ? $"(i64.eqz {Expr(t, depth + 1)})" : $"({t}.{op} {Expr(t, depth + 1)} {Expr(t, depth + 1)})";
    }

    private string Convert(string t, int depth)
    {
        (string Op, string From)[] options = t switch
        {
            "i32" => [("i32.wrap_i64", "i64"), ("i32.trunc_f32_s", "f32"), ("i32.trunc_f32_u", "f32"), ("i32.trunc_f64_s", "f64"), ("i32.trunc_f64_u", "f64"),
                ("i32.trunc_sat_f32_s", "f32"), ("i32.trunc_sat_f32_u", "f32"), ("i32.trunc_sat_f64_s", "f64"), ("i32.trunc_sat_f64_u", "f64"), ("i32.reinterpret_f32", "f32")],
            "i64" => [("i64.extend_i32_s", "i32"), ("i64.extend_i32_u", "i32"), ("i64.trunc_f32_s", "f32"), ("i64.trunc_f32_u", "f32"), ("i64.trunc_f64_s", "f64"),
                ("i64.trunc_f64_u", "f64"), ("i64.trunc_sat_f32_s", "f32"), ("i64.trunc_sat_f32_u", "f32"), ("i64.trunc_sat_f64_s", "f64"), ("i64.trunc_sat_f64_u", "f64"), ("i64.reinterpret_f64", "f64")],
            "f32" => [("f32.convert_i32_s", "i32"), ("f32.convert_i32_u", "i32"), ("f32.convert_i64_s", "i64"), ("f32.convert_i64_u", "i64"), ("f32.demote_f64", "f64"), ("f32.reinterpret_i32", "i32")],
            _ => [("f64.convert_i32_s", "i32"), ("f64.convert_i32_u", "i32"), ("f64.convert_i64_s", "i64"), ("f64.convert_i64_u", "i64"), ("f64.promote_f32", "f32"), ("f64.reinterpret_i64", "i64")],
        };
        var (op, from) = options[rng.Next(options.Length)];
        return $"({op} {Expr(from, depth + 1)})";
    }

    private string Load(string t, int depth)
    {
        string op = t switch
        {
            "i32" => Pick(["i32.load", "i32.load8_s", "i32.load8_u", "i32.load16_s", "i32.load16_u"]),
            "i64" => Pick(["i64.load", "i64.load8_s", "i64.load8_u", "i64.load16_s", "i64.load16_u", "i64.load32_s", "i64.load32_u"]),
            _ => t + ".load",
        };
        return $"({op}{Offset()} {Address(depth)})";
    }

    private string Const(string t)
    {
        bool special = rng.Next(2) == 0;
        switch (t)
        {
            case "i32":
                return $"(i32.const {(special ? Pick(["0", "1", "-1", "0x7fffffff", "0x80000000", "31", "32", "0xffff", "8", "-2147483648"]) : rng.Next(int.MinValue, int.MaxValue).ToString(CultureInfo.InvariantCulture))})";
            case "i64":
                return $"(i64.const {(special ? Pick(["0", "1", "-1", "0x7fffffffffffffff", "0x8000000000000000", "63", "64", "0xffffffff", "-9223372036854775808"]) : rng.NextInt64().ToString(CultureInfo.InvariantCulture))})";
            default:
                string v = special
                    ? Pick(["0", "-0", "1", "-1", "0.5", "nan", "-nan", "nan:0x200000", "inf", "-inf", "2147483648", "-2147483649", "4294967296", "9223372036854775808", "1e-40", "0x1p-149", "3.5", "-2.5"])
                    : (rng.NextDouble() * Math.Pow(2, rng.Next(-60, 70)) * (rng.Next(2) == 0 ? 1 : -1)).ToString("R", CultureInfo.InvariantCulture);
                return $"({t}.const {v})";
        }
    }

    private string Bytes(int n) => string.Concat(Enumerable.Range(0, n).Select(_ => $"\\{rng.Next(256):x2}"));

    private static string Params(string[] ps) => ps.Length == 0 ? "" : $" (param {string.Join(' ', ps)})";

    private static string Results(string[] rs) => rs.Length == 0 ? "" : $" (result {string.Join(' ', rs)})";

    private string Pick(string[] options) => options[rng.Next(options.Length)];
}
