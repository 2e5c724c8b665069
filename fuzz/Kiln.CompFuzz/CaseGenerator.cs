using System.Globalization;
using System.Text;

namespace Kiln.CompFuzz;

/// <summary>
/// Builds a <see cref="FuzzCase"/> from (seed, index): the signature, values and the component text. The outer
/// component defines and exports every compound type, instantiates a callee and a caller component (each
/// re-declares the types and imports them with <c>eq</c> bounds, as the component model requires of types used by
/// exported functions), links the caller's import to the callee's export — so the engine fuses an adapter between
/// two memories — and exports <c>run</c> (the caller's export, same signature) and each side's hashes:
/// <list type="bullet">
/// <item>callee <c>f</c>: hashes the parameters it received, answers a fixed value (a data segment laid out by
/// <see cref="AbiImage"/>, or a constant when the result is one flat value); its post-return hashes a marker;</item>
/// <item>caller <c>run</c>: hashes the parameters the host lowered into it, forwards them unchanged to the import,
/// hashes the result the adapter delivered and returns it to the host;</item>
/// <item>each side's <c>realloc</c> (a bump allocator) hashes its (old size, alignment, new size) requests, never
/// the pointers.</item>
/// </list>
/// </summary>
public static class CaseGenerator
{
    public const int MaxFlatParams = 16;
    public const int DataBase = 1024;

    /// <summary>The generator seed of case <paramref name="index"/>: a SplitMix64 step over the run's seed and the
    /// index, as fuzz/Kiln.Fuzz derives its case seeds, so a case replays in another process.</summary>
    public static int CaseSeed(int seed, long index)
    {
        ulong z = unchecked(((ulong)(uint)seed << 32 ^ (ulong)index) + 0x9E3779B97F4A7C15UL);
        z = unchecked((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL);
        z = unchecked((z ^ (z >> 27)) * 0x94D049BB133111EBUL);
        return (int)((z ^ (z >> 31)) & int.MaxValue);
    }

    public static FuzzCase Generate(int seed, long index, int maxFlags)
    {
        var rng = new Random(CaseSeed(seed, index));
        var gen = new TypeGenerator(rng, maxFlags);
        int depth = rng.Next(1, 5);
        var ps = new CType[rng.Next(100) < 10 ? 0 : rng.Next(1, rng.Next(100) < 15 ? 12 : 5)];
        for (int i = 0; i < ps.Length; i++) ps[i] = gen.Type(depth);
        // A third of the cases pass handles: a parameter becomes own<r> or borrow<r> of the owner's resource.
        if (rng.Next(3) == 0)
            for (int i = 0; i < ps.Length; i++)
                if (rng.Next(3) == 0) ps[i] = CType.Scalar(rng.Next(2) == 0 ? CKind.Own : CKind.Borrow);
        CType? result = rng.Next(100) < 10 ? null : gen.Type(depth);
        var callerEnc = StringEncodings.All[rng.Next(3)];
        var calleeEnc = StringEncodings.All[rng.Next(3)];
        var args = ps.Select(p => gen.Value(p)).ToArray();
        var answer = result is null ? null : gen.Value(result);

        // The callee's answer, laid out in its memory (only used when the result goes through memory).
        AbiImage? image = null;
        Corruption? corrupt = null;
        if (result is not null && result.Flat.Count > 1)
        {
            image = new AbiImage(DataBase, calleeEnc);
            int at = image.Alloc(result.Size, result.Align);
            image.Store(result, answer!, at);
            if (image.Sites.Count > 0 && rng.Next(100) < 20) corrupt = Spoil(image, rng);
        }
        var flatTypes = ps.SelectMany(p => p.Flat).ToList();
        var paramCorrupt = ps.Length > 0 && rng.Next(100) < 20
            ? ParamCorruption.Draw(rng, ps, args, flatTypes.Count > MaxFlatParams, flatTypes) : null;
        bool keepBorrows = ps.Any(p => p.Kind == CKind.Borrow) && rng.Next(100) < 10;
        var text = Build(ps, result, callerEnc, calleeEnc, answer, image, paramCorrupt, keepBorrows);
        return new FuzzCase
        {
            Seed = seed, Index = index, Params = ps, Result = result, CallerEncoding = callerEnc, CalleeEncoding = calleeEnc,
            Args = args, Answer = answer, Corrupt = corrupt, ParamCorrupt = paramCorrupt, KeepBorrows = keepBorrows, Text = text,
        };
    }

    /// <summary>The case with changed parts and its text built again (the reducer's step). A corruption of the
    /// answer is applied at the same address, so it must be dropped when the answer changes.</summary>
    public static FuzzCase Rebuild(FuzzCase c, IReadOnlyList<CType> ps, IReadOnlyList<Val> args, CType? result, Val? answer,
        Corruption? corrupt, ParamCorruption? paramCorrupt, bool keepBorrows)
    {
        AbiImage? image = null;
        if (result is not null && result.Flat.Count > 1)
        {
            image = new AbiImage(DataBase, c.CalleeEncoding);
            int at = image.Alloc(result.Size, result.Align);
            image.Store(result, answer!, at);
            if (corrupt is { } k) image.Poke(k.Address, k.Value, k.Size);
        }
        var text = Build([.. ps], result, c.CallerEncoding, c.CalleeEncoding, answer, image, paramCorrupt, keepBorrows);
        return new FuzzCase
        {
            Seed = c.Seed, Index = c.Index, Params = ps, Result = result, CallerEncoding = c.CallerEncoding,
            CalleeEncoding = c.CalleeEncoding, Args = args, Answer = answer, Corrupt = image is null ? null : corrupt,
            ParamCorrupt = paramCorrupt, KeepBorrows = keepBorrows && ps.Any(p => p.Kind == CKind.Borrow), Text = text,
        };
    }

    /// <summary>Changes one byte group of the answer so lifting it must trap (or normalize it: a bool of 2).</summary>
    private static Corruption Spoil(AbiImage image, Random rng)
    {
        var s = image.Sites[rng.Next(image.Sites.Count)];
        Corruption c;
        switch (s.Kind)
        {
            case SiteKind.Discriminant:
            {
                ulong max = s.Size == 1 ? 0xFF : s.Size == 2 ? 0xFFFF : 0xFFFFFFFF;
                ulong v = rng.Next(2) == 0 ? (ulong)s.Cases : max;
                c = new(s.Kind, s.Address, Math.Min(v, max), s.Size);
                break;
            }
            case SiteKind.Char: c = new(s.Kind, s.Address, rng.Next(2) == 0 ? 0xD800UL : 0x110000UL, 4); break;
            case SiteKind.Bool: c = new(s.Kind, s.Address, (ulong)rng.Next(2, 256), 1); break;
            case SiteKind.StringPtr or SiteKind.ListPtr:
                // Either the pointer past the memory, or a length that reaches past it, or a misaligned pointer.
                c = rng.Next(3) switch
                {
                    0 => new(s.Kind, s.Address, 0xFFFFFF00UL, 4),
                    1 => new(s.Kind, s.Address + 4, 0x00FFFFFFUL, 4),
                    _ => new(s.Kind, s.Address, image.Peek(s.Address, 4) + 1, 4),
                };
                break;
            case SiteKind.Utf8Byte: c = new(s.Kind, s.Address + rng.Next(s.Size), rng.Next(2) == 0 ? 0xFFUL : 0x80UL, 1); break;
            default: c = new(s.Kind, s.Address + 2 * rng.Next(s.Size / 2), (ulong)rng.Next(0xD800, 0xE000), 2); break;
        }
        image.Poke(c.Address, c.Value, c.Size);
        return c;
    }

    private static string CoreName(CoreType t) => t switch
    {
        CoreType.I32 => "i32", CoreType.I64 => "i64", CoreType.F32 => "f32", _ => "f64",
    };

    private static string Params(IEnumerable<CoreType> ts) => string.Concat(ts.Select(t => $" (param {CoreName(t)})"));
    private static string Results(IEnumerable<CoreType> ts) => string.Concat(ts.Select(t => $" (result {CoreName(t)})"));

    private static string Hex(byte[] bytes)
    {
        var sb = new StringBuilder();
        foreach (var b in bytes) sb.Append('\\').Append(b.ToString("x2", CultureInfo.InvariantCulture));
        return sb.ToString();
    }

    private static string Build(CType[] ps, CType? result, StringEncoding callerEnc, StringEncoding calleeEnc, Val? answer, AbiImage? image,
        ParamCorruption? paramCorrupt, bool keepBorrows)
    {
        var compound = new List<CType>();
        foreach (var p in ps) p.CollectCompound(compound);
        result?.CollectCompound(compound);

        var flatParams = ps.SelectMany(p => p.Flat).ToList();
        bool paramsInMemory = flatParams.Count > MaxFlatParams;
        var paramTuple = CType.Tuple(-1, ps.Length == 0 ? [CType.Scalar(CKind.U8)] : ps);
        var coreParams = paramsInMemory ? [CoreType.I32] : flatParams;
        int flatResults = result?.Flat.Count ?? 0;
        IReadOnlyList<CoreType> liftResults = flatResults == 0 ? [] : flatResults == 1 ? result!.Flat : [CoreType.I32];
        var lowerParams = flatResults > 1 ? [.. coreParams, CoreType.I32] : coreParams;
        IReadOnlyList<CoreType> lowerResults = flatResults == 1 ? result!.Flat : [];

        string sig = "(func" + string.Concat(ps.Select((p, i) => $" (param \"p{i}\" {p.Ref})")) + (result is null ? "" : $" (result {result.Ref})") + ")";
        string runSig = "(func" + string.Concat(ps.Select((p, i) => $" (param \"p{i}\" {p.HostRef})")) + (result is null ? "" : $" (result {result.Ref})") + ")";
        bool handles = ps.Any(p => p.IsHandle);
        var typeDecls = new StringBuilder();
        var innerTypes = new StringBuilder();
        var withTypes = new StringBuilder();
        foreach (var t in compound)
        {
            typeDecls.Append($"  (type $t{t.Id}' {t.Declaration()})\n  (export $t{t.Id} \"t{t.Id}\" (type $t{t.Id}'))\n");
            innerTypes.Append($"    (type $t{t.Id}' {t.Declaration()})\n    (import \"t{t.Id}\" (type $t{t.Id} (eq $t{t.Id}')))\n");
            withTypes.Append($" (with \"t{t.Id}\" (type $t{t.Id}))");
        }

        // Both sides hash their parameters the same way (flat or through the parameter tuple in memory).
        string HashParams(HashWalker w)
        {
            if (ps.Length == 0) return "";
            if (paramsInMemory)
            {
                var sb = new StringBuilder();
                for (int i = 0; i < ps.Length; i++) sb.Append(w.Mem(ps[i], $"(i32.add (local.get 0) (i32.const {paramTuple.Offsets[i]}))")).Append('\n');
                return sb.ToString();
            }
            var locals = Enumerable.Range(0, flatParams.Count).ToArray();
            var code = new StringBuilder();
            int pos = 0;
            foreach (var p in ps) { code.Append(w.Flat(p, locals, flatParams, pos)).Append('\n'); pos += p.Flat.Count; }
            return code.ToString();
        }

        // Callee.
        var cw = new HashWalker(calleeEnc, handles: true) { KeepBorrows = keepBorrows };
        foreach (var p in ps) cw.Prepare(p);
        string calleeParamsHash = HashParams(cw);
        string answerCode = flatResults switch
        {
            0 => "",
            1 => result!.Flat[0] switch
            {
                CoreType.I32 => $"(i32.const {unchecked((int)(uint)AbiImage.FlatSingle(result, answer!))})",
                CoreType.I64 => $"(i64.const {unchecked((long)AbiImage.FlatSingle(result, answer!))})",
                CoreType.F32 => $"(f32.reinterpret_i32 (i32.const {unchecked((int)(uint)AbiImage.FlatSingle(result, answer!))}))",
                _ => $"(f64.reinterpret_i64 (i64.const {unchecked((long)AbiImage.FlatSingle(result, answer!))}))",
            },
            _ => $"(i32.const {DataBase})",
        };
        int calleeHeap = CType.AlignTo(image?.End ?? DataBase, 16) + 16;
        string calleeData = image is null ? "" : $"  (data (i32.const {DataBase}) \"{Hex(image.Bytes)}\")\n";
        string calleeCore = $$"""
            (core module $m
              (import "libc" "mem" (memory 1))
            {{(handles ? "  (import \"res\" \"rep\" (func $rep (param i32) (result i32)))\n  (import \"res\" \"drop\" (func $drop (param i32)))" : "")}}
              (func (export "f"){{Params(coreParams)}}{{Results(liftResults)}}
            {{calleeParamsHash}}
                {{answerCode}})
              (func (export "post"){{Params(liftResults)}} (call $mix (i64.const 0x5050)))
              (func (export "hash") (result i64) (global.get $h))
            {{cw.Functions}}
            {{calleeData}})
            """;

        // Caller.
        var rw = new HashWalker(callerEnc);
        foreach (var p in ps) rw.Prepare(p);
        if (result is not null) rw.Prepare(result);
        string callerParamsHash = HashParams(rw);
        int retArea = DataBase;
        // The host passes a u32 where f takes a handle: the caller makes a resource of it (the owner's new) and
        // passes the handle; it keeps (and drops after the call) what it only lends.
        var convert = new StringBuilder();
        var drops = new StringBuilder();
        for (int i = 0, slot = 0; i < ps.Length; slot += ps[i].Flat.Count, i++)
        {
            if (!ps[i].IsHandle) continue;
            string at = paramsInMemory ? (paramTuple.Offsets[i] == 0 ? "" : $" offset={paramTuple.Offsets[i]}") : "";
            convert.Append(paramsInMemory
                ? $"(i32.store{at} (local.get 0) (call $new (i32.load{at} (local.get 0))))\n"
                : $"(local.set {slot} (call $new (local.get {slot})))\n");
            convert.Append(paramsInMemory ? $"(call $mix (i64.load32_u{at} (local.get 0)))\n" : $"(call $mix (i64.extend_i32_u (local.get {slot})))\n");
            if (ps[i].Kind == CKind.Borrow)
                drops.Append(paramsInMemory ? $"(call $drop (i32.load{at} (local.get 0)))\n" : $"(call $drop (local.get {slot}))\n");
        }
        string forward = string.Concat(Enumerable.Range(0, coreParams.Count).Select(i => $" (local.get {i})"));
        string callAndHash = flatResults switch
        {
            0 => $"(call $f{forward})\n(call $endmark)\n{drops}",
            1 => $"(local.set $r (call $f{forward}))\n(call $endmark)\n{drops}{rw.Flat(result!, [coreParams.Count], result!.Flat, 0)}\n(local.get $r)",
            _ => $"(call $f{forward} (i32.const {retArea}))\n(call $endmark)\n{drops}{rw.Mem(result!, $"(i32.const {retArea})")}\n(i32.const {retArea})",
        };
        string rLocal = flatResults == 1 ? $" (local $r {CoreName(result!.Flat[0])})" : "";
        int callerHeap = CType.AlignTo(retArea + (result?.Size ?? 0), 16) + 16;
        string callerCore = $$"""
            (core module $m
              (import "libc" "mem" (memory 1))
              (import "host" "f" (func $f{{Params(lowerParams)}}{{Results(lowerResults)}}))
              (import "libc" "mark" (func $mark))
              (import "libc" "endmark" (func $endmark))
            {{(handles ? "  (import \"res\" \"new\" (func $new (param i32) (result i32)))\n  (import \"res\" \"drop\" (func $drop (param i32)))" : "")}}
              (func (export "run"){{Params(coreParams)}}{{Results(liftResults)}}{{rLocal}}
                (call $mark)
            {{callerParamsHash}}
                {{convert}}
                {{paramCorrupt?.Code ?? ""}}
                {{callAndHash}})
              (func (export "post"){{Params(liftResults)}} (call $mix (i64.const 0x6060)))
              (func (export "hash") (result i64) (global.get $h))
            {{rw.Functions}})
            """;

        string postOpt = result is null ? "" : " (post-return (core func $i \"post\"))";
        string Side(string name, StringEncoding enc, int heap, string core, string body, string resourceImports) => $$"""
              (component ${{name}}
            {{(handles ? resourceImports : "")}}{{innerTypes}}    (type $sig {{sig}})
                (type $runsig {{runSig}})
            {{body.Replace("$$CORE$$", core)}}
                (func $hash (result u64) (canon lift (core func $i "hash")))
                (export "hash" (func $hash))
                (func $ahash (result u64) (canon lift (core func $libc "ahash")))
                (export "ahash" (func $ahash))
                (func $hahash (result u64) (canon lift (core func $libc "hahash")))
                (export "hahash" (func $hahash))
              )
            """.Replace("$$LIBC$$", Libc(heap)).Replace("$$ENC$$", enc.Text()).Replace("$$POST$$", postOpt);

        string callee = Side("Callee", calleeEnc, calleeHeap, calleeCore, """
                $$LIBC$$
                (core instance $libc (instantiate $libc))
                $$RESCALLEE$$
                $$CORE$$
                (core instance $i (instantiate $m (with "libc" (instance $libc)) $$WITHRES$$))
                (func $f (type $sig) (canon lift (core func $i "f") (memory (core memory $libc "mem"))
                  (realloc (core func $libc "realloc")) string-encoding=$$ENC$$$$POST$$))
                (export "f" (func $f))
            """.Replace("$$RESCALLEE$$", handles ? "(core func $rep (canon lower (func $rep)))\n    (core func $drop (canon resource.drop $r))" : "")
               .Replace("$$WITHRES$$", handles ? "(with \"res\" (instance (export \"rep\" (func $rep)) (export \"drop\" (func $drop))))" : ""),
            "    (import \"r\" (type $r (sub resource)))\n    (import \"rep\" (func $rep (param \"h\" (borrow $r)) (result u32)))\n");
        string caller = Side("Caller", callerEnc, callerHeap, callerCore, """
                (import "f" (func $f (type $sig)))
                $$LIBC$$
                (core instance $libc (instantiate $libc))
                (core func $lf (canon lower (func $f) (memory (core memory $libc "mem"))
                  (realloc (core func $libc "realloc")) string-encoding=$$ENC$$))
                $$RESCALLER$$
                $$CORE$$
                (core instance $i (instantiate $m (with "libc" (instance $libc)) (with "host" (instance (export "f" (func $lf)))) $$WITHRES$$))
                (func $run (type $runsig) (canon lift (core func $i "run") (memory (core memory $libc "mem"))
                  (realloc (core func $libc "realloc")) string-encoding=$$ENC$$$$POST$$))
                (export "run" (func $run))
            """.Replace("$$RESCALLER$$", handles ? "(core func $new (canon lower (func $new)))\n    (core func $drop (canon resource.drop $r))" : "")
               .Replace("$$WITHRES$$", handles ? "(with \"res\" (instance (export \"new\" (func $new)) (export \"drop\" (func $drop))))" : ""),
            "    (import \"r\" (type $r (sub resource)))\n    (import \"new\" (func $new (param \"rep\" u32) (result (own $r))))\n");

        string owner = handles ? Owner : "";
        string withCallee = handles ? " (with \"r\" (type $r)) (with \"rep\" (func $owner \"rep\"))" : "";
        string withCaller = handles ? " (with \"r\" (type $r)) (with \"new\" (func $owner \"new\"))" : "";
        return $$"""
            (component
            {{owner}}{{typeDecls}}{{callee}}{{caller}}
              (instance $callee (instantiate $Callee{{withTypes}}{{withCallee}}))
              (instance $caller (instantiate $Caller{{withTypes}}{{withCaller}} (with "f" (func $callee "f"))))
              (export "run" (func $caller "run"))
              (export "caller-hash" (func $caller "hash"))
              (export "caller-ahash" (func $caller "ahash"))
              (export "callee-hash" (func $callee "hash"))
              (export "callee-ahash" (func $callee "ahash"))
              (export "host-ahash" (func $caller "hahash"))
            )

            """;
    }

    /// <summary>The component that defines the resource both sides pass handles of: <c>new</c> makes one from a
    /// rep, <c>rep</c> reads it back (the callee hashes reps, never handle indices): a borrow lifted into the
    /// component that defines its resource arrives as the rep itself.</summary>
    private const string Owner = """
          (component $Owner
            (type $r (resource (rep i32)))
            (export $r' "r" (type $r))
            (core func $new (canon resource.new $r))
            (core module $m
              (import "" "new" (func $new (param i32) (result i32)))
              (func (export "new") (param i32) (result i32) (call $new (local.get 0)))
              (func (export "rep") (param i32) (result i32) (local.get 0)))
            (core instance $i (instantiate $m (with "" (instance (export "new" (func $new))))))
            (func (export "new") (param "rep" u32) (result (own $r')) (canon lift (core func $i "new")))
            (func (export "rep") (param "h" (borrow $r')) (result u32) (canon lift (core func $i "rep"))))
          (instance $owner (instantiate $Owner))
          (alias export $owner "r" (type $r))

        """;

    /// <summary>The bump allocator of one side: hashes each request's (old size, alignment, new size) — what the
    /// canonical ABI fixes — never its pointers, copies on reallocation, and traps on an absurd request.</summary>
    private static string Libc(int heap) => $$"""
        (core module $libc
              (memory (export "mem") 1)
              (global $bump (mut i32) (i32.const {{heap}}))
              (global $ah (mut i64) (i64.const 0))
              (func $mix (param $x i64)
                (global.set $ah (i64.mul (i64.xor (i64.rotl (global.get $ah) (i64.const 23)) (local.get $x)) (i64.const 0x100000001b3))))
              (func (export "realloc") (param $old i32) (param $oldsize i32) (param $align i32) (param $size i32) (result i32) (local $p i32)
                (call $mix (i64.extend_i32_u (local.get $oldsize)))
                (call $mix (i64.extend_i32_u (local.get $align)))
                (call $mix (i64.extend_i32_u (local.get $size)))
                (if (i32.gt_u (local.get $size) (i32.const 0x1000000)) (then unreachable))
                (local.set $p (i32.and (i32.add (global.get $bump) (i32.sub (local.get $align) (i32.const 1)))
                                       (i32.sub (i32.const 0) (local.get $align))))
                (global.set $bump (i32.add (local.get $p) (local.get $size)))
                (if (i32.gt_u (global.get $bump) (i32.shl (memory.size) (i32.const 16)))
                  (then (if (i32.eq (memory.grow (i32.sub (i32.shr_u (i32.add (global.get $bump) (i32.const 0xffff)) (i32.const 16)) (memory.size)))
                                    (i32.const -1)) (then unreachable))))
                (if (local.get $old) (then (memory.copy (local.get $p) (local.get $old)
                  (select (local.get $oldsize) (local.get $size) (i32.lt_u (local.get $oldsize) (local.get $size))))))
                (local.get $p))
              ;; The caller's run calls mark first and endmark after its call: what the host's lowering of this call's
              ;; arguments requested ($hh) is kept apart from what the adapter requested for its results ($rh).
              ;; ahash answers $ah ^ $rh: the callee never marks ($rh = 0), the caller has reset $ah at endmark.
              (global $hh (mut i64) (i64.const 0))
              (global $rh (mut i64) (i64.const 0))
              (func (export "mark") (global.set $hh (global.get $ah)) (global.set $ah (i64.const 0)))
              (func (export "endmark") (global.set $rh (global.get $ah)) (global.set $ah (i64.const 0)))
              (func (export "hahash") (result i64) (global.get $hh))
              (func (export "ahash") (result i64) (i64.xor (global.get $ah) (global.get $rh))))
        """;
}
