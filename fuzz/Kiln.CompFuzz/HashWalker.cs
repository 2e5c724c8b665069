using System.Text;

namespace Kiln.CompFuzz;

/// <summary>
/// Emits core wasm (folded text) that folds a component value, as one side's core code sees it, into the module's
/// 64-bit hash global <c>$h</c>: scalars by value (NaNs as one canonical NaN: the canonical ABI lets a NaN's
/// payload change on every lift and lower), strings by their encoding's length word and code units, lists and
/// variants by following pointers and discriminants. Never hashes pointers (where an allocator put data) or padding
/// and unused payload bytes (which no engine is bound to): both engines run the same walker, so equal hashes mean
/// both delivered the same value.
/// </summary>
/// <remarks>On the callee's side (<paramref name="handles"/>) a handle hashes as its index (the ABI fixes how a
/// table hands out indices: the last freed first, else the next new one, from 1) and its resource's rep (through the owner's <c>rep</c>) and is
/// then dropped; <see cref="KeepBorrows"/> leaves borrows undropped, which must trap
/// when the call returns. On the caller's side a handle parameter is still the host's u32.</remarks>
public sealed class HashWalker(StringEncoding encoding, bool handles = false)
{
    public bool KeepBorrows { get; init; }

    private string Handle(CType t, string h) => !handles
        ? $"(call $mix (i64.extend_i32_u {h}))"
        : $"(call $mix (i64.extend_i32_u {h})) (call $mix (i64.extend_i32_u (call $rep {h})))" + (t.Kind == CKind.Borrow && KeepBorrows ? "" : $" (call $drop {h})");

    private readonly StringBuilder _funcs = new();
    private readonly HashSet<string> _done = [];

    /// <summary>The helper functions (mixers, string and list walkers, per-type walkers) used so far.</summary>
    public string Functions => Prelude() + _funcs;

    private string Prelude() => $$"""
          (global $h (mut i64) (i64.const 0))
          (func $mix (param $x i64)
            (global.set $h (i64.mul (i64.xor (i64.rotl (global.get $h) (i64.const 23)) (local.get $x)) (i64.const 0x100000001b3))))
          (func $mixf32 (param $x f32)
            (call $mix (if (result i64) (f32.ne (local.get $x) (local.get $x)) (then (i64.const 0x7fc00000))
              (else (i64.extend_i32_u (i32.reinterpret_f32 (local.get $x)))))))
          (func $mixf64 (param $x f64)
            (call $mix (if (result i64) (f64.ne (local.get $x) (local.get $x)) (then (i64.const 0x7ff8000000000000))
              (else (i64.reinterpret_f64 (local.get $x))))))
          (func $mixbytes (param $p i32) (param $n i32) (local $i i32)
            (block $done (loop $l
              (br_if $done (i32.ge_u (local.get $i) (local.get $n)))
              (call $mix (i64.load8_u (i32.add (local.get $p) (local.get $i))))
              (local.set $i (i32.add (local.get $i) (i32.const 1)))
              (br $l))))
          (func $mixstr (param $p i32) (param $n i32)
            (call $mix (i64.extend_i32_u (local.get $n)))
            {{encoding switch
            {
                StringEncoding.Utf8 => "(call $mixbytes (local.get $p) (local.get $n))",
                StringEncoding.Utf16 => "(call $mixbytes (local.get $p) (i32.shl (local.get $n) (i32.const 1)))",
                _ => """
                    (if (i32.and (local.get $n) (i32.const 0x80000000))
                      (then (call $mixbytes (local.get $p) (i32.shl (i32.and (local.get $n) (i32.const 0x7fffffff)) (i32.const 1))))
                      (else (call $mixbytes (local.get $p) (local.get $n))))
                    """,
            }}})

        """;

    /// <summary>Code that hashes the value of <paramref name="t"/> stored at the address <paramref name="addr"/>
    /// (a folded i32 expression, evaluated once unless <paramref name="t"/> is a scalar).</summary>
    public string Mem(CType t, string addr)
    {
        switch (t.Kind)
        {
            case CKind.Bool: return $"(call $mix (i64.extend_i32_u (i32.ne (i32.load8_u {addr}) (i32.const 0))))";
            case CKind.S8: return $"(call $mix (i64.load8_s {addr}))";
            case CKind.U8: return $"(call $mix (i64.load8_u {addr}))";
            case CKind.S16: return $"(call $mix (i64.load16_s {addr}))";
            case CKind.U16: return $"(call $mix (i64.load16_u {addr}))";
            case CKind.S32: return $"(call $mix (i64.load32_s {addr}))";
            case CKind.U32 or CKind.Char: return $"(call $mix (i64.load32_u {addr}))";
            case CKind.Own or CKind.Borrow: return Handle(t, $"(i32.load {addr})");
            case CKind.S64 or CKind.U64: return $"(call $mix (i64.load {addr}))";
            case CKind.F32: return $"(call $mixf32 (f32.load {addr}))";
            case CKind.F64: return $"(call $mixf64 (f64.load {addr}))";
            case CKind.String: return $"(call $mixstr (i32.load {addr}) (i32.load offset=4 {addr}))";
            case CKind.List: return $"(call $l{t.Id} (i32.load {addr}) (i32.load offset=4 {addr}))";
            default:
                EnsureMemWalker(t);
                return $"(call $m{t.Id} {addr})";
        }
    }

    private static string Load(int size, string addr, int offset = 0)
    {
        string off = offset == 0 ? "" : $" offset={offset}";
        return size switch
        {
            1 => $"(i32.load8_u{off} {addr})",
            2 => $"(i32.load16_u{off} {addr})",
            _ => $"(i32.load{off} {addr})",
        };
    }

    private void EnsureMemWalker(CType t)
    {
        if (!_done.Add("m" + t.Id)) return;
        var body = new StringBuilder();
        string P(int off) => off == 0 ? "(local.get $p)" : $"(i32.add (local.get $p) (i32.const {off}))";
        switch (t.Kind)
        {
            case CKind.Record or CKind.Tuple:
                for (int i = 0; i < t.Fields.Count; i++) body.Append(Mem(t.Fields[i], P(t.Offsets[i]))).Append('\n');
                break;
            case CKind.Enum:
                body.Append($"(call $mix (i64.extend_i32_u {Load(t.DiscSize, "(local.get $p)")}))");
                break;
            case CKind.Flags:
                if (t.Size <= 2) body.Append($"(call $mix (i64.extend_i32_u {Load(t.Size, "(local.get $p)")}))");
                else for (int i = 0; i < t.Size / 4; i++) body.Append($"(call $mix (i64.extend_i32_u {Load(4, "(local.get $p)", 4 * i)}))\n");
                break;
            default: // variant, option, result
                body.Append($"(local.set $d {Load(t.DiscSize, "(local.get $p)")})\n(call $mix (i64.extend_i32_u (local.get $d)))\n");
                for (int c = 0; c < t.Cases.Count; c++)
                    if (t.Cases[c] is { } p)
                        body.Append($"(if (i32.eq (local.get $d) (i32.const {c})) (then {Mem(p, P(t.PayloadOffset))}))\n");
                break;
        }
        string text = $"  (func $m{t.Id} (param $p i32) (local $d i32)\n{body})\n";
        _funcs.Append(text);
    }

    /// <summary>Declares the list walker of every list type in <paramref name="t"/>.</summary>
    public void Prepare(CType t)
    {
        if (t.IsScalar) return;
        if (t.Elem is { } e) Prepare(e);
        foreach (var f in t.Fields) Prepare(f);
        foreach (var c in t.Cases) if (c is not null) Prepare(c);
        if (t.Kind == CKind.List && _done.Add("l" + t.Id))
        {
            var e2 = t.Elem!;
            // Built as a string first: StringBuilder.Append of an interpolated string appends piece by piece, and
            // Mem may append nested walkers to _funcs meanwhile.
            string body = Mem(e2, $"(i32.add (local.get $p) (i32.mul (local.get $i) (i32.const {e2.Size})))");
            string func = $$"""
                  (func $l{{t.Id}} (param $p i32) (param $n i32) (local $i i32)
                    (call $mix (i64.extend_i32_u (local.get $n)))
                    (block $done (loop $l
                      (br_if $done (i32.ge_u (local.get $i) (local.get $n)))
                      {{body}}
                      (local.set $i (i32.add (local.get $i) (i32.const 1)))
                      (br $l))))

                """;
            _funcs.Append(func);
        }
    }

    /// <summary>Code that hashes a value of <paramref name="t"/> held in flat core values: the locals
    /// <paramref name="locals"/>[<paramref name="pos"/>..] whose declared types are <paramref name="types"/> (joined
    /// types where a variant's payload shares slots, so each use converts as the ABI's <c>lift_flat</c> does).</summary>
    public string Flat(CType t, IReadOnlyList<int> locals, IReadOnlyList<CoreType> types, int pos)
    {
        string Get(int k, CoreType want)
        {
            var g = $"(local.get {locals[k]})";
            return (types[k], want) switch
            {
                var (a, w) when a == w => g,
                (CoreType.I32, CoreType.F32) => $"(f32.reinterpret_i32 {g})",
                (CoreType.I64, CoreType.I32) => $"(i32.wrap_i64 {g})",
                (CoreType.I64, CoreType.F32) => $"(f32.reinterpret_i32 (i32.wrap_i64 {g}))",
                (CoreType.I64, CoreType.F64) => $"(f64.reinterpret_i64 {g})",
                var (a, w) => throw new InvalidOperationException($"no flat coercion {a} -> {w}"),
            };
        }
        switch (t.Kind)
        {
            case CKind.S64 or CKind.U64: return $"(call $mix {Get(pos, CoreType.I64)})";
            case CKind.Own or CKind.Borrow: return Handle(t, Get(pos, CoreType.I32));
            case CKind.F32: return $"(call $mixf32 {Get(pos, CoreType.F32)})";
            case CKind.F64: return $"(call $mixf64 {Get(pos, CoreType.F64)})";
            case CKind.String: return $"(call $mixstr {Get(pos, CoreType.I32)} {Get(pos + 1, CoreType.I32)})";
            case CKind.List: return $"(call $l{t.Id} {Get(pos, CoreType.I32)} {Get(pos + 1, CoreType.I32)})";
            case CKind.Record or CKind.Tuple:
            {
                var sb = new StringBuilder();
                foreach (var f in t.Fields) { sb.Append(Flat(f, locals, types, pos)).Append('\n'); pos += f.Flat.Count; }
                return sb.ToString();
            }
            case CKind.Flags:
            {
                var sb = new StringBuilder();
                for (int i = 0; i < t.Flat.Count; i++) sb.Append($"(call $mix (i64.extend_i32_u {Get(pos + i, CoreType.I32)}))");
                return sb.ToString();
            }
            case CKind.Variant or CKind.Option or CKind.Result:
            {
                var d = Get(pos, CoreType.I32);
                var sb = new StringBuilder($"(call $mix (i64.extend_i32_u {d}))\n");
                for (int c = 0; c < t.Cases.Count; c++)
                    if (t.Cases[c] is { } p)
                        sb.Append($"(if (i32.eq {d} (i32.const {c})) (then {Flat(p, locals, types, pos + 1)}))\n");
                return sb.ToString();
            }
            default: // bool, narrow integers, char, enum: the i32 as delivered
                return $"(call $mix (i64.extend_i32_u {Get(pos, CoreType.I32)}))";
        }
    }
}
